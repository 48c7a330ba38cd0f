import AWSClient
import BedrockConstraints
import Manifest
import YAML

/// `kind: InferenceProfile`: an application inference profile is immutable but for its tags, so
/// a change of name, source or description replaces it (and its ARN, which callers invoke).
///
/// Bedrock does not return `modelSource.copyFrom`, only the models it became, so the source is
/// compared through them: a foundation model's profile routes to that one model in the region;
/// a system-defined profile's (`us.anthropic…`) routes to the model its id names without the
/// geography prefix, in several regions of that geography.
enum InferenceProfileKind: NamedReconcilerKind {
    typealias Spec = InferenceProfileSpec
    typealias Live = LiveState.InferenceProfile
    typealias Call = InferenceProfileStep

    static var taggingTypes: [String] { ["bedrock:application-inference-profile"] }
    static var noun: String { "inference profile" }
    static func live(in state: LiveState) -> [Live] { state.inferenceProfiles }
    static func tags(of spec: Spec) -> [String: String] { spec.tags }

    static func fields(of spec: Spec, live: Live?) -> [FieldDiff] {
        [
            FieldDiff(
                field: "inferenceProfileName", before: live?.name, after: spec.inferenceProfileName, inPlace: false),
            FieldDiff(
                field: "modelSource.copyFrom", before: live.map { liveSource($0, wanted: spec.copyFrom) },
                after: spec.copyFrom, inPlace: false),
            FieldDiff(field: "description", before: live?.description, after: spec.description, inPlace: false),
        ]
    }

    /// The live profile's source, as the manifest would write it: `wanted` when the profile's
    /// models are what `wanted` gives, otherwise the models themselves.
    static func liveSource(_ live: Live, wanted: String) -> String {
        let models = live.models.compactMap { BedrockARN($0)?.foundationModelId }
        let shown = live.models.count == 1 ? live.models[0] : live.models.joined(separator: ", ")
        guard let source = BedrockARN(wanted), !models.isEmpty else { return shown }
        switch source.type {
        case .foundationModel:
            return live.models.count == 1 && models[0] == source.foundationModelId ? wanted : shown
        case .inferenceProfile:
            // `us.anthropic.claude-3-haiku-20240307-v1:0` routes to anthropic.claude-3-haiku-20240307-v1:0
            // in US regions.
            let parts = source.resource.split(separator: ".", maxSplits: 1)
            let model = parts.count == 2 ? String(parts[1]) : source.resource
            let regions = live.models.compactMap { BedrockARN($0)?.region }
            let inGeography = parts.count == 2 ? regionsMatch(geography: String(parts[0]), regions) : true
            return live.models.count > 1 && models.allSatisfy({ $0 == model }) && inGeography ? wanted : shown
        default:
            return shown
        }
    }

    /// The region prefixes of each geography a system-defined profile's id starts with.
    static let geographies: [String: [String]] = [
        "us": ["us-east-", "us-west-"], "us-gov": ["us-gov-"], "eu": ["eu-"], "apac": ["ap-"], "ca": ["ca-"],
        "jp": ["ap-northeast-"], "au": ["ap-southeast-"],
    ]

    /// Whether every region is in the geography; true for a geography this table does not know.
    static func regionsMatch(geography: String, _ regions: [String]) -> Bool {
        guard let prefixes = geographies[geography] else { return true }
        return regions.allSatisfy { region in prefixes.contains { region.hasPrefix($0) } }
    }

    static func tokenSpec(_ spec: Spec) -> String {
        "\(spec.inferenceProfileName)|\(spec.copyFrom)|\(spec.description ?? "-")"
    }

    static func createSteps(_ spec: Spec, tags: [String: String], token: String) -> [Call] {
        [
            .createInferenceProfile(
                name: spec.inferenceProfileName, copyFrom: spec.copyFrom, description: spec.description, tags: tags,
                token: token)
        ]
    }

    static func updateSteps(_ spec: Spec, live: Live) -> [Call] { [] }
    static func deleteSteps(_ live: Live) -> [Call] { [.deleteInferenceProfile(target: live.arn)] }
    static func failure(of live: Live) -> String? { nil }
    static func pending(_ live: Live) -> (status: String, steps: [Call])? { nil }

    /// The application profiles only: system-defined ones are AWS's.
    static func list(_ client: BedrockClient, wanted: Set<String>) async throws -> KindListing {
        let listed = try await client.listInferenceProfiles(
            type: .application, maxResults: LiveStateReader.pageSize
        ).collect()
        return KindListing(
            resources: listed.map {
                ($0.inferenceProfileArn, wanted.contains($0.inferenceProfileName))
            }
        ) { state, read in
            state.inferenceProfiles = listed.filter { read.here($0.inferenceProfileArn) }.map { s in
                LiveState.InferenceProfile(
                    arn: s.inferenceProfileArn, name: s.inferenceProfileName, id: s.inferenceProfileId,
                    description: s.description, models: s.models.compactMap(\.modelArn), creationTime: s.createdAt,
                    tags: read.tags(s.inferenceProfileArn))
            }
        }
    }

    static var getKinds: [String] { ["inference-profiles"] }

    static func rows(_ live: LiveState) -> [(getKind: String, row: LiveRow)] {
        live.inferenceProfiles.map { p in
            let models = Array(Set(p.models.map(LiveRow.shortModel))).sorted()
            let model =
                p.models.count == 1 ? models.joined() : "\(models.joined(separator: ", ")) (\(p.models.count) regions)"
            return (
                "inference-profiles",
                LiveRow(kind: kind.rawValue, name: p.name, status: "ACTIVE", model: model, tags: p.tags, arn: p.arn)
            )
        }
    }

    static var digestPrefix: String { "IP" }

    /// Found by its name: GetInferenceProfile takes an id or ARN, not a name.
    static func invocable(
        _ resource: ManifestResource, bedrock: BedrockClient
    ) async throws -> Result<String, SmokeTestRunner.NotReady> {
        guard let spec = spec(of: resource) else { return .failure(.init(message: "not an inference profile")) }
        for try await profile in bedrock.listInferenceProfiles(type: .application)
        where profile.inferenceProfileName == spec.inferenceProfileName {
            return .success(profile.inferenceProfileArn)
        }
        return .failure(.init(message: "no application inference profile is named \(spec.inferenceProfileName)"))
    }

    static let liveRecords: [any LiveRecord.Type] = [LiveState.InferenceProfile.self]

    static func countQuotas(_ live: LiveState) -> [QuotaCheck.CountUse] {
        [.init(quota: .quota(.inferenceProfiles), inUse: live.inferenceProfiles.count)]
    }

    static func export(
        _ live: LiveState, wanted: @Sendable ([String: String]) -> Bool, with export: Export
    ) async throws -> (documents: [YAMLValue], warnings: [String]) {
        let profiles = live.inferenceProfiles.filter { wanted($0.tags) }.sorted { $0.name < $1.name }
        let system =
            profiles.contains { $0.models.count > 1 }
            ? try await export.client.listInferenceProfiles(type: .systemDefined).collect() : []
        var documents: [YAMLValue] = []
        var warnings: [String] = []
        for profile in profiles {
            if let source = Export.copyFrom(profile, system: system) {
                documents.append(Export.inferenceProfileDocument(profile, copyFrom: source))
            } else {
                warnings.append(
                    "InferenceProfile \(profile.name) was not exported: no foundation model or system-defined "
                        + "profile has its models (\(profile.models.joined(separator: ", ")))")
            }
        }
        return (documents, warnings)
    }
}
