import AWSClient
import BedrockConstraints
import Foundation

/// What `bedrockctl quotas` shows: for a stack, each quota its plan touches (for an account,
/// every quota bedrockctl knows), with what the plan needs, what is in use, the applied value,
/// AWS's default and the shortfall; and the increase requests filed for them.
public struct QuotaReport: Sendable {
    public struct Row: Sendable {
        public var usage: QuotaUsage
        /// AWS's default, as ListAWSDefaultServiceQuotas lists it, else as the catalogue has it.
        public var defaultValue: Double?
        /// Whether the account may ask for more, as Service Quotas says, else the catalogue.
        public var adjustable: Bool
    }

    /// A request filed, or refused, by `request`.
    public struct Filed: Sendable {
        public var row: Row
        public var change: ServiceQuotas.RequestedChange?
        /// Why no request was filed (an open one already, say).
        public var refusal: String?
    }

    public var region: String
    /// The stack the rows are for; nil for the whole account.
    public var stack: String?
    public var rows: [Row]
    public var warnings: [String]

    /// The rows of the quotas that fall short of what the plan needs.
    public var shortfalls: [Row] { rows.filter { ($0.usage.shortfall ?? 0) > 0 } }

    /// The report of a stack: its plan (quota blocks and all) against the account.
    public static func stack(
        _ request: Reconciliation.Request, in reconciliation: Reconciliation
    ) async throws -> QuotaReport {
        let (plan, usage) = try await reconciliation.planning(request)
        return try await QuotaReport(
            region: reconciliation.account.target.region, stack: request.stack, usage: usage,
            warnings: plan.warnings.filter { $0.contains("Service Quotas") || $0.contains("quotas") },
            account: reconciliation.account)
    }

    /// The report of the whole account: every quota bedrockctl knows, in use as the account's
    /// live resources count.
    public static func account(_ account: Reconciliation.Account) async throws -> QuotaReport {
        guard let client = account.quotas else {
            return QuotaReport(
                region: account.target.region, stack: nil, rows: [], warnings: ["no Service Quotas client"])
        }
        let reader = LiveStateReader(client: account.bedrock, region: account.target.region)
        let live = try await reader.read(stack: "")
        let listed = try await Reconciliation.accountQuotas(client)
        let usage = QuotaCheck(account: listed).usage(of: [], live: live, everyQuota: true)
        return try await QuotaReport(
            region: account.target.region, stack: nil, usage: usage, warnings: [], account: account)
    }

    init(region: String, stack: String?, rows: [Row], warnings: [String]) {
        self.region = region
        self.stack = stack
        self.rows = rows
        self.warnings = warnings
    }

    init(
        region: String, stack: String?, usage: [QuotaUsage], warnings: [String], account: Reconciliation.Account
    ) async throws {
        var defaults = AccountQuotas(listed: [])
        var warnings = warnings
        if let client = account.quotas {
            do {
                defaults = AccountQuotas(
                    try await client.listAWSDefaultServiceQuotas(serviceCode: ModelUnitQuota.serviceCode).collect())
            } catch {
                warnings.append("AWS's default quotas could not be read (\(error)); the catalogue's are shown")
            }
        }
        let rows = usage.map { usage in
            let aws = defaults.find(usage.quota)
            return Row(
                usage: usage, defaultValue: aws?.value ?? usage.quota.defaultValue,
                adjustable: usage.listed?.adjustable ?? aws?.adjustable ?? usage.quota.adjustable)
        }
        self.init(region: region, stack: stack, rows: rows, warnings: warnings)
    }

    /// Files RequestServiceQuotaIncrease for each shortfall, asking for what the plan needs; a
    /// quota that is not adjustable, or has a request open already, is said and left.
    public func request(with client: ServiceQuotasClient) async -> [Filed] {
        var filed: [Filed] = []
        for row in shortfalls {
            guard let code = row.usage.code else { continue }
            guard row.adjustable else {
                filed.append(Filed(row: row, change: nil, refusal: "not adjustable: AWS raises it on no request"))
                continue
            }
            do {
                let change = try await client.requestServiceQuotaIncrease(
                    serviceCode: ModelUnitQuota.serviceCode, quotaCode: code, desiredValue: Double(row.usage.needed))
                filed.append(Filed(row: row, change: change, refusal: nil))
            } catch let error as AWSServiceError where error.code == "ResourceAlreadyExistsException" {
                let open = try? await client.listRequestedServiceQuotaChangeHistoryByQuota(
                    serviceCode: ModelUnitQuota.serviceCode, quotaCode: code
                ).collect().first { $0.status?.isOpen == true }
                filed.append(Filed(row: row, change: open, refusal: "a request is open already: \(error.message)"))
            } catch {
                filed.append(Filed(row: row, change: nil, refusal: "\(error)"))
            }
        }
        return filed
    }

    /// The increase requests of each quota of the report, newest first.
    public func requests(
        with client: ServiceQuotasClient
    ) async throws -> [(row: Row, changes: [ServiceQuotas.RequestedChange])] {
        var all: [(row: Row, changes: [ServiceQuotas.RequestedChange])] = []
        for row in rows {
            guard let code = row.usage.code, row.usage.listed != nil else { continue }
            let changes = try await client.listRequestedServiceQuotaChangeHistoryByQuota(
                serviceCode: ModelUnitQuota.serviceCode, quotaCode: code
            ).collect()
            if !changes.isEmpty { all.append((row, changes)) }
        }
        return all
    }
}
