/// One retry of an invoke whose model is loading (ModelNotReadyException), announced before its
/// wait: an imported model that Bedrock evicted while idle takes a while to load again.
public struct ModelNotReadyNotice: Sendable, Hashable {
    public var modelId: String
    /// This retry's number, from 1, and how many there may be.
    public var retry: Int
    public var maxRetries: Int
    /// How long the client waits before this retry.
    public var delay: Duration
    /// The service's message.
    public var message: String

    public init(modelId: String, retry: Int, maxRetries: Int, delay: Duration, message: String) {
        self.modelId = modelId
        self.retry = retry
        self.maxRetries = maxRetries
        self.delay = delay
        self.message = message
    }
}
