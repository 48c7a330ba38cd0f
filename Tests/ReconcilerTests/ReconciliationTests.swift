import AWSClient
import Foundation
import Manifest
import Synchronization
import TestSupport
import Testing

@testable import Reconciler

/// The reconcile flow the commands, the tests and the benchmarks share: the plan is shown before
/// the question, a refusal changes nothing, a saved plan runs only while it is still true, and a
/// plan with nothing to do asks nothing.
@Suite struct ReconciliationTests {
    @Test func thePlanIsShownThenAskedAboutAndARefusalChangesNothing() async throws {
        let r = try Reconcile()
        let events = Mutex<[String]>([])
        let outcome = try await r.reconciliation.apply(
            Reconcile.request([EndToEndTests.pt("asked")], PlanOptions()), execution: Reconciliation.Execution(),
            show: { plan in events.withLock { $0.append("show \(plan.changes.count)") } },
            confirm: { _ in
                events.withLock { $0.append("confirm") }
                return false
            })
        guard case .refused(let why) = outcome else {
            Issue.record("not refused: \(outcome)")
            return
        }
        #expect(why == "apply cancelled")
        #expect(events.withLock { $0 } == ["show 1", "confirm"])
        #expect(try await r.client.listProvisionedModelThroughputs().collect().isEmpty, "nothing was created")
    }

    @Test func aPlanWithNothingToDoAsksNothing() async throws {
        let r = try Reconcile()
        #expect(try await r.apply([EndToEndTests.pt("steady")]).ok)
        let outcome = try await r.reconciliation.apply(
            Reconcile.request([EndToEndTests.pt("steady")], PlanOptions()), execution: Reconciliation.Execution(),
            confirm: { _ in
                Issue.record("asked about a plan with no changes")
                return true
            })
        guard case .nothingToDo(let plan) = outcome else {
            Issue.record("expected nothing to do: \(outcome)")
            return
        }
        #expect(plan.target?.account == "000000000000", "the plan is bound to the account STS names: \(plan.warnings)")
    }

    @Test func aSavedPlanRunsOnlyWhileItIsStillTrueAndWithoutAsking() async throws {
        let r = try Reconcile()
        let request = Reconcile.request([EndToEndTests.pt("saved", units: 2)], PlanOptions())
        let saved = try await r.reconciliation.plan(request)
        // Someone else creates it meanwhile: the saved plan's "create" is no longer what apply would do.
        #expect(try await r.apply([EndToEndTests.pt("saved", units: 2)]).ok)
        let stale = try await r.reconciliation.apply(
            request, saved: saved, execution: Reconciliation.Execution(), confirm: { _ in true })
        guard case .refused(let why) = stale else {
            Issue.record("a stale plan was not refused: \(stale)")
            return
        }
        #expect(why.contains("changed"), "\(why)")
        // A fresh saved plan (no changes now, then a real one) runs without a question.
        let next = Reconcile.request([EndToEndTests.pt("saved", units: 2, tags: ["team": "new"])], PlanOptions())
        let fresh = try await r.reconciliation.plan(next)
        let applied = try await r.reconciliation.apply(
            next, saved: fresh, execution: Reconciliation.Execution(pollInterval: .seconds(1)),
            confirm: { _ in
                Issue.record("a saved plan was asked about: it was reviewed when it was saved")
                return false
            })
        guard case .applied(_, let report, _) = applied else {
            Issue.record("not applied: \(applied)")
            return
        }
        #expect(report.ok && report.succeeded == 1)
    }
}
