import AWSClient
import BedrockConstraints
import BedrockEmulator
import Foundation
import TestSupport
import Testing

/// Model-unit quotas: the Service Quotas API as boto3's `service-quotas` client reads it, and
/// creates refused past a quota with nothing created.
@Suite struct QuotaTests {
    @Test func boto3ReadsAndIsRefusedAsOnANewAccount() async throws {
        var settings = EmulatorSettings()
        settings.newAccount = true
        settings.quotas = ["L-FE44174A": 2]
        let emulator = try Emulator(settings: settings)
        try await EmulatorOnPort.run(emulator) { endpoint in
            let script = """
                import boto3, botocore, json, sys
                kw = dict(endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', \
                aws_secret_access_key='test')
                sq = boto3.client('service-quotas', **kw)
                br = boto3.client('bedrock', **kw)
                out = {}
                q = sq.get_service_quota(ServiceCode='bedrock', QuotaCode='L-FE44174A')['Quota']
                out['base'] = [q['QuotaName'], q['Value'], q['QuotaArn']]
                out['custom'] = sq.get_service_quota(ServiceCode='bedrock', QuotaCode='L-BE77399C')['Quota']['Value']
                pages = list(sq.get_paginator('list_service_quotas').paginate(ServiceCode='bedrock', \
                PaginationConfig={'PageSize': 5}))
                out['listed'] = sum(len(p['Quotas']) for p in pages)
                out['pages'] = len(pages)
                def code(call):
                    try:
                        call()
                        return 'answered'
                    except botocore.exceptions.ClientError as e:
                        return [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], \
                        e.response['Error']['Message']]
                out['unknownQuota'] = code(lambda: sq.get_service_quota(ServiceCode='bedrock', QuotaCode='L-00000000'))
                out['unknownService'] = code(lambda: sq.list_service_quotas(ServiceCode='nosuch'))
                model = 'amazon.titan-embed-text-v1:2:8k'
                out['first'] = code(lambda: br.create_provisioned_model_throughput(modelUnits=1, \
                provisionedModelName='a', modelId=model,
                                                                                   clientRequestToken='tok-a'))
                out['again'] = code(lambda: br.create_provisioned_model_throughput(modelUnits=1, \
                provisionedModelName='a', modelId=model,
                                                                                   clientRequestToken='tok-a'))
                out['over'] = code(lambda: br.create_provisioned_model_throughput(modelUnits=2, \
                provisionedModelName='b', modelId=model))
                out['committed'] = code(lambda: br.create_provisioned_model_throughput(modelUnits=1, \
                provisionedModelName='c', modelId=model,
                                                                                       commitmentDuration='OneMonth'))
                out['custom'] = [out['custom'], code(lambda: br.create_provisioned_model_throughput(
                    modelUnits=1, provisionedModelName='d',
                    modelId='arn:aws:bedrock:us-east-1:000000000000:custom-model/'
                            'amazon.titan-text-express-v1:0:8k/k3r9x2m4q7ts'))]
                out['count'] = len(br.list_provisioned_model_throughputs()['provisionedModelSummaries'])
                print(json.dumps(out))
                """
            let data = try await Blocking.run {
                try Python.run("import sys; sys.argv.append('\(endpoint)')\n" + script, requiring: ["boto3"])
            }
            let out = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(
                out["base"] as? [AnyHashable] == [
                    "Model units no-commitment Provisioned Throughputs across base models", 2,
                    "arn:aws:servicequotas:us-east-1:000000000000:bedrock/L-FE44174A",
                ])
            #expect(out["listed"] as? Int == ModelUnitQuota.all.count)
            #expect((out["pages"] as? Int ?? 0) > 1, "pagination")
            #expect((out["unknownQuota"] as? [AnyHashable])?.prefix(2) == ["NoSuchResourceException", 400])
            #expect((out["unknownService"] as? [AnyHashable])?.prefix(2) == ["NoSuchResourceException", 400])
            #expect(out["first"] as? String == "answered")
            #expect(
                out["again"] as? String == "answered", "a retried create with its token is not refused by the quota")
            #expect(
                out["over"] as? [AnyHashable] == [
                    "ServiceQuotaExceededException", 400,
                    "Your account does not have enough no commitment model units reserved: 2 requested, 1 of 2 "
                        + "in use (L-FE44174A).",
                ])
            #expect(
                out["committed"] as? [AnyHashable] == [
                    "ServiceQuotaExceededException", 400,
                    "Your account does not currently have any commitment model units reserved for "
                        + "amazon.titan-embed-text-v1:2:8k.",
                ])
            let custom = out["custom"] as? [Any]
            #expect(custom?.first as? Double == 2, "AWS's default of the custom pool")
            // The pool has room; the base model's per-model quota (0 on a new account) does not.
            #expect(
                custom?.last as? [AnyHashable] == [
                    "ServiceQuotaExceededException", 400,
                    "Your account does not currently have any no commitment model units reserved for "
                        + "amazon.titan-text-express-v1:0:8k.",
                ])
            #expect(out["count"] as? Int == 1, "nothing was created past a quota")
        }
    }

    @Test func accessDeniedAndBadSettingsAreRefused() async throws {
        var settings = EmulatorSettings()
        settings.quotasAccessDenied = true
        let emulator = try Emulator(settings: settings)
        try await EmulatorOnPort.run(emulator) { endpoint in
            let script = """
                import boto3, botocore, sys
                sq = boto3.client('service-quotas', endpoint_url=sys.argv[1], region_name='us-east-1',
                                  aws_access_key_id='test', aws_secret_access_key='test')
                try:
                    sq.list_service_quotas(ServiceCode='bedrock')
                    print('answered')
                except botocore.exceptions.ClientError as e:
                    print(e.response['Error']['Code'])
                """
            let data = try await Blocking.run {
                try Python.run("import sys; sys.argv.append('\(endpoint)')\n" + script, requiring: ["boto3"])
            }
            #expect(
                String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    == "AccessDeniedException")
        }
        var bad = EmulatorSettings()
        bad.quotas = ["L-NOTACODE": 1, "L-FE44174A": -1]
        #expect(
            bad.problems == [
                "quotas: L-FE44174A must be from 0 to 10000000000, got -1.0",
                "quotas: L-NOTACODE is not a Bedrock quota code; codes are listed by ListServiceQuotas",
            ])
    }

    /// The emulator reads Service Quotas input with the client's own shape: a missing service code
    /// is the model's validation error, a member of the wrong type a serialization error, and the
    /// client's pages are read back whole.
    @Test func quotaInputIsReadWithTheClientsShape() async throws {
        let h = try EmulatorHarness()
        var quotas = JSON11Caller(emulator: h.emulator, clock: h.clock)
        quotas.service = "servicequotas"
        quotas.targetPrefix = "ServiceQuotasV20190624."
        let missing = try await quotas.call(["MaxResults": 5], operation: "ListServiceQuotas")
        #expect(missing.code == "ValidationException")
        #expect((missing.json["message"] as? String)?.contains("'serviceCode'") == true)
        let wrongType = try await quotas.call(
            ["ServiceCode": "bedrock", "MaxResults": "five"], operation: "ListServiceQuotas")
        #expect(wrongType.code == "SerializationException")
        let noQuotaCode = try await quotas.call(["ServiceCode": "bedrock"], operation: "GetServiceQuota")
        #expect(noQuotaCode.code == "ValidationException", "QuotaCode is required (service model)")
        let page = try await quotas.call(["ServiceCode": "bedrock", "MaxResults": 2], operation: "ListServiceQuotas")
        #expect((page.json["Quotas"] as? [Any])?.count == 2 && page.json["NextToken"] is String)
        let client = ServiceQuotasClient(service: h.serviceClient(signingName: "servicequotas"))
        let all = try await client.listServiceQuotas(serviceCode: "bedrock").collect()
        #expect(all.count == ModelUnitQuota.all.count)
        let first = try #require(ModelUnitQuota.all[0].code)
        let one = try await client.getServiceQuota(serviceCode: "bedrock", quotaCode: first)
        #expect(one.quotaCode == first)
    }

    /// boto3's service-quotas client reads every operation the emulator serves: AWS's defaults,
    /// an increase request going PENDING, then APPROVED (the applied value raised) or DENIED as
    /// the setting says, the history of a quota, and a second open request refused.
    @Test(arguments: [("approve", "APPROVED", 5.0), ("deny", "DENIED", 0.0), ("pending", "PENDING", 0.0)])
    func boto3FilesAndFollowsAnIncreaseRequest(outcome: String, status: String, applied: Double) async throws {
        var settings = EmulatorSettings()
        settings.newAccount = true
        settings.quotaRequestSeconds = 60
        settings.quotaRequests = try #require(QuotaRequestOutcome(rawValue: outcome))
        let emulator = try Emulator(settings: settings)
        try await EmulatorOnPort.run(emulator) { endpoint in
            let script = """
                import boto3, botocore, json, sys, urllib.request
                kw = dict(endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', \
                aws_secret_access_key='test')
                sq = boto3.client('service-quotas', **kw)
                def code(call):
                    try:
                        call()
                        return 'answered'
                    except botocore.exceptions.ClientError as e:
                        return e.response['Error']['Code']
                out = {}
                d = sq.get_aws_default_service_quota(ServiceCode='bedrock', QuotaCode='L-8129BF10')['Quota']
                out['default'] = [d['QuotaName'], d['Value'], d['Adjustable']]
                pages = list(sq.get_paginator('list_aws_default_service_quotas').paginate(ServiceCode='bedrock', \
                PaginationConfig={'PageSize': 10}))
                defaults = {q['QuotaCode']: q['Value'] for p in pages for q in p['Quotas']}
                out['defaults'] = [len(pages) > 1, defaults['L-FE44174A'], defaults['L-40EC9882'], \
                defaults['L-45B04988']]
                r = sq.request_service_quota_increase(ServiceCode='bedrock', QuotaCode='L-8129BF10', \
                DesiredValue=5)['RequestedQuota']
                out['filed'] = [r['Status'], r['DesiredValue'], r['QuotaName'], isinstance(r['Created'], \
                __import__('datetime').datetime)]
                out['second'] = code(lambda: sq.request_service_quota_increase(ServiceCode='bedrock', \
                QuotaCode='L-8129BF10', DesiredValue=6))
                out['tooLow'] = code(lambda: sq.request_service_quota_increase(ServiceCode='bedrock', \
                QuotaCode='L-FE44174A', DesiredValue=1))
                out['noQuota'] = code(lambda: sq.request_service_quota_increase(ServiceCode='bedrock', \
                QuotaCode='L-00000000', DesiredValue=1))
                urllib.request.urlopen(urllib.request.Request(sys.argv[1] + '/_emulator/advance', \
                data=b'{"seconds": 61}', method='POST'))
                out['after'] = sq.get_requested_service_quota_change(RequestId=r['Id'])['RequestedQuota']['Status']
                out['applied'] = sq.get_service_quota(ServiceCode='bedrock', QuotaCode='L-8129BF10')['Quota']['Value']
                history = sq.list_requested_service_quota_change_history_by_quota(ServiceCode='bedrock', \
                QuotaCode='L-8129BF10')['RequestedQuotas']
                out['history'] = [h['Id'] == r['Id'] for h in history]
                out['unknownRequest'] = code(lambda: sq.get_requested_service_quota_change(RequestId='nosuch1'))
                print(json.dumps(out))
                """
            let data = try await Blocking.run {
                try Python.run("import sys; sys.argv.append('\(endpoint)')\n" + script, requiring: ["boto3"])
            }
            let out = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(
                out["default"] as? [AnyHashable] == [
                    "Model units per provisioned model for Amazon Titan Text G1 - Express 8K", 0, 1,
                ], "JSON's true reads back as 1")
            #expect(out["defaults"] as? [AnyHashable] == [1, 2, 1000, 3])
            #expect(
                out["filed"] as? [AnyHashable] == [
                    "PENDING", 5, "Model units per provisioned model for Amazon Titan Text G1 - Express 8K", 1,
                ])
            #expect(out["second"] as? String == "ResourceAlreadyExistsException")
            #expect(out["tooLow"] as? String == "IllegalArgumentException")
            #expect(out["noQuota"] as? String == "NoSuchResourceException")
            #expect(out["after"] as? String == status)
            #expect(out["applied"] as? Double == applied)
            #expect(out["history"] as? [Bool] == [true])
            #expect(out["unknownRequest"] as? String == "NoSuchResourceException")
        }
    }

    /// An increase that is due counts at the next create, whatever call comes first.
    @Test func anApprovedIncreaseCountsAtTheNextCreate() async throws {
        var settings = EmulatorSettings()
        settings.newAccount = true
        let h = try EmulatorHarness(settings: settings)
        let quotas = ServiceQuotasClient(service: h.serviceClient(signingName: "servicequotas"))
        _ = try await quotas.requestServiceQuotaIncrease(
            serviceCode: "bedrock", quotaCode: "L-8129BF10", desiredValue: 1)
        _ = try await h.createThroughput("express", model: "amazon.titan-text-express-v1:0:8k", commitment: .oneMonth)
        #expect(try await h.bedrock.listProvisionedModelThroughputs().collect().count == 1)
    }
}
