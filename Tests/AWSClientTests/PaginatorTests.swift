import Foundation
import TestSupport
import Testing

@testable import AWSClient

@Suite struct PaginatorTests {
    @Test func followsTokensUntilThereIsNone() async throws {
        let pages: [String?: ([Int], String?)] = [nil: ([1, 2], "a"), "a": ([], "b"), "b": ([3], nil)]
        let paginator = Paginator<Int> { token in pages[token]! }
        #expect(try await paginator.collect() == [1, 2, 3])
    }

    @Test func aRepeatedTokenEndsTheListingWithAnError() async throws {
        let paginator = Paginator<Int> { token in token == nil ? ([1], "same") : ([2], "same") }
        var seen: [Int] = []
        await #expect(throws: PaginationError.repeatedToken("same")) {
            for try await item in paginator { seen.append(item) }
        }
        #expect(seen == [1], "the page that repeats a token is not trusted either")
    }

    @Test func anEmptyTokenIsTheEnd() async throws {
        let paginator = Paginator<Int> { _ in ([7], "") }
        #expect(try await paginator.collect() == [7])
    }

    @Test func aServerThatNeverStopsHandingOutTokensIsStoppedAfterTheCap() async throws {
        let calls = CallCounter()
        let paginator = Paginator<Int> { _ in
            let n = calls.next()
            return ([n], "fresh-\(n)")
        }
        await #expect(throws: PaginationError.tooManyPages(Paginator<Int>.defaultMaxPages)) {
            _ = try await paginator.collect()
        }
        #expect(calls.count == Paginator<Int>.defaultMaxPages)
    }

    @Test func aListingAtTheCapIsWhole() async throws {
        let paginator = Paginator<Int>(maxPages: 3) { token in
            switch token {
            case nil: ([1], "a")
            case "a": ([2], "b")
            default: ([3], nil)
            }
        }
        #expect(try await paginator.collect() == [1, 2, 3])
    }
}

final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
    var count: Int { lock.withLock { value } }
}
