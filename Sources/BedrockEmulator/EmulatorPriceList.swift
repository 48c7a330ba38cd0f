import Foundation

/// The products the emulator's Price List API serves, in AWS's own format: the answer of
/// `aws pricing get-products` (`{"FormatVersion": "aws_v1", "PriceList": [...]}`), each entry a
/// product document as a string (or, as some tools save them, as an object). The emulator ships
/// `Data/price-list.json`; `emulator --price-list FILE` serves a list a user saved instead.
public struct EmulatorPriceList: Sendable {
    struct Product: Sendable {
        /// The document as served, a JSON text.
        var document: String
        var serviceCode: String
        var attributes: [String: String]
    }

    var products: [Product]

    /// The list the emulator ships (`Sources/BedrockEmulator/Data/price-list.json`).
    public static let shipped: EmulatorPriceList = {
        do {
            return try EmulatorPriceList(data: Data(PackageResources.price_list_json), source: "the shipped price list")
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    /// A price list file that cannot be served, and why.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var source: String
        public var reason: String
        public var description: String { "\(source): not a price list (\(reason))" }
    }

    public init(contentsOf path: String) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw LoadError(source: path, reason: "it cannot be read: \(error.localizedDescription)")
        }
        try self.init(data: data, source: path)
    }

    public init(data: Data, source: String) throws {
        guard data.count <= 256 << 20 else { throw LoadError(source: source, reason: "larger than 256 MiB") }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw LoadError(source: source, reason: "it is not a JSON object")
        }
        guard let entries = root["PriceList"] as? [Any] else {
            throw LoadError(
                source: source,
                reason: "it has no PriceList array; save the output of aws pricing get-products --service-code ...")
        }
        products = try entries.enumerated().map { index, entry in
            let text: String
            if let string = entry as? String {
                text = string
            } else if JSONSerialization.isValidJSONObject(entry),
                let bytes = try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])
            {
                text = String(decoding: bytes, as: UTF8.self)
            } else {
                throw LoadError(source: source, reason: "PriceList[\(index)] is neither a string nor an object")
            }
            guard let document = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
                let product = document["product"] as? [String: Any],
                let attributes = product["attributes"] as? [String: Any]
            else {
                throw LoadError(source: source, reason: "PriceList[\(index)] is not a product with attributes")
            }
            let code = document["serviceCode"] as? String ?? attributes["servicecode"] as? String ?? ""
            guard !code.isEmpty else {
                throw LoadError(source: source, reason: "PriceList[\(index)] names no serviceCode")
            }
            return Product(
                document: text, serviceCode: code, attributes: attributes.compactMapValues { $0 as? String })
        }
    }

    /// The service codes, and each one's attribute names, sorted.
    var services: [(code: String, attributes: [String])] {
        var found: [String: Set<String>] = [:]
        for product in products { found[product.serviceCode, default: []].formUnion(product.attributes.keys) }
        return found.keys.sorted().map { ($0, found[$0]!.sorted()) }
    }
}
