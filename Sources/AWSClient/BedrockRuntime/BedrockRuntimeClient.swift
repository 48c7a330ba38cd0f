import Foundation

/// The Bedrock runtime (service model 2023-09-30): InvokeModel, InvokeModelWithResponseStream,
/// Converse and ConverseStream.
///
/// A model that is loading (ModelNotReadyException, 429) is retried as the SDKs retry it: up to
/// `service.retry.modelNotReadyRetries` times, with the policy's backoff, each retry announced to
/// `onModelNotReady` before its wait. When the model is still not ready after them, the last
/// ModelNotReadyException is thrown.
public struct BedrockRuntimeClient: Sendable {
    public var service: ServiceClient
    public var onModelNotReady: @Sendable (ModelNotReadyNotice) -> Void

    public init(service: ServiceClient, onModelNotReady: @escaping @Sendable (ModelNotReadyNotice) -> Void = { _ in }) {
        self.service = service
        self.onModelNotReady = onModelNotReady
    }

    public struct InvokeOutput: Sendable, Hashable {
        public var body: [UInt8]
        public var contentType: String?
    }

    public struct StreamOutput: Sendable {
        public var contentType: String?
        /// The `chunk` events' bytes, handed out as each arrives; a stream exception ends it with
        /// an `AWSServiceError` (code `ModelStreamErrorException`, `ThrottlingException`, …).
        public var chunks: AsyncThrowingStream<[UInt8], Error>
    }

    public func invokeModel(
        _ modelId: String, body: [UInt8], contentType: String = "application/json", accept: String = "application/json"
    ) async throws -> InvokeOutput {
        let (response, answer) = try await whileLoading(modelId) {
            try await service.sendCollected(
                OperationRequest(
                    name: "InvokeModel", method: "POST", path: "/model/\(QueryEncoding.pathSegment(modelId))/invoke",
                    headers: [("Content-Type", contentType), ("Accept", accept)], body: body, idempotent: true))
        }
        return InvokeOutput(body: answer, contentType: response.header("content-type"))
    }

    public func invokeModelWithResponseStream(
        _ modelId: String, body: [UInt8], contentType: String = "application/json", accept: String = "application/json"
    ) async throws -> StreamOutput {
        let response = try await whileLoading(modelId) {
            try await service.send(
                OperationRequest(
                    name: "InvokeModelWithResponseStream", method: "POST",
                    path: "/model/\(QueryEncoding.pathSegment(modelId))/invoke-with-response-stream",
                    headers: [("Content-Type", contentType), ("X-Amzn-Bedrock-Accept", accept)], body: body,
                    idempotent: true))
        }
        let requestId = response.header("x-amzn-requestid")
        // Decoded as the caller reads: the next bytes are asked for only when the chunks decoded
        // so far are used up.
        let decoding = ChunkDecoder(source: PullingIterator(response.body.makeAsyncIterator()), requestId: requestId)
        let chunks = AsyncThrowingStream<[UInt8], Error> { try await decoding.next() }
        return StreamOutput(contentType: response.header("x-amzn-bedrock-content-type"), chunks: chunks)
    }

    /// Converse with one user message.
    public func converse(_ modelId: String, prompt: String) async throws -> Converse.Response {
        let body = try JSONCoding.encoder.encode(
            Converse.Request(messages: [.init(role: "user", content: [.init(text: prompt)])]))
        return try await whileLoading(modelId) {
            try await service.json(
                OperationRequest(
                    name: "Converse", method: "POST", path: "/model/\(QueryEncoding.pathSegment(modelId))/converse",
                    headers: [("Content-Type", "application/json")], body: Array(body), idempotent: true))
        }
    }

    /// ConverseStream with one user message: the text of each `contentBlockDelta`, as it arrives.
    public func converseStream(_ modelId: String, prompt: String) async throws -> AsyncThrowingStream<String, Error> {
        let body = try JSONCoding.encoder.encode(
            Converse.Request(messages: [.init(role: "user", content: [.init(text: prompt)])]))
        let response = try await whileLoading(modelId) {
            try await service.send(
                OperationRequest(
                    name: "ConverseStream", method: "POST",
                    path: "/model/\(QueryEncoding.pathSegment(modelId))/converse-stream",
                    headers: [("Content-Type", "application/json")], body: Array(body), idempotent: true))
        }
        let decoding = ChunkDecoder(
            source: PullingIterator(response.body.makeAsyncIterator()), requestId: response.header("x-amzn-requestid"),
            event: "contentBlockDelta")
        return AsyncThrowingStream<String, Error> {
            guard let payload = try await decoding.next() else { return nil }
            return (try? JSONDecoder().decode(Converse.Delta.self, from: Data(payload)))?.delta.text ?? ""
        }
    }

    /// Runs `call` again while it fails with ModelNotReadyException, within the policy's budget.
    func whileLoading<T>(_ modelId: String, _ call: () async throws -> T) async throws -> T {
        let budget = max(0, service.retry.modelNotReadyRetries)
        var retry = 0
        while true {
            do {
                return try await call()
            } catch let error as AWSServiceError where error.code == RetryPolicy.modelNotReadyCode && retry < budget {
                retry += 1
                let delay = service.retry.backoff(after: retry)
                onModelNotReady(
                    ModelNotReadyNotice(
                        modelId: modelId, retry: retry, maxRetries: budget, delay: delay,
                        message: error.message))
                try await service.clock.sleep(delay)
            }
        }
    }

    /// The bytes of a `chunk` event (the payload of an `event` event, for another); nil for
    /// events of other types; exceptions thrown as errors.
    static func chunk(
        of message: EventStreamMessage, requestId: String?, event: String = "chunk"
    ) throws -> [UInt8]? {
        let json = (try? JSONSerialization.jsonObject(with: Data(message.payload))) as? [String: Any]
        switch message.stringHeader(":message-type") {
        case "event":
            guard message.stringHeader(":event-type") == event else { return nil }
            guard event == "chunk" else { return message.payload }
            guard let encoded = json?["bytes"] as? String, let bytes = Data(base64Encoded: encoded) else {
                throw ResponseDecodingError(
                    operation: "InvokeModelWithResponseStream", underlying: "a chunk event without base64 bytes",
                    body: String(decoding: message.payload.prefix(200), as: UTF8.self))
            }
            return Array(bytes)
        case "exception":
            let type = message.stringHeader(":exception-type") ?? "UnknownException"
            throw AWSServiceError(
                code: type.prefix(1).uppercased() + type.dropFirst(), message: json?["message"] as? String ?? "",
                status: Self.status(ofException: type), requestId: requestId)
        case "error":
            throw AWSServiceError(
                code: message.stringHeader(":error-code") ?? "InternalFailure",
                message: message.stringHeader(":error-message") ?? "", status: 500, requestId: requestId)
        default:
            return nil
        }
    }

    static func status(ofException type: String) -> Int {
        switch type {
        case "validationException": return 400
        case "throttlingException": return 429
        case "modelTimeoutException": return 408
        case "serviceUnavailableException": return 503
        case "modelStreamErrorException": return 424
        default: return 500
        }
    }

    /// The chunks of an event stream, decoded from its bytes as they are pulled. Used by one
    /// `AsyncThrowingStream(unfolding:)`, which never calls `next` concurrently.
    final class ChunkDecoder: @unchecked Sendable {
        let source: PullingIterator<AsyncThrowingStream<[UInt8], Error>.AsyncIterator>
        let requestId: String?
        var decoder = EventStreamDecoder()
        var pending: [[UInt8]] = []
        var finished = false
        /// The events whose payloads are handed out: `chunk` (their base64 bytes), or another's.
        let event: String

        init(
            source: PullingIterator<AsyncThrowingStream<[UInt8], Error>.AsyncIterator>, requestId: String?,
            event: String = "chunk"
        ) {
            self.source = source
            self.requestId = requestId
            self.event = event
        }

        func next() async throws -> [UInt8]? {
            while pending.isEmpty {
                guard !finished else { return nil }
                guard let bytes = try await source.next() else {
                    finished = true
                    try decoder.finish()
                    return nil
                }
                for message in try decoder.feed(bytes) {
                    if let chunk = try BedrockRuntimeClient.chunk(of: message, requestId: requestId, event: event) {
                        pending.append(chunk)
                    }
                }
            }
            return pending.removeFirst()
        }
    }
}
