import Foundation

extension Emulator {
    /// The list filters every List operation shares: creation time window, order, page size and token.
    struct ListQuery {
        var after: Date?
        var before: Date?
        var ascending: Bool
        var maxResults: Int
        var offset: Int
    }

    /// `after` and `before` name the creation-time filters (`createdAfter` for deployments).
    func listQuery(
        _ request: EmulatorRequest, after afterName: String = "creationTimeAfter",
        before beforeName: String = "creationTimeBefore", sortable: Bool = true
    ) throws(EmulatorError) -> ListQuery {
        var problems: [String] = []
        func date(_ name: String) -> Date? {
            guard let text = request.queryValue(name) else { return nil }
            guard let date = Self.parseTimestamp(text) else {
                problems.append("Value '\(text)' at '\(name)' failed to satisfy constraint: Member must be a timestamp")
                return nil
            }
            return date
        }
        let after = date(afterName)
        let before = date(beforeName)
        var maxResults = 1000
        if let text = request.queryValue("maxResults") {
            if let n = Int(text), (1...1000).contains(n) {
                maxResults = n
            } else {
                let bound = Int(text).map { $0 < 1 ? "greater than or equal to 1" : "less than or equal to 1000" }
                problems.append(
                    "Value '\(text)' at 'maxResults' failed to satisfy constraint: Member must have "
                        + "value \(bound ?? "of type integer")"
                )
            }
        }
        if sortable, let sortBy = request.queryValue("sortBy"), sortBy != "CreationTime" {
            problems.append(
                "Value '\(sortBy)' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[CreationTime]"
            )
        }
        let order = request.queryValue("sortOrder") ?? "Descending"
        if order != "Ascending" && order != "Descending" {
            problems.append(
                "Value '\(order)' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value "
                    + "set: [Ascending, Descending]"
            )
        }
        var offset = 0
        if let token = request.queryValue("nextToken") {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
                text.hasPrefix("page:"),
                let n = Int(text.dropFirst(5)), n >= 0
            else {
                throw .validation("The pagination token is invalid.")
            }
            offset = n
        }
        if !problems.isEmpty {
            throw .validation(
                "\(problems.count) validation error\(problems.count == 1 ? "" : "s") detected: "
                    + problems.joined(separator: "; "))
        }
        return ListQuery(
            after: after, before: before, ascending: order == "Ascending", maxResults: maxResults, offset: offset)
    }

    /// Orders by creation time, applies the window and cuts one page.
    func page<T>(_ items: [T], created: (T) -> Date, _ query: ListQuery) -> (items: [T], nextToken: String?) {
        var selected = items.filter { item in
            let time = created(item)
            return (query.after.map { time > $0 } ?? true) && (query.before.map { time < $0 } ?? true)
        }
        selected.sort { query.ascending ? created($0) < created($1) : created($0) > created($1) }
        let start = min(query.offset, selected.count)
        let end = min(start + query.maxResults, selected.count)
        let next = end < selected.count ? Data("page:\(end)".utf8).base64EncodedString() : nil
        return (Array(selected[start..<end]), next)
    }

    static func parseTimestamp(_ text: String) -> Date? {
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// A create's input without its token, for idempotent replay; nil when it is not an object.
    static func withoutToken(_ body: [UInt8]) -> JSONValue? {
        guard var members = JSONValue(parsing: body)?.members else { return nil }
        members["clientRequestToken"] = nil
        return .object(members)
    }

    /// The JSON of a create's input without its token, as a replay record keeps it.
    static func digest(_ body: [UInt8]) -> String {
        withoutToken(body).map { String(decoding: JSONWriter.encode($0), as: UTF8.self) } ?? ""
    }

    /// Whether `body` asks what the create recorded as `digest` asked. The documents are compared,
    /// not their text: records written by earlier emulators spell the same input differently
    /// (Foundation's serializer escapes `/`).
    static func sameInput(_ body: [UInt8], as digest: String) -> Bool {
        guard let input = withoutToken(body) else { return digest.isEmpty }
        return withoutToken(Array(digest.utf8)) == input
    }

    /// Replays the answer to an earlier create with the same token, or refuses a token reused
    /// with other parameters; nil when the token is new.
    func replay(token: String?, body: [UInt8], _ ctx: Context) throws(EmulatorError) -> EmulatorResponse? {
        guard let token, let earlier = state.tokens["\(ctx.operation.name)/\(token)"] else { return nil }
        guard Self.sameInput(body, as: earlier.digest) else {
            throw .validation("The clientRequestToken \(token) was already used with different request parameters.")
        }
        return EmulatorResponse(
            status: earlier.status,
            headers: [("Content-Type", "application/json"), ("x-amzn-RequestId", ctx.requestId)],
            chunks: [earlier.body])
    }

    func remember(token: String?, body: [UInt8], response: EmulatorResponse, _ ctx: Context) {
        guard let token else { return }
        state.tokens["\(ctx.operation.name)/\(token)"] = IdempotencyRecord(
            digest: Self.digest(body), status: response.status, body: response.body)
    }
}
