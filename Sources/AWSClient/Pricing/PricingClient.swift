import Foundation

/// The AWS Price List Query API (`AWSPriceListService`, JSON 1.1, signing name `pricing`), as
/// botocore's `pricing` model describes it. It is served from us-east-1, eu-central-1 and
/// ap-south-1 only, whatever region the prices are for.
public struct PricingClient: Sendable {
    public var service: ServiceClient

    public init(service: ServiceClient) { self.service = service }

    static let targetPrefix = "AWSPriceListService."
    /// The regions that serve the API (the Price List Query API page of the Billing user guide).
    public static let regions = ["us-east-1", "eu-central-1", "ap-south-1"]

    func operation<Input: Encodable>(_ name: String, _ input: Input) throws -> OperationRequest {
        try .json11(target: Self.targetPrefix, name, input, idempotent: true)
    }

    /// The products of `serviceCode` that match every filter, all pages; each is the JSON
    /// document the service sends as a string.
    public func getProducts(serviceCode: String, filters: [Pricing.Filter]) -> Paginator<String> {
        Paginator { [self] token in
            let input = Pricing.GetProductsRequest(
                serviceCode: serviceCode, filters: filters, formatVersion: "aws_v1", nextToken: token, maxResults: 100)
            let page: Pricing.GetProductsResponse = try await service.json(operation("GetProducts", input))
            return (page.priceList ?? [], page.nextToken)
        }
    }

    /// The services the Price List knows, or just `serviceCode`, with their attribute names.
    public func describeServices(serviceCode: String? = nil) -> Paginator<Pricing.Service> {
        Paginator { [self] token in
            let input = Pricing.DescribeServicesRequest(
                serviceCode: serviceCode, formatVersion: "aws_v1", nextToken: token, maxResults: 100)
            let page: Pricing.DescribeServicesResponse = try await service.json(operation("DescribeServices", input))
            return (page.services ?? [], page.nextToken)
        }
    }

    /// The values one attribute of a service takes, all pages.
    public func getAttributeValues(serviceCode: String, attributeName: String) -> Paginator<String> {
        Paginator { [self] token in
            let input = Pricing.GetAttributeValuesRequest(
                serviceCode: serviceCode, attributeName: attributeName, nextToken: token, maxResults: 100)
            let page: Pricing.GetAttributeValuesResponse = try await service.json(
                operation("GetAttributeValues", input))
            return ((page.attributeValues ?? []).compactMap(\.value), page.nextToken)
        }
    }
}
