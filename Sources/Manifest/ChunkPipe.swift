import Foundation
import YAML

/// A bounded, ordered hand-over of parsed document chunks from the parsing thread to the
/// decoding one, so that a large manifest file is decoded while the rest of it is still parsed.
final class ChunkPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[YAMLDocument]] = []
    private var errors: [YAMLError]?
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Parsing side: blocks while `capacity` chunks wait to be decoded.
    func put(_ chunk: [YAMLDocument]) {
        condition.lock()
        while chunks.count >= capacity { condition.wait() }
        chunks.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    /// Parsing side: no more chunks; these are the problems parsing found.
    func finish(_ errors: [YAMLError]) {
        condition.lock()
        self.errors = errors
        condition.broadcast()
        condition.unlock()
    }

    /// Decoding side: the next chunk in order, or the parse's problems once all chunks are taken.
    func next() -> Result<[YAMLDocument], Finished> {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && errors == nil { condition.wait() }
        if !chunks.isEmpty {
            let chunk = chunks.removeFirst()
            condition.broadcast()
            return .success(chunk)
        }
        return .failure(Finished(errors: errors ?? []))
    }

    struct Finished: Error {
        var errors: [YAMLError]
    }
}
