/// A call that failed below HTTP, for good (after its retries): which operation, which endpoint,
/// what went wrong, and what to check.
public struct ServiceCallError: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    public var endpoint: String
    public var underlying: TransportError

    public init(operation: String, endpoint: String, underlying: TransportError) {
        self.operation = operation
        self.endpoint = endpoint
        self.underlying = underlying
    }

    public var description: String {
        "\(operation) at \(endpoint) failed: \(underlying)\(hint)"
    }

    var hint: String {
        switch underlying {
        case .connection(let why) where why.lowercased().contains("refused"):
            return ". Nothing is listening there: is the emulator running (or did you mean --sandbox DIR)? "
                + "Check --endpoint-url, AWS_ENDPOINT_URL and the region."
        case .connection:
            return ". Check the endpoint (--endpoint-url, AWS_ENDPOINT_URL), the region and the network."
        case .timeout:
            return ". The endpoint did not answer in time: check the endpoint, the region and the network."
        case .responseTooLarge:
            return ""
        }
    }
}
