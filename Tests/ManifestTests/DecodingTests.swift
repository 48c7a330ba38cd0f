import BedrockConstraints
import Foundation
import Manifest
import Testing
import YAML

@Suite struct DecodingTests {
    @Test func theExamplesDecodeToTheirValues() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let inputs = try ManifestFiles.collect(
            [root.appendingPathComponent("examples").path], readStandardInput: { _ in [] })
        let set = ManifestLoader.load(inputs)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(set.provisionedThroughputs.map(\.name) == ["support-bot", "search-embeddings", "triage-classifier"])
        let bot = set.provisionedThroughputs[0]
        #expect(bot.provisionedModelName == "support-bot-prod")
        #expect(bot.commitmentDuration == .oneMonth)
        #expect(bot.tags == ["team": "support", "env": "prod", "cost-center": "4410"])
        #expect(set.provisionedThroughputs[1].provisionedModelName == "search-embeddings")
        #expect(set.provisionedThroughputs[1].commitmentDuration == nil)
        #expect(set.provisionedThroughputs[1].replacement == .createBeforeDestroy)
        #expect(bot.replacement == .destroyBeforeCreate, "the default")
        let job = try #require(set.modelImportJobs.first)
        #expect(job.name == "llama-ft-import")
        #expect(job.s3Uri == "s3://acme-models/llama-ft/")
        #expect(job.importedModelKmsKeyId == "alias/models")
        #expect(job.vpcConfig == .init(subnetIds: ["subnet-0abc1234"], securityGroupIds: ["sg-0abc1234"]))
        #expect(job.importedModelTags == ["team": "ml", "env": "prod"])
    }

    @Test func anUnknownReplacementStrategyNamesTheFieldAndTheChoices() {
        let set = Fixtures.load(Fixtures.throughput(spec: ["replacement: CreateBeforeDestory"]))
        #expect(set.hasErrors)
        let message = set.diagnostics.first { $0.severity == .error }?.message ?? ""
        #expect(
            message.contains(
                "spec.replacement: \"CreateBeforeDestory\" is not a replacement strategy; did you mean "
                    + "'CreateBeforeDestroy'?"
            ),
            "\(message)")
        #expect(message.contains("(DestroyBeforeCreate or CreateBeforeDestroy)"))
    }

    @Test func tagValuesAreTheirTextExactlyAsWritten() {
        let set = Fixtures.load(
            Fixtures.throughput(spec: ["tags: {cost-center: 1234, code: 007, flag: true, big: 1e3}"]))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(
            set.provisionedThroughputs.first?.tags == [
                "cost-center": "1234", "code": "007", "flag": "true", "big": "1e3",
            ])
    }

    @Test func emptyDocumentsAreSkipped() {
        let set = Fixtures.load("---\n" + Fixtures.throughput() + "---\n---\n")
        #expect(set.diagnostics.isEmpty)
        #expect(set.resources.count == 1)
    }

    @Test func anchorsAndMergeKeysShareTagsAcrossDocuments() {
        let text = """
            apiVersion: bedrockctl/v1
            kind: ProvisionedThroughput
            metadata: {name: a}
            spec:
              modelId: amazon.titan-text-express-v1:0:8k
              modelUnits: 1
              tags: &common {team: ml}
            """
        let set = Fixtures.load(text)
        #expect(set.provisionedThroughputs.first?.tags == ["team": "ml"])
    }

    @Test func everyProblemInEveryDocumentIsReported() {
        let text =
            Fixtures.throughput(name: "a", units: "0") + "---\n"
            + Fixtures.throughput(name: "b", modelId: "not a model")
        #expect(
            Fixtures.messages(Fixtures.load(text)) == [
                "m.yaml:7:15: error: spec.modelUnits: must be at least 1, got 0",
                "m.yaml:14:12: error: spec.modelId: \"not a model\" is not valid: expected a foundation model id "
                    + "(provider.model-v1:0), a custom model name, or a foundation-model or custom-model ARN "
                    + "(ModelIdentifier)",
            ])
    }
}

@Suite struct StackDeclarationTests {
    static let stack = "apiVersion: bedrockctl/v1\nkind: Stack\nmetadata: {name: ml-platform}\n"

    @Test func aStackDocumentNamesTheStack() {
        let set = Fixtures.load(Self.stack + "---\n" + Fixtures.throughput())
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(set.stack?.name == "ml-platform")
        #expect(set.resources.count == 1)
    }

    @Test func aStacksBudgetAndPricingAreReadAndEachMistakeNamedWhereItIs() {
        let spec = """
            spec:
              budget: {monthly: 50000, commitments: 12500.75}
              pricing:
                - {modelId: amazon.nova-2-lite-v1:0, commitmentDuration: OneMonth, perModelUnitHour: 49.50}
                - {modelId: amazon.nova-2-lite-v1:0, perModelUnitHour: "52"}

            """
        let set = Fixtures.load(Self.stack + spec)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        let policy = set.stack?.costPolicy
        #expect(policy?.monthly?.amount == 50000 && policy?.monthly?.source == "spec.budget.monthly at m.yaml:5:21")
        #expect(policy?.commitments?.amount == Decimal(string: "12500.75"))
        #expect(policy?.pricing.map(\.perModelUnitHour) == [Decimal(string: "49.50")!, 52])
        #expect(policy?.pricing.map(\.commitmentDuration) == [.oneMonth, nil])
        let bad = """
            spec:
              budget: {monthly: 0, commitment: 5}
              pricing:
                - {modelId: anthropic.claude-9, commitmentDuration: OneYear, perModelUnitHour: 1e3}

            """
        #expect(
            Fixtures.messages(Fixtures.load(Self.stack + bad)) == [
                "m.yaml:5:21: error: spec.budget.monthly: expected an amount of US dollars above 0 and at most "
                    + "1000000000, written as a number (such as 1500 or 49.50), got integer 0",
                "m.yaml:5:24: error: spec.budget: unknown field 'commitment'; did you mean 'commitments'?",
                "m.yaml:7:17: error: spec.pricing[0].modelId: \"anthropic.claude-9\" is not a foundation model "
                    + "bedrockctl knows; a negotiated price names the foundation model (custom models built on it "
                    + "take its price)",
                "m.yaml:7:57: error: spec.pricing[0].commitmentDuration: \"OneYear\" is not a commitment duration; "
                    + "expected one of: OneMonth, SixMonths (omit the field for no commitment)",
                "m.yaml:7:84: error: spec.pricing[0].perModelUnitHour: expected an amount of US dollars above 0 and "
                    + "at most 1000000000, written as a number (such as 1500 or 49.50), got string \"1e3\"",
            ])
        #expect(Fixtures.load(Self.stack + bad).stack == nil, "a Stack with an error names no stack")
    }

    @Test func stackRules() {
        #expect(
            Fixtures.messages(Fixtures.load(Self.stack + "spec: {x: 1}\n")) == [
                "m.yaml:4:8: error: spec: unknown field 'x'; expected one of: budget, pricing"
            ])
        #expect(
            Fixtures.messages(Fixtures.load(Self.stack.replacingOccurrences(of: "ml-platform", with: "ml platform")))
                == [
                    "m.yaml:3:18: error: metadata.name: \"ml platform\" is not valid: expected letters, digits "
                        + "and '-', pattern [-0-9a-zA-Z]+ (StackName)"
                ])
        #expect(
            Fixtures.messages(
                Fixtures.load(Self.stack + "---\n" + Self.stack.replacingOccurrences(of: "ml-platform", with: "other")))
                == [
                    "m.yaml:5:1: error: metadata.name: the manifests already name stack \"ml-platform\" at "
                        + "m.yaml:1:1; a set of manifests belongs to one stack"
                ])
        #expect(
            Fixtures.messages(Fixtures.load(Self.stack.replacingOccurrences(of: "kind: Stack", with: "kind: Stak")))
                == [
                    "m.yaml:1:1: error: document: missing required field 'spec'",
                    "m.yaml:2:7: error: kind: unknown kind \"Stak\"; did you mean 'Stack'?",
                ])
    }
}
