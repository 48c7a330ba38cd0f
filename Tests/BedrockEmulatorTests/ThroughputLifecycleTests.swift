import AWSClient
import BedrockEmulator
import Foundation
import TestSupport
import Testing

@Suite struct ThroughputLifecycleTests {
    @Test func createThenInServiceAfterProvisioningTime() async throws {
        let h = try EmulatorHarness()
        let arn = try await h.createThroughput("support-bot", tags: [.init(key: "team", value: "ml")])
        #expect(arn.wholeMatch(of: /arn:aws:bedrock:us-east-1:000000000000:provisioned-model\/[a-z0-9]{12}/) != nil)
        var model = try await h.bedrock.getProvisionedModelThroughput(arn)
        #expect(model.status == .creating)
        #expect(
            model.foundationModelArn == "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k")
        h.clock.advance(59)
        #expect(try await h.bedrock.getProvisionedModelThroughput("support-bot").status == .creating)
        h.clock.advance(1)
        model = try await h.bedrock.getProvisionedModelThroughput("support-bot")
        #expect(model.status == .inService)
        #expect(model.modelArn == model.desiredModelArn)
        #expect(try await h.bedrock.listTagsForResource(arn) == [.init(key: "team", value: "ml")])
    }

    /// The service refuses these at once; nothing is created, so nothing is left to fail later.
    @Test func aModelThatCannotBeProvisionedIsRefusedAtOnce() async throws {
        let h = try EmulatorHarness()
        do {
            _ = try await h.createThroughput("on-demand-only", model: "amazon.titan-text-express-v1", token: "t-1")
            Issue.record("an on-demand-only model was provisioned")
        } catch let error as AWSServiceError {
            #expect(error.code == "ValidationException" && error.status == 400)
            #expect(error.message.contains("does not support Provisioned Throughput"))
        }
        #expect(try await h.bedrock.listProvisionedModelThroughputs().collect().isEmpty)
        // The same name is free afterwards, and a token used for the refused call is not spent.
        _ = try await h.createThroughput("on-demand-only", token: "t-1")
    }

    @Test func noCommitmentIsRefusedWhereTheModelDoesNotOfferIt() async throws {
        let h = try EmulatorHarness()
        // AWS's table: "Titan Image Generator G1 V1, Titan Image Generator G1 V2" have no no-commitment purchase.
        let legacy = "amazon.titan-image-generator-v2:0"
        do {
            _ = try await h.createThroughput("hourly", model: legacy)
            Issue.record("a commitment-only model was provisioned without a commitment")
        } catch let error as AWSServiceError {
            #expect(error.code == "ValidationException" && error.status == 400)
            #expect(error.message.contains("without a commitment"))
        }
        #expect(try await h.bedrock.listProvisionedModelThroughputs().collect().isEmpty)
        _ = try await h.createThroughput("monthly", model: legacy, commitment: .oneMonth)
        // Custom models support every commitment, none included.
        _ = try await h.createThroughput("custom-hourly", model: EmulatorHarness.customModel)
        #expect(try await h.bedrock.listProvisionedModelThroughputs().collect().count == 2)
    }

    @Test func aThroughputCanBeMadeToFailByName() async throws {
        var settings = EmulatorHarness.instant
        settings.failProvisioningOf = ["doomed-"]
        let h = try EmulatorHarness(settings: settings)
        let arn = try await h.createThroughput("doomed-1")
        #expect(try await h.bedrock.getProvisionedModelThroughput(arn).status == .creating)
        h.clock.advance(60)
        let model = try await h.bedrock.getProvisionedModelThroughput(arn)
        #expect(model.status == .failed)
        #expect(model.failureMessage?.contains("insufficient capacity") == true)
    }

    @Test func unknownModelsAndBadInputAreRefused() async throws {
        let h = try EmulatorHarness()
        #expect(
            await AWSServiceError.code { _ = try await h.createThroughput("x", model: "acme.rocket-v1") }
                == "ResourceNotFoundException")
        #expect(await AWSServiceError.code { _ = try await h.createThroughput("bad name") } == "ValidationException")
        #expect(await AWSServiceError.code { _ = try await h.createThroughput("x", units: 0) } == "ValidationException")
        do {
            _ = try await h.createThroughput(String(repeating: "n", count: 64), units: 0)
        } catch let error as AWSServiceError {
            #expect(error.status == 400)
            #expect(error.message.hasPrefix("2 validation errors detected: "))
            #expect(
                error.message.contains(
                    "Value '0' at 'modelUnits' failed to satisfy constraint: Member must have value greater than "
                        + "or equal to 1"
                ))
            #expect(
                error.message.contains(
                    "at 'provisionedModelName' failed to satisfy constraint: Member must have length less than "
                        + "or equal to 63"
                ))
        }
        _ = try await h.createThroughput("taken")
        #expect(await AWSServiceError.code { _ = try await h.createThroughput("taken") } == "ValidationException")
        #expect(
            await AWSServiceError.code { _ = try await h.bedrock.getProvisionedModelThroughput("missing") }
                == "ResourceNotFoundException")
        let many = (0..<51).map { Bedrock.Tag(key: "k\($0)", value: "v") }
        #expect(
            await AWSServiceError.code { _ = try await h.createThroughput("tagged", tags: many) }
                == "TooManyTagsException")
    }

    @Test func renameIsImmediateAndKeepsTheArn() async throws {
        let h = try EmulatorHarness()
        let arn = try await h.createThroughput("old-name")
        h.clock.advance(60)
        try await h.bedrock.updateProvisionedModelThroughput(arn, .init(desiredProvisionedModelName: "new-name"))
        let model = try await h.bedrock.getProvisionedModelThroughput("new-name")
        #expect(model.provisionedModelArn == arn)
        #expect(model.status == .inService)
        #expect(
            await AWSServiceError.code { _ = try await h.bedrock.getProvisionedModelThroughput("old-name") }
                == "ResourceNotFoundException")
    }

    @Test func modelChangesFollowTheServiceRules() async throws {
        let h = try EmulatorHarness()
        let custom = try await h.createThroughput("custom", model: EmulatorHarness.customModel)
        let foundation = try await h.createThroughput("foundation")
        h.clock.advance(60)
        // To another custom model of the same base: Updating, with desired and current differing.
        try await h.bedrock.updateProvisionedModelThroughput(
            custom, .init(desiredModelId: EmulatorHarness.sameBaseCustomModel))
        var model = try await h.bedrock.getProvisionedModelThroughput(custom)
        #expect(model.status == .updating)
        #expect(
            model.modelArn == EmulatorHarness.customModel
                && model.desiredModelArn == EmulatorHarness.sameBaseCustomModel)
        #expect(
            await AWSServiceError.code {
                try await h.bedrock.updateProvisionedModelThroughput(
                    custom, .init(desiredModelId: EmulatorHarness.customModel))
            } == "ValidationException",
            "no update while Updating")
        h.clock.advance(60)
        model = try await h.bedrock.getProvisionedModelThroughput(custom)
        #expect(model.status == .inService && model.modelArn == EmulatorHarness.sameBaseCustomModel)
        // To its base model: allowed. To a custom model of another base: refused.
        #expect(
            await AWSServiceError.code {
                try await h.bedrock.updateProvisionedModelThroughput(
                    custom, .init(desiredModelId: EmulatorHarness.otherBaseCustomModel))
            } == "ValidationException")
        try await h.bedrock.updateProvisionedModelThroughput(
            custom, .init(desiredModelId: "amazon.titan-text-express-v1:0:8k"))
        h.clock.advance(60)
        #expect(
            try await h.bedrock.getProvisionedModelThroughput(custom).modelArn
                == "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k")
        // A throughput on a foundation model cannot change model at all.
        #expect(
            await AWSServiceError.code {
                try await h.bedrock.updateProvisionedModelThroughput(
                    foundation, .init(desiredModelId: EmulatorHarness.customModel))
            } == "ValidationException")
        // Renaming onto a taken name is refused.
        #expect(
            await AWSServiceError.code {
                try await h.bedrock.updateProvisionedModelThroughput(
                    foundation, .init(desiredProvisionedModelName: "custom"))
            } == "ValidationException")
    }

    @Test func commitmentsBlockDeletionUntilTheyExpire() async throws {
        let h = try EmulatorHarness()
        let arn = try await h.createThroughput("committed", commitment: .oneMonth)
        let plain = try await h.createThroughput("plain")
        // Not while Creating: a ConflictException, with the 400 the service model gives it (not 409).
        do {
            try await h.bedrock.deleteProvisionedModelThroughput(plain)
            Issue.record("deleted while Creating")
        } catch let error as AWSServiceError {
            #expect(error.code == "ConflictException" && error.status == 400)
        }
        h.clock.advance(60)
        let model = try await h.bedrock.getProvisionedModelThroughput(arn)
        let expiry = try #require(model.commitmentExpirationTime)
        #expect(
            Calendar(identifier: .gregorian).dateComponents([.month], from: model.creationTime, to: expiry).month == 1)
        #expect(
            await AWSServiceError.code { try await h.bedrock.deleteProvisionedModelThroughput(arn) }
                == "ValidationException")
        try await h.bedrock.deleteProvisionedModelThroughput(plain)
        h.clock.advance(expiry.timeIntervalSince(h.clock.clock.now()) + 1)
        try await h.bedrock.deleteProvisionedModelThroughput(arn)
        #expect(try await h.bedrock.listProvisionedModelThroughputs().collect().isEmpty)
    }

    @Test func clientRequestTokensMakeCreatesIdempotent() async throws {
        let h = try EmulatorHarness()
        let first = try await h.createThroughput("once", token: "token-1")
        let again = try await h.createThroughput("once", token: "token-1")
        #expect(first == again)
        #expect(try await h.bedrock.listProvisionedModelThroughputs().collect().count == 1)
        #expect(
            await AWSServiceError.code { _ = try await h.createThroughput("once", units: 2, token: "token-1") }
                == "ValidationException")
    }

    @Test func listingFiltersSortsAndPaginates() async throws {
        var settings = EmulatorHarness.instant
        settings.failProvisioningOf = ["pt-3"]
        let h = try EmulatorHarness(settings: settings)
        for i in 0..<7 {
            _ = try await h.createThroughput("pt-\(i)")
            h.clock.advance(10)
        }
        h.clock.advance(60)
        let all = try await h.bedrock.listProvisionedModelThroughputs(.init(maxResults: 2)).collect()
        #expect(all.map(\.provisionedModelName) == (0..<7).reversed().map { "pt-\($0)" }, "newest first by default")
        let ascending = try await h.bedrock.listProvisionedModelThroughputs(.init(sortOrder: .ascending, maxResults: 3))
            .collect()
        #expect(ascending.map(\.provisionedModelName) == (0..<7).map { "pt-\($0)" })
        #expect(
            try await h.bedrock.listProvisionedModelThroughputs(.init(statusEquals: .failed)).collect().map(
                \.provisionedModelName) == ["pt-3"])
        #expect(try await h.bedrock.listProvisionedModelThroughputs(.init(nameContains: "pt-5")).collect().count == 1)
        let created = all.first { $0.provisionedModelName == "pt-4" }!.creationTime
        #expect(
            try await h.bedrock.listProvisionedModelThroughputs(.init(creationTimeAfter: created)).collect().count == 2)
        #expect(
            await AWSServiceError.code {
                _ = try await h.bedrock.listProvisionedModelThroughputs(.init(maxResults: 1001)).collect()
            } == "ValidationException")
    }

    @Test func throughputsLiveInTheRegionTheyWereSignedFor() async throws {
        let east = try EmulatorHarness()
        let west = BedrockClient(service: east.serviceClient(signingName: "bedrock", region: "eu-west-1"))
        let arn = try await east.createThroughput("shared-name")
        #expect(arn.contains(":us-east-1:"))
        _ = try await west.createProvisionedModelThroughput(
            .init(
                clientRequestToken: nil, modelUnits: 1, provisionedModelName: "shared-name",
                modelId: "anthropic.claude-3-haiku-20240307-v1:0:48k"))
        #expect(
            try await west.listProvisionedModelThroughputs().collect().map(\.provisionedModelArn).allSatisfy {
                $0.contains(":eu-west-1:")
            })
    }
}
