"""boto3 against bedrockctl's emulator: every operation, the error cases, pagination, idempotent
replay, a streamed invoke decoded by botocore's own event-stream parser, and a wrong key refused.

Every answer is also checked against AWS's service model as botocore ships it: each required
member present, each member of the type the model says. Run by the Swift test suite with
EMULATOR set to the emulator's URL; prints one line a check and a closing count.
"""
import datetime
import json
import os
import sys
import traceback
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["EMULATOR"]
CUSTOM = "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.titan-text-express-v1:0:8k/k3r9x2m4q7ts"
CUSTOM_SAME_BASE = "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.titan-text-express-v1:0:8k/p8w2n5v7c3xa"
# Nova Lite fine-tunes made after 2025-07-16, which AWS deploys on demand.
NOVA_FT = "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.nova-lite-v1:0:300k/n7v4q2l9x5ka"
NOVA_FT_V2 = "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.nova-lite-v1:0:300k/m3c8t6r1w4zb"


def client(service, key="test", secret="test", validate=True):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id=key,
                        aws_secret_access_key=secret,
                        config=Config(parameter_validation=validate, retries={"max_attempts": 1}))


bedrock = client("bedrock")
runtime = client("bedrock-runtime")
raw = client("bedrock", validate=False)


def check_shape(shape, value, path):
    """Fails when `value` is not what `shape` of the service model says."""
    kind = shape.type_name
    if kind == "structure":
        assert isinstance(value, dict), f"{path}: expected a structure, got {type(value).__name__}"
        for name in shape.required_members:
            assert name in value, f"{path}: required member {name} is missing"
        for name, member in shape.members.items():
            if name in value and member.serialization.get("location") is None:
                check_shape(member, value[name], f"{path}.{name}")
    elif kind == "list":
        assert isinstance(value, list), f"{path}: expected a list"
        for i, item in enumerate(value):
            check_shape(shape.member, item, f"{path}[{i}]")
    elif kind == "string":
        assert isinstance(value, str), f"{path}: expected a string, got {value!r}"
        if shape.enum:
            assert value in shape.enum, f"{path}: {value!r} is not one of {shape.enum}"
    elif kind in ("integer", "long"):
        assert isinstance(value, int) and not isinstance(value, bool), f"{path}: expected an integer, got {value!r}"
    elif kind == "boolean":
        assert isinstance(value, bool), f"{path}: expected a boolean, got {value!r}"
    elif kind == "timestamp":
        assert isinstance(value, datetime.datetime), f"{path}: expected a timestamp, got {value!r}"


def checked(c, operation, **kwargs):
    """Calls `operation` and checks its answer against the model's output shape."""
    response = getattr(c, operation)(**kwargs)
    model = c.meta.service_model.operation_model(c.meta.method_to_api_mapping[operation])
    if model.output_shape is not None and not model.has_event_stream_output:
        body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
        check_shape(model.output_shape, body, operation)
    return response


def error_code(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    return None


def advance(seconds):
    """Moves the emulator's time forward through its admin endpoint, instead of sleeping."""
    request = urllib.request.Request(ENDPOINT + "/_emulator/advance", data=json.dumps({"seconds": seconds}).encode(), method="POST")
    with urllib.request.urlopen(request) as response:
        assert response.status == 200


def settings(**changes):
    """Changes the emulator's settings through its admin endpoint."""
    request = urllib.request.Request(ENDPOINT + "/_emulator/settings", data=json.dumps(changes).encode(), method="POST")
    with urllib.request.urlopen(request) as response:
        assert response.status == 200


def wait_for(getter, status):
    advance(3601)
    assert getter() == status, f"{getter()}, wanted {status}"


def test_provisioned_throughput_lifecycle():
    arn = checked(bedrock, "create_provisioned_model_throughput", modelUnits=1, provisionedModelName="boto-pt",
                  modelId=CUSTOM, commitmentDuration="OneMonth", tags=[{"key": "team", "value": "ml"}])["provisionedModelArn"]
    got = checked(bedrock, "get_provisioned_model_throughput", provisionedModelId=arn)
    assert got["status"] == "Creating" and got["provisionedModelName"] == "boto-pt"
    wait_for(lambda: bedrock.get_provisioned_model_throughput(provisionedModelId=arn)["status"], "InService")
    checked(bedrock, "update_provisioned_model_throughput", provisionedModelId=arn,
            desiredProvisionedModelName="boto-pt-renamed", desiredModelId=CUSTOM_SAME_BASE)
    got = checked(bedrock, "get_provisioned_model_throughput", provisionedModelId="boto-pt-renamed")
    assert got["status"] == "Updating" and got["modelArn"] != got["desiredModelArn"], got
    assert got["commitmentExpirationTime"] > got["creationTime"]
    assert error_code(bedrock.delete_provisioned_model_throughput, provisionedModelId=arn) == ("ValidationException", 400)
    plain = checked(bedrock, "create_provisioned_model_throughput", modelUnits=2, provisionedModelName="boto-plain",
                    modelId="amazon.titan-text-express-v1:0:8k")["provisionedModelArn"]
    wait_for(lambda: bedrock.get_provisioned_model_throughput(provisionedModelId=plain)["status"], "InService")
    checked(bedrock, "delete_provisioned_model_throughput", provisionedModelId=plain)
    assert error_code(bedrock.get_provisioned_model_throughput, provisionedModelId=plain) == ("ResourceNotFoundException", 404)


def test_list_pagination_and_filters():
    for i in range(5):
        bedrock.create_provisioned_model_throughput(modelUnits=1, provisionedModelName=f"page-{i}", modelId="amazon.titan-text-express-v1:0:8k")
    pages = list(bedrock.get_paginator("list_provisioned_model_throughputs").paginate(nameContains="page-", PaginationConfig={"PageSize": 2}))
    for page in pages:
        check_shape(bedrock.meta.service_model.operation_model("ListProvisionedModelThroughputs").output_shape,
                    {k: v for k, v in page.items() if k != "ResponseMetadata"}, "page")
    names = [s["provisionedModelName"] for p in pages for s in p["provisionedModelSummaries"]]
    assert len(pages) == 3 and sorted(names) == [f"page-{i}" for i in range(5)], names
    ascending = checked(bedrock, "list_provisioned_model_throughputs", nameContains="page-", sortBy="CreationTime", sortOrder="Ascending")
    assert [s["provisionedModelName"] for s in ascending["provisionedModelSummaries"]] == [f"page-{i}" for i in range(5)]
    creating = checked(bedrock, "list_provisioned_model_throughputs", statusEquals="Creating", nameContains="page-")
    assert len(creating["provisionedModelSummaries"]) == 5
    assert error_code(raw.list_provisioned_model_throughputs, maxResults=0) == ("ValidationException", 400)
    assert error_code(raw.list_provisioned_model_throughputs, nextToken="not-a-token") == ("ValidationException", 400)


def test_idempotent_replay():
    first = bedrock.create_provisioned_model_throughput(modelUnits=1, provisionedModelName="replayed",
                                                        modelId="amazon.titan-text-express-v1:0:8k", clientRequestToken="boto-token-1")
    again = bedrock.create_provisioned_model_throughput(modelUnits=1, provisionedModelName="replayed",
                                                        modelId="amazon.titan-text-express-v1:0:8k", clientRequestToken="boto-token-1")
    assert first["provisionedModelArn"] == again["provisionedModelArn"]
    assert error_code(bedrock.create_provisioned_model_throughput, modelUnits=3, provisionedModelName="replayed",
                      modelId="amazon.titan-text-express-v1:0:8k", clientRequestToken="boto-token-1") == ("ValidationException", 400)
    listed = bedrock.list_provisioned_model_throughputs(nameContains="replayed")["provisionedModelSummaries"]
    assert len(listed) == 1


def test_validation_errors():
    code, status = error_code(raw.create_provisioned_model_throughput, modelUnits=0, provisionedModelName="bad name", modelId="amazon.titan-text-express-v1:0:8k")
    assert (code, status) == ("ValidationException", 400)
    try:
        raw.create_provisioned_model_throughput(modelUnits=0, provisionedModelName="x", modelId="amazon.titan-text-express-v1:0:8k")
    except ClientError as e:
        assert "at 'modelUnits' failed to satisfy constraint" in e.response["Error"]["Message"], e.response["Error"]["Message"]
    assert error_code(bedrock.create_provisioned_model_throughput, modelUnits=1, provisionedModelName="ghost", modelId="acme.rocket-v1") == ("ResourceNotFoundException", 404)
    many = [{"key": f"k{i}", "value": "v"} for i in range(51)]
    assert error_code(bedrock.create_provisioned_model_throughput, modelUnits=1, provisionedModelName="tags", modelId="amazon.titan-text-express-v1:0:8k", tags=many) == ("TooManyTagsException", 400)


def test_model_import_and_imported_models():
    job = checked(bedrock, "create_model_import_job", jobName="boto-import", importedModelName="boto-model",
                  roleArn="arn:aws:iam::000000000000:role/Import", modelDataSource={"s3DataSource": {"s3Uri": "s3://acme/models/boto/"}},
                  jobTags=[{"key": "team", "value": "ml"}], importedModelTags=[{"key": "env", "value": "prod"}],
                  vpcConfig={"subnetIds": ["subnet-1"], "securityGroupIds": ["sg-1"]}, importedModelKmsKeyId="alias/models",
                  clientRequestToken="boto-import-token")
    again = bedrock.create_model_import_job(jobName="boto-import", importedModelName="boto-model",
                                            roleArn="arn:aws:iam::000000000000:role/Import", modelDataSource={"s3DataSource": {"s3Uri": "s3://acme/models/boto/"}},
                                            jobTags=[{"key": "team", "value": "ml"}], importedModelTags=[{"key": "env", "value": "prod"}],
                                            vpcConfig={"subnetIds": ["subnet-1"], "securityGroupIds": ["sg-1"]}, importedModelKmsKeyId="alias/models",
                                            clientRequestToken="boto-import-token")
    assert job["jobArn"] == again["jobArn"]
    try:
        bedrock.create_model_import_job(jobName="boto-import", importedModelName="other", roleArn="arn:aws:iam::000000000000:role/Import",
                                        modelDataSource={"s3DataSource": {"s3Uri": "s3://acme/x/"}})
        raise AssertionError("a job name in use was accepted")
    except bedrock.exceptions.ValidationException as e:
        assert e.response["Error"]["Message"] == "The provided job name is currently in use.", e.response
    assert error_code(bedrock.create_model_import_job, jobName="boto-import", importedModelName="other",
                      roleArn="arn:aws:iam::000000000000:role/Import", modelDataSource={"s3DataSource": {"s3Uri": "s3://acme/x/"}}) == ("ValidationException", 400)
    assert checked(bedrock, "get_model_import_job", jobIdentifier="boto-import")["status"] == "InProgress"
    wait_for(lambda: bedrock.get_model_import_job(jobIdentifier=job["jobArn"])["status"], "Completed")
    done = checked(bedrock, "get_model_import_job", jobIdentifier="boto-import")
    model = checked(bedrock, "get_imported_model", modelIdentifier="boto-model")
    assert model["modelArn"] == done["importedModelArn"]
    pages = list(bedrock.get_paginator("list_model_import_jobs").paginate(PaginationConfig={"PageSize": 1}))
    assert any(s["jobName"] == "boto-import" for p in pages for s in p["modelImportJobSummaries"])
    checked(bedrock, "list_model_import_jobs", statusEquals="Completed")
    models = list(bedrock.get_paginator("list_imported_models").paginate())
    assert [m["modelName"] for p in models for m in p["modelSummaries"]] == ["boto-model"]
    checked(bedrock, "list_imported_models", nameContains="boto")
    assert checked(bedrock, "list_tags_for_resource", resourceARN=model["modelArn"])["tags"] == [{"key": "env", "value": "prod"}]
    checked(bedrock, "delete_imported_model", modelIdentifier="boto-model")
    assert error_code(bedrock.get_imported_model, modelIdentifier="boto-model") == ("ResourceNotFoundException", 404)


def test_tags():
    arn = bedrock.create_provisioned_model_throughput(modelUnits=1, provisionedModelName="tag-me", modelId="amazon.titan-text-express-v1:0:8k")["provisionedModelArn"]
    checked(bedrock, "tag_resource", resourceARN=arn, tags=[{"key": "a", "value": "1"}, {"key": "b", "value": "2"}])
    checked(bedrock, "untag_resource", resourceARN=arn, tagKeys=["a"])
    assert checked(bedrock, "list_tags_for_resource", resourceARN=arn)["tags"] == [{"key": "b", "value": "2"}]
    assert error_code(bedrock.list_tags_for_resource, resourceARN="arn:aws:bedrock:us-east-1:000000000000:provisioned-model/zzzzzzzzzzzz") == ("ResourceNotFoundException", 404)


def test_foundation_models():
    listed = checked(bedrock, "list_foundation_models", byInferenceType="PROVISIONED")["modelSummaries"]
    assert len(listed) >= 5 and all("PROVISIONED" in m["inferenceTypesSupported"] for m in listed)
    details = checked(bedrock, "get_foundation_model", modelIdentifier="amazon.titan-text-express-v1")["modelDetails"]
    assert details["modelId"] == "amazon.titan-text-express-v1" and details["modelLifecycle"]["status"] == "ACTIVE"
    assert error_code(bedrock.get_foundation_model, modelIdentifier="acme.rocket-v1") == ("ResourceNotFoundException", 404)


NOVA_BODY = {"schemaVersion": "messages-v1", "messages": [{"role": "user", "content": [{"text": "Say hi"}]}]}
CLAUDE_BODY = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 50, "messages": [{"role": "user", "content": "Say hi"}]}


def test_invoke_and_streamed_invoke():
    answer = runtime.invoke_model(modelId="amazon.titan-text-express-v1", body=json.dumps({"inputText": "hello emulator"}))
    assert answer["contentType"] == "application/json"
    titan = json.loads(answer["body"].read())
    assert set(titan) == {"inputTextTokenCount", "results"} and titan["results"][0]["completionReason"] == "FINISH", titan
    assert "hello emulator" not in titan["results"][0]["outputText"], "the prompt is not echoed"
    again = json.loads(runtime.invoke_model(modelId="amazon.titan-text-express-v1", body=json.dumps({"inputText": "hello emulator"}))["body"].read())
    assert again == titan, "deterministic for a given input"
    stream = runtime.invoke_model_with_response_stream(modelId="amazon.titan-text-express-v1", body=json.dumps({"inputText": "stream me"}))
    chunks = [json.loads(event["chunk"]["bytes"]) for event in stream["body"]]
    assert "amazon-bedrock-invocationMetrics" in chunks[-1] and chunks[-1]["completionReason"] == "FINISH", chunks[-1]
    assert "stream me" not in "".join(c["outputText"] for c in chunks)
    # Each family in its own body, with its documented fields.
    claude = json.loads(runtime.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=json.dumps(CLAUDE_BODY))["body"].read())
    assert claude["type"] == "message" and claude["content"] == [{"type": "text", "text": "hi"}] and "input_tokens" in claude["usage"], claude
    nova = json.loads(runtime.invoke_model(modelId="amazon.nova-lite-v1:0", body=json.dumps(NOVA_BODY))["body"].read())
    assert nova["output"]["message"]["content"] == [{"text": "hi"}] and nova["stopReason"] == "end_turn" and "totalTokens" in nova["usage"], nova
    llama = json.loads(runtime.invoke_model(modelId="meta.llama3-8b-instruct-v1:0", body=json.dumps({"prompt": "Say hi"}))["body"].read())
    assert set(llama) == {"generation", "prompt_token_count", "generation_token_count", "stop_reason"}, llama
    mistral = json.loads(runtime.invoke_model(modelId="mistral.mistral-7b-instruct-v0:2", body=json.dumps({"prompt": "<s>[INST] Say hi [/INST]"}))["body"].read())
    assert mistral["outputs"][0]["stop_reason"] == "stop", mistral
    command = json.loads(runtime.invoke_model(modelId="cohere.command-r-v1:0", body=json.dumps({"message": "Say hi"}))["body"].read())
    assert command["text"] == "hi" and command["chat_history"][1]["role"] == "CHATBOT", command
    embedded = json.loads(runtime.invoke_model(modelId="amazon.titan-embed-text-v2:0", body=json.dumps({"inputText": "x", "dimensions": 256}))["body"].read())
    assert len(embedded["embedding"]) == 256 and embedded["embeddingsByType"]["float"] == embedded["embedding"], list(embedded)
    cohere = json.loads(runtime.invoke_model(modelId="cohere.embed-english-v3", body=json.dumps({"texts": ["a", "b"], "input_type": "search_document"}))["body"].read())
    assert len(cohere["embeddings"]) == 2 and cohere["response_type"] == "embeddings_floats", list(cohere)
    assert error_code(runtime.invoke_model, modelId="anthropic.claude-3-haiku-20240307-v1:0", body=json.dumps({"prompt": "hi"})) == ("ValidationException", 400)
    # Converse and ConverseStream, one body for every text model.
    said = runtime.converse(modelId="meta.llama3-8b-instruct-v1:0", messages=[{"role": "user", "content": [{"text": "Reply with the word pong."}]}])
    assert said["output"]["message"]["content"] == [{"text": "pong"}] and said["stopReason"] == "end_turn" and said["usage"]["totalTokens"] > 0, said
    events = list(runtime.converse_stream(modelId="amazon.nova-lite-v1:0", messages=[{"role": "user", "content": [{"text": "How are you?"}]}])["stream"])
    names = [next(iter(e)) for e in events]
    assert names[0] == "messageStart" and names[-3:] == ["contentBlockStop", "messageStop", "metadata"], names
    assert "How are you" not in "".join(e["contentBlockDelta"]["delta"]["text"] for e in events if "contentBlockDelta" in e)
    assert error_code(runtime.converse, modelId="amazon.titan-embed-text-v2:0", messages=[{"role": "user", "content": [{"text": "x"}]}]) == ("ValidationException", 400)
    assert error_code(runtime.invoke_model, modelId="amazon.titan-text-express-v1:0:8k", body="{}") == ("ValidationException", 400)
    try:
        runtime.invoke_model(modelId="acme.rocket-v1", body="{}")
        raise AssertionError("an unknown model answered")
    except runtime.exceptions.ValidationException as e:
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert e.response["Error"]["Message"] == "The provided model identifier is invalid.", e.response


def test_cold_start_of_an_imported_model():
    """An idle imported model is evicted; while it loads again botocore sees 429 ModelNotReadyException."""
    settings(idleEvictSeconds=600, coldStartSeconds=120)
    try:
        bedrock.create_model_import_job(jobName="cold-import", importedModelName="cold-model", roleArn="arn:aws:iam::000000000000:role/Import",
                                        modelDataSource={"s3DataSource": {"s3Uri": "s3://acme/models/cold/"}})
        advance(3601)
        arn = bedrock.get_imported_model(modelIdentifier="cold-model")["modelArn"]
        runtime.invoke_model(modelId=arn, body=json.dumps({"prompt": "warm"}))
        advance(601)
        for call in (runtime.invoke_model, runtime.invoke_model_with_response_stream):
            try:
                call(modelId=arn, body=json.dumps({"prompt": "cold"}))
                raise AssertionError(f"{call.__name__} answered while the model loads")
            except runtime.exceptions.ModelNotReadyException as e:
                assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 429, e.response
                assert e.response["Error"]["Message"] == "Model is not ready for inference. Wait and try your request again."
                assert e.response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"].startswith("ModelNotReadyException:")
        advance(120)
        answer = runtime.invoke_model(modelId=arn, body=json.dumps({"prompt": "Say loaded"}))
        # An imported model answers in Llama's body (the emulator's choice for imports).
        assert json.loads(answer["body"].read())["generation"] == "loaded"
        bedrock.delete_imported_model(modelIdentifier="cold-model")
    finally:
        settings(idleEvictSeconds=None)


def test_custom_model_deployment_lifecycle():
    models = checked(bedrock, "list_custom_models")["modelSummaries"]
    assert CUSTOM in [m["modelArn"] for m in models], models
    got = checked(bedrock, "get_custom_model", modelIdentifier=CUSTOM)
    assert got["modelName"] == "support-bot-ft" and got["modelStatus"] == "Active", got
    assert error_code(bedrock.get_custom_model, modelIdentifier=CUSTOM[:-1] + "z") == ("ResourceNotFoundException", 404)
    # AWS deploys on demand only customizations of Nova (and Llama 3.3 70B in us-west-2).
    assert error_code(bedrock.create_custom_model_deployment, modelDeploymentName="titan-dep", modelArn=CUSTOM) == ("ValidationException", 400)
    first = checked(bedrock, "create_custom_model_deployment", modelDeploymentName="boto-dep", modelArn=NOVA_FT,
                    description="support bot, on demand", tags=[{"key": "team", "value": "ml"}],
                    clientRequestToken="dep-token-1")
    assert first["ResponseMetadata"]["HTTPStatusCode"] == 202
    arn = first["customModelDeploymentArn"]
    again = bedrock.create_custom_model_deployment(modelDeploymentName="boto-dep", modelArn=NOVA_FT,
                                                   description="support bot, on demand",
                                                   tags=[{"key": "team", "value": "ml"}], clientRequestToken="dep-token-1")
    assert again["customModelDeploymentArn"] == arn
    assert error_code(bedrock.create_custom_model_deployment, modelDeploymentName="boto-dep", modelArn=NOVA_FT) == ("ValidationException", 400)
    got = checked(bedrock, "get_custom_model_deployment", customModelDeploymentIdentifier=arn)
    assert got["status"] == "Creating" and got["modelDeploymentName"] == "boto-dep", got
    assert error_code(bedrock.delete_custom_model_deployment, customModelDeploymentIdentifier=arn) == ("ConflictException", 400)
    wait_for(lambda: bedrock.get_custom_model_deployment(customModelDeploymentIdentifier="boto-dep")["status"], "Active")
    checked(bedrock, "update_custom_model_deployment", customModelDeploymentIdentifier=arn, modelArn=NOVA_FT_V2)
    got = checked(bedrock, "get_custom_model_deployment", customModelDeploymentIdentifier=arn)
    assert got["updateDetails"] == {"modelArn": NOVA_FT_V2, "updateStatus": "Updating"}, got
    assert got["modelArn"] == NOVA_FT
    advance(3601)
    got = checked(bedrock, "get_custom_model_deployment", customModelDeploymentIdentifier=arn)
    assert got["modelArn"] == NOVA_FT_V2 and got["updateDetails"]["updateStatus"] == "UpdateCompleted", got
    listed = checked(bedrock, "list_custom_model_deployments", nameContains="boto-dep", statusEquals="Active")
    assert [d["customModelDeploymentArn"] for d in listed["modelDeploymentSummaries"]] == [arn], listed
    assert bedrock.list_tags_for_resource(resourceARN=arn)["tags"] == [{"key": "team", "value": "ml"}]
    answer = runtime.invoke_model(modelId=arn, body=json.dumps(NOVA_BODY))
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert error_code(raw.create_custom_model_deployment, modelDeploymentName="bad name", modelArn=NOVA_FT) == ("ValidationException", 400)
    checked(bedrock, "delete_custom_model_deployment", customModelDeploymentIdentifier=arn)
    assert error_code(bedrock.get_custom_model_deployment, customModelDeploymentIdentifier=arn) == ("ResourceNotFoundException", 404)


def test_application_inference_profile():
    haiku = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
    created = checked(bedrock, "create_inference_profile", inferenceProfileName="team a haiku",
                      description="Team A: chat", modelSource={"copyFrom": haiku},
                      tags=[{"key": "team", "value": "a"}], clientRequestToken="profile-token-1")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201 and created["status"] == "ACTIVE", created
    arn = created["inferenceProfileArn"]
    assert ":application-inference-profile/" in arn
    got = checked(bedrock, "get_inference_profile", inferenceProfileIdentifier=arn)
    assert got["type"] == "APPLICATION" and got["models"] == [{"modelArn": haiku}], got
    system = checked(bedrock, "list_inference_profiles", typeEquals="SYSTEM_DEFINED")["inferenceProfileSummaries"]
    cross = next(p for p in system if p["inferenceProfileId"].startswith("us.anthropic"))
    copied = checked(bedrock, "create_inference_profile", inferenceProfileName="team-b",
                     modelSource={"copyFrom": cross["inferenceProfileArn"]})["inferenceProfileArn"]
    assert len(bedrock.get_inference_profile(inferenceProfileIdentifier=copied)["models"]) == 3
    mine = checked(bedrock, "list_inference_profiles", typeEquals="APPLICATION")["inferenceProfileSummaries"]
    assert sorted(p["inferenceProfileName"] for p in mine) == ["team a haiku", "team-b"], mine
    assert error_code(bedrock.create_inference_profile, inferenceProfileName="team-b",
                      modelSource={"copyFrom": haiku}) == ("ConflictException", 400)
    assert error_code(raw.create_inference_profile, inferenceProfileName="x",
                      modelSource={"copyFrom": "arn:aws:bedrock:us-east-1::foundation-model/no.such-model"}) == ("ResourceNotFoundException", 404)
    assert error_code(bedrock.delete_inference_profile, inferenceProfileIdentifier=cross["inferenceProfileArn"]) == ("ValidationException", 400)
    assert runtime.invoke_model(modelId=arn, body=json.dumps(CLAUDE_BODY))["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert runtime.converse(modelId=arn, messages=[{"role": "user", "content": [{"text": "Say ok"}]}])["output"]["message"]["content"] == [{"text": "ok"}]
    checked(bedrock, "delete_inference_profile", inferenceProfileIdentifier=arn)
    checked(bedrock, "delete_inference_profile", inferenceProfileIdentifier=copied)
    assert error_code(bedrock.get_inference_profile, inferenceProfileIdentifier=arn) == ("ResourceNotFoundException", 404)


def test_wrong_key_refused():
    wrong = client("bedrock", secret="not-the-secret")
    assert error_code(wrong.list_foundation_models) == ("InvalidSignatureException", 403)
    stranger = client("bedrock", key="AKIDSTRANGER")
    assert error_code(stranger.list_foundation_models) == ("UnrecognizedClientException", 403)


def test_smaller_deviations_as_the_service_model_has_them():
    # An identifier that fails its pattern is 400 ValidationException, not 404.
    assert error_code(raw.get_model_import_job, jobIdentifier="bad id!!") == ("ValidationException", 400)
    assert error_code(raw.get_imported_model, modelIdentifier="bad id!!") == ("ValidationException", 400)
    assert error_code(raw.delete_imported_model, modelIdentifier="bad id!!") == ("ValidationException", 400)
    # TooManyTagsException names the resource (its resourceName member).
    arn = bedrock.create_provisioned_model_throughput(modelUnits=1, provisionedModelName="tag-limit",
                                                      modelId="amazon.titan-embed-text-v1:2:8k")["provisionedModelArn"]
    try:
        bedrock.tag_resource(resourceARN=arn, tags=[{"key": f"k{i}", "value": "v"} for i in range(51)])
        raise AssertionError("51 tags accepted")
    except ClientError as e:
        assert e.response["Error"]["Code"] == "TooManyTagsException" and e.response.get("resourceName") == arn, e.response
    # A throttle carries no Retry-After, as Bedrock's do not.
    settings(throttleRate=1)
    try:
        bedrock.list_provisioned_model_throughputs()
        raise AssertionError("not throttled")
    except ClientError as e:
        headers = {k.lower() for k in e.response["ResponseMetadata"]["HTTPHeaders"]}
        assert e.response["Error"]["Code"] == "ThrottlingException" and "retry-after" not in headers, headers
    finally:
        settings(throttleRate=0)
    advance(3601)
    bedrock.delete_provisioned_model_throughput(provisionedModelId=arn)


TESTS = [v for k, v in sorted(globals().items()) if k.startswith("test_")]

if __name__ == "__main__":
    passed = failed = 0
    for test in TESTS:
        try:
            test()
            passed += 1
            print(f"ok {test.__name__}")
        except Exception:
            failed += 1
            print(f"FAIL {test.__name__}\n{traceback.format_exc()}")
    print(f"boto3 interop: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
