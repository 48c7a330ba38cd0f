import AWSClient
import BedrockEmulator
import Foundation
import SigV4
import TestSupport
import Testing

@Suite struct ImportAndTagTests {
    static func job(
        _ name: String, model: String, uri: String = "s3://acme-models/llama/", token: String? = nil
    ) -> Bedrock.CreateModelImportJobInput {
        .init(
            jobName: name, importedModelName: model, roleArn: "arn:aws:iam::000000000000:role/Import",
            modelDataSource: .init(s3Uri: uri),
            jobTags: [.init(key: "team", value: "ml")], importedModelTags: [.init(key: "env", value: "prod")],
            clientRequestToken: token,
            vpcConfig: .init(subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"]), importedModelKmsKeyId: "alias/models"
        )
    }

    @Test func anImportJobRunsToCompletionAndLeavesAnImportedModel() async throws {
        let h = try EmulatorHarness()
        let arn = try await h.bedrock.createModelImportJob(Self.job("import-1", model: "llama-ft")).jobArn
        #expect(arn.wholeMatch(of: /arn:aws:bedrock:us-east-1:000000000000:model-import-job\/[a-z0-9]{12}/) != nil)
        var job = try await h.bedrock.getModelImportJob("import-1")
        #expect(job.status == .inProgress && job.importedModelArn == nil && job.endTime == nil)
        #expect(
            await AWSServiceError.code { _ = try await h.bedrock.getImportedModel("llama-ft") }
                == "ResourceNotFoundException")
        h.clock.advance(120)
        job = try await h.bedrock.getModelImportJob(arn)
        #expect(job.status == .completed && job.endTime != nil)
        #expect(job.importedModelKmsKeyArn == "arn:aws:kms:us-east-1:000000000000:alias/models")
        #expect(job.vpcConfig == .init(subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"]))
        let model = try await h.bedrock.getImportedModel("llama-ft")
        #expect(model.modelArn == job.importedModelArn && model.jobArn == arn)
        #expect(try await h.bedrock.listTagsForResource(model.modelArn!) == [.init(key: "env", value: "prod")])
        #expect(try await h.bedrock.listTagsForResource(arn) == [.init(key: "team", value: "ml")])
        #expect(try await h.bedrock.listImportedModels().collect().map(\.modelName) == ["llama-ft"])
        #expect(
            try await h.bedrock.listModelImportJobs(.init(statusEquals: .completed)).collect().map(\.jobName) == [
                "import-1"
            ])
        try await h.bedrock.deleteImportedModel("llama-ft")
        #expect(try await h.bedrock.listImportedModels().collect().isEmpty)
    }

    @Test func anImportFromABadLocationFails() async throws {
        var settings = EmulatorHarness.instant
        settings.failImportsFrom = ["s3://forbidden/"]
        let h = try EmulatorHarness(settings: settings)
        _ = try await h.bedrock.createModelImportJob(Self.job("bad", model: "never", uri: "s3://forbidden/weights/"))
        h.clock.advance(120)
        let job = try await h.bedrock.getModelImportJob("bad")
        #expect(job.status == .failed)
        #expect(job.failureMessage?.contains("s3://forbidden/weights/") == true)
        #expect(try await h.bedrock.listImportedModels().collect().isEmpty)
    }

    @Test func namesConflictAndTokensReplay() async throws {
        let h = try EmulatorHarness()
        let first = try await h.bedrock.createModelImportJob(Self.job("j", model: "m", token: "t1")).jobArn
        #expect(try await h.bedrock.createModelImportJob(Self.job("j", model: "m", token: "t1")).jobArn == first)
        // A job name in use is a ValidationException (400) worded as the service words it.
        do {
            _ = try await h.bedrock.createModelImportJob(Self.job("j", model: "m"))
            Issue.record("a job name in use was accepted")
        } catch let error as AWSServiceError {
            #expect(error.code == "ValidationException" && error.status == 400)
            #expect(error.message == "The provided job name is currently in use.")
        }
        #expect(
            await AWSServiceError.code { _ = try await h.bedrock.createModelImportJob(Self.job("j2", model: "m")) }
                == "ConflictException")
        #expect(
            await AWSServiceError.code {
                _ = try await h.bedrock.createModelImportJob(Self.job("j", model: "other", token: "t1"))
            } == "ValidationException")
        var bad = Self.job("j3", model: "m3")
        bad.vpcConfig = .init(subnetIds: [], securityGroupIds: (0..<6).map { "sg-\($0)" })
        do {
            _ = try await h.bedrock.createModelImportJob(bad)
            Issue.record("bad vpcConfig accepted")
        } catch let error as AWSServiceError {
            #expect(error.message.hasPrefix("2 validation errors detected"))
            #expect(
                error.message.contains("'vpcConfig.subnetIds'")
                    && error.message.contains("'vpcConfig.securityGroupIds'"))
        }
    }

    @Test func tagging() async throws {
        let h = try EmulatorHarness()
        let arn = try await h.createThroughput("tagged", tags: [.init(key: "a", value: "1")])
        try await h.bedrock.tagResource(arn, tags: [.init(key: "b", value: "2"), .init(key: "a", value: "3")])
        #expect(
            try await h.bedrock.listTagsForResource(arn) == [.init(key: "a", value: "3"), .init(key: "b", value: "2")])
        try await h.bedrock.untagResource(arn, keys: ["a", "absent"])
        #expect(try await h.bedrock.listTagsForResource(arn) == [.init(key: "b", value: "2")])
        let tooMany = (0..<50).map { Bedrock.Tag(key: "k\($0)", value: "v") }
        #expect(
            await AWSServiceError.code { try await h.bedrock.tagResource(arn, tags: tooMany) } == "TooManyTagsException"
        )
        #expect(
            await AWSServiceError.code {
                _ = try await h.bedrock.listTagsForResource(
                    "arn:aws:bedrock:us-east-1:000000000000:provisioned-model/zzzzzzzzzzzz")
            } == "ResourceNotFoundException")
        #expect(
            await AWSServiceError.code {
                try await h.bedrock.tagResource(arn, tags: [.init(key: "bad#key", value: "v")])
            } == "ValidationException")
    }

    @Test func foundationModelCatalogue() async throws {
        let h = try EmulatorHarness()
        let provisioned = try await h.bedrock.listFoundationModels(.init(byInferenceType: "PROVISIONED"))
        #expect(provisioned.count >= 5)
        // Variants are provisioned only; a model whose own id is provisionable (Nova Canvas) is both.
        #expect(provisioned.allSatisfy { $0.inferenceTypesSupported?.contains("PROVISIONED") == true })
        #expect(
            provisioned.first { $0.modelId == "amazon.nova-canvas-v1:0" }?.inferenceTypesSupported
                == ["ON_DEMAND", "PROVISIONED"])
        #expect(
            provisioned.first { $0.modelId == "amazon.nova-lite-v1:0:300k" }?.inferenceTypesSupported == ["PROVISIONED"]
        )
        let amazon = try await h.bedrock.listFoundationModels(.init(byProvider: "amazon"))
        #expect(amazon.allSatisfy { $0.providerName == "Amazon" })
        let model = try await h.bedrock.getFoundationModel(
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0")
        #expect(model.modelName == "Claude 3 Haiku" && model.responseStreamingSupported == true)
        #expect(
            await AWSServiceError.code { _ = try await h.bedrock.getFoundationModel("acme.rocket-v1") }
                == "ResourceNotFoundException")
        #expect(
            await AWSServiceError.code {
                _ = try await h.bedrock.listFoundationModels(.init(byInferenceType: "SOMETIMES"))
            } == "ValidationException")
    }
}

@Suite struct PathDecodingTests {
    @Test func aPlusInAPathIsAPlusNotASpace() async throws {
        let h = try EmulatorHarness()
        _ = try await h.bedrock.createModelImportJob(ImportAndTagTests.job("llama+ft.v2", model: "m"))
        #expect(try await h.bedrock.getModelImportJob("llama+ft.v2").jobName == "llama+ft.v2")
        // An SDK may leave the + unencoded in the path: it still names the same job.
        let signer = Signer(
            credentials: Credentials(accessKeyId: "test", secretAccessKey: "test"), region: "us-east-1",
            service: "bedrock")
        let signed = signer.sign(
            SigningRequest(method: "GET", path: "/model-import-jobs/llama+ft.v2", headers: [("Host", "127.0.0.1")]),
            date: h.clock.clock.now())
        let raw = await h.emulator.handle(signed)
        #expect(raw.status == 200, "\(String(decoding: raw.body, as: UTF8.self))")
        #expect(EmulatorRequest.splitTarget("/model-import-jobs/a+b?nameContains=x+y").path == "/model-import-jobs/a+b")
        #expect(
            EmulatorRequest.splitTarget("/p?nameContains=x+y%2Bz").query.first?.value == "x y+z",
            "a + in a query is a space")
    }
}
