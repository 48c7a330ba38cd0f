/// How a plan's live state was read, as its header says: with discovery by tag, how many
/// resources' tags came from the tagging API's pages and how many were read one by one (those the
/// plan acts on, and those the manifests name that the index lacks); without, every one read.
public struct LiveRead: Codable, Sendable, Hashable, CustomStringConvertible {
    public var byTag: Bool
    public var fromIndex: Int
    public var readDirectly: Int

    public init(byTag: Bool, fromIndex: Int, readDirectly: Int) {
        self.byTag = byTag
        self.fromIndex = fromIndex
        self.readDirectly = readDirectly
    }

    init(_ reading: LiveStateReader.Reading) {
        self.init(byTag: reading.byTag, fromIndex: reading.fromIndex.count, readDirectly: reading.readDirectly)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case byTag, fromIndex, readDirectly }

    public var description: String {
        guard byTag else { return "every resource read one by one (\(readDirectly))" }
        return "the stack's resources found by the tagging API: \(fromIndex) with tags from its pages, "
            + "\(readDirectly) read one by one (what the plan acts on, or the index lacks)"
    }
}
