extension Collection where Element: Sendable {
    /// `transform` over every element, at most `limit` at a time, results in the original order.
    func concurrentMap<T: Sendable>(
        limit: Int, _ transform: @escaping @Sendable (Element) async throws -> T
    ) async throws -> [T] {
        let items = Array(self)
        return try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: items.count)
            var next = 0
            func start() {
                guard next < items.count else { return }
                let index = next
                let item = items[index]
                next += 1
                group.addTask { (index, try await transform(item)) }
            }
            for _ in 0..<Swift.min(Swift.max(1, limit), items.count) { start() }
            while let (index, value) = try await group.next() {
                results[index] = value
                start()
            }
            return results.map { $0! }
        }
    }
}
