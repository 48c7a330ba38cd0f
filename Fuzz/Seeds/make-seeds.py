#!/usr/bin/env python3
"""Writes the SigV4 and emulator seeds in HTTP text (see Fuzz/Sources/FuzzCommon/HTTPText.swift).

The SigV4 seeds carry signatures valid at 2026-01-01T00:00:00Z, the time FuzzSigV4Verifier verifies
at; the emulator seeds use ids its seeded generator (seed 1) hands out. Run: python3 make-seeds.py"""
import hashlib
import hmac
import os
import struct
import zlib
from urllib.parse import quote

os.chdir(os.path.dirname(os.path.abspath(__file__)))

STAMP, DAY = "20260101T000000Z", "20260101"

def enc(s, keep_slash=False):
    safe = "-._~" + ("/" if keep_slash else "")
    return quote(s, safe=safe)

def sign(method, path, query, headers, body, secret="test", key="test", region="us-east-1", service="bedrock"):
    headers = list(headers) + [("X-Amz-Date", STAMP), ("x-amz-content-sha256", hashlib.sha256(body).hexdigest())]
    grouped = {}
    for n, v in headers:
        grouped.setdefault(n.lower(), []).append(" ".join(v.split()))
    names = sorted(grouped)
    canon_headers = "".join(f"{n}:{','.join(grouped[n])}\n" for n in names)
    signed = ";".join(names)
    cq = "&".join(f"{a}={b}" for a, b in sorted((enc(n), enc(v)) for n, v in query))
    creq = "\n".join([method, enc(path, True), cq, canon_headers, signed, hashlib.sha256(body).hexdigest()])
    scope = f"{DAY}/{region}/{service}/aws4_request"
    sts = "\n".join(["AWS4-HMAC-SHA256", STAMP, scope, hashlib.sha256(creq.encode()).hexdigest()])
    k = ("AWS4" + secret).encode()
    for part in (DAY, region, service, "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
    headers.append(("Authorization", f"AWS4-HMAC-SHA256 Credential={key}/{scope}, SignedHeaders={signed}, Signature={sig}"))
    return headers

def text(method, path, query, headers, body=b""):
    target = path + ("?" + "&".join(f"{enc(n)}={enc(v)}" for n, v in query) if query else "")
    head = f"{method} {target}\n" + "".join(f"{n}: {v}\n" for n, v in headers)
    return head.encode() + b"\n" + body

def write(path, data):
    with open(path, "wb") as f: f.write(data)

d = "FuzzSigV4Verifier"
q = [("maxResults", "10"), ("sortOrder", "Ascending")]
write(f"{d}/list.txt", text("GET", "/provisioned-model-throughputs", q, sign("GET", "/provisioned-model-throughputs", q, [("Host", "bedrock.us-east-1.amazonaws.com")], b"")))
body = b'{"modelUnits":1,"provisionedModelName":"pt","modelId":"amazon.titan-text-express-v1:0:8k"}'
h = [("Host", "bedrock.us-east-1.amazonaws.com"), ("Content-Type", "application/json"), ("User-Agent", "bedrockctl/fuzz")]
write(f"{d}/create.txt", text("POST", "/provisioned-model-throughput", [], sign("POST", "/provisioned-model-throughput", [], h, body), body))
path = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke"
h = [("Host", "bedrock-runtime.us-east-1.amazonaws.com"), ("Content-Type", "application/json"), ("X-Amz-Security-Token", "token  with   spaces")]
write(f"{d}/invoke-encoded-path.txt", text("POST", path, [], sign("POST", path, [], h, b'{"prompt":"hi"}'), b'{"prompt":"hi"}'))
h = sign("GET", "/foundation-models", [("byProvider", "Amazon")], [("Host", "x")], b"")
h[-1] = ("Authorization", h[-1][1].replace("Signature=", "Signature=0"))
write(f"{d}/bad-signature.txt", text("GET", "/foundation-models", [("byProvider", "Amazon")], h))
write(f"{d}/incomplete.txt", text("GET", "/", [], [("X-Amz-Date", STAMP), ("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/bedrock, SignedHeaders=host")]))

d = "FuzzEmulatorRequest"
SEP = b"\n===\n"
def reqs(*items): return SEP.join(text(*i) for i in items)
json = "application/json"
pt = b'{"modelUnits":1,"provisionedModelName":"pt-a","modelId":"amazon.titan-text-express-v1:0:8k","commitmentDuration":"OneMonth","clientRequestToken":"tok-1","tags":[{"key":"team","value":"ml"}]}'
write(f"{d}/throughput-lifecycle.txt", b"1\n" + reqs(
    ("POST", "/provisioned-model-throughput", [], [("Content-Type", json)], pt),
    ("GET", "/provisioned-model-throughput/pt-a", [], []),
    ("POST", "/_emulator/advance", [], [], b'{"seconds": 5}'),
    ("PATCH", "/provisioned-model-throughput/pt-a", [], [("Content-Type", json)], b'{"desiredProvisionedModelName":"pt-b"}'),
    ("GET", "/provisioned-model-throughputs", [("statusEquals", "Updating"), ("maxResults", "1"), ("sortOrder", "Ascending")], []),
    ("POST", "/model/pt-b/invoke", [], [("Content-Type", json)], b'{"inputText":"hello there"}'),
    ("POST", "/tagResource", [], [("Content-Type", json)], b'{"resourceARN":"arn:aws:bedrock:us-east-1:000000000000:provisioned-model/3vuq0dhoz2sc","tags":[{"key":"env","value":"dev"}]}'),
    ("DELETE", "/provisioned-model-throughput/pt-b", [], []),
))
job = b'{"jobName":"job-1","importedModelName":"llama-ft","roleArn":"arn:aws:iam::000000000000:role/Import","modelDataSource":{"s3DataSource":{"s3Uri":"s3://bucket/llama/"}},"importedModelTags":[{"key":"env","value":"prod"}],"vpcConfig":{"subnetIds":["subnet-0abc1234"],"securityGroupIds":["sg-0abc1234"]},"importedModelKmsKeyId":"alias/models"}'
write(f"{d}/import-lifecycle.txt", b"1\n" + reqs(
    ("POST", "/model-import-jobs", [], [("Content-Type", json)], job),
    ("GET", "/model-import-jobs", [("nameContains", "job"), ("statusEquals", "InProgress")], []),
    ("POST", "/_emulator/advance", [], [], b'{"seconds": 60}'),
    ("GET", "/imported-models", [("sortBy", "CreationTime"), ("nextToken", "cGFnZTow")], []),
    ("GET", "/imported-models/llama-ft", [], []),
    ("POST", "/tagResource", [], [], b'{"resourceARN":"arn:aws:bedrock:us-east-1:000000000000:model-import-job/3vuq0dhoz2sc","tags":[{"key":"a","value":"b"}]}'),
    ("POST", "/untagResource", [], [], b'{"resourceARN":"arn:aws:bedrock:us-east-1:000000000000:model-import-job/3vuq0dhoz2sc","tagKeys":["a"]}'),
    ("DELETE", "/imported-models/llama-ft", [], []),
))
write(f"{d}/runtime.txt", b"1\n" + reqs(
    ("GET", "/foundation-models", [("byProvider", "Amazon"), ("byInferenceType", "PROVISIONED")], []),
    ("GET", "/foundation-models/amazon.titan-text-express-v1", [], []),
    ("POST", "/model/amazon.titan-text-express-v1/invoke", [], [("Content-Type", json)], b'{"inputText":"a \\"quoted\\" prompt\\n"}'),
    ("POST", "/model/amazon.titan-text-express-v1/invoke-with-response-stream", [], [("Content-Type", json)], b'{"prompt":"stream me"}'),
    ("POST", "/listTagsForResource", [], [], b'{"resourceARN":"arn:aws:bedrock:us-east-1:000000000000:imported-model/abc"}'),
))
write(f"{d}/admin.txt", b"0\n" + reqs(
    ("GET", "/_emulator/health", [], []),
    ("POST", "/_emulator/settings", [], [("Content-Type", json)], b'{"provisionSeconds":0,"importSeconds":1,"throttleRate":0.5,"errorRate":0.1,"latencyMs":5,"dropAfterCommitRate":0.2,"failImportsFrom":["s3://bad/"],"seed":7}'),
    ("GET", "/_emulator/settings", [], []),
    ("POST", "/_emulator/advance", [], [], b'{"seconds": 1e6}'),
    ("POST", "/provisioned-model-throughput", [], [("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=00"), ("X-Amz-Date", STAMP)], pt),
))
write(f"{d}/unsigned.txt", b"0\n" + text("GET", "/provisioned-model-throughputs", [], []))

# Event streams: a control byte (chunk size - 1 in the low six bits, 0x40 to repair CRCs), then frames.
def frame(headers, payload):
    hb = b""
    for name, kind, value in headers:
        n = name.encode()
        hb += bytes([len(n)]) + n + bytes([kind]) + value
    prelude = struct.pack(">II", 12 + len(hb) + len(payload) + 4, len(hb))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + hb + payload
    return body + struct.pack(">I", zlib.crc32(body))

def short(b): return struct.pack(">H", len(b)) + b

d = "FuzzEventStream"
chunk = frame([(":event-type", 7, short(b"chunk")), (":content-type", 7, short(b"application/json")), (":message-type", 7, short(b"event"))],
              b'{"bytes":"eyJvdXRwdXRUZXh0IjoiaGkifQ==","p":"abc"}')
every_type = frame([("t", 0, b""), ("f", 1, b""), ("b", 2, b"\x80"), ("s", 3, b"\x80\x01"), ("i", 4, b"\xff\xff\xff\xfe"),
                    ("l", 5, b"\x80" + b"\0" * 7), ("by", 6, short(b"\x00\xff")), ("ts", 8, struct.pack(">q", 1767225600000)),
                    ("u", 9, bytes(range(16)))], b"")
exception = frame([(":message-type", 7, short(b"exception")), (":exception-type", 7, short(b"throttlingException"))], b'{"message":"slow down"}')
write(f"{d}/stream-chunk8", b"\x07" + chunk + every_type + exception)
write(f"{d}/all-types-chunk1-repair", b"\x40" + every_type)
write(f"{d}/truncated-chunk3", b"\x02" + chunk + exception[:20])
