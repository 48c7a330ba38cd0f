import Foundation
import Manifest
import PlanRendering
import TestSupport
import Testing

@testable import Reconciler

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
        // Each step is an object of one call, whose arguments are the call's keys.
        let calls = try #require((defs["step"] as? [String: Any])?["oneOf"] as? [[String: Any]])
        var described: [String: Set<String>] = [:]
        for call in calls {
            for (name, arguments) in call["properties"] as? [String: Any] ?? [:] {
                described[name] = Self.properties(arguments)
            }
        }
        #expect(Set(described.keys) == Self.keys(Step.CodingKeys.self))
        for (name, arguments) in Step.argumentKeys {
            #expect(described[name] == Set(arguments), "the arguments of \(name)")
        }
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

    @Test func thePlansStepsAndActionsAreAllCovered() {
        let plans = Self.plans
        let types = Set(plans.flatMap(\.actions).map(\.type))
        #expect(
            types == Set(PlanAction.ActionType.allCases),
            "missing: \(Set(PlanAction.ActionType.allCases).subtracting(types))")
        let steps = Set(plans.flatMap(\.actions).flatMap(\.steps).map { "\($0)".prefix { $0 != "(" } })
        #expect(
            steps == Set(Step.CodingKeys.allCases.map { Substring($0.stringValue) }),
            "missing: \(Set(Step.CodingKeys.allCases.map { Substring($0.stringValue) }).subtracting(steps))")
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
