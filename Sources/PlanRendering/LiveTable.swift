import AWSClient
import BedrockConstraints
import Foundation
import Manifest
import Reconciler

/// What `bedrockctl get` shows of the live account: one row a resource, as a table or as JSON.
public struct LiveTable: Sendable {
    public struct Row: Codable, Sendable, Hashable {
        public var kind: String
        public var name: String
        public var status: String
        public var model: String
        public var modelUnits: Int?
        public var commitment: String?
        public var commitmentExpiration: Date?
        public var stack: String?
        public var manifestName: String?
        public var arn: String
    }

    public var rows: [Row]
    /// For "(N days)" after a commitment's expiry.
    public var now: Date

    /// The kinds `get` shows, by the name it takes on the command line.
    public enum Kind: String, Sendable, CaseIterable {
        case throughputs
        case importJobs = "import-jobs"
        case importedModels = "imported-models"
        case deployments = "deployments"
        case inferenceProfiles = "inference-profiles"
    }

    public init(_ live: LiveState, kinds: [Kind] = Kind.allCases, stack: String? = nil, now: Date) {
        self.now = now
        var rows: [Row] = []
        func owner(_ tags: [String: String]) -> (String?, String?) {
            (tags[OwnershipTags.stackKey], tags[OwnershipTags.nameKey])
        }
        if kinds.contains(.throughputs) {
            rows += live.throughputs.map { t in
                let (stack, name) = owner(t.tags)
                return Row(
                    kind: "ProvisionedThroughput", name: t.name, status: t.status.rawValue,
                    model: Self.shortModel(t.modelArn),
                    modelUnits: t.modelUnits, commitment: t.commitmentDuration?.rawValue,
                    commitmentExpiration: t.commitmentExpirationTime,
                    stack: stack, manifestName: name, arn: t.arn)
            }
        }
        if kinds.contains(.importJobs) {
            rows += live.importJobs.map { j in
                let (stack, name) = owner(j.tags)
                return Row(
                    kind: "ModelImportJob", name: j.jobName, status: j.status.rawValue,
                    model: j.importedModelName ?? "-",
                    modelUnits: nil,
                    commitment: nil, commitmentExpiration: nil, stack: stack, manifestName: name, arn: j.arn)
            }
        }
        if kinds.contains(.importedModels) {
            rows += live.importedModels.map { m in
                let (stack, name) = owner(m.tags)
                return Row(
                    kind: "ImportedModel", name: m.name, status: "Active", model: m.s3Uri ?? "-", modelUnits: nil,
                    commitment: nil,
                    commitmentExpiration: nil, stack: stack, manifestName: name, arn: m.arn)
            }
        }
        if kinds.contains(.deployments) {
            rows += live.deployments.map { d in
                let (stack, name) = owner(d.tags)
                return Row(
                    kind: "CustomModelDeployment", name: d.name,
                    status: d.updatingTo == nil ? d.status.rawValue : "Updating",
                    model: Self.shortModel(d.modelArn), modelUnits: nil, commitment: nil, commitmentExpiration: nil,
                    stack: stack, manifestName: name, arn: d.arn)
            }
        }
        if kinds.contains(.inferenceProfiles) {
            rows += live.inferenceProfiles.map { p in
                let (stack, name) = owner(p.tags)
                let models = Array(Set(p.models.map(Self.shortModel))).sorted()
                return Row(
                    kind: "InferenceProfile", name: p.name, status: "ACTIVE",
                    model: p.models.count == 1
                        ? models.joined() : "\(models.joined(separator: ", ")) (\(p.models.count) regions)",
                    modelUnits: nil, commitment: nil, commitmentExpiration: nil, stack: stack, manifestName: name,
                    arn: p.arn)
            }
        }
        if let stack { rows = rows.filter { $0.stack == stack } }
        self.rows = rows.sorted { ($0.kind, $0.name) < ($1.kind, $1.name) }
    }

    /// A foundation model's id from its ARN; a custom model's ARN from `custom-model/` on.
    static func shortModel(_ arn: String) -> String {
        guard let parsed = BedrockARN(arn) else { return arn }
        switch parsed.type {
        case .foundationModel: return parsed.resource
        case .customModel: return "custom-model/" + parsed.resource
        default: return arn
        }
    }

    public func text() -> String {
        guard !rows.isEmpty else { return "No resources.\n" }
        let header = ["KIND", "NAME", "STATUS", "MODEL", "UNITS", "COMMITMENT", "STACK", "MANIFEST NAME"]
        let cells = rows.map { row -> [String] in
            var commitment = row.commitment ?? "-"
            if let expiry = row.commitmentExpiration {
                commitment += " " + CommitmentExpiry.describe(expiry, now: now)
            }
            return [
                row.kind, row.name, row.status, row.model, row.modelUnits.map(String.init) ?? "-", commitment,
                row.stack ?? "-", row.manifestName ?? "-",
            ].map(DisplayText.escaped)
        }
        return Self.table(header, cells)
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(rows)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
    }

    /// Columns padded to their widest cell, two spaces apart.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map {
                $0.offset == row.count - 1
                    ? $0.element
                    : $0.element.padding(
                        toLength: widths[$0.offset], withPad: " ",
                        startingAt: 0)
            }
            .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// Foundation models and how they can be used.
    public static func foundationModels(_ models: [Bedrock.FoundationModel]) -> String {
        let rows = models.sorted { $0.modelId < $1.modelId }.map { m -> [String] in
            let types = m.inferenceTypesSupported ?? []
            return [
                m.modelId, m.modelName ?? "-", m.providerName ?? "-", types.contains("ON_DEMAND") ? "yes" : "no",
                types.contains("PROVISIONED") ? "yes" : "no",
            ].map(DisplayText.escaped)
        }
        return table(["MODEL ID", "NAME", "PROVIDER", "ON DEMAND", "PROVISIONED"], rows)
    }
}
