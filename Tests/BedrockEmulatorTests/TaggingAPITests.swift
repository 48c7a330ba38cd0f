import AWSClient
import BedrockEmulator
import Foundation
import TestSupport
import Testing

/// The Resource Groups Tagging API's GetResources on the emulator's port: as boto3's
/// `resourcegroupstaggingapi` client reads it, and its index lag, token expiry, access denial
/// and throttling in emulated and real time.
@Suite struct TaggingAPITests {
    @Test func boto3ListsFiltersAndPagesTheTaggedResources() async throws {
        var settings = EmulatorSettings()
        settings.provisionSeconds = 0
        settings.importSeconds = 0
        settings.seed = 3
        let emulator = try Emulator(settings: settings)
        try await EmulatorOnPort.run(emulator) { endpoint in
            let script = """
                import boto3, botocore, json, sys
                kw = dict(endpoint_url=sys.argv[1], aws_access_key_id='test', aws_secret_access_key='test')
                br = boto3.client('bedrock', region_name='us-east-1', **kw)
                tg = boto3.client('resourcegroupstaggingapi', region_name='us-east-1', **kw)
                model = 'anthropic.claude-3-haiku-20240307-v1:0:48k'  # sold in us-east-1 and eu-west-1
                def create(name, tags, client=br):
                    return client.create_provisioned_model_throughput(
                        modelUnits=1, provisionedModelName=name, modelId=model, tags=tags)['provisionedModelArn']
                out = {}
                a = create('a', [{'key': 'team', 'value': 'x'}, {'key': 'env', 'value': 'prod'}])
                b = create('b', [{'key': 'team', 'value': 'y'}])
                c = create('c', [])
                br.untag_resource(resourceARN=b, tagKeys=['team'])
                job = br.create_model_import_job(jobName='job1', importedModelName='imp1',
                    roleArn='arn:aws:iam::000000000000:role/Import',
                    modelDataSource={'s3DataSource': {'s3Uri': 's3://acme/m/'}},
                    jobTags=[{'key': 'team', 'value': 'x'}],
                    importedModelTags=[{'key': 'team', 'value': 'z'}])['jobArn']
                imported = br.get_model_import_job(jobIdentifier=job)['importedModelArn']
                create('west', [{'key': 'team', 'value': 'x'}],
                       boto3.client('bedrock', region_name='eu-west-1', **kw))
                out['arns'] = {'a': a, 'b': b, 'c': c, 'job': job, 'imported': imported}
                def listed(**params):
                    pages = list(tg.get_paginator('get_resources').paginate(**params))
                    found = {m['ResourceARN']: {t['Key']: t['Value'] for t in m['Tags']}
                             for p in pages for m in p['ResourceTagMappingList']}
                    return [found, len(pages)]
                out['all'] = listed(PaginationConfig={'PageSize': 2})
                out['key'] = listed(TagFilters=[{'Key': 'team'}])[0]
                out['value'] = listed(TagFilters=[{'Key': 'team', 'Values': ['x', 'q']}])[0]
                out['and'] = listed(TagFilters=[{'Key': 'team', 'Values': ['x']}, {'Key': 'env'}])[0]
                out['types'] = {t: sorted(listed(ResourceTypeFilters=[t])[0])
                                for t in ['bedrock', 'bedrock:provisioned-model', 'bedrock:model-import-job',
                                          'bedrock:imported-model', 'ec2', 'ec2:instance']}
                nosuch = 'arn:aws:bedrock:us-east-1:000000000000:provisioned-model/nosuch'
                byArn = tg.get_resources(ResourceARNList=[a, c, nosuch])['ResourceTagMappingList']
                out['arnList'] = sorted(byArn[0].keys())
                out['arnListed'] = [m['ResourceARN'] for m in byArn]
                one = tg.get_resources()
                out['lastToken'] = one.get('PaginationToken', 'absent')
                out['west'] = len(boto3.client('resourcegroupstaggingapi', region_name='eu-west-1', **kw)
                                  .get_resources()['ResourceTagMappingList'])
                def code(**params):
                    try:
                        tg.get_resources(**params)
                        return 'answered'
                    except botocore.exceptions.ClientError as e:
                        return [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
                out['tooMany'] = code(ResourcesPerPage=101)
                out['tooFew'] = code(ResourcesPerPage=0)
                out['tagsPerPage'] = code(TagsPerPage=99)
                out['badToken'] = code(PaginationToken='not-a-token')
                out['arnAndFilter'] = code(ResourceARNList=[a], TagFilters=[{'Key': 'team'}])
                out['arnAndPage'] = code(ResourceARNList=[a], ResourcesPerPage=5)
                out['partition'] = code(
                    ResourceARNList=['arn:aws-cn:bedrock:cn-north-1:000000000000:provisioned-model/x'])
                out['exclude'] = code(ExcludeCompliantResources=True)
                print(json.dumps(out))
                """
            let data = try await Blocking.run {
                try Python.run("import sys; sys.argv.append('\(endpoint)')\n" + script, requiring: ["boto3"])
            }
            let out = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let arns = try #require(out["arns"] as? [String: String])
            let (a, b, c) = (arns["a"] ?? "", arns["b"] ?? "", arns["c"] ?? "")
            let (job, imported) = (arns["job"] ?? "", arns["imported"] ?? "")
            let all = try #require(out["all"] as? [Any])
            #expect(
                all.first as? [String: [String: String]] == [
                    a: ["team": "x", "env": "prod"], b: [:], job: ["team": "x"], imported: ["team": "z"],
                ], "tagged resources with their tags, one untagged since with none, the never-tagged c absent")
            #expect(all.last as? Int == 2, "4 resources at 2 a page; the paginator stops on the empty token")
            #expect((out["key"] as? [String: Any]).map { Set($0.keys) } == [a, job, imported])
            #expect((out["value"] as? [String: Any]).map { Set($0.keys) } == [a, job])
            #expect((out["and"] as? [String: Any]).map { Set($0.keys) } == [a])
            let types = try #require(out["types"] as? [String: [String]])
            #expect(types["bedrock"] == [a, b, job, imported].sorted())
            #expect(types["bedrock:provisioned-model"] == [a, b].sorted())
            #expect(types["bedrock:model-import-job"] == [job])
            #expect(types["bedrock:imported-model"] == [imported])
            #expect(types["ec2"] == [] && types["ec2:instance"] == [])
            #expect(out["arnList"] as? [String] == ["ResourceARN", "Tags"])
            #expect(out["arnListed"] as? [String] == [a], "c was never tagged; an unknown ARN is no error")
            #expect(out["lastToken"] as? String == "", "the last page carries an empty token")
            #expect(out["west"] as? Int == 1, "each region lists its own")
            for name in [
                "tooMany", "tooFew", "tagsPerPage", "badToken", "arnAndFilter", "arnAndPage", "partition", "exclude",
            ] {
                #expect(out[name] as? [AnyHashable] == ["InvalidParameterException", 400], "\(name)")
            }
            #expect(!c.isEmpty && (all.first as? [String: Any])?[c] == nil)
        }
    }

    @Test func theIndexLagsBehindCreationTagChangesAndDeletion() async throws {
        var settings = EmulatorHarness.instant
        settings.taggingLagSeconds = 30
        let h = try EmulatorHarness(settings: settings)
        let tagging = JSON11Caller(emulator: h.emulator, clock: h.clock)
        let arn = try await h.createThroughput("lagged", tags: [.init(key: "team", value: "a")])
        #expect(try await tagging.all().tags == [:], "not indexed yet")
        await tagging.advance(29)
        #expect(try await tagging.all().tags == [:])
        await tagging.advance(1)
        #expect(try await tagging.all().tags == [arn: ["team": "a"]], "indexed 30 emulated seconds after its creation")

        try await h.bedrock.tagResource(arn, tags: [.init(key: "team", value: "b")])
        #expect(
            try await h.bedrock.listTagsForResource(arn) == [.init(key: "team", value: "b")],
            "Bedrock itself is current")
        await tagging.advance(15)
        #expect(try await tagging.all().tags == [arn: ["team": "a"]], "the index still has the old value")
        await tagging.advance(15)
        #expect(try await tagging.all().tags == [arn: ["team": "b"]])

        await tagging.advance(60)
        try await h.bedrock.deleteProvisionedModelThroughput(arn)
        #expect(
            try await tagging.all().tags == [arn: ["team": "b"]],
            "a deleted resource is listed until the index catches up")
        await tagging.advance(30)
        #expect(try await tagging.all().tags == [:])
    }

    @Test func withoutLagEveryChangeIsSeenAtOnce() async throws {
        let h = try EmulatorHarness()
        let tagging = JSON11Caller(emulator: h.emulator, clock: h.clock)
        let arn = try await h.createThroughput("now", tags: [.init(key: "k", value: "1")])
        #expect(try await tagging.all().tags == [arn: ["k": "1"]])
        try await h.bedrock.tagResource(arn, tags: [.init(key: "k", value: "2")])
        #expect(try await tagging.all().tags == [arn: ["k": "2"]])
        h.clock.advance(61)
        try await h.bedrock.deleteProvisionedModelThroughput(arn)
        #expect(try await tagging.all().tags == [:])
    }

    @Test func anImportedModelIsIndexedFromWhenItsJobCompleted() async throws {
        var settings = EmulatorHarness.instant
        settings.taggingLagSeconds = 10
        let h = try EmulatorHarness(settings: settings)
        let tagging = JSON11Caller(emulator: h.emulator, clock: h.clock)
        _ = try await h.bedrock.createModelImportJob(ImportAndTagTests.job("lag-job", model: "lag-model"))
        let models = ["ResourceTypeFilters": ["bedrock:imported-model"]]
        // The job completes at 120 s; the emulator notices at 125 s.
        await tagging.advance(125)
        #expect(try await tagging.all(models).tags.isEmpty)
        await tagging.advance(5)
        let listed = try await tagging.all(models).tags
        #expect(
            Array(listed.values) == [["env": "prod"]], "indexed 10 s after the job completed, not after it was noticed")
    }

    @Test func aTokenExpiresAfterFifteenMinutesAndAGarbledOneIsInvalid() async throws {
        let h = try EmulatorHarness()
        let tagging = JSON11Caller(emulator: h.emulator, clock: h.clock)
        for name in ["p1", "p2", "p3"] { _ = try await h.createThroughput(name, tags: [.init(key: "k", value: name)]) }
        let first = try await tagging.call(["ResourcesPerPage": 1])
        #expect(first.arns.count == 1)
        let token = try #require(first.json["PaginationToken"] as? String)
        #expect(!token.isEmpty)
        let second = try await tagging.call(["ResourcesPerPage": 1, "PaginationToken": token])
        #expect(second.arns.count == 1 && second.arns != first.arns)
        await tagging.advance(15 * 60 + 1)
        let expired = try await tagging.call(["ResourcesPerPage": 1, "PaginationToken": token])
        #expect(expired.status == 400 && expired.code == "PaginationTokenExpiredException")
        #expect(expired.errorType == "PaginationTokenExpiredException" && expired.json["Message"] is String)
        let garbled = try await tagging.call(["PaginationToken": String(token.reversed())])
        #expect(garbled.code == "InvalidParameterException")
    }

    @Test func tagsPerPageNeverSplitsAResource() async throws {
        let h = try EmulatorHarness()
        let tagging = JSON11Caller(emulator: h.emulator, clock: h.clock)
        let tags = (0..<40).map { Bedrock.Tag(key: "k\($0)", value: "v") }
        for name in ["t1", "t2", "t3"] { _ = try await h.createThroughput(name, tags: tags) }
        let page = try await tagging.call(["TagsPerPage": 100])
        #expect(page.arns.count == 2, "40 + 40 fit in 100; a third would not")
        #expect(page.mappings.allSatisfy { ($0["Tags"] as? [Any])?.count == 40 })
        #expect(try await tagging.all(["TagsPerPage": 100]).pages == 2)
    }

    @Test func accessDeniedSignaturesAndUnknownOperations() async throws {
        let h = try EmulatorHarness()
        let tagging = JSON11Caller(emulator: h.emulator, clock: h.clock)
        await h.emulator.updateSettings { $0.taggingAccessDenied = true }
        let denied = try await tagging.call()
        #expect(
            denied.status == 400 && denied.code == "AccessDeniedException"
                && denied.errorType == "AccessDeniedException")
        await h.emulator.updateSettings { $0.taggingAccessDenied = false }
        #expect(try await tagging.call().status == 200)
        var bedrockSigned = tagging
        bedrockSigned.service = "bedrock"
        let wrongService = try await bedrockSigned.call()
        #expect(wrongService.status == 403 && wrongService.code == "InvalidSignatureException")
        let other = try await tagging.call(operation: "TagResources")
        #expect(other.code == "UnknownOperationException")
        let compliance = try await tagging.call(["IncludeComplianceDetails": true])
        #expect(compliance.status == 200)
        let notAList = try await tagging.call(["TagFilters": "team"])
        #expect(notAList.code == "SerializationException")
    }

    @Test func getResourcesIsThrottledBeyondItsRateLimit() async throws {
        var settings = EmulatorHarness.instant
        settings.rateLimits = ["GetResources": 2]
        let h = try EmulatorHarness(settings: settings)
        let tagging = JSON11Caller(emulator: h.emulator, clock: h.clock)
        let statuses = try await [tagging.call(), tagging.call(), tagging.call()].map(\.status)
        #expect(statuses == [200, 200, 400])
        let throttled = try await tagging.call()
        #expect(throttled.code == "ThrottledException" && throttled.errorType == "ThrottledException")
        h.clock.advance(0.5)
        #expect(try await tagging.call().status == 200, "half a second refills one token at 2 a second")
    }
}
