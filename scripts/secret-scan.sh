#!/usr/bin/env bash
# Runs a full bedrockctl session against a local emulator with distinctive fake credentials, then
# searches every output and every file written for them: the secret keys, the session token, a
# SigV4 signature (`Signature=` and 64 hex digits) and an `x-amz-security-token:` header line.
#
#   scripts/secret-scan.sh [PATH-TO-BEDROCKCTL]      (default .build/debug/bedrockctl)
#
# The session: validate; plan as text, json and markdown, and --out plan.json; apply of the saved
# plan; apply --auto-approve; invoke with and without --stream; then the same (plan, apply, both
# invokes) with a wrong secret, so the emulator answers InvalidSignatureException with the
# canonical request it built (session token included), and with an unknown access key; then
# credentials from a profile's credential_process (right and wrong secret) and from web identity
# (its token file). An `x-amz-security-token:` line counts only when its value is not
# `<redacted>`. Every stdout and stderr goes to a file in a temporary folder, which is also HOME
# and the working directory, so anything written there (plan.json, the emulator's --state file,
# caches) is scanned too. Everything stays on 127.0.0.1. One check per file; prints each finding, then `secret scan: N passed, M failed`,
# and exits 1 on any finding (the folder is kept for inspection then, or with SECRET_SCAN_KEEP=1;
# removed otherwise).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-.build/debug/bedrockctl}
[[ $bin = /* ]] || bin="$PWD/$bin"
if [[ ! -x $bin ]]; then
  echo "secret scan: $bin is not an executable; build it first (swift build --product bedrockctl)" >&2
  exit 2
fi

KEY=AKIDSECRETSCAN0001
SECRET=SecretScanSecretValue0001XYZ
TOKEN=SessionTokenSecretScan0001ABCDEFGH
WRONG_SECRET=WrongSecretScanValue0002XYZ
UNKNOWN_KEY=AKIDSECRETSCANUNKNOWN
WEB_TOKEN=WebIdentityTokenSecretScan0001QRSTUVWX

work=$(mktemp -d "${TMPDIR:-/tmp}/secret-scan.XXXXXX")
mkdir -p "$work/home" "$work/out"
emulator_pid=
# The emulator runs in its own process group (setsid), so stopping it stops it all, even when
# the binary given is a wrapper script.
stop_emulator() {
  [[ -n $emulator_pid ]] || return 0
  kill -- "-$emulator_pid" 2>/dev/null || kill "$emulator_pid" 2>/dev/null
  wait "$emulator_pid" 2>/dev/null
  emulator_pid=
}
cleanup() { stop_emulator; }
trap cleanup EXIT

# The emulator, on a free loopback port, accepting only the scan's key.
setsid "$bin" emulator --port 0 --credentials "$KEY:$SECRET" --state "$work/emulator-state.json" \
  --provision-seconds 0 --import-seconds 0 >"$work/out/emulator.stdout" 2>"$work/out/emulator.stderr" &
emulator_pid=$!
port=
for _ in $(seq 150); do
  port=$(sed -n 's#.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*#\1#p' "$work/out/emulator.stderr" 2>/dev/null | head -1)
  [[ -n $port ]] && break
  kill -0 "$emulator_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z $port ]]; then
  echo "secret scan: the emulator did not report its port:" >&2
  cat "$work/out/emulator.stderr" >&2
  exit 2
fi
echo "secret scan: emulator on 127.0.0.1:$port (pid $emulator_pid), outputs in $work"

# Runs one bedrockctl command with the given credentials (key "-": none in the environment, so
# the rest of the chain is used, with the variables in EXTRA_ENV); its stdout and stderr go to
# out/NAME.*.
run() {
  local name=$1 key=$2 secret=$3
  shift 3
  local creds=(AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$TOKEN")
  [[ $key == - ]] && creds=()
  local extra=()
  [[ -n ${EXTRA_ENV:-} ]] && read -r -a extra <<<"$EXTRA_ENV"
  (cd "$work" && env -i PATH="$PATH" HOME="$work/home" NO_COLOR=1 "${creds[@]}" "${extra[@]}" \
     AWS_REGION=us-east-1 AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_MAX_ATTEMPTS=1 \
     timeout 180 "$bin" "$@" </dev/null >"$work/out/$name.stdout" 2>"$work/out/$name.stderr")
  local status=$?
  printf '  %-28s exit %3d  (bedrockctl %s)\n' "$name" "$status" "$*"
  echo "$status" >"$work/out/$name.status"
}

examples="$root/examples"
body='{"inputText": "secret scan"}'
echo "secret scan: the session, right credentials with a session token"
run validate            "$KEY" "$SECRET" validate "$examples"
run plan-text           "$KEY" "$SECRET" plan "$examples"
run plan-json           "$KEY" "$SECRET" plan "$examples" --format json
run plan-markdown       "$KEY" "$SECRET" plan "$examples" --format markdown
run plan-out            "$KEY" "$SECRET" plan "$examples" --format json --out plan.json
run apply-saved-plan    "$KEY" "$SECRET" apply plan.json
run apply-auto-approve  "$KEY" "$SECRET" apply "$examples" --auto-approve
run apply-stale-plan    "$KEY" "$SECRET" apply plan.json
run plan-after-apply    "$KEY" "$SECRET" plan "$examples"
run invoke              "$KEY" "$SECRET" invoke amazon.titan-text-express-v1 --body "$body"
run invoke-stream       "$KEY" "$SECRET" invoke amazon.titan-text-express-v1 --body "$body" --stream

# Does the emulator take the session token it was never given? (It verifies signatures only.)
if [[ $(cat "$work/out/invoke.status") == 0 ]]; then
  echo "secret scan: the emulator accepted the unknown session token (it checks only the signature)"
else
  echo "secret scan: the emulator refused the right key with a session token: $(head -c 300 "$work/out/invoke.stderr")"
fi

echo "secret scan: the same with a wrong secret (InvalidSignatureException)"
run wrong-plan          "$KEY" "$WRONG_SECRET" plan "$examples"
run wrong-plan-json     "$KEY" "$WRONG_SECRET" plan "$examples" --format json --out wrong-plan.json
run wrong-apply         "$KEY" "$WRONG_SECRET" apply "$examples" --auto-approve
run wrong-invoke        "$KEY" "$WRONG_SECRET" invoke amazon.titan-text-express-v1 --body "$body"
run wrong-invoke-stream "$KEY" "$WRONG_SECRET" invoke amazon.titan-text-express-v1 --body "$body" --stream
echo "secret scan: an unknown access key (UnrecognizedClientException)"
run unknown-key-plan    "$UNKNOWN_KEY" "$WRONG_SECRET" plan "$examples"
run unknown-key-invoke  "$UNKNOWN_KEY" "$WRONG_SECRET" invoke amazon.titan-text-express-v1 --body "$body" --stream

echo "secret scan: credentials from a profile's credential_process"
mkdir -p "$work/home/.aws" "$work/helpers"
for which in right wrong; do
  secret=$SECRET
  [[ $which == wrong ]] && secret=$WRONG_SECRET
  printf '#!/bin/sh\necho '"'"'{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s", "SessionToken": "%s"}'"'"'\n' \
    "$KEY" "$secret" "$TOKEN" >"$work/helpers/creds-$which.sh"
  chmod 700 "$work/helpers/creds-$which.sh"
done
printf '[profile scan-process]\ncredential_process = %s\n[profile scan-process-wrong]\ncredential_process = %s\n' \
  "$work/helpers/creds-right.sh" "$work/helpers/creds-wrong.sh" >"$work/home/.aws/config"
EXTRA_ENV=AWS_PROFILE=scan-process run process-invoke - - invoke amazon.titan-text-express-v1 --body "$body"
EXTRA_ENV=AWS_PROFILE=scan-process-wrong run process-wrong-plan - - plan "$examples"
EXTRA_ENV=AWS_PROFILE=scan-process-wrong run process-wrong-invoke - - invoke amazon.titan-text-express-v1 --body "$body" --stream
echo "secret scan: web identity (the emulator has no STS, so AssumeRoleWithWebIdentity is refused)"
printf '%s' "$WEB_TOKEN" >"$work/helpers/web-identity-token"
EXTRA_ENV="AWS_ROLE_ARN=arn:aws:iam::000000000000:role/scan AWS_WEB_IDENTITY_TOKEN_FILE=$work/helpers/web-identity-token" \
  run web-identity-plan - - plan "$examples"

# Stop the emulator so its log and state file are complete.
stop_emulator

echo "secret scan: scanning every file in $work"
passed=0
failed=0
while IFS= read -r -d '' file; do
  rel=${file#"$work/"}
  # Skip what this script wrote itself: exit statuses, the credential helpers and their config.
  [[ $rel == *.status || $rel == helpers/* || $rel == home/.aws/config ]] && continue
  findings=$(
    {
      grep -naF -e "$SECRET" "$file" | sed 's/^/secret access key: /'
      grep -naF -e "$WRONG_SECRET" "$file" | sed 's/^/secret access key (the wrong one): /'
      grep -naF -e "$TOKEN" "$file" | sed 's/^/session token: /'
      grep -naF -e "$WEB_TOKEN" "$file" | sed 's/^/web identity token: /'
      grep -naE 'Signature=[0-9a-fA-F]{64}' "$file" | sed 's/^/a SigV4 signature: /'
      grep -naiF 'x-amz-security-token:' "$file" | grep -viE 'x-amz-security-token:[[:space:]]*<redacted>[[:space:]]*$' |
        sed 's/^/an x-amz-security-token header line: /'
    } | cut -c1-400
  )
  if [[ -z $findings ]]; then
    passed=$((passed + 1))
    echo "PASS  $rel"
  else
    failed=$((failed + 1))
    echo "FAIL  $rel"
    while IFS= read -r line; do
      # `KIND: N:text`, printed as `KIND, FILE line N: text`, cut short.
      kind=${line%%: *}
      rest=${line#*: }
      printf '      %s, %s line %s: %s\n' "$kind" "$rel" "${rest%%:*}" "${rest#*:}" | cut -c1-300
    done <<<"$findings"
  fi
done < <(find "$work" -type f -print0 | sort -z)

if ((failed > 0)) || [[ ${SECRET_SCAN_KEEP:-0} == 1 ]]; then
  echo "secret scan: outputs kept in $work"
else
  rm -rf "$work"
fi
echo "secret scan: $passed passed, $failed failed"
((failed == 0))
