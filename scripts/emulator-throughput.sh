#!/usr/bin/env bash
# Measures the emulator's request throughput with wrk (Debian package `wrk`): signed
# ListProvisionedModelThroughputs and InvokeModel requests against a release build, 10 seconds
# each, 2 threads, 32 connections. Signatures are made once with botocore and stay valid for the
# 5 minutes the emulator allows.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
# BEDROCKCTL=PATH measures another build (an older one, to compare in one sitting).
bin=${BEDROCKCTL:-}
if [ -z "$bin" ]; then
  swift build -c release --product bedrockctl >/dev/null
  bin=.build/release/bedrockctl
fi
port=${PORT:-45661}
"$bin" emulator --port "$port" --provision-seconds 0 2>/dev/null &
emulator=$!
trap 'kill $emulator 2>/dev/null' EXIT
sleep 1
work=$(mktemp -d)
python3 - "$port" "$work" <<'PY'
import json, sys
import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
port, work = sys.argv[1], sys.argv[2]
endpoint = f"http://127.0.0.1:{port}"
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
bedrock = boto3.client("bedrock", **kw)
for i in range(20):
    bedrock.create_provisioned_model_throughput(modelUnits=1, provisionedModelName=f"bench-{i}", modelId="amazon.titan-text-express-v1:0:8k")
def lua(name, method, path, body=""):
    request = AWSRequest(method=method, url=endpoint + path, data=body, headers={"Content-Type": "application/json"} if body else {})
    SigV4Auth(Credentials("test", "test"), "bedrock", "us-east-1").add_auth(request)
    headers = "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in request.headers.items())
    open(f"{work}/{name}.lua", "w").write(f'wrk.method = "{method}"\nwrk.path = "{path}"\n{headers}' + (f"wrk.body = {json.dumps(body)}\n" if body else ""))
lua("list", "GET", "/provisioned-model-throughputs")
lua("invoke", "POST", "/model/amazon.titan-text-express-v1/invoke", json.dumps({"inputText": "how fast is the emulator"}))
PY
for name in list invoke; do
  echo "== $name"
  wrk -t2 -c32 -d10s -s "$work/$name.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|Non-2xx|requests in"
done
