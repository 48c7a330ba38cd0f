import Foundation
import PlanRendering
import Testing

@testable import Reconciler

/// `bedrockctl get`'s table and JSON, from a fixed live state.
@Suite struct LiveTableTests {
    static var live: LiveState {
        let committed = PlannerTests.live(
            "bot", commitment: .oneMonth, expires: PlannerTests.now.addingTimeInterval(86_400 * 3),
            id: "bbbbbbbbbbbb")
        let foreign = PlannerTests.live("theirs", owner: nil, units: 2, id: "tttttttttttt")
        return LiveState(
            region: "us-east-1", throughputs: [foreign, committed],
            importJobs: [ImportPlannerTests.liveJob("imp", status: .completed)])
    }

    @Test func deploymentsAndProfilesHaveRowsOfTheirOwn() {
        var updating = DeploymentAndProfileTests.liveDeployment("bot", owner: "prod")
        updating.updatingTo = DeploymentAndProfileTests.customV2
        let regions = ["us-east-1", "us-west-2"].map {
            "arn:aws:bedrock:\($0)::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
        }
        let live = LiveState(
            region: "us-east-1", deployments: [updating],
            inferenceProfiles: [
                DeploymentAndProfileTests.liveProfile("one", owner: nil),
                DeploymentAndProfileTests.liveProfile("two", models: regions, owner: "prod", id: "ppppppppppp2"),
            ])
        let rows = LiveTable(live, now: PlannerTests.now).rows
        #expect(rows.map(\.kind) == ["CustomModelDeployment", "InferenceProfile", "InferenceProfile"])
        #expect(rows[0].status == "Updating" && rows[0].model.hasPrefix("custom-model/"))
        #expect(rows[1].model == "anthropic.claude-3-haiku-20240307-v1:0" && rows[1].stack == nil)
        #expect(rows[2].model == "anthropic.claude-3-haiku-20240307-v1:0 (2 regions)" && rows[2].stack == "prod")
        let profiles = LiveTable(
            live, kinds: [LiveTable.Kind(rawValue: "inference-profiles")!], stack: "prod", now: PlannerTests.now)
        #expect(profiles.rows.map(\.name) == ["two"])
    }

    @Test func theTableShowsStatusModelUnitsCommitmentAndOwner() {
        let text = LiveTable(Self.live, now: PlannerTests.now).text()
        #expect(
            text == """
                KIND                   NAME    STATUS     MODEL                              UNITS  COMMITMENT        \
                                            STACK  MANIFEST NAME
                ModelImportJob         imp     Completed  llama-ft                           -      -                 \
                                            prod   llama
                ProvisionedThroughput  bot     InService  amazon.titan-text-express-v1:0:8k  1      OneMonth until \
                2026-11-28T01:02:03Z (3 days)  prod   bot
                ProvisionedThroughput  theirs  InService  amazon.titan-text-express-v1:0:8k  2      -                 \
                                            -      -

                """, "\(text)")
        let mine = LiveTable(
            Self.live, kinds: [LiveTable.Kind(rawValue: "throughputs")!], stack: "prod", now: PlannerTests.now)
        #expect(mine.rows.map(\.name) == ["bot"])
        #expect(mine.json().contains("\"commitmentExpiration\" : \"2026-11-28T01:02:03Z\""))
        #expect(LiveTable(LiveState(region: "us-east-1"), now: PlannerTests.now).text() == "No resources.\n")
    }
}
