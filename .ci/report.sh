#!/usr/bin/env bash
# The review report (`surveylint report`) in headless Chromium: pages opened
# from file:// URLs with the network blocked, checked for the marked phrase,
# its explanation and rewrite, the chart, the summary counts, the filter, the
# keyboard path, contrast and A4 printing. Screenshots (screen and print) and
# PDFs land in artifacts/report/.
#
# Idempotent: chromium (Debian) and node_modules are installed only when missing.
set -euo pipefail
started=$(date +%s)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
    echo "report: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cargo build --quiet -p surveylint-cli
(cd tests/report-browser && npm ci --no-audit --no-fund --loglevel=error)
echo "report: $(chromium --version 2>/dev/null || echo chromium)"
SURVEYLINT="$root/target/debug/surveylint" node --test tests/report-browser/
echo "report: PASS in $(($(date +%s) - started)) s; screenshots in artifacts/report/"
