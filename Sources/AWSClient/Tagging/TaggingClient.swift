import Foundation

/// The Resource Groups Tagging API (JSON 1.1): `GetResources`, which finds what a stack owns by
/// its tag in a few requests, however many other resources the account holds. Its index is
/// eventually consistent: a resource may appear some time after it is made or tagged, and a
/// deleted one may still be listed for a while.
public struct TaggingClient: Sendable {
    public var service: ServiceClient

    public init(service: ServiceClient) { self.service = service }

    /// A tag key, and any of its values; no values means any value.
    public typealias TagFilter = Tagging.TagFilter

    /// Every resource that carries all the `tagFilters`, of one of `resourceTypes`
    /// (`service[:type]`, e.g. `bedrock:provisioned-model`), all pages.
    public func getResources(
        tagFilters: [TagFilter], resourceTypes: [String] = [],
        perPage: Int = 100
    ) -> Paginator<Tagging.ResourceTagMapping> {
        Paginator { [service] token in
            let input = Tagging.GetResourcesInput(
                paginationToken: token, tagFilters: tagFilters.isEmpty ? nil : tagFilters,
                resourcesPerPage: perPage, resourceTypeFilters: resourceTypes.isEmpty ? nil : resourceTypes)
            let operation = try OperationRequest.json11(
                target: "ResourceGroupsTaggingAPI_20170126.", "GetResources", input)
            let page: Tagging.GetResourcesOutput = try await service.json(operation)
            return (page.resourceTagMappingList ?? [], page.paginationToken)
        }
    }
}

/// The tagging API's shapes bedrockctl sends and reads, as botocore's `resourcegroupstaggingapi` model
/// names them.
public enum Tagging {
    public struct Tag: Codable, Sendable, Hashable {
        public var key: String
        public var value: String
        enum CodingKeys: String, CodingKey { case key = "Key", value = "Value" }

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// `ComplianceDetails`: what a tag policy says of a resource.
    public struct ComplianceDetails: Codable, Sendable, Hashable {
        public var noncompliantKeys: [String]?
        public var keysWithNoncompliantValues: [String]?
        public var complianceStatus: Bool?
        enum CodingKeys: String, CodingKey {
            case noncompliantKeys = "NoncompliantKeys", keysWithNoncompliantValues = "KeysWithNoncompliantValues"
            case complianceStatus = "ComplianceStatus"
        }

        public init(noncompliantKeys: [String]?, keysWithNoncompliantValues: [String]?, complianceStatus: Bool?) {
            self.noncompliantKeys = noncompliantKeys
            self.keysWithNoncompliantValues = keysWithNoncompliantValues
            self.complianceStatus = complianceStatus
        }
    }

    public struct ResourceTagMapping: Codable, Sendable, Hashable {
        public var resourceARN: String
        public var tags: [Tag]?
        public var complianceDetails: ComplianceDetails?
        enum CodingKeys: String, CodingKey {
            case resourceARN = "ResourceARN", tags = "Tags", complianceDetails = "ComplianceDetails"
        }

        public init(resourceARN: String, tags: [Tag]?, complianceDetails: ComplianceDetails? = nil) {
            self.resourceARN = resourceARN
            self.tags = tags
            self.complianceDetails = complianceDetails
        }
    }

    /// `TagFilter`: a tag key, and any of its values. No values (absent on the wire) means any value.
    public struct TagFilter: Codable, Sendable, Hashable {
        public var key: String
        public var values: [String]?
        enum CodingKeys: String, CodingKey { case key = "Key", values = "Values" }

        /// `values` empty is sent as no `Values` member: any value.
        public init(key: String, values: [String] = []) {
            self.key = key
            self.values = values.isEmpty ? nil : values
        }
    }

    /// `GetResourcesInput`, the members bedrockctl sends (not `ResourceARNList`, `IncludeComplianceDetails`,
    /// `ExcludeCompliantResources` or `TagsPerPage`).
    public struct GetResourcesInput: Codable, Sendable, Hashable {
        public var paginationToken: String?
        public var tagFilters: [TagFilter]?
        public var resourcesPerPage: Int?
        public var resourceTypeFilters: [String]?
        enum CodingKeys: String, CodingKey {
            case paginationToken = "PaginationToken", tagFilters = "TagFilters", resourcesPerPage = "ResourcesPerPage"
            case resourceTypeFilters = "ResourceTypeFilters"
        }

        public init(
            paginationToken: String? = nil, tagFilters: [TagFilter]? = nil, resourcesPerPage: Int? = nil,
            resourceTypeFilters: [String]? = nil
        ) {
            self.paginationToken = paginationToken
            self.tagFilters = tagFilters
            self.resourcesPerPage = resourcesPerPage
            self.resourceTypeFilters = resourceTypeFilters
        }
    }

    public struct GetResourcesOutput: Codable, Sendable {
        public var paginationToken: String?
        public var resourceTagMappingList: [ResourceTagMapping]?
        enum CodingKeys: String, CodingKey {
            case paginationToken = "PaginationToken", resourceTagMappingList = "ResourceTagMappingList"
        }

        public init(paginationToken: String?, resourceTagMappingList: [ResourceTagMapping]?) {
            self.paginationToken = paginationToken
            self.resourceTagMappingList = resourceTagMappingList
        }
    }
}
