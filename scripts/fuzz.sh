#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ and runs each for a fixed time.
#
#   scripts/fuzz.sh [TARGET...]       all four targets when none is named
#
# FUZZ_SECONDS (default 60) is each target's budget. Every Swift module, bedrockctl's and its
# dependencies', is built with -sanitize=fuzzer,address into .build-fuzz/ (a cold build takes
# a long while: swift-nio, swift-crypto and async-http-client are rebuilt instrumented).
# The corpus of each target grows in .build-fuzz/corpus/TARGET across runs; a crashing input is
# kept in .build-fuzz/artifacts/TARGET/ and the script exits 1.
#
# To replay one input:  .build-fuzz/release/TARGET FILE
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=$root/.build-fuzz
seconds=${FUZZ_SECONDS:-60}
all=(FuzzManifest FuzzEventStream FuzzSigV4Verifier FuzzEmulatorRequest)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz: unknown target '$t' (targets: ${all[*]})" >&2; exit 64; }
done

# The largest input each target is given, in bytes.
max_len() {
  case $1 in
    FuzzManifest) echo 16384 ;;
    FuzzEmulatorRequest) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

# The same dependency versions as the main package, when it has resolved them.
if [ ! -f Fuzz/Package.resolved ] && [ -f Package.resolved ]; then cp Package.resolved Fuzz/Package.resolved; fi

build=(swift build -c release --package-path Fuzz --scratch-path "$scratch"
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
echo "fuzz: ${build[*]}"
started=$(date +%s)
"${build[@]}"
echo "fuzz: built in $(( $(date +%s) - started )) s"
bin=$("${build[@]}" --show-bin-path)

# Options of one target. The emulator answers on Swift's cooperative thread pool, so the
# allocations of one input are never all freed when its callback returns; libFuzzer then runs a
# full LeakSanitizer scan after every input (20 ms each, a hundred times the request itself).
extra_options() {
  case $1 in
    FuzzEmulatorRequest) echo -detect_leaks=0 ;;
  esac
}

# The corpus starts from the committed seeds, the example manifests and the event-stream test
# vectors. The event-stream target reads its first byte as a control byte (chunk size, CRC
# repair), so each vector is given twice: fed in chunks of 1 byte, and of 7.
seed() {
  local name=$1 corpus=$2
  cp Fuzz/Seeds/"$name"/* "$corpus"/ 2>/dev/null || true
  case $name in
    FuzzManifest)
      for f in examples/*.yaml; do [ -f "$f" ] && cp "$f" "$corpus/example-$(basename "$f")"; done ;;
    FuzzEventStream)
      local fixtures=Tests/AWSClientTests/Fixtures/eventstream/encoded
      if [ -d "$fixtures" ]; then
        for f in "$fixtures"/*/*; do
          local base; base=$(basename "$(dirname "$f")")-$(basename "$f")
          { printf '\000'; cat "$f"; } > "$corpus/vector-$base-chunk1"
          { printf '\006'; cat "$f"; } > "$corpus/vector-$base-chunk7"
        done
      fi ;;
  esac
}

# A Swift runtime failure is a trap (SIGILL on x86_64): have AddressSanitizer report it with a stack.
export ASAN_OPTIONS=${ASAN_OPTIONS:-handle_sigill=1}
if symbolizer=$(command -v llvm-symbolizer); then export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$symbolizer}; fi

summary=()
failed=0
for name in "${targets[@]}"; do
  corpus=$scratch/corpus/$name
  artifacts=$scratch/artifacts/$name
  log=$scratch/logs/$name.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  seed "$name" "$corpus"
  marker=$(mktemp)
  echo "fuzz: $name for ${seconds} s (log $log)"
  set +e
  # shellcheck disable=SC2046
  "$bin/$name" "$corpus" \
    -max_total_time="$seconds" -rss_limit_mb=4096 -max_len="$(max_len "$name")" -timeout=30 \
    -dict="Fuzz/Dictionaries/$name.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    $(extra_options "$name") >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  crash=$(find "$artifacts" -type f -newer "$marker" | head -1)
  rm -f "$marker"
  if [ $rc -eq 0 ] && [ -z "$crash" ]; then
    summary+=("$(printf '%-22s %10s runs  ok' "$name" "${runs:-?}")")
    continue
  fi
  failed=1
  summary+=("$(printf '%-22s %10s runs  CRASH (exit %d) %s' \
    "$name" "${runs:-?}" "$rc" "${crash:-no input saved}")")
  echo "fuzz: $name crashed; the input is ${crash:-not saved}; from $log:"
  grep -E 'Fatal error|ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|SUMMARY|^ +#[0-9]+ ' "$log" | head -40 || true
done

echo
echo "fuzz: results (${seconds} s each)"
printf '  %s\n' "${summary[@]}"
exit $failed
