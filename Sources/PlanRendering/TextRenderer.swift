import AWSClient
import Reconciler

/// The human plan, Terraform-like: `+` create, `~` update in place, `-/+` replace, `-` delete,
/// `!` blocked or conflicting, with field diffs and a summary line. Colour only when asked.
public struct TextRenderer: Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    /// Names, reasons and values may come from the service: each is escaped (`DisplayText`)
    /// before it is painted, so only this renderer's own colour codes reach the terminal.
    public func render(_ plan: Plan) -> String {
        let top = PlanHeader(plan)
        var out = "Stack \(top.stack)\nTarget: \(top.where_)\n" + (top.read.map { "Read: \($0)\n" } ?? "") + "\n"
        if let targets = plan.targets {
            out += "Partial plan: --target \(safe(targets.joined(separator: ", --target ")))\n\n"
        }
        let shown = plan.actions.filter { $0.type != .noop }
        let costs = CostLines.shown(plan)
        if shown.isEmpty && plan.warnings.isEmpty {
            out += paint("No changes.", .green) + " The account matches the manifests.\n"
            if let costs { out += "Run rate: \(costs.rate(costs.cost.runRateAfter)) (\(safe(costs.basis))).\n" }
            return out
        }
        for action in shown {
            out += header(action) + "\n"
            out += "      \(safe(action.reason))\n"
            if let blocked = action.blocked { out += "      " + paint("blocked: \(safe(blocked))", .red) + "\n" }
            if !action.dependsOn.isEmpty { out += "      after: \(safe(action.dependsOn.joined(separator: ", ")))\n" }
            for change in action.changes { out += "      " + line(change, action.type) + "\n" }
            for cost in CostLines.action(action) {
                out += "      " + paint(safe(cost), cost.contains("commits") ? .red : .cyan) + "\n"
            }
            out += "\n"
        }
        for warning in plan.warnings { out += paint("warning: ", .yellow) + safe(warning) + "\n" }
        if !plan.warnings.isEmpty { out += "\n" }
        if let costs { out += costs.summary.map(safe).joined(separator: "\n") + "\n\n" }
        return out + summary(plan) + "\n"
    }

    public func summary(_ plan: Plan) -> String {
        var parts = [
            "\(plan.count(.create)) to create", "\(plan.count(.update)) to update in place",
            "\(plan.count(.replace)) to replace",
            "\(plan.count(.tag)) to retag", "\(plan.count(.delete)) to delete",
        ]
        if plan.count(.wait) > 0 { parts.append("\(plan.count(.wait)) to wait for") }
        if plan.count(.wouldPrune) > 0 { parts.append("\(plan.count(.wouldPrune)) kept without --prune") }
        let blocked = plan.actions.count { $0.blocked != nil || $0.type == .conflict }
        var text = "Plan: " + parts.joined(separator: ", ") + "."
        if blocked > 0 { text += " " + paint("\(blocked) blocked: apply will refuse.", .red) }
        if let refused = plan.cost?.refusals, !refused.isEmpty {
            text += " " + paint("Over budget: apply will refuse.", .red)
        }
        return text
    }

    func header(_ action: PlanAction) -> String {
        let (symbol, colour): (String, Colour) = {
            if action.blocked != nil || action.type == .conflict { return ("!", .red) }
            switch action.type {
            case .create: return ("+", .green)
            case .update, .tag: return ("~", .yellow)
            case .replace: return ("-/+", .red)
            case .delete: return ("-", .red)
            case .wait: return ("…", .cyan)
            case .wouldPrune: return ("?", .yellow)
            default: return (" ", .plain)
            }
        }()
        let label: String = {
            switch action.type {
            case .create: return "will be created"
            case .update: return "will be updated in place"
            case .tag: return "will be retagged"
            case .replace: return "must be replaced"
            case .delete: return "will be deleted"
            case .wait: return "is settling; apply waits for it"
            case .wouldPrune: return "would be deleted with --prune"
            case .conflict: return "conflicts"
            case .noop: return "is up to date"
            }
        }()
        return paint("\(symbol.padding(toLength: 3, withPad: " ", startingAt: 0)) \(safe(action.id))", colour)
            + " \(label)"
            + (action.liveArn.map { " (\(safe($0)))" } ?? "")
    }

    func line(_ change: FieldChange, _ type: PlanAction.ActionType) -> String {
        let quote = change.numeric ? "" : "\""
        let before = change.before.map { quote + safe($0) + quote }
        let after = change.knownAfterApply ? "(known after apply)" : change.after.map { quote + safe($0) + quote }
        let field = safe(change.field)
        let note = change.forcesReplacement ? paint(" # forces replacement", .red) : ""
        switch (before, after) {
        case (nil, let after?): return paint("+ ", .green) + "\(field) = \(after)"
        case (let before?, nil): return paint("- ", .red) + "\(field) = \(before)"
        case (let before?, let after?) where before == after: return "  \(field) = \(after)"
        case (let before?, let after?): return paint("~ ", .yellow) + "\(field): \(before) -> \(after)\(note)"
        default: return "  \(field)"
        }
    }

    enum Colour: String {
        case plain = ""
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    func safe(_ text: String) -> String { DisplayText.escaped(text) }

    func paint(_ text: String, _ colour: Colour) -> String {
        guard color, colour != .plain else { return text }
        return "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m"
    }
}
