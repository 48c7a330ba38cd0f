import Foundation

extension LiveState {
    public struct InferenceProfile: Sendable, Codable, Hashable, NamedLiveResource {
        public var arn: String
        public var name: String
        public var id: String
        public var description: String?
        /// The foundation model ARNs it routes to (what `copyFrom` became).
        public var models: [String]
        public var creationTime: Date?
        public var tags: [String: String]
    }
}

extension LiveState.InferenceProfile: LiveRecord {
    public static let stateKey = "inferenceProfiles"
}

extension LiveState {
    public var inferenceProfiles: [InferenceProfile] {
        get { self[InferenceProfile.self] }
        _modify { yield &self[InferenceProfile.self] }
    }
}
