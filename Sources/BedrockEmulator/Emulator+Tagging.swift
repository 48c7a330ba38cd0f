import AWSClient
import Foundation
import SigV4

/// The Resource Groups Tagging API's `GetResources` on the emulator's port (JSON 1.1,
/// `X-Amz-Target: ResourceGroupsTaggingAPI_20170126.GetResources`, signed for `tagging`), over
/// the emulator's throughputs, import jobs and imported models in the signed region, read from
/// the tagging index with its lag (`taggingLagSeconds`).
extension Emulator {
    static let taggingTarget = "ResourceGroupsTaggingAPI_20170126."
    /// How long a pagination token stays valid (the model's PaginationTokenExpiredException).
    static let paginationTokenLifetime: TimeInterval = 15 * 60

    /// Whether a request is a Resource Groups Tagging API call (its `X-Amz-Target`).
    static func isTagging(_ request: EmulatorRequest) -> Bool {
        request.method == "POST" && request.path == "/"
            && (request.header("x-amz-target")?.hasPrefix(taggingTarget) ?? false)
    }

    /// Records in the tagging index the tags `arn` has now, at emulated time `time`.
    func indexTags(of arn: String, region: String, at time: Date) {
        state.taggingIndex.record(
            arn, region: region, tags: state.tags[arn] ?? [:], at: time,
            lag: settings.taggingLagSeconds)
    }

    /// Records in the tagging index that `arn` was deleted at emulated time `time`.
    func indexDeletion(of arn: String, region: String, at time: Date) {
        state.taggingIndex.record(arn, region: region, tags: nil, at: time, lag: settings.taggingLagSeconds)
    }

    /// The region an ARN names (`arn:aws:bedrock:REGION:…`).
    static func region(of arn: String) -> String {
        let parts = arn.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        return parts.count > 3 ? String(parts[3]) : ""
    }

    func tagging(_ request: EmulatorRequest, now realNow: Date, requestId: String) -> EmulatorResponse {
        let region: String
        switch authenticate(request, now: realNow, service: "tagging") {
        case .success(let auth):
            region = auth.region
        case .failure(let error):
            return Self.taggingError(error.code, error.message, requestId, status: error.status)
        }
        if settings.taggingAccessDenied {
            return Self.taggingError(
                "AccessDeniedException", "User is not authorized to perform: tag:GetResources", requestId)
        }
        let operation = String(request.header("x-amz-target")?.dropFirst(Self.taggingTarget.count) ?? "")
        guard operation == EmulatorOperation.getResources.name else {
            return Self.taggingError(
                "UnknownOperationException", "Operation \(operation) is not supported by this emulator.",
                requestId)
        }
        guard admit(.getResources, realNow: realNow) else {
            return Self.taggingError("ThrottledException", "Rate exceeded", requestId)
        }
        let now = realNow.addingTimeInterval(timeOffset)
        settle(now: now)
        do {
            let input = try GetResourcesInput(body: request.body)
            return Self.taggingAnswer(try getResources(input, region: region, now: now), requestId)
        } catch {
            return Self.taggingError(error.code, error.message, requestId)
        }
    }

    func getResources(
        _ input: GetResourcesInput, region: String, now: Date
    ) throws(GetResourcesInput.Refusal) -> Tagging.GetResourcesOutput {
        var after: String?
        if let token = input.paginationToken {
            let position = try Self.readPaginationToken(token)
            guard now.timeIntervalSince(position.issued) <= Self.paginationTokenLifetime else {
                throw GetResourcesInput.Refusal(
                    code: "PaginationTokenExpiredException",
                    message: "The pagination token has expired; tokens are valid for 15 minutes.")
            }
            after = position.after
        }
        let cutoff = now.addingTimeInterval(-settings.taggingLagSeconds)
        state.taggingIndex.prune(before: cutoff)
        let wanted = input.resourceARNList.map(Set.init)
        var matching = state.taggingIndex.listings(at: cutoff).filter { listing in
            listing.region == region
                && (wanted?.contains(listing.arn) ?? true)
                && (input.resourceTypeFilters?.contains { $0.matches(listing.arn) } ?? true)
                && input.tagFilters.allSatisfy { filter in
                    guard let value = listing.tags[filter.key] else { return false }
                    return filter.values.isEmpty || filter.values.contains(value)
                }
        }
        // Without a tag policy every resource complies.
        if input.excludeCompliantResources { matching = [] }
        matching.sort { $0.arn < $1.arn }
        if let after { matching.removeAll { $0.arn <= after } }
        var page: [TaggingIndex.Listing] = []
        let perPage =
            input.resourceARNList == nil ? input.resourcesPerPage ?? GetResourcesInput.defaultResourcesPerPage : .max
        var tagCount = 0
        for listing in matching {
            // A resource without tags counts as one; a resource is never split across pages.
            let cost = max(1, listing.tags.count)
            if page.count == perPage || (!page.isEmpty && input.tagsPerPage.map { tagCount + cost > $0 } ?? false) {
                break
            }
            page.append(listing)
            tagCount += cost
        }
        let more = page.count < matching.count
        let mappings = page.map { listing in
            Tagging.ResourceTagMapping(
                resourceARN: listing.arn,
                tags: listing.tags.sorted { $0.key < $1.key }.map { Tagging.Tag(key: $0.key, value: $0.value) },
                // Without a tag policy every resource complies.
                complianceDetails: input.includeComplianceDetails
                    ? .init(noncompliantKeys: [], keysWithNoncompliantValues: [], complianceStatus: true) : nil)
        }
        // The service ends with an empty token, not an absent one (boto/boto3#2513); botocore's
        // paginator stops on either.
        let next = more ? Self.paginationToken(after: page.last?.arn ?? "", issued: now) : ""
        return Tagging.GetResourcesOutput(paginationToken: next, resourceTagMappingList: mappings)
    }

    /// An opaque token: the last ARN of a page and when the page was served, base64.
    static func paginationToken(after arn: String, issued: Date) -> String {
        let text = "rgt1|\(Int64((issued.timeIntervalSince1970 * 1000).rounded()))|\(arn)"
        return Data(text.utf8).base64EncodedString()
    }

    static func readPaginationToken(_ token: String) throws(GetResourcesInput.Refusal) -> (after: String, issued: Date)
    {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else {
            throw .invalid("The specified pagination token is not valid.")
        }
        let parts = text.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "rgt1", let millis = Int64(parts[1]) else {
            throw .invalid("The specified pagination token is not valid.")
        }
        return (String(parts[2]), Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    static func taggingAnswer<T: Encodable>(_ shape: T, _ requestId: String) -> EmulatorResponse {
        EmulatorResponse(
            status: 200, headers: [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestId)],
            chunks: [WireEncoder.encode(shape)])
    }

    /// A JSON 1.1 error: `__type` and `Message` (the model's member name), and `x-amzn-ErrorType`.
    /// The model gives its errors no HTTP status, so they are 400, as the protocol's default.
    static func taggingError(
        _ code: String, _ message: String, _ requestId: String, status: Int = 400
    ) -> EmulatorResponse {
        EmulatorResponse(
            status: status,
            headers: [
                ("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestId),
                ("x-amzn-ErrorType", code),
            ],
            chunks: [JSONWriter.encode(.object(["__type": .string(code), "Message": .string(message)]))])
    }
}
