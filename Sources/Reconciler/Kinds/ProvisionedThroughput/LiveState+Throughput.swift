import AWSClient
import BedrockConstraints
import Foundation

extension LiveState {
    public struct Throughput: Sendable, Codable, Hashable {
        public var arn: String
        public var name: String
        public var modelArn: String
        public var desiredModelArn: String
        public var foundationModelArn: String
        public var modelUnits: Int
        public var status: Bedrock.ProvisionedModelStatus
        public var commitmentDuration: CommitmentDuration?
        public var commitmentExpirationTime: Date?
        public var creationTime: Date
        public var tags: [String: String]
    }
}

extension LiveState.Throughput: LiveRecord {
    public static let stateKey = "throughputs"
}

extension LiveState {
    public var throughputs: [Throughput] {
        get { self[Throughput.self] }
        _modify { yield &self[Throughput.self] }
    }
}
