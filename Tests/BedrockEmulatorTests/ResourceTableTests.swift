import BedrockConstraints
import Foundation
import Testing

@testable import BedrockEmulator

/// Every table of the emulator's state is seen by the lookups that must not miss a kind (tags,
/// fresh ids, the change count) and by `--state`'s journal. A record of each table is made
/// through a switch over `ResourceTable`, so a new table fails to compile here until it has one,
/// and then fails this test until the state and its journal carry it.
@Suite struct ResourceTableTests {
    static let time = Date(timeIntervalSince1970: 1_790_000_000)

    static func state(withOneOf table: ResourceTable) -> EmulatorState {
        var state = EmulatorState()
        switch table {
        case .throughputs:
            state.throughputs = [
                ThroughputRecord(
                    id: "t00000000001", region: "us-east-1", name: "t", modelArn: "m", desiredModelArn: "m",
                    foundationModelArn: "f", modelUnits: 1, creationTime: time, lastModifiedTime: time)
            ]
        case .importJobs:
            state.jobs = [
                ImportJobRecord(
                    id: "j00000000001", region: "us-east-1", jobName: "j", importedModelName: "m",
                    importedModelId: "m00000000009", roleArn: "r", s3Uri: "s3://b/", creationTime: time, endTime: time,
                    importedModelTags: [:])
            ]
        case .importedModels:
            state.importedModels = [
                ImportedModelRecord(
                    id: "m00000000001", region: "us-east-1", name: "m", jobName: "j", jobArn: "a", s3Uri: "s3://b/",
                    creationTime: time)
            ]
        case .deployments:
            state.deployments = [
                DeploymentRecord(
                    id: "d00000000001", region: "us-east-1", name: "d", modelArn: "m", creationTime: time,
                    lastUpdatedAt: time, createdAt: time)
            ]
        case .inferenceProfiles:
            state.inferenceProfiles = [
                InferenceProfileRecord(
                    id: "p00000000001", region: "us-east-1", name: "p", source: "s", models: [], creationTime: time)
            ]
        }
        return state
    }

    @Test(arguments: ResourceTable.allCases)
    func everyTableIsCountedFoundAndJournaled(_ table: ResourceTable) throws {
        let state = Self.state(withOneOf: table)
        let record = try #require(state.visit(table, FirstRecord()))
        #expect(state.resourceCount == 1, "the change count sees \(table)")
        #expect(state.exists(BedrockARNs.of(record)), "tags can find a record of \(table)")
        let delta = try #require(StateDelta(from: EmulatorState(), to: state, sequence: 1))
        var replayed = EmulatorState()
        delta.apply(to: &replayed)
        var expected = state
        expected.sequence = 1
        #expect(replayed == expected, "the journal carries \(table)")
        let reloaded = try JSONDecoder().decode(EmulatorState.self, from: JSONEncoder().encode(state))
        #expect(reloaded == state, "a snapshot carries \(table)")
    }

    @Test func theHealthEndpointCountsEveryTable() async throws {
        let emulator = try Emulator()
        let health = await emulator.handle(EmulatorRequest(method: "GET", path: "/_emulator/health"))
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(health.body)) as? [String: Any])
        for table in ResourceTable.allCases { #expect(counts[table.name] as? Int == 0, "\(table.name)") }
    }
}

/// A table's first record.
struct FirstRecord: RecordVisitor {
    func visit<T: ARNNamed>(_ records: [T]) -> (any ARNNamed)? { records.first }
}

/// The ARN a record answers to.
enum BedrockARNs {
    static func of(_ record: any ARNNamed) -> BedrockARN {
        BedrockARN(
            region: record.region, account: Emulator.account, type: type(of: record).arnType, resource: record.id)
    }
}
