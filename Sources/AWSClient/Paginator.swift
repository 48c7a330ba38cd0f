/// A list operation as an async sequence of items, fetched page by page over `nextToken`.
///
/// A service that hands back a token it already gave would loop for ever; the sequence ends
/// with `PaginationError.repeatedToken` instead, so a caller never mistakes a partial listing for
/// a whole one. A service that hands out a fresh token for ever is stopped after `maxPages`
/// pages with `PaginationError.tooManyPages`.
public struct Paginator<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item
    let fetch: @Sendable (String?) async throws -> (items: [Item], nextToken: String?)
    let maxPages: Int

    /// 2,000 pages: two million resources at Bedrock's largest page, far past any account's quotas.
    public static var defaultMaxPages: Int { 2000 }

    public init(
        maxPages: Int = defaultMaxPages,
        fetch: @escaping @Sendable (String?) async throws -> (items: [Item], nextToken: String?)
    ) {
        self.fetch = fetch
        self.maxPages = maxPages
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let fetch: @Sendable (String?) async throws -> (items: [Item], nextToken: String?)
        let maxPages: Int
        var pages = 0
        var buffer: [Item] = []
        var index = 0
        var nextToken: String?
        var started = false
        var seen: Set<String> = []

        public mutating func next() async throws -> Item? {
            while index >= buffer.count {
                if started && nextToken == nil { return nil }
                try Task.checkCancellation()
                guard pages < maxPages else { throw PaginationError.tooManyPages(maxPages) }
                let page = try await fetch(nextToken)
                pages += 1
                started = true
                buffer = page.items
                index = 0
                if let token = page.nextToken, !token.isEmpty {
                    guard seen.insert(token).inserted else { throw PaginationError.repeatedToken(token) }
                    nextToken = token
                } else {
                    nextToken = nil
                }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(fetch: fetch, maxPages: maxPages) }

    /// Every item, in order.
    public func collect() async throws -> [Item] {
        var all: [Item] = []
        for try await item in self { all.append(item) }
        return all
    }
}

public enum PaginationError: Error, Sendable, Hashable, CustomStringConvertible {
    case repeatedToken(String)
    case tooManyPages(Int)

    public var description: String {
        switch self {
        case .tooManyPages(let pages):
            return
                "the service was still handing out page tokens after \(pages) pages; the listing was stopped "
                + "rather than follow them for ever"
        case .repeatedToken(let token):
            return
                "the service returned the page token \(token.prefix(40)) twice; the listing would never end, so "
                + "it was stopped"
        }
    }
}
