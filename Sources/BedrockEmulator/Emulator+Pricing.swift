import AWSClient
import Foundation

/// The Price List Query API (JSON 1.1, `AWSPriceListService`, signed for `pricing` in us-east-1,
/// eu-central-1 or ap-south-1) on the emulator's port: GetProducts with its filters and pages,
/// DescribeServices and GetAttributeValues, over the emulator's price list (`EmulatorPriceList`).
extension Emulator {
    static let pricingTarget = "AWSPriceListService."

    /// Whether a request is a Price List call (its `X-Amz-Target`).
    static func isPricing(_ request: EmulatorRequest) -> Bool {
        request.method == "POST" && request.path == "/"
            && (request.header("x-amz-target")?.hasPrefix(pricingTarget) ?? false)
    }

    /// Every member the served operations take, each optional.
    struct PricingInput: Decodable {
        var serviceCode: String?
        var filters: [Pricing.Filter]?
        var formatVersion: String?
        var nextToken: String?
        var maxResults: Int?
        var attributeName: String?

        enum CodingKeys: String, CodingKey {
            case serviceCode = "ServiceCode"
            case filters = "Filters"
            case formatVersion = "FormatVersion"
            case nextToken = "NextToken"
            case maxResults = "MaxResults"
            case attributeName = "AttributeName"
        }
    }

    struct PricingFailure: Error {
        var code: String
        var message: String
        var status = 400

        static func invalid(_ message: String) -> PricingFailure {
            PricingFailure(code: "InvalidParameterException", message: message)
        }
    }

    func pricing(_ request: EmulatorRequest, now: Date, requestId: String) -> EmulatorResponse {
        let region: String
        switch authenticate(request, now: now, service: "pricing") {
        case .success(let auth): region = auth.region
        case .failure(let error): return Self.quotaError(error.code, error.message, requestId, status: error.status)
        }
        guard PricingClient.regions.contains(region) else {
            return Self.quotaError(
                "InvalidParameterException",
                "The Price List API is served from \(PricingClient.regions.joined(separator: ", ")) only; this "
                    + "request was signed for \(region).", requestId)
        }
        if settings.pricingAccessDenied {
            return Self.quotaError(
                "AccessDeniedException", "User is not authorized to perform: pricing:GetProducts", requestId)
        }
        let name = String(request.header("x-amz-target")?.dropFirst(Self.pricingTarget.count) ?? "")
        guard let operation = EmulatorOperation(rawValue: name), EmulatorOperation.pricing.contains(operation) else {
            return Self.quotaError(
                "UnknownOperationException", "Operation \(name) is not supported by this emulator.", requestId)
        }
        guard admit(operation, realNow: now) else {
            return Self.quotaError("ThrottlingException", "Rate exceeded", requestId)
        }
        guard let input = try? Self.decoder.decode(PricingInput.self, from: Data(request.body)) else {
            return Self.quotaError(
                "SerializationException",
                "The request body is not a JSON object of the operation's members (ServiceCode, FormatVersion, "
                    + "NextToken and AttributeName are strings, MaxResults an integer, Filters a list of Type, "
                    + "Field and Value).", requestId)
        }
        do {
            return Self.quotaAnswer(try pricingAnswer(operation, input), requestId)
        } catch {
            return Self.quotaError(error.code, error.message, requestId, status: error.status)
        }
    }

    private func pricingAnswer(_ operation: EmulatorOperation, _ input: PricingInput) throws(PricingFailure) -> [UInt8]
    {
        if let version = input.formatVersion, version != "aws_v1" {
            throw .invalid("Invalid FormatVersion: \(version); the only format is aws_v1.")
        }
        let list = priceList
        switch operation {
        case .describeServices:
            let services = list.services.filter { input.serviceCode == nil || $0.code == input.serviceCode }
            let page = try Self.pricingPage(of: services, input)
            return WireEncoder.encode(
                Pricing.DescribeServicesResponse(
                    services: page.items.map { Pricing.Service(serviceCode: $0.code, attributeNames: $0.attributes) },
                    formatVersion: "aws_v1", nextToken: page.next))
        case .getAttributeValues:
            guard let code = input.serviceCode else { throw .invalid("ServiceCode is required.") }
            guard let attribute = input.attributeName else { throw .invalid("AttributeName is required.") }
            let values = Set(list.products.filter { $0.serviceCode == code }.compactMap { $0.attributes[attribute] })
            let page = try Self.pricingPage(of: values.sorted(), input)
            return WireEncoder.encode(
                Pricing.GetAttributeValuesResponse(
                    attributeValues: page.items.map(Pricing.AttributeValue.init), nextToken: page.next))
        default:
            guard let code = input.serviceCode else { throw .invalid("ServiceCode is required.") }
            let filters = input.filters ?? []
            for filter in filters {
                guard filter.type != nil, let field = filter.field, !field.isEmpty, filter.value != nil else {
                    let types = Pricing.Filter.FilterType.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalid("Each filter needs a Type (\(types)), a Field and a Value.")
                }
            }
            let matching = list.products.filter { product in
                product.serviceCode == code && filters.allSatisfy { Self.matches(product, $0) }
            }
            let page = try Self.pricingPage(of: matching, input)
            return WireEncoder.encode(
                Pricing.GetProductsResponse(
                    formatVersion: "aws_v1", priceList: page.items.map(\.document), nextToken: page.next))
        }
    }

    /// Whether a product passes a filter: its field (`ServiceCode` or an attribute) matched
    /// exactly (TERM_MATCH, EQUALS), as a substring (CONTAINS), or against a comma-separated list
    /// of values (ANY_OF, NONE_OF). A product without the attribute passes only NONE_OF.
    static func matches(_ product: EmulatorPriceList.Product, _ filter: Pricing.Filter) -> Bool {
        guard let type = filter.type, let field = filter.field, let value = filter.value else { return false }
        let actual = field == "ServiceCode" ? product.serviceCode : product.attributes[field]
        let values = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        switch type {
        case .termMatch, .equals: return actual == value
        case .contains: return actual?.contains(value) ?? false
        case .anyOf: return actual.map(values.contains) ?? false
        case .noneOf: return !(actual.map(values.contains) ?? false)
        }
    }

    /// One page: MaxResults from 1 to 100 (100 when absent), NextToken the offset it goes on from.
    static func pricingPage<T>(
        of items: [T], _ input: PricingInput
    ) throws(PricingFailure) -> (items: [T], next: String?) {
        let size = input.maxResults ?? 100
        guard (1...100).contains(size) else { throw .invalid("MaxResults must be from 1 to 100, got \(size).") }
        var start = 0
        if let token = input.nextToken {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
                text.hasPrefix("products:"), let offset = Int(text.dropFirst("products:".count)),
                (1..<max(items.count, 1)).contains(offset)
            else {
                throw PricingFailure(code: "InvalidNextTokenException", message: "The pagination token is invalid.")
            }
            start = offset
        }
        let end = min(items.count, start + size)
        let next = end < items.count ? Data("products:\(end)".utf8).base64EncodedString() : nil
        return (Array(items[start..<end]), next)
    }
}
