/// The parts of an HTTP request that SigV4 signs.
public struct SigningRequest: Sendable, Hashable {
    public var method: String
    /// The path as it goes on the wire (already percent-encoded where it must be).
    public var path: String
    /// Query parameters, decoded; they are encoded on the wire and in the canonical request alike.
    public var query: [(name: String, value: String)]
    /// Headers in the order they were added; names are matched case-insensitively.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(
        method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { HeaderLookup.value(name, in: headers) }

    public static func == (lhs: SigningRequest, rhs: SigningRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.body == rhs.body
            && lhs.query.elementsEqual(rhs.query, by: ==) && lhs.headers.elementsEqual(rhs.headers, by: ==)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(path)
        hasher.combine(body)
        for (n, v) in query {
            hasher.combine(n)
            hasher.combine(v)
        }
        for (n, v) in headers {
            hasher.combine(n)
            hasher.combine(v)
        }
    }
}
