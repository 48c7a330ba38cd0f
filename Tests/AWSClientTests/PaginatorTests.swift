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
}
