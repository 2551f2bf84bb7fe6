#!/usr/bin/env bash
# CI for the WebAssembly package and the browser playground: installs what
# they need, builds the npm package (crates/surveylint-wasm/build.sh), runs
# the Node tests of the package, then the playground test in headless
# Chromium, and prints the module's size. The screenshot lands in
# artifacts/playground/.
#
# Idempotent: the wasm32 target, wasm-bindgen-cli, the apt packages
# (chromium, binaryen) and node_modules are only installed when missing.
set -euo pipefail

started=$(date +%s)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v wasm-opt >/dev/null || missing+=(binaryen)
command -v node >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
    echo "wasm: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The target and the matching wasm-bindgen-cli are installed by build.sh.
crates/surveylint-wasm/build.sh

(cd crates/surveylint-wasm && npm ci --no-audit --no-fund --loglevel=error)
(cd playground && npm ci --no-audit --no-fund --loglevel=error)

echo "wasm: Node tests of the npm package"
node --test crates/surveylint-wasm/tests-js/
echo "wasm: type-checking real use against the shipped surveylint.d.ts"
crates/surveylint-wasm/node_modules/.bin/tsc -p crates/surveylint-wasm/tests-js/tsconfig.json
echo "wasm: playground in headless Chromium ($(chromium --version 2>/dev/null || echo chromium))"
node --test playground/tests/

wasm="crates/surveylint-wasm/pkg/surveylint_bg.wasm"
size=$(wc -c <"$wasm" | tr -d ' ')
gzipped=$(gzip -9 -c "$wasm" | wc -c | tr -d ' ')
echo "wasm: PASS — surveylint_bg.wasm ${size} bytes (${gzipped} gzipped), $(($(date +%s) - started)) s"
