#!/usr/bin/env bash
# Regenerates docs/man/bedrockctl.1 with swift-argument-parser's generate-manual plugin, from the
# debug build (the release archive ships this file; CommandReferenceTests fails when it is stale).
set -euo pipefail
cd "$(dirname "$0")/.."
swift package plugin generate-manual --configuration debug
mkdir -p docs/man
cp .build/plugins/GenerateManual/outputs/bedrockctl/bedrockctl.1 docs/man/bedrockctl.1
echo "wrote docs/man/bedrockctl.1"
