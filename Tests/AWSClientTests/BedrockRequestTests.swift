import Foundation
import TestSupport
import Testing

@testable import AWSClient

/// Every control-plane operation sends what the service model says (method, path, query, JSON
/// body) and decodes what the service answers.
@Suite struct BedrockRequestTests {
    static let summaryJSON = """
        {"provisionedModelName":"pt",
         "provisionedModelArn":"arn:aws:bedrock:us-west-2:111122223333:provisioned-model/abcdefghijkl",
         "modelArn":"arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-text-express-v1:0:8k",
         "desiredModelArn":"arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-text-express-v1:0:8k",
         "foundationModelArn":"arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-text-express-v1:0:8k",
         "modelUnits":1,"desiredModelUnits":1,
         "status":"InService","commitmentDuration":"OneMonth","commitmentExpirationTime":"2026-12-25T00:00:00Z",
         "creationTime":"2026-11-25T01:02:03.456Z","lastModifiedTime":"2026-11-25T01:02:03Z"}
        """

    @Test func createProvisionedModelThroughput() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(
                201, #"{"provisionedModelArn":"arn:aws:bedrock:us-west-2:111122223333:provisioned-model/abcdefghijkl"}"#
            )
        ])
        let output = try await Clients.bedrock(transport).createProvisionedModelThroughput(
            .init(
                clientRequestToken: "tok-1", modelUnits: 2, provisionedModelName: "pt",
                modelId: "amazon.titan-text-express-v1:0:8k",
                commitmentDuration: .oneMonth, tags: [.init(key: "team", value: "ml")]))
        #expect(output.provisionedModelArn.hasSuffix("provisioned-model/abcdefghijkl"))
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/provisioned-model-throughput")
        #expect(request.header("content-type") == "application/json")
        let body = try #require(request.jsonBody)
        #expect(body["clientRequestToken"] as? String == "tok-1")
        #expect(body["modelUnits"] as? Int == 2)
        #expect(body["commitmentDuration"] as? String == "OneMonth")
        #expect((body["tags"] as? [[String: String]]) == [["key": "team", "value": "ml"]])
        #expect(
            request.header("authorization")?.hasPrefix(
                "AWS4-HMAC-SHA256 Credential=AKIDTEST/20251124/us-west-2/bedrock/aws4_request") == true)
        #expect(request.header("x-amz-content-sha256") != nil)
        #expect(request.header("host") == "bedrock.us-west-2.amazonaws.com")
    }

    @Test func aCommitmentTermThisVersionDoesNotKnowFailsTheReadInsteadOfPassingForNone() async throws {
        let unknown = Self.summaryJSON.replacingOccurrences(of: "\"OneMonth\"", with: "\"TwelveMonths\"")
        let transport = ScriptedTransport([ScriptedTransport.json(200, unknown)])
        await #expect(throws: (any Error).self) {
            _ = try await Clients.bedrock(transport).getProvisionedModelThroughput("pt")
        }
        let known = ScriptedTransport([ScriptedTransport.json(200, Self.summaryJSON)])
        #expect(try await Clients.bedrock(known).getProvisionedModelThroughput("pt").commitmentDuration == .oneMonth)
    }

    @Test func getUpdateDeleteEncodeTheIdInThePath() async throws {
        let arn = "arn:aws:bedrock:us-west-2:111122223333:provisioned-model/abcdefghijkl"
        let transport = ScriptedTransport([
            ScriptedTransport.json(200, Self.summaryJSON), ScriptedTransport.json(200, "{}"),
            ScriptedTransport.json(200, ""),
        ])
        let client = Clients.bedrock(transport)
        let model = try await client.getProvisionedModelThroughput(arn)
        #expect(model.status == .inService)
        #expect(model.commitmentDuration == .oneMonth)
        #expect(model.creationTime == Date(timeIntervalSince1970: 1_795_568_523.456))
        #expect(model.commitmentExpirationTime == Date(timeIntervalSince1970: 1_798_156_800))
        try await client.updateProvisionedModelThroughput(
            arn, .init(desiredProvisionedModelName: "pt2", desiredModelId: "my-custom"))
        try await client.deleteProvisionedModelThroughput("pt2")
        let encoded =
            "/provisioned-model-throughput/arn%3Aaws%3Abedrock%3Aus-west-2%3A111122223333%3A"
            + "provisioned-model%2Fabcdefghijkl"
        #expect(transport.requests.map(\.method) == ["GET", "PATCH", "DELETE"])
        #expect(transport.requests.map(\.path) == [encoded, encoded, "/provisioned-model-throughput/pt2"])
        #expect(
            transport.requests[1].jsonBody as? [String: String] == [
                "desiredProvisionedModelName": "pt2", "desiredModelId": "my-custom",
            ])
        #expect(transport.requests[0].url.hasSuffix(encoded))
    }

    @Test func listProvisionedModelThroughputsPaginatesWithFilters() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(200, #"{"provisionedModelSummaries":[\#(Self.summaryJSON)],"nextToken":"p2"}"#),
            ScriptedTransport.json(200, #"{"provisionedModelSummaries":[\#(Self.summaryJSON)]}"#),
        ])
        let all = try await Clients.bedrock(transport).listProvisionedModelThroughputs(
            .init(statusEquals: .inService, nameContains: "p", sortOrder: .descending, maxResults: 1)
        ).collect()
        #expect(all.count == 2)
        #expect(
            transport.requests.map(\.queryText) == [
                "statusEquals=InService&nameContains=p&maxResults=1&sortBy=CreationTime&sortOrder=Descending",
                "statusEquals=InService&nameContains=p&maxResults=1&nextToken=p2&sortBy=CreationTime&"
                    + "sortOrder=Descending",
            ])
        #expect(transport.requests.allSatisfy { $0.method == "GET" && $0.path == "/provisioned-model-throughputs" })
    }

    @Test func modelImportOperations() async throws {
        let jobJSON =
            #"{"jobArn":"arn:aws:bedrock:us-west-2:111122223333:model-import-job/abcdefghijkl","jobName":"j","#
            + #""status":"Failed","failureMessage":"bad "#
            + #"weights","creationTime":"2026-11-25T00:00:00Z","#
            + #""modelDataSource":{"s3DataSource":{"s3Uri":"s3://b/m/"}}}"#
        let transport = ScriptedTransport([
            ScriptedTransport.json(
                201, #"{"jobArn":"arn:aws:bedrock:us-west-2:111122223333:model-import-job/abcdefghijkl"}"#),
            ScriptedTransport.json(200, jobJSON),
            ScriptedTransport.json(
                200,
                #"{"modelImportJobSummaries":[{"jobArn":"a","jobName":"j","status":"InProgress","#
                    + #""creationTime":"2026-11-25T00:00:00Z"}]}"#
            ),
            ScriptedTransport.json(
                200,
                #"{"modelArn":"arn:aws:bedrock:us-west-2:111122223333:imported-model/abcdefghijkl","modelName":"m","#
                    + #""instructSupported":true,"customModelUnits":{"customModelUnitsPerModelCopy":2,"#
                    + #""customModelUnitsVersion":"1.0"}}"#
            ),
            ScriptedTransport.json(
                200, #"{"modelSummaries":[{"modelArn":"arn:x","modelName":"m","creationTime":"2026-11-25T00:00:00Z"}]}"#
            ),
            ScriptedTransport.json(200, ""),
        ])
        let client = Clients.bedrock(transport)
        _ = try await client.createModelImportJob(
            .init(
                jobName: "j", importedModelName: "m", roleArn: "arn:aws:iam::111122223333:role/r",
                modelDataSource: .init(s3Uri: "s3://b/m/"), clientRequestToken: "t",
                vpcConfig: .init(subnetIds: ["s-1"], securityGroupIds: ["sg-1"]), importedModelKmsKeyId: "alias/k"))
        let job = try await client.getModelImportJob("j")
        #expect(
            job.status == .failed && job.failureMessage == "bad weights"
                && job.modelDataSource?.s3DataSource?.s3Uri == "s3://b/m/")
        #expect(
            try await client.listModelImportJobs(.init(statusEquals: .inProgress)).collect().first?.status
                == .inProgress)
        #expect(try await client.getImportedModel("m").customModelUnits?.customModelUnitsPerModelCopy == 2)
        #expect(try await client.listImportedModels(.init(nameContains: "m")).collect().map(\.modelName) == ["m"])
        try await client.deleteImportedModel("m")
        let r = transport.requests
        #expect(
            r.map { "\($0.method) \($0.path)" } == [
                "POST /model-import-jobs", "GET /model-import-jobs/j", "GET /model-import-jobs",
                "GET /imported-models/m", "GET /imported-models", "DELETE /imported-models/m",
            ])
        let body = try #require(r[0].jsonBody)
        #expect((body["modelDataSource"] as? [String: [String: String]]) == ["s3DataSource": ["s3Uri": "s3://b/m/"]])
        #expect((body["vpcConfig"] as? [String: [String]]) == ["subnetIds": ["s-1"], "securityGroupIds": ["sg-1"]])
        #expect(body["importedModelKmsKeyId"] as? String == "alias/k")
        #expect(r[2].queryText == "statusEquals=InProgress")
        #expect(r[4].queryText == "nameContains=m")
    }

    @Test func tagsAndFoundationModels() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(200, "{}"), ScriptedTransport.json(200, "{}"),
            ScriptedTransport.json(200, #"{"tags":[{"key":"a","value":"1"}]}"#),
            ScriptedTransport.json(
                200,
                #"{"modelDetails":{"#
                    + #""modelArn":"arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-text-express-v1","#
                    + #""modelId":"amazon.titan-text-express-v1","inferenceTypesSupported":["ON_DEMAND"],"#
                    + #""modelLifecycle":{"status":"ACTIVE"}}}"#
            ),
            ScriptedTransport.json(200, #"{"modelSummaries":[{"modelArn":"x","modelId":"a.b"}]}"#),
        ])
        let client = Clients.bedrock(transport)
        try await client.tagResource("arn:r", tags: [.init(key: "a", value: "1")])
        try await client.untagResource("arn:r", keys: ["b"])
        #expect(try await client.listTagsForResource("arn:r") == [.init(key: "a", value: "1")])
        #expect(try await client.getFoundationModel("amazon.titan-text-express-v1").modelLifecycle?.status == "ACTIVE")
        #expect(
            try await client.listFoundationModels(.init(byProvider: "Amazon", byInferenceType: "PROVISIONED")).map(
                \.modelId) == ["a.b"])
        let r = transport.requests
        #expect(
            r.map { "\($0.method) \($0.path)" } == [
                "POST /tagResource", "POST /untagResource", "POST /listTagsForResource",
                "GET /foundation-models/amazon.titan-text-express-v1", "GET /foundation-models",
            ])
        #expect(r[0].jsonBody?["resourceARN"] as? String == "arn:r")
        #expect((r[1].jsonBody?["tagKeys"] as? [String]) == ["b"])
        #expect(r[4].queryText == "byProvider=Amazon&byInferenceType=PROVISIONED")
    }

    @Test(arguments: [
        ("ResourceNotFoundException", 404, AWSServiceError.Kind.notFound), ("ValidationException", 400, .validation),
        ("ConflictException", 409, .conflict), ("ThrottlingException", 429, .throttling),
        ("ServiceQuotaExceededException", 400, .quotaExceeded), ("AccessDeniedException", 403, .accessDenied),
        ("TooManyTagsException", 400, .quotaExceeded),
    ])
    func errorsAreTyped(code: String, status: Int, kind: AWSServiceError.Kind) async throws {
        let transport = ScriptedTransport([ScriptedTransport.error(status, code, "the message")])
        do {
            _ = try await Clients.bedrock(transport, retry: .none).getProvisionedModelThroughput("x")
            Issue.record("no error")
        } catch let error as AWSServiceError {
            #expect(
                error
                    == AWSServiceError(
                        code: code, message: "the message", status: status, requestId: "req-1",
                        operation: "GetProvisionedModelThroughput", resource: "x"))
            #expect(error.kind == kind)
        }
    }

    @Test func errorCodesComeFromTheBodyWhenTheHeaderIsMissing() {
        let fromType = AWSServiceError.decode(
            status: 400, headers: [],
            body: Array(#"{"__type":"com.amazon.coral#ValidationException","message":"bad"}"#.utf8))
        #expect(fromType.code == "ValidationException" && fromType.message == "bad")
        let fromCode = AWSServiceError.decode(
            status: 404, headers: [], body: Array(#"{"code":"ResourceNotFoundException","Message":"gone"}"#.utf8))
        #expect(fromCode.code == "ResourceNotFoundException" && fromCode.message == "gone")
        let fromXML = AWSServiceError.decode(
            status: 403, headers: [],
            body: Array(
                "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>no</Message></Error></ErrorResponse>"
                    .utf8))
        #expect(fromXML.code == "SignatureDoesNotMatch" && fromXML.kind == .authentication)
    }
}
