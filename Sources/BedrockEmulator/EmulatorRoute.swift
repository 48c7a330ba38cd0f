/// One REST operation the emulator serves: the method and `requestUri` of the service model (a
/// test compares both with botocore's), and what answers it. Routes are declared beside the
/// resource they serve (`EmulatorResource.routes`), or beside the feature for the operations
/// that belong to no one kind (tags, foundation and custom models, invocation).
struct EmulatorRoute: Sendable {
    /// Runs the operation; answers and whether it changed anything.
    typealias Handler = @Sendable (isolated Emulator, Input) throws(EmulatorError) -> (EmulatorResponse, Bool)

    /// What a handler is given: the request, its context, and the values of the URI's `{labels}`
    /// in order, decoded.
    struct Input {
        var request: EmulatorRequest
        var ctx: Emulator.Context
        var labels: [String]

        /// The first label's value: the resource the URI names.
        var label: String { labels[0] }
    }

    let operation: EmulatorOperation
    let method: String
    let requestUri: String
    /// The URI's segments: a literal, or nil for a `{label}`.
    private let pattern: [String?]
    let handler: Handler

    /// An operation that may change the state.
    init(_ name: String, _ method: String, _ requestUri: String, changes handler: @escaping Handler) {
        operation = EmulatorOperation(name)
        self.method = method
        self.requestUri = requestUri
        pattern = requestUri.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) }
        self.handler = handler
    }

    /// An operation that changes nothing that must be saved at once. (InvokeModel's cold-start
    /// bookkeeping on an imported model is saved with the next change; our choice, as before.)
    init(
        _ name: String, _ method: String, _ requestUri: String,
        reads read: @escaping @Sendable (isolated Emulator, Input) throws(EmulatorError) -> EmulatorResponse
    ) {
        self.init(name, method, requestUri) { emulator, input throws(EmulatorError) in
            (try read(emulator, input), false)
        }
    }

    /// The values of the URI's labels when this route serves `method` on `segments`; nil when it
    /// does not.
    func labels(method: String, segments: [String]) -> [String]? {
        guard method == self.method, segments.count == pattern.count else { return nil }
        var labels: [String] = []
        for (segment, literal) in zip(segments, pattern) {
            if let literal {
                guard segment == literal else { return nil }
            } else {
                labels.append(segment)
            }
        }
        return labels
    }
}
