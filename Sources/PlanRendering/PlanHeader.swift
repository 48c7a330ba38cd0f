import AWSClient
import Reconciler

/// What a plan is of and where it was made, as every format shows it first: the stack and how its
/// name was chosen, the account, the region, and the sandbox or endpoint.
struct PlanHeader: Sendable {
    var stack: String
    var where_: String
    /// How the live state was read, when the plan says.
    var read: String?

    init(_ plan: Plan) {
        let source = plan.stackSource.map { " (\($0))" } ?? ""
        stack = DisplayText.escaped("\(plan.stack)\(source)")
        read = plan.liveRead?.description
        guard let target = plan.target else {
            where_ = DisplayText.escaped("region \(plan.region)")
            return
        }
        var parts: [String] = []
        if let account = target.account {
            parts.append("account \(account)" + (target.principal.map { " (\($0))" } ?? ""))
        } else {
            parts.append("account unknown")
        }
        parts.append("region \(target.region)")
        if let sandbox = target.sandbox {
            parts.append("SANDBOX \(sandbox) (the embedded emulator, not AWS)")
        } else {
            parts.append("endpoint \(target.endpoint ?? "default")")
        }
        where_ = DisplayText.escaped(parts.joined(separator: ", "))
    }
}
