import Foundation

/// The Price List shapes bedrockctl sends and reads, as botocore's `pricing` model names them.
/// Members the model requires are optional here so that a server can tell an input without one
/// from a malformed one.
public enum Pricing {
    public struct Filter: Codable, Sendable, Hashable {
        public enum FilterType: String, Codable, Sendable, Hashable, CaseIterable {
            case termMatch = "TERM_MATCH", equals = "EQUALS", contains = "CONTAINS", anyOf = "ANY_OF"
            case noneOf = "NONE_OF"
        }

        public var type: FilterType?
        public var field: String?
        public var value: String?

        enum CodingKeys: String, CodingKey { case type = "Type", field = "Field", value = "Value" }

        public init(_ type: FilterType, field: String, value: String) {
            self.type = type
            self.field = field
            self.value = value
        }

        public static func termMatch(_ field: String, _ value: String) -> Filter {
            Filter(.termMatch, field: field, value: value)
        }
    }

    public struct GetProductsRequest: Codable, Sendable, Hashable {
        public var serviceCode: String?
        public var filters: [Filter]?
        public var formatVersion: String?
        public var nextToken: String?
        public var maxResults: Int?

        enum CodingKeys: String, CodingKey {
            case serviceCode = "ServiceCode", filters = "Filters", formatVersion = "FormatVersion"
            case nextToken = "NextToken", maxResults = "MaxResults"
        }

        public init(
            serviceCode: String?, filters: [Filter]? = nil, formatVersion: String? = nil, nextToken: String? = nil,
            maxResults: Int? = nil
        ) {
            self.serviceCode = serviceCode
            self.filters = filters
            self.formatVersion = formatVersion
            self.nextToken = nextToken
            self.maxResults = maxResults
        }
    }

    public struct GetProductsResponse: Codable, Sendable, Hashable {
        public var formatVersion: String?
        /// Each product is a JSON document sent as a string (`PriceListJsonItem`).
        public var priceList: [String]?
        public var nextToken: String?

        enum CodingKeys: String, CodingKey {
            case formatVersion = "FormatVersion", priceList = "PriceList", nextToken = "NextToken"
        }

        public init(formatVersion: String?, priceList: [String]?, nextToken: String?) {
            self.formatVersion = formatVersion
            self.priceList = priceList
            self.nextToken = nextToken
        }
    }

    public struct DescribeServicesRequest: Codable, Sendable, Hashable {
        public var serviceCode: String?
        public var formatVersion: String?
        public var nextToken: String?
        public var maxResults: Int?

        enum CodingKeys: String, CodingKey {
            case serviceCode = "ServiceCode", formatVersion = "FormatVersion", nextToken = "NextToken"
            case maxResults = "MaxResults"
        }

        public init(serviceCode: String?, formatVersion: String?, nextToken: String?, maxResults: Int?) {
            self.serviceCode = serviceCode
            self.formatVersion = formatVersion
            self.nextToken = nextToken
            self.maxResults = maxResults
        }
    }

    public struct Service: Codable, Sendable, Hashable {
        public var serviceCode: String?
        public var attributeNames: [String]?

        enum CodingKeys: String, CodingKey { case serviceCode = "ServiceCode", attributeNames = "AttributeNames" }

        public init(serviceCode: String?, attributeNames: [String]?) {
            self.serviceCode = serviceCode
            self.attributeNames = attributeNames
        }
    }

    public struct DescribeServicesResponse: Codable, Sendable, Hashable {
        public var services: [Service]?
        public var formatVersion: String?
        public var nextToken: String?

        enum CodingKeys: String, CodingKey {
            case services = "Services", formatVersion = "FormatVersion", nextToken = "NextToken"
        }

        public init(services: [Service]?, formatVersion: String?, nextToken: String?) {
            self.services = services
            self.formatVersion = formatVersion
            self.nextToken = nextToken
        }
    }

    public struct GetAttributeValuesRequest: Codable, Sendable, Hashable {
        public var serviceCode: String?
        public var attributeName: String?
        public var nextToken: String?
        public var maxResults: Int?

        enum CodingKeys: String, CodingKey {
            case serviceCode = "ServiceCode", attributeName = "AttributeName", nextToken = "NextToken"
            case maxResults = "MaxResults"
        }

        public init(serviceCode: String?, attributeName: String?, nextToken: String?, maxResults: Int?) {
            self.serviceCode = serviceCode
            self.attributeName = attributeName
            self.nextToken = nextToken
            self.maxResults = maxResults
        }
    }

    public struct AttributeValue: Codable, Sendable, Hashable {
        public var value: String?
        enum CodingKeys: String, CodingKey { case value = "Value" }
        public init(value: String?) { self.value = value }
    }

    public struct GetAttributeValuesResponse: Codable, Sendable, Hashable {
        public var attributeValues: [AttributeValue]?
        public var nextToken: String?

        enum CodingKeys: String, CodingKey { case attributeValues = "AttributeValues", nextToken = "NextToken" }

        public init(attributeValues: [AttributeValue]?, nextToken: String?) {
            self.attributeValues = attributeValues
            self.nextToken = nextToken
        }
    }
}
