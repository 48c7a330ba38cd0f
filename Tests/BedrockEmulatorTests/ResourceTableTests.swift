import BedrockConstraints
import Foundation
import Testing

@testable import BedrockEmulator

/// Every kind the emulator keeps (`EmulatorResources.all`) is seen by the lookups that must not
/// miss one (tags, fresh ids, the change count, health) and by `--state`'s snapshot and journal,
/// whose member names stay those of the files written before the kinds were units.
@Suite struct ResourceTableTests {
    static let time = Date(timeIntervalSince1970: 1_790_000_000)

    /// One record of each kind, by state key; a kind registered without one fails
    /// `everyRegisteredKindHasASample`.
    static let samples: [String: any EmulatorResource] = [
        "throughputs": ThroughputRecord(
            id: "t00000000001", region: "us-east-1", name: "t", modelArn: "m", desiredModelArn: "m",
            foundationModelArn: "f", modelUnits: 1, creationTime: time, lastModifiedTime: time),
        "jobs": ImportJobRecord(
            id: "j00000000001", region: "us-east-1", jobName: "j", importedModelName: "m",
            importedModelId: "m00000000009", roleArn: "r", s3Uri: "s3://b/", creationTime: time, endTime: time,
            importedModelTags: [:]),
        "importedModels": ImportedModelRecord(
            id: "m00000000001", region: "us-east-1", name: "m", jobName: "j", jobArn: "a", s3Uri: "s3://b/",
            creationTime: time),
        "deployments": DeploymentRecord(
            id: "d00000000001", region: "us-east-1", name: "d", modelArn: "m", creationTime: time,
            lastUpdatedAt: time, createdAt: time),
        "inferenceProfiles": InferenceProfileRecord(
            id: "p00000000001", region: "us-east-1", name: "p", source: "s", models: [], creationTime: time),
    ]

    static func state<T: EmulatorResource>(with record: T) -> EmulatorState {
        var state = EmulatorState()
        state[T.self] = [record]
        return state
    }

    static func arn<T: EmulatorResource>(of record: T) -> BedrockARN {
        BedrockARN(region: record.region, account: Emulator.account, type: T.arnType, resource: record.id)
    }

    @Test func everyRegisteredKindHasASample() {
        for kind in EmulatorResources.all { #expect(Self.samples[kind.stateKey] != nil, "\(kind) has no sample") }
        #expect(Self.samples.count == EmulatorResources.all.count)
    }

    @Test func kindsHaveDistinctNamesAndARNTypes() {
        let kinds = EmulatorResources.all
        #expect(Set(kinds.map { $0.stateKey }).count == kinds.count)
        #expect(Set(kinds.map { $0.healthName }).count == kinds.count)
        #expect(Set(kinds.map { $0.arnType.rawValue }).count == kinds.count)
        // A kind's members must not clash with the state's and the journal's own.
        let own: Set = [
            "tags", "tokens", "randomState", "taggingIndex", "sequence", "removedTags", "removedTokens",
            "removedFromTaggingIndex",
        ]
        let members = kinds.flatMap { [$0.stateKey, $0.removedKey] }
        #expect(Set(members).count == members.count && Set(members).isDisjoint(with: own), "\(members)")
    }

    @Test(arguments: EmulatorResources.all.map { $0.stateKey })
    func everyKindIsCountedFoundAndJournaled(_ key: String) throws {
        let record = try #require(Self.samples[key])
        let state = Self.state(with: record)
        #expect(state.resourceCount == 1, "the change count sees \(key)")
        #expect(state.exists(Self.arn(of: record)), "tags can find a record of \(key)")
        #expect(state.reservedIds.contains(record.id), "fresh ids avoid \(key)")
        let delta = try #require(StateDelta(from: EmulatorState(), to: state, sequence: 1))
        var replayed = EmulatorState()
        delta.apply(to: &replayed)
        var expected = state
        expected.sequence = 1
        #expect(replayed == expected, "the journal carries \(key)")
        let line = try JSONDecoder().decode(StateDelta.self, from: JSONEncoder().encode(delta))
        var reread = EmulatorState()
        line.apply(to: &reread)
        #expect(reread == expected, "a journal line carries \(key)")
        let reloaded = try JSONDecoder().decode(EmulatorState.self, from: JSONEncoder().encode(state))
        #expect(reloaded == state, "a snapshot carries \(key)")
    }

    /// The members of state files and journal lines written before the kinds were units.
    @Test func filesWrittenBeforeKeepTheirMembers() throws {
        var state = EmulatorState()
        for record in Self.samples.values { Self.add(record, to: &state) }
        let snapshot = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(state)) as? [String: Any])
        #expect(
            Set(snapshot.keys)
                == [
                    "throughputs", "jobs", "importedModels", "deployments", "inferenceProfiles", "tags", "tokens",
                    "randomState", "taggingIndex", "sequence", "quotaRequests",
                ])
        let old = """
            {"sequence":3,"removedThroughputs":["t1"],"removedJobs":["j1"],"removedImportedModels":["m1"],\
            "removedDeployments":["d1"],"removedInferenceProfiles":["p1"]}
            """
        let delta = try JSONDecoder().decode(StateDelta.self, from: Data(old.utf8))
        #expect(delta.removed(ThroughputRecord.self) == ["t1"])
        #expect(delta.removed(ImportJobRecord.self) == ["j1"])
        #expect(delta.removed(ImportedModelRecord.self) == ["m1"])
        #expect(delta.removed(DeploymentRecord.self) == ["d1"])
        #expect(delta.removed(InferenceProfileRecord.self) == ["p1"])
    }

    /// A throughput's commitment and transition are typed now (`CommitmentDuration`,
    /// `Bedrock.ProvisionedModelStatus`), and written as the strings they were.
    @Test func aThroughputsCommitmentAndTransitionKeepTheirSpelling() throws {
        var record = try #require(Self.samples["throughputs"] as? ThroughputRecord)
        record.commitmentDuration = .oneMonth
        record.transition = .creating
        record.transitionEnds = Self.time.addingTimeInterval(60)
        let object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as? [String: Any])
        #expect(object["commitmentDuration"] as? String == "OneMonth" && object["transition"] as? String == "Creating")
        var old = object
        old["commitmentDuration"] = "SixMonths"
        old["transition"] = "Updating"
        let read = try JSONDecoder().decode(ThroughputRecord.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(read.commitmentDuration == .sixMonths && read.status(at: Self.time) == .updating)
        #expect(read.status(at: Self.time.addingTimeInterval(61)) == .inService)
    }

    static func add<T: EmulatorResource>(_ record: T, to state: inout EmulatorState) { state[T.self].append(record) }

    @Test func aLoadedStateNamesTheKindOfAnImplausibleDate() throws {
        for (key, record) in Self.samples {
            var state = Self.state(with: record)
            let encoded = try JSONEncoder().encode(state)
            var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
            var records = try #require(object[key] as? [[String: Any]])
            // `creationTime` is a date of every kind but the import job, whose `endTime` is used.
            records[0][key == "jobs" ? "endTime" : "creationTime"] = 1e15
            object[key] = records
            state = try JSONDecoder().decode(EmulatorState.self, from: JSONSerialization.data(withJSONObject: object))
            let problem = try #require(state.implausibleDate, "\(key)")
            #expect(problem.hasSuffix("has a date outside the years 1 to 9999"), "\(problem)")
        }
    }

    @Test func theHealthEndpointCountsEveryKind() async throws {
        let emulator = try Emulator()
        let health = await emulator.handle(EmulatorRequest(method: "GET", path: "/_emulator/health"))
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(health.body)) as? [String: Any])
        for kind in EmulatorResources.all { #expect(counts[kind.healthName] as? Int == 0, "\(kind.healthName)") }
        #expect(counts["customModelDeployments"] != nil && counts["importJobs"] != nil)
    }
}
