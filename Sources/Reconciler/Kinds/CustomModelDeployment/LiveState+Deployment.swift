import AWSClient
import Foundation

extension LiveState {
    public struct Deployment: Sendable, Codable, Hashable, NamedLiveResource {
        public var arn: String
        public var name: String
        public var modelArn: String
        public var status: Bedrock.CustomModelDeploymentStatus
        /// Read only for deployments this stack owns (the list leaves it out).
        public var description: String?
        /// The model an update in progress moves to.
        public var updatingTo: String?
        public var failureMessage: String?
        public var creationTime: Date
        public var tags: [String: String]
    }
}

extension LiveState.Deployment: LiveRecord {
    public static let stateKey = "deployments"
}

extension LiveState {
    public var deployments: [Deployment] {
        get { self[Deployment.self] }
        _modify { yield &self[Deployment.self] }
    }
}
