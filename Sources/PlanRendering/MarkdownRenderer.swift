import Reconciler

/// The plan as a pull-request comment: the summary first, destructive and blocked actions first
/// and flagged, each action's details in a collapsible block, and the whole kept under GitHub's
/// 65,536-character limit by cutting whole actions, saying how many were left out.
public struct MarkdownRenderer: Sendable {
    public static let githubLimit = 65_536
    public var limit: Int

    public init(limit: Int = MarkdownRenderer.githubLimit - 1_536) { self.limit = limit }

    public func render(_ plan: Plan) -> String {
        let text = TextRenderer(color: false)
        let header = PlanHeader(plan)
        var head = "### bedrockctl plan: stack `\(plan.stack)` in `\(plan.region)`\n\n"
        let money = CostLines.warnings(plan)
        if !money.isEmpty {
            head += "> [!WARNING]\n" + money.map { "> **\(escape($0))**" }.joined(separator: "\n>\n") + "\n\n"
        }
        head += "Stack: \(inlineCode(header.stack))<br>\nTarget: \(inlineCode(header.where_))"
        head += (header.read.map { "<br>\nRead: \(escape($0))" } ?? "") + "\n\n"
        let shown = plan.actions.filter { $0.type != .noop }
        let costs = CostLines.shown(plan)
        if shown.isEmpty && plan.warnings.isEmpty {
            head += "**No changes.** The account matches the manifests.\n"
            if let costs { head += "\nRun rate: \(costs.rate(costs.cost.runRateAfter)) (\(escape(costs.basis))).\n" }
            return head
        }
        head += "**\(text.summary(plan))**\n\n" + countsTable(plan)
        if let costs { head += costTable(costs) }
        let blocked = shown.filter { $0.blocked != nil || $0.type == .conflict }
        let refusals = plan.cost?.refusals ?? []
        if !blocked.isEmpty || !refusals.isEmpty {
            let count = blocked.count + refusals.count
            let what =
                refusals.isEmpty
                ? "action\(count == 1 ? " is" : "s are") blocked" : "refusal\(count == 1 ? "" : "s")"
            head += "> [!CAUTION]\n> \(count) \(what); apply will refuse this plan:\n"
            head +=
                (blocked.map { "> - `\($0.id)`: \($0.blocked ?? $0.reason)" } + refusals.map { "> - cost: \($0)" })
                .joined(separator: "\n") + "\n\n"
        }
        let destructive = shown.filter { [.replace, .delete].contains($0.type) && $0.blocked == nil }
        if !destructive.isEmpty {
            head +=
                "> [!WARNING]\n> Destructive: "
                + destructive.map { "`\($0.id)` (\($0.type.rawValue))" }.joined(separator: ", ") + "\n\n"
        }
        for warning in plan.warnings { head += "- ⚠️ \(warning)\n" }
        if !plan.warnings.isEmpty { head += "\n" }
        let ordered = shown.sorted { rank($0) < rank($1) }
        var body = ""
        var omitted = 0
        for (index, action) in ordered.enumerated() {
            let block = details(action)
            if head.count + body.count + block.count + 200 > limit {
                omitted = ordered.count - index
                break
            }
            body += block
        }
        if omitted > 0 {
            body +=
                "\n_\(omitted) more action\(omitted == 1 ? "" : "s") left out to stay under GitHub's comment limit; "
                + "run `bedrockctl plan` for the whole plan._\n"
        }
        return head + body
    }

    /// The counts at a glance, one column per kind of action the plan has.
    func countsTable(_ plan: Plan) -> String {
        let blocked = plan.actions.count { $0.blocked != nil || $0.type == .conflict }
        let columns: [(String, Int)] = [
            ("➕ create", plan.count(.create)), ("🔄 update", plan.count(.update)),
            ("♻️ replace", plan.count(.replace)), ("🏷️ retag", plan.count(.tag)),
            ("🗑️ delete", plan.count(.delete)), ("⏳ wait", plan.count(.wait)),
            ("❔ kept without --prune", plan.count(.wouldPrune)), ("🛑 blocked", blocked),
        ].filter { $0.1 > 0 }
        guard !columns.isEmpty else { return "" }
        return "| " + columns.map(\.0).joined(separator: " | ") + " |\n|" + columns.map { _ in " ---: |" }.joined()
            + "\n| "
            + columns.map { String($0.1) }.joined(separator: " | ") + " |\n\n"
    }

    /// The cost summary, outside any `<details>`: the run rate before and after, the commitments,
    /// what has no price, and the budget.
    func costTable(_ costs: CostLines) -> String {
        let cost = costs.cost
        let partial = cost.unpriced.isEmpty ? "" : " (priced throughputs)"
        var out =
            "**Cost** (\(escape(costs.basis)))\n\n| | per hour | per month |\n| --- | ---: | ---: |\n"
            + "| run rate before apply\(partial) | \(cost.runRateBefore.hourly) | \(cost.runRateBefore.monthly) |\n"
            + "| run rate after apply\(partial) | \(cost.runRateAfter.hourly) | \(cost.runRateAfter.monthly) |\n"
            + "| change | \(CostLines.signed(cost.runRateChange.hourly)) "
            + "| \(CostLines.signed(cost.runRateChange.monthly)) |\n\n"
        if let problem = cost.problem { out += "- ⚠️ unpriced: \(escape(problem))\n" }
        for commitment in cost.commitments {
            out += "- 🔒 `\(commitment.actionId)` \(escape(CostLines.commitment(commitment)))\n"
        }
        for item in cost.unpriced { out += "- 💲 `\(item.actionId)`: \(escape(item.reason))\n" }
        if let budget = cost.budget {
            if let monthly = budget.monthly {
                out += "- 🎯 budget: \(monthly) a month (\(escape(budget.monthlySource ?? "?")))\n"
            }
            if let commitments = budget.commitments {
                out += "- 🎯 budget: \(commitments) of commitments (\(escape(budget.commitmentsSource ?? "?")))\n"
            }
        }
        return out + "\n"
    }

    /// Diffs up to this many lines show open; longer ones start collapsed.
    static let openDiffLines = 12

    func rank(_ action: PlanAction) -> Int {
        if action.blocked != nil || action.type == .conflict { return 0 }
        switch action.type {
        case .delete, .replace: return 1
        case .update, .tag, .create: return 2
        default: return 3
        }
    }

    func details(_ action: PlanAction) -> String {
        let symbol: String = {
            if action.blocked != nil || action.type == .conflict { return "🛑" }
            switch action.type {
            case .create: return "➕"
            case .update: return "🔄"
            case .tag: return "🏷️"
            case .replace: return "♻️"
            case .delete: return "🗑️"
            case .wait: return "⏳"
            case .wouldPrune: return "❔"
            default: return "•"
            }
        }()
        let open = action.changes.count <= Self.openDiffLines ? " open" : ""
        var out =
            "<details\(open)><summary>\(symbol) <code>\(action.id)</code>: \(action.type.rawValue) — "
            + "\(escape(action.reason))</summary>\n\n"
        // A conflict or a wait changes no field: no empty diff block.
        guard !action.changes.isEmpty else { return out + "</details>\n\n" }
        let costs = CostLines.action(action)
        out += "```diff\n"
        for change in action.changes {
            let after = change.knownAfterApply ? "(known after apply)" : change.after ?? ""
            switch (change.before, change.after != nil || change.knownAfterApply) {
            case (nil, true): out += "+ \(change.field) = \(after)\n"
            case (let before?, false): out += "- \(change.field) = \(before)\n"
            case (let before?, true) where before == after && !change.knownAfterApply:
                out += "  \(change.field) = \(after)\n"
            case (let before?, true):
                out +=
                    "- \(change.field) = \(before)\n+ \(change.field) "
                    + "= \(after)\(change.forcesReplacement ? "  # forces replacement" : "")\n"
            default: out += "  \(change.field)\n"
            }
        }
        out += "```\n"
        for line in costs { out += "\n\(escape(line))\n" }
        return out + "</details>\n\n"
    }

    func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Text as an inline code span; a backtick inside would end it, so it becomes a quote.
    func inlineCode(_ text: String) -> String { "`" + text.replacingOccurrences(of: "`", with: "'") + "`" }
}
