import BedrockConstraints
import Foundation

/// Shapes of the Bedrock control plane (service model 2023-04-20), with the model's JSON names.
public enum Bedrock {}

extension Bedrock {
    public struct Tag: Codable, Sendable, Hashable {
        public var key: String
        public var value: String
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// An enum-like string that keeps values the model may add later.
    public protocol OpenEnum: RawRepresentable<String>, Codable, Sendable, Hashable, CustomStringConvertible {
        init(rawValue: String)
    }

    public struct SortOrder: OpenEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let ascending = SortOrder(rawValue: "Ascending")
        public static let descending = SortOrder(rawValue: "Descending")
    }

    /// The one commitment type, shared with the manifests. Closed on purpose: a term this
    /// bedrockctl does not know fails the read with a decoding error naming the operation, rather
    /// than be taken for no commitment (which would let a plan delete committed capacity).
    public typealias CommitmentDuration = BedrockConstraints.CommitmentDuration

    public struct ModelDataSource: Codable, Sendable, Hashable {
        public struct S3DataSource: Codable, Sendable, Hashable {
            public var s3Uri: String
            public init(s3Uri: String) { self.s3Uri = s3Uri }
        }
        public var s3DataSource: S3DataSource?
        public init(s3Uri: String) { s3DataSource = S3DataSource(s3Uri: s3Uri) }
    }

    public struct VpcConfig: Codable, Sendable, Hashable {
        public var subnetIds: [String]
        public var securityGroupIds: [String]
        public init(subnetIds: [String], securityGroupIds: [String]) {
            self.subnetIds = subnetIds
            self.securityGroupIds = securityGroupIds
        }
    }

    /// A page of a list call: its items and the token of the next page.
    public struct Page<Item: Sendable>: Sendable {
        public var items: [Item]
        public var nextToken: String?
    }
}

extension Bedrock.OpenEnum {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
