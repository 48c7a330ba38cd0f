import AWSClient
import BedrockConstraints
import Foundation
import Manifest

/// The reconcile flow, in one place for the commands, the tests and the benchmarks: read the live
/// state → plan → bind the plan to where it was made → (apply) check a saved plan is still true,
/// or show the plan and ask → execute → report. The account's services, the clock, the
/// confirmation and the output come in from outside.
public struct Reconciliation: Sendable {
    /// The services of the account a plan is made in.
    public struct Account: Sendable {
        public var bedrock: BedrockClient
        /// The tagging API, for discovery by tag; nil reads every resource's tags.
        public var tagging: TaggingClient?
        /// Service Quotas, for the model-unit check; nil skips it with a warning.
        public var quotas: ServiceQuotasClient?
        /// Whose credentials these are (STS GetCallerIdentity).
        public var identity: @Sendable () async throws -> CallerIdentity
        /// The region and the endpoint or sandbox; the account is added from `identity`.
        public var target: PlanTarget
        /// The service's clock when known (the Date of its last answer), else nil.
        public var serviceTime: @Sendable () -> Date?
        /// The runtime, for smoke tests after apply; nil runs none.
        public var runtime: BedrockRuntimeClient?
        /// Where throughputs' prices come from (the Price List API); nil prices nothing, and the
        /// plan says so.
        public var prices: (any PriceBook)?
        /// Where `prices` asks, for the plan's cost summary.
        public var priceSource: String

        public init(
            bedrock: BedrockClient, tagging: TaggingClient?, quotas: ServiceQuotasClient?,
            identity: @escaping @Sendable () async throws -> CallerIdentity, target: PlanTarget,
            serviceTime: @escaping @Sendable () -> Date? = { nil }, runtime: BedrockRuntimeClient? = nil,
            prices: (any PriceBook)? = nil, priceSource: String = "none"
        ) {
            self.prices = prices
            self.priceSource = priceSource
            self.runtime = runtime
            self.bedrock = bedrock
            self.tagging = tagging
            self.quotas = quotas
            self.identity = identity
            self.target = target
            self.serviceTime = serviceTime
        }
    }

    /// What to plan: the manifests, the stack and the choices of the command line.
    public struct Request: Sendable {
        public var manifests: ManifestSet
        public var stack: String
        public var stackSource: StackSource
        public var options: PlanOptions
        public var discovery: LiveStateReader.Discovery
        /// `--target`: the action ids to restrict the plan to; empty for the whole plan.
        public var targets: [String]
        /// Resources declared by manifest files beside the ones planned, left alone.
        public var declaredElsewhere: Set<String>
        /// The paths as given, absolute, recorded for `apply FILE`.
        public var manifestPaths: [String]
        /// The budget and negotiated prices the plan is priced and checked with.
        public var costPolicy: CostPolicy

        public init(
            manifests: ManifestSet, stack: String, stackSource: StackSource, options: PlanOptions = PlanOptions(),
            discovery: LiveStateReader.Discovery = .auto, targets: [String] = [], declaredElsewhere: Set<String> = [],
            manifestPaths: [String] = [], costPolicy: CostPolicy? = nil
        ) {
            self.costPolicy =
                costPolicy ?? CostPolicy(stack: manifests.stack?.costPolicy, maxMonthlyCost: nil, allowUnpriced: false)
            self.manifests = manifests
            self.stack = stack
            self.stackSource = stackSource
            self.options = options
            self.discovery = discovery
            self.targets = targets
            self.declaredElsewhere = declaredElsewhere
            self.manifestPaths = manifestPaths
        }
    }

    /// How the executor runs a plan.
    public struct Execution: Sendable {
        public var concurrency: Int
        public var timeout: Duration
        public var pollInterval: Duration
        public var progress: @Sendable (String) -> Void
        /// What the smoke tests print: which one runs, and streamed tokens as they arrive.
        public var smokeOutput: @Sendable (String) -> Void
        /// Told the executor's report as soon as it is done, before any smoke test runs.
        public var executed: @Sendable (Executor.Report) -> Void

        public init(
            concurrency: Int = 4, timeout: Duration = .seconds(3600), pollInterval: Duration = .seconds(10),
            progress: @escaping @Sendable (String) -> Void = { _ in },
            smokeOutput: @escaping @Sendable (String) -> Void = { _ in },
            executed: @escaping @Sendable (Executor.Report) -> Void = { _ in }
        ) {
            self.smokeOutput = smokeOutput
            self.executed = executed
            self.concurrency = concurrency
            self.timeout = timeout
            self.pollInterval = pollInterval
            self.progress = progress
        }
    }

    /// How an apply ended.
    public enum Outcome: Sendable {
        /// The plan changes nothing and waits for nothing.
        case nothingToDo(Plan)
        /// Not applied: a saved plan no longer true, or the confirmation refused.
        case refused(String)
        /// Executed; then the smoke tests of the throughputs it brought to InService.
        case applied(Plan, Executor.Report, smokeTests: [SmokeTestRunner.Result])
    }

    public var account: Account
    public var clock: AWSClock
    /// Reads at most this many resources at a time.
    public var readConcurrency: Int

    public init(account: Account, clock: AWSClock = .live, readConcurrency: Int = LiveStateReader.defaultConcurrency) {
        self.account = account
        self.clock = clock
        self.readConcurrency = readConcurrency
    }

    /// Reads the live state and plans: quotas checked, the plan bound to the account, region and
    /// endpoint, and to the manifest files' bytes.
    public func plan(_ request: Request) async throws -> Plan { try await planning(request).plan }

    /// A plan, with what it needs of each quota it touches (`QuotaCheck.usage`), for
    /// `bedrockctl quotas`; the usage is empty when the account's quotas could not be read.
    public func planning(_ request: Request) async throws -> (plan: Plan, quotas: [QuotaUsage]) {
        let account = self.account
        async let identity: Result<CallerIdentity, any Error> = {
            do { return .success(try await account.identity()) } catch { return .failure(error) }
        }()
        async let quotaValues: Result<AccountQuotas, any Error>? = {
            guard let quotas = account.quotas else { return nil }
            do { return .success(try await Self.accountQuotas(quotas)) } catch { return .failure(error) }
        }()
        let reader = LiveStateReader(
            client: account.bedrock, region: account.target.region, concurrency: readConcurrency,
            tagging: account.tagging, discovery: request.discovery, wanted: WantedNames(request.manifests.resources))
        let first = try await reader.reading(stack: request.stack)
        // Commitments are compared with the service's clock (the Date of its answers), not this machine's.
        let now = account.serviceTime() ?? clock.now()
        var planner = Planner(stack: request.stack, options: request.options, now: now)
        planner.declaredElsewhere = request.declaredElsewhere
        // A destroy keeps the manifests for the stack's name and declares nothing.
        var (plan, reading) = try await planner.plan(
            request.options.destroy ? [] : request.manifests.resources, reading: first, reader: reader)
        let live = reading.state
        plan.warnings += reading.warnings
        plan.liveRead = LiveRead(reading)
        if !request.targets.isEmpty { plan = plan.restricted(to: request.targets) }
        var usage: [QuotaUsage] = []
        switch await quotaValues {
        case .success(let values)?:
            let check = QuotaCheck(account: values, ignore: request.options.ignoreQuotas)
            usage = check.usage(of: plan, live: live)
            check.apply(to: &plan, live: live)
        case .failure(let error as AWSServiceError)? where error.kind == .accessDenied:
            plan.warnings.append(
                "the model-unit quotas could not be read (\(error)); the plan is not checked against them")
        case .failure(let error)?:
            throw error
        case nil:
            plan.warnings.append("no Service Quotas client: the plan is not checked against the model-unit quotas")
        }
        var rules = ServiceRuleCheck(client: account.bedrock, region: account.target.region)
        await rules.apply(to: &plan)
        let costs = CostCheck(
            prices: account.prices, policy: request.costPolicy, region: account.target.region, now: now,
            priceSource: account.priceSource)
        await costs.apply(to: &plan, live: live)
        var target = account.target
        switch await identity {
        case .success(let caller):
            target.account = caller.account
            target.principal = caller.arn
        case .failure(let error):
            plan.warnings.append("the account is unknown (\(error)); the plan is bound to the region and endpoint only")
        }
        plan.target = target
        plan.stackSource = request.stackSource
        plan.discovery = request.discovery
        plan.manifestPaths = request.manifestPaths
        plan.manifestFiles = request.manifests.inputs.map {
            ManifestFileDigest(
                path: $0.path == "-" ? "-" : URL(fileURLWithPath: $0.path).standardizedFileURL.path, bytes: $0.bytes)
        }
        plan.actionsDigest = Plan.digest(of: plan.actions)
        return (plan, usage)
    }

    /// Plans afresh and applies: a saved plan only if the fresh one agrees with it (same target,
    /// same manifests, same live state), otherwise the fresh plan once `show` has shown it and
    /// `confirm` has agreed. Nothing runs when there is nothing to do.
    public func apply(
        _ request: Request, saved: Plan? = nil, execution: Execution, show: @Sendable (Plan) -> Void = { _ in },
        confirm: @Sendable (Plan) async throws -> Bool
    ) async throws -> Outcome {
        let fresh = try await plan(request)
        let plan: Plan
        if let saved {
            if let refusal = SavedPlanCheck.refusal(saved: saved, fresh: fresh) { return .refused(refusal) }
            plan = saved
        } else {
            plan = fresh
            show(plan)
            guard plan.hasChanges || plan.actions.contains(where: { $0.type == .wait }) else {
                return .nothingToDo(plan)
            }
            guard try await confirm(plan) else { return .refused("apply cancelled") }
        }
        let executor = Executor(
            client: account.bedrock, clock: clock, concurrency: execution.concurrency, timeout: execution.timeout,
            pollInterval: execution.pollInterval, progress: execution.progress)
        let report = await executor.apply(plan)
        execution.executed(report)
        var smoke: [SmokeTestRunner.Result] = []
        if let runtime = account.runtime {
            // The resources apply brought to service (created, changed, waited for), as declared.
            let done = Set(report.outcomes.filter { $0.outcome == .succeeded }.map(\.id))
            let brought = Set(plan.actions.filter { $0.type != .delete && done.contains($0.id) }.map(\.id))
            let tested = request.manifests.smokeTested.filter { brought.contains(Planner.actionId($0)) }
            smoke = await SmokeTestRunner(bedrock: account.bedrock, runtime: runtime, output: execution.smokeOutput)
                .run(tested)
        }
        return .applied(plan, report, smokeTests: smoke)
    }

    /// The account's Bedrock quotas, as ListServiceQuotas lists them.
    public static func accountQuotas(_ client: ServiceQuotasClient) async throws -> AccountQuotas {
        AccountQuotas(try await client.listServiceQuotas(serviceCode: ModelUnitQuota.serviceCode).collect())
    }
}
