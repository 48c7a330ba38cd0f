/// The AWS regions, and those with a Bedrock endpoint, as the catalogue lists them (botocore's
/// `endpoints.json`): a region string that is none of them is refused, naming the nearest.
public enum BedrockRegions {
    public static let all = Set(BedrockCatalog.shipped.regions.all)
    public static let bedrock = Set(BedrockCatalog.shipped.regions.bedrock)

    /// What is wrong with a region for Bedrock: not an AWS region, or one without Bedrock; nil
    /// when Bedrock is there.
    public static func problem(_ region: String) -> String? {
        if bedrock.contains(region) { return nil }
        if all.contains(region) {
            return "Amazon Bedrock has no endpoint in \(region); the nearest regions that have one: "
                + nearest(to: region, among: bedrock).joined(separator: ", ")
        }
        return "\(region) is not an AWS region; did you mean " + nearest(to: region, among: all).joined(separator: ", ")
            + "?"
    }

    /// The `count` names closest to `text` (edit distance, then name).
    public static func nearest(to text: String, among names: Set<String>, count: Int = 3) -> [String] {
        names.map { ($0, distance(text, $0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(count).map(\.0)
    }

    /// Levenshtein distance over bytes.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
