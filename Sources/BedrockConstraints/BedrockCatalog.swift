import Foundation

/// The facts AWS publishes about Bedrock that bedrockctl needs (models and their Provisioned
/// Throughput variants, the regions each is sold in, the service's quotas, the system inference
/// profiles, the rules of on-demand deployment), read from one data file,
/// `Sources/BedrockConstraints/Data/catalog.json`, whose every row names its source and the date
/// it was read. The manifest checks, the planner and the emulator all read this one copy.
public struct BedrockCatalog: Decodable, Sendable {
    /// A page or list a row came from.
    public struct Source: Decodable, Sendable, Hashable {
        public var id: String
        public var title: String
        public var url: String
        public var read: String
    }

    /// Every region of every AWS partition, and those where Bedrock has an endpoint.
    public struct Regions: Decodable, Sendable {
        public var source: String
        public var all: [String]
        public var bedrock: [String]
    }

    /// A foundation model and its Provisioned Throughput variants.
    public struct Model: Decodable, Sendable {
        public var id: String
        public var name: String
        public var provider: String
        public var input: [FoundationModelInfo.Modality]
        public var output: [FoundationModelInfo.Modality]
        public var streaming: Bool
        public var customizations: [FoundationModelInfo.Customization]
        public var legacy: Bool
        /// How its native InvokeModel body is shaped.
        public var family: FoundationModelInfo.Family
        public var provisioned: [Variant]
        public var source: String
        /// How the Price List names the model in its Provisioned Throughput usage types
        /// (`ThroughputUsageType.model`), where AWS lists one; nil where it lists none.
        public var priceList: PriceListName?
    }

    /// A model's name in the Price List's usage types, and the source that shows it.
    public struct PriceListName: Decodable, Sendable {
        public var model: String
        public var source: String
    }

    /// A context-length variant sold as Provisioned Throughput (`…:0:8k`); a suffix of "" is
    /// the model's own id, sold both ways (`amazon.nova-canvas-v1:0`).
    public struct Variant: Decodable, Sendable {
        public var suffix: String
        /// The regions where Provisioned Throughput of it is sold.
        public var regions: [String]
        /// Whether it may be bought without a commitment term.
        public var noCommitment: Bool
        public var source: String
    }

    /// A quota of service code `bedrock`, as Service Quotas names it.
    public struct Quota: Decodable, Sendable {
        public var name: String
        /// Its code where AWS publishes it; nil where it does not (found by name at run time).
        public var code: String?
        /// AWS's default value; nil where AWS does not publish one.
        public var defaultValue: Double?
        /// The default reported by users where AWS publishes none.
        public var reportedDefault: Double?
        public var adjustable: Bool
        public var role: ModelUnitQuota.Role
        /// The provisioned variant a per-model quota is for.
        public var model: String?
        public var source: String

        enum CodingKeys: String, CodingKey {
            case name, code
            case defaultValue = "default"
            case reportedDefault, adjustable, role, model, source
        }
    }

    /// A system-defined (cross-region) inference profile.
    public struct SystemProfile: Decodable, Sendable {
        public var id: String
        public var name: String
        /// The foundation models it routes to.
        public var models: [String]
        /// The regions it may be called from, which are also those it routes to.
        public var regions: [String]
        public var source: String
    }

    /// Which custom models may be deployed for on-demand inference.
    public struct OnDemandDeployment: Decodable, Sendable {
        /// A base model whose customizations may be deployed, and where.
        public struct BaseModel: Decodable, Sendable {
            public var model: String
            public var regions: [String]
        }
        public var baseModels: [BaseModel]
        /// Only models customized on or after this day (YYYY-MM-DD).
        public var customizedOnOrAfter: String
        public var source: String
    }

    public var sources: [Source]
    public var regions: Regions
    public var models: [Model]
    public var quotas: [Quota]
    public var systemProfiles: [SystemProfile]
    public var onDemandDeployment: OnDemandDeployment

    /// The catalogue shipped in this build.
    public static let shipped: BedrockCatalog = {
        do {
            return try JSONDecoder().decode(BedrockCatalog.self, from: Data(PackageResources.catalog_json))
        } catch {
            preconditionFailure("Sources/BedrockConstraints/Data/catalog.json does not decode: \(error)")
        }
    }()

    public func source(_ id: String) -> Source? { sources.first { $0.id == id } }
}
