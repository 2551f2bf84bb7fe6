#!/usr/bin/env bash
# End-to-end check of the language server in a real editor: headless Neovim
# runs the recipe in editors/neovim, opens a Dutch questionnaire and compares
# the diagnostics it received (rule, exact ranges) with the expected ones.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nvim >/dev/null 2>&1; then
    echo "editors-neovim: installing neovim"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq neovim >/dev/null
fi

cargo build --quiet -p surveylint-lsp --bin surveylint-lsp
server="$(pwd)/target/debug/surveylint-lsp"

output=$(SURVEYLINT_LSP="$server" timeout 120 nvim --headless -u NONE -i NONE \
    -c 'luafile editors/neovim/test/e2e.lua' 2>&1) && status=0 || status=$?
echo "$output"
if [ "$status" -eq 0 ] && grep -q '^OK:' <<<"$output"; then
    echo "editors-neovim: PASS ($(nvim --version | head -1))"
else
    echo "editors-neovim: FAIL (exit $status)"
    exit 1
fi
