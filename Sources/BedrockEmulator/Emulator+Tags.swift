import AWSClient
import BedrockConstraints
import Foundation

extension Emulator {
    static let tagRoutes = [
        EmulatorRoute(
            "TagResource", "POST", "/tagResource",
            changes: { e, i throws(EmulatorError) in try e.tagResource(i.request, i.ctx) }),
        EmulatorRoute(
            "UntagResource", "POST", "/untagResource",
            changes: { e, i throws(EmulatorError) in try e.untagResource(i.request, i.ctx) }),
        EmulatorRoute(
            "ListTagsForResource", "POST", "/listTagsForResource",
            reads: { e, i throws(EmulatorError) in try e.listTags(i.request, i.ctx) }),
    ]

    static let taggableArn = StringConstraint(
        shape: "TaggableResourcesArn", minLength: 20, maxLength: 1011, pattern: nil)

    /// Every ARN bedrockctl may tag: a resource of any kind the emulator keeps.
    func taggableExists(_ arn: String) -> Bool { state.exists(BedrockARN(arn)) }

    /// A create's tags past the limit are refused with the create, nothing made.
    func checkTagCount(_ tags: [(String, String)]?) throws(EmulatorError) {
        guard let tags, tags.count > BedrockLimits.maxTagsPerResource else { return }
        throw .tooManyTags("The number of tags exceeds the limit of \(BedrockLimits.maxTagsPerResource).")
    }

    /// Gives a resource just created its tags (the last of a repeated key wins), and indexes it.
    func tagNew(_ arn: String, _ tags: [(String, String)]?, region: String, at time: Date) {
        if let tags, !tags.isEmpty { state.tags[arn] = Dictionary(tags, uniquingKeysWith: { _, last in last }) }
        indexTags(of: arn, region: region, at: time)
    }

    /// Forgets a deleted resource's tags, and drops it from the tagging index.
    func untagGone(_ arn: String, region: String, at time: Date) {
        state.tags[arn] = nil
        indexDeletion(of: arn, region: region, at: time)
    }

    func tagTarget(_ input: inout InputReader) throws(EmulatorError) -> String {
        let arn = input.string("resourceARN", Self.taggableArn, required: true)
        try input.check()
        guard let arn, taggableExists(arn) else { throw .notFound("The resource \(arn ?? "") was not found.") }
        return arn
    }

    func tagResource(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> (EmulatorResponse, Bool) {
        var input = try InputReader(body: request.body)
        let tags = input.tags("tags", required: true)
        let arn = try tagTarget(&input)
        var merged = state.tags[arn] ?? [:]
        for (key, value) in tags ?? [] { merged[key] = value }
        guard merged.count <= BedrockLimits.maxTagsPerResource else {
            throw .tooManyTags(
                "The resource \(arn) would have \(merged.count) tags; the limit is "
                    + "\(BedrockLimits.maxTagsPerResource).", resourceName: arn)
        }
        state.tags[arn] = merged
        indexTags(of: arn, region: Self.region(of: arn), at: ctx.now)
        return (.empty(requestId: ctx.requestId), true)
    }

    func untagResource(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> (EmulatorResponse, Bool) {
        var input = try InputReader(body: request.body)
        let keys = input.stringList("tagKeys", .tagKey, count: 0...200, required: true)
        let arn = try tagTarget(&input)
        for key in keys ?? [] { state.tags[arn]?[key] = nil }
        indexTags(of: arn, region: Self.region(of: arn), at: ctx.now)
        return (.empty(requestId: ctx.requestId), true)
    }

    func listTags(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        var input = try InputReader(body: request.body)
        let arn = try tagTarget(&input)
        let tags = (state.tags[arn] ?? [:]).sorted { $0.key < $1.key }.map { Bedrock.Tag(key: $0.key, value: $0.value) }
        return .wire(200, Bedrock.ListTagsForResourceOutput(tags: tags), requestId: ctx.requestId)
    }
}
