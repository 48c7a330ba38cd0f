import Foundation
import Manifest
import PlanRendering
import TestSupport
import Testing

@testable import Reconciler

extension Step {
    /// The call's key in the plan's JSON: the case's name (every case has arguments, so the
    /// mirror has one child, labelled with the case).
    var name: String { Mirror(reflecting: call).children.first?.label ?? "\(call)" }
}

/// The plan's JSON is a promise to policy tools: `schemas/plan-v1.schema.json` names every key the
/// code writes (and no other), and real plans of every action and step validate against it with an
/// independent validator, Python's jsonschema.
@Suite struct PlanSchemaTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schemas/plan-v1.schema.json")

    static func schema() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    }

    static func properties(_ object: Any?) -> Set<String> {
        Set(((object as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    static func keys<K: CodingKey & CaseIterable>(_: K.Type) -> Set<String> { Set(K.allCases.map(\.stringValue)) }

    @Test func theSchemaNamesEveryKeyTheCodeWritesAndNoOther() throws {
        let schema = try Self.schema()
        let top = schema["properties"] as? [String: Any]
        let defs = try #require(schema["$defs"] as? [String: Any])
        #expect(Self.properties(schema) == Self.keys(Plan.CodingKeys.self).union(["applicable", "refusals"]))
        #expect(Self.properties(top?["options"]) == Self.keys(PlanOptions.CodingKeys.self))
        #expect(Self.properties(top?["target"]) == Self.keys(PlanTarget.CodingKeys.self))
        #expect(Self.properties(top?["stackSource"]) == Self.keys(StackSource.CodingKeys.self))
        #expect(
            Self.properties((top?["manifestFiles"] as? [String: Any])?["items"])
                == Self.keys(ManifestFileDigest.CodingKeys.self))
        #expect(Self.properties(defs["action"]) == Self.keys(PlanAction.CodingKeys.self))
        #expect(Self.properties(defs["change"]) == Self.keys(FieldChange.CodingKeys.self))
        let fields = (defs["action"] as? [String: Any])?["properties"] as? [String: Any] ?? [:]
        #expect(
            Set((fields["kind"] as? [String: Any])?["enum"] as? [String] ?? [])
                == Set(PlanAction.Kind.allCases.map(\.rawValue)))
        #expect(
            Set((fields["type"] as? [String: Any])?["enum"] as? [String] ?? [])
                == Set(PlanAction.ActionType.allCases.map(\.rawValue)))
        let origin =
            ((top?["stackSource"] as? [String: Any])?["properties"] as? [String: Any])?["origin"]
            as? [String: Any]
        #expect(
            Set(origin?["enum"] as? [String] ?? [])
                == Set(StackSource.Origin.allCases.map(\.rawValue)))
    }

    /// The schema's steps are generated from the kinds' step types (`Step.schema`), and its kinds
    /// from the kind enum: the file must hold them as generated, in that order. After a change to
    /// a step type, `UPDATE_SCHEMA=1 swift test --filter PlanSchemaTests` rewrites those two parts
    /// of the file (Python's `json`, two-space indent, the rest untouched); review the diff.
    @Test func theStepsAndKindsInTheSchemaAreTheGeneratedOnes() throws {
        let input = try JSONSerialization.data(withJSONObject: [
            "path": Self.file.path, "step": Step.schema.text, "kinds": PlanAction.Kind.allCases.map(\.rawValue),
            "update": ProcessInfo.processInfo.environment["UPDATE_SCHEMA"] == "1",
        ])
        let script = """
            import json, sys, difflib
            data = json.load(sys.stdin)
            text = open(data["path"], encoding="utf-8").read()
            schema = json.loads(text)
            schema["$defs"]["step"] = json.loads(data["step"])
            schema["$defs"]["action"]["properties"]["kind"]["enum"] = data["kinds"]
            expected = json.dumps(schema, indent=2, ensure_ascii=False) + "\\n"
            if expected != text:
                if data["update"]:
                    open(data["path"], "w", encoding="utf-8").write(expected)
                else:
                    diff = difflib.unified_diff(
                        text.splitlines(), expected.splitlines(), "shipped", "generated", lineterm="", n=2)
                    print("\\n".join(list(diff)[:80]))
            """
        let out = String(decoding: try Python.run(script, input: input), as: UTF8.self)
        #expect(
            out.isEmpty,
            """
            schemas/plan-v1.schema.json is not what the step types generate; if the change is intended, run
            UPDATE_SCHEMA=1 swift test --filter PlanSchemaTests and review the diff:
            \(out)
            """)
    }

    /// Each call has one step type; every step type's kind is its unit's.
    @Test func everyCallHasOneStepTypeAndEachKindsStepsAreItsOwn() {
        let calls = Step.types.flatMap { type in type.calls.map(\.name) }
        #expect(calls.count == Set(calls).count, "a call named twice: \(calls)")
        for kind in PlanAction.Kind.allCases {
            #expect(kind.unit.steps.kind == kind, "\(kind)")
        }
        #expect(TagStep.kind == nil)
    }

    /// A saved plan's step is read by the step type that has its call; one that names no call,
    /// or two, is refused saying so, not with the decoder's generic complaint.
    @Test func aSavedStepOfNoKnownCallOrOfTwoCallsIsRefusedNamingIt() throws {
        func error(_ json: String) -> String {
            do {
                let step = try JSONDecoder().decode(Step.self, from: Data(json.utf8))
                return "decoded \(step)"
            } catch { return "\(error)" }
        }
        #expect(
            error(#"{"frobnicate": {"target": "x"}}"#)
                .contains(#"a step names no call (its members: ["frobnicate"]); the calls are"#))
        #expect(error(#"{"frobnicate": {}}"#).contains("createDeployment, createImportJob, createInferenceProfile"))
        #expect(
            error(#"{"tag": {"arn": "a", "tags": {}}, "untag": {"arn": "a", "keys": []}}"#)
                .contains(#"a step is one call; this one names 2 (["tag", "untag"])"#))
        #expect(error(#"{}"#).contains("a step names no call (its members: [])"))
        // A member that names no call is ignored beside one that does, as before steps had types.
        #expect(
            error(#"{"deleteThroughput": {"target": "arn:t"}, "note": "x"}"#)
                == "decoded deleteThroughput(target: \"arn:t\")")
        let delete = try JSONDecoder().decode(Step.self, from: Data(#"{"deleteDeployment": {"target": "arn:x"}}"#.utf8))
        #expect(
            delete == Step(DeploymentStep.deleteDeployment(target: "arn:x")) && delete.kind == .customModelDeployment)
    }

    /// Plans that between them hold every action type and every step.
    static var plans: [Plan] {
        let mixed = GoldenPlanTests.mixed
        let partial = mixed.restricted(to: ["ProvisionedThroughput/new", "ProvisionedThroughput/steady"])
        let imports = PlannerTests.plan(
            [
                ImportPlannerTests.job(), ImportPlannerTests.job("other", model: "other-ft", uri: "s3://b/v2/"),
                ImportPlannerTests.job("fresh", model: "fresh-ft"),
            ],
            jobs: [ImportPlannerTests.liveJob("llama", status: .inProgress)],
            models: [ImportPlannerTests.liveModel("other-ft", owner: "other")],
            options: PlanOptions(allowReplace: true))
        let destroy = PlannerTests.plan(
            [], [PlannerTests.live("gone", id: "dddddddddddd")], models: [ImportPlannerTests.liveModel()],
            options: PlanOptions(destroy: true))
        return [mixed, partial, imports, destroy, DeploymentAndProfileTests.namedPlan]
    }

    @Test func thePlansStepsAndActionsAreAllCovered() throws {
        let plans = Self.plans
        let types = Set(plans.flatMap(\.actions).map(\.type))
        #expect(
            types == Set(PlanAction.ActionType.allCases),
            "missing: \(Set(PlanAction.ActionType.allCases).subtracting(types))")
        let steps = plans.flatMap(\.actions).flatMap(\.steps)
        let calls = Set(Step.types.flatMap { type in type.calls.map(\.name) })
        #expect(Set(steps.map(\.name)) == calls, "missing: \(calls.subtracting(steps.map(\.name)))")
        // A step's name is its call's key in the JSON, and the step reads back as itself.
        for step in steps {
            let json = try #require(
                try JSONSerialization.jsonObject(with: JSONEncoder().encode(step)) as? [String: Any])
            #expect(Array(json.keys) == [step.name])
            #expect(try JSONDecoder().decode(Step.self, from: JSONEncoder().encode(step)) == step)
        }
    }

    @Test func realPlansValidateWithPythonsJsonschemaAndAStrayKeyDoesNot() throws {
        let plans = Self.plans.map { String(decoding: JSONRenderer.encode($0), as: UTF8.self) }
        var stray = try #require(
            try JSONSerialization.jsonObject(with: JSONRenderer.encode(GoldenPlanTests.mixed)) as? [String: Any])
        stray["approvedBy"] = "someone"
        let input = try JSONSerialization.data(withJSONObject: [
            "schema": try Self.schema(), "plans": plans,
            "stray": String(decoding: try JSONSerialization.data(withJSONObject: stray), as: UTF8.self),
        ])
        let script = """
            import json, sys, jsonschema
            data = json.load(sys.stdin)
            jsonschema.Draft202012Validator.check_schema(data["schema"])
            validator = jsonschema.Draft202012Validator(data["schema"])
            for index, text in enumerate(data["plans"]):
                for error in validator.iter_errors(json.loads(text)):
                    print("plan %d: %s at %s" % (index, error.message, list(error.absolute_path)))
            if not list(validator.iter_errors(json.loads(data["stray"]))):
                print("a plan with a stray key validated")
            """
        let out = String(decoding: try Python.run(script, input: input, requiring: ["jsonschema"]), as: UTF8.self)
        #expect(out.isEmpty, "\(out)")
    }
}
