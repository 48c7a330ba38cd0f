/// An async iterator that `AsyncThrowingStream(unfolding:)` pulls from: the stream calls its
/// closure once at a time, on the consumer's task, so the iterator is never used concurrently;
/// that is what makes the unchecked `Sendable` sound. Used instead of a task that pumps a source
/// into an unbounded buffer: nothing is read ahead of the consumer and nothing outlives it.
final class PullingIterator<Base: AsyncIteratorProtocol>: @unchecked Sendable {
    private var base: Base

    init(_ base: Base) { self.base = base }

    func next() async throws -> Base.Element? { try await base.next() }
}
