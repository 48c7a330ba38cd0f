import AWSClient
import Foundation
import TestSupport
import Testing

@testable import BedrockEmulator

/// `--state` as a snapshot and a journal: a reload gives back exactly the state in memory,
/// after many changes and compactions; a journal torn by a crash loses only its torn entry; a
/// crash between a compaction's rename and its truncation replays nothing twice.
@Suite struct StateJournalTests {
    static func temporaryPath() -> String {
        TemporaryFiles.path("journal", suffix: ".json")
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Creates, renames, retags, deletes, imports and evicts: every kind of record changes.
    static func churn(_ h: EmulatorHarness, rounds: Int) async throws {
        var arns: [String] = []
        for i in 0..<rounds {
            arns.append(
                try await h.createThroughput(
                    "pt-\(i)", token: "tok-\(i)", tags: [.init(key: "team", value: "t\(i % 4)")]))
        }
        _ = try await h.bedrock.createModelImportJob(ImportAndTagTests.job("churn-job", model: "churn-model"))
        h.clock.advance(121)
        for (i, arn) in arns.enumerated() {
            switch i % 4 {
            case 0:
                try await h.bedrock.updateProvisionedModelThroughput(
                    arn, .init(desiredProvisionedModelName: "renamed-\(i)"))
            case 1: try await h.bedrock.tagResource(arn, tags: [.init(key: "extra", value: String(i))])
            case 2: try await h.bedrock.untagResource(arn, keys: ["team"])
            default: try await h.bedrock.deleteProvisionedModelThroughput(arn)
            }
        }
        _ = try await h.runtime.invokeModel(
            try await h.bedrock.getImportedModel("churn-model").modelArn ?? "",
            body: Array(#"{"prompt": "hi"}"#.utf8))
        try await h.bedrock.deleteImportedModel("churn-model")
        // Deployments and application inference profiles: created, updated, retagged, deleted.
        let custom = "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.nova-lite-v1:0:300k/"
        let deployment = try await h.bedrock.createCustomModelDeployment(
            .init(modelDeploymentName: "churn-dep", modelArn: custom + "n7v4q2l9x5ka")
        ).customModelDeploymentArn
        let gone = try await h.bedrock.createCustomModelDeployment(
            .init(modelDeploymentName: "churn-dep-2", modelArn: custom + "n7v4q2l9x5ka")
        ).customModelDeploymentArn
        h.clock.advance(121)
        try await h.bedrock.updateCustomModelDeployment(deployment, .init(modelArn: custom + "m3c8t6r1w4zb"))
        try await h.bedrock.deleteCustomModelDeployment(gone)
        let haiku = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
        let profile = try await h.bedrock.createInferenceProfile(
            .init(inferenceProfileName: "churn profile", modelSource: .init(copyFrom: haiku))
        ).inferenceProfileArn
        try await h.bedrock.tagResource(profile, tags: [.init(key: "team", value: "a")])
        let other = try await h.bedrock.createInferenceProfile(
            .init(inferenceProfileName: "churn-2", modelSource: .init(copyFrom: haiku))
        ).inferenceProfileArn
        try await h.bedrock.deleteInferenceProfile(other)
        // The last call changes something, so the state in memory is all saved.
        try await h.bedrock.tagResource(arns[1], tags: [.init(key: "last", value: "change")])
    }

    @Test func aReloadAfterManyChangesEqualsTheStateInMemory() async throws {
        let path = Self.temporaryPath()
        var settings = EmulatorHarness.instant
        settings.taggingLagSeconds = 20
        let h = try EmulatorHarness(settings: settings, statePath: path)
        try await Self.churn(h, rounds: 80)
        let memory = await h.emulator.state
        #expect(memory.sequence > 160, "one journal entry a change: 163 calls changed something")
        #expect(!memory.taggingIndex.entries.isEmpty)
        #expect(Self.size(path + ".journal") > 0, "changes since the first are in the journal")
        let reloaded = try Emulator(statePath: path)
        #expect(await reloaded.state == memory)
        #expect(memory.deployments.map(\.name) == ["churn-dep"] && memory.inferenceProfiles.count == 1)
        #expect(Self.size(path + ".journal") == 0, "a load compacts")
        let again = try Emulator(statePath: path)
        #expect(await again.state == memory)
    }

    @Test func compactionKeepsTheStateAndBoundsTheJournal() throws {
        let path = Self.temporaryPath()
        let store = try EmulatorStateStore(path: path, compactionFloor: 4096)
        var state = store.saved
        var largestJournal = 0
        for i in 0..<400 {
            state.tags["arn:aws:bedrock:us-east-1:000000000000:provisioned-model/r\(i % 50)"] = ["k": String(i)]
            if i % 7 == 0 { state.tags["arn:aws:bedrock:us-east-1:000000000000:provisioned-model/r\(i % 50)"] = nil }
            state.randomState &+= 1
            try store.save(&state)
            largestJournal = max(largestJournal, Self.size(path + ".journal"))
        }
        #expect(state.sequence == 400)
        #expect(largestJournal <= max(4096, Self.size(path)) + 512, "compacted once past the snapshot's size")
        let reopened = try EmulatorStateStore(path: path)
        #expect(reopened.saved == state)
    }

    @Test func aTornLastEntryIsIgnoredAndTheJournalGoesOn() async throws {
        let path = Self.temporaryPath()
        var before: EmulatorState
        do {
            let h = try EmulatorHarness(statePath: path)
            for i in 0..<5 { _ = try await h.createThroughput("kept-\(i)", tags: [.init(key: "i", value: String(i))]) }
            before = await h.emulator.state
            _ = try await h.createThroughput("torn")
        }
        let journal = path + ".journal"
        let data = try #require(FileManager.default.contents(atPath: journal))
        let lastLine =
            data.dropLast().lastIndex(of: UInt8(ascii: "\n")).map { data.distance(from: data.startIndex, to: $0) + 1 }
            ?? 0
        // Cut the last entry in its middle, as a crash mid-write leaves it.
        let cut = lastLine + (data.count - lastLine) / 2
        try data.prefix(cut).write(to: URL(fileURLWithPath: journal))
        let reloaded = try EmulatorHarness(statePath: path)
        #expect(await reloaded.emulator.state == before)
        let names = try await reloaded.bedrock.listProvisionedModelThroughputs().collect().map(\.provisionedModelName)
        #expect(names.sorted() == (0..<5).map { "kept-\($0)" })
        _ = try await reloaded.createThroughput("after")
        let after = await reloaded.emulator.state
        #expect(try await Emulator(statePath: path).state == after, "appends after a torn entry are read back")
    }

    @Test func anEntryTornToItsNewlineOrToGarbageIsIgnoredToo() throws {
        let path = Self.temporaryPath()
        let store = try EmulatorStateStore(path: path)
        var state = store.saved
        state.randomState = 1
        try store.save(&state)
        state.tags["arn:x"] = ["a": "b"]
        try store.save(&state)
        let expected = state
        state.tags["arn:y"] = ["c": "d"]
        try store.save(&state)
        let journal = path + ".journal"
        var data = try #require(FileManager.default.contents(atPath: journal))
        data.removeLast()  // the newline of the last entry
        try data.write(to: URL(fileURLWithPath: journal))
        #expect(try EmulatorStateStore(path: path).saved == expected)
    }

    @Test func aBadEntryBeforeGoodOnesIsAnError() throws {
        let path = Self.temporaryPath()
        let store = try EmulatorStateStore(path: path)
        var state = store.saved
        for i in 0..<3 {
            state.tags["arn:\(i)"] = ["k": "v"]
            try store.save(&state)
        }
        let journal = path + ".journal"
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "the first save wrote the snapshot")
        lines[0] = "{\"garbage\": "
        try (lines.joined(separator: "\n") + "\n").write(toFile: journal, atomically: true, encoding: .utf8)
        #expect(throws: EmulatorStateError.self) { _ = try EmulatorStateStore(path: path) }
    }

    @Test func entriesTheSnapshotAlreadyHasAreNotReplayed() throws {
        let path = Self.temporaryPath()
        let journal = path + ".journal"
        let store = try EmulatorStateStore(path: path)
        var state = store.saved
        for i in 0..<4 {
            state.tags["arn:\(i)"] = ["n": String(i)]
            try store.save(&state)
        }
        let entries = try #require(FileManager.default.contents(atPath: journal))
        #expect(!entries.isEmpty)
        // A compaction that renamed its snapshot and was killed before emptying the journal.
        try store.compact()
        try entries.write(to: URL(fileURLWithPath: journal))
        state.tags["arn:9"] = ["n": "9"]
        try store.save(&state)
        #expect(try EmulatorStateStore(path: path).saved == state)
    }

    @Test func aStateFileFromBeforeTheJournalLoads() async throws {
        let path = Self.temporaryPath()
        let old =
            #"{"throughputs":[{"id":"abc123def456","region":"us-east-1","name":"old","modelArn":"m","#
            + #""desiredModelArn":"m","foundationModelArn":"f","modelUnits":1,"#
            + #""creationTime":1764000000000,"lastModifiedTime":1764000000000}],"#
            + #""jobs":[],"importedModels":[],"tags":{},"tokens":{},"randomState":1}"#
        try old.write(toFile: path, atomically: true, encoding: .utf8)
        let h = try EmulatorHarness(statePath: path)
        #expect(try await h.bedrock.getProvisionedModelThroughput("old").modelUnits == 1)
        _ = try await h.createThroughput("new")
        let names = try await Emulator(statePath: path).state.throughputs.map(\.name)
        #expect(names == ["old", "new"])
    }
}
