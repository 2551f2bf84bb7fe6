#!/usr/bin/env bash
# Builds the surveylint VS Code extension package (.vsix) with the language
# server bundled inside it:
#   1. cargo build --release -p surveylint-lsp
#   2. copy target/release/surveylint-lsp into editors/vscode/server/
#   3. npm ci (unless node_modules is already there) and compile the TypeScript
#   4. npx vsce package --target <this platform> -> editors/vscode/surveylint-<version>.vsix
#
# Usage: editors/vscode/scripts/package.sh [--skip-server-build]
#   --skip-server-build  use the existing target/release/surveylint-lsp
# Prints the path of the .vsix as its last line.
set -euo pipefail

extension_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo_dir="$(cd "$extension_dir/../.." && pwd)"
build_server=1
for argument in "$@"; do
  case "$argument" in
    --skip-server-build) build_server=0 ;;
    *) echo "package.sh: unknown argument: $argument" >&2; exit 2 ;;
  esac
done

server_binary="$repo_dir/target/release/surveylint-lsp"
if [[ $build_server == 1 ]]; then
  echo "==> cargo build --release -p surveylint-lsp"
  (cd "$repo_dir" && cargo build --release -p surveylint-lsp)
fi
if [[ ! -x "$server_binary" ]]; then
  echo "package.sh: no server binary at $server_binary; build it with: cargo build --release -p surveylint-lsp" >&2
  exit 1
fi

echo "==> bundling $server_binary"
rm -rf "$extension_dir/server"
mkdir -p "$extension_dir/server"
cp "$server_binary" "$extension_dir/server/surveylint-lsp"
chmod 755 "$extension_dir/server/surveylint-lsp"

cd "$extension_dir"
if [[ ! -d node_modules ]]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund
fi
echo "==> tsc"
rm -rf out
npx tsc -p .

# The bundled server only runs where it was built, so the package is marked
# for that platform: VS Code then refuses it elsewhere instead of failing to
# start the server.
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=linux-x64 ;;
  Linux-aarch64) target=linux-arm64 ;;
  Darwin-x86_64) target=darwin-x64 ;;
  Darwin-arm64) target=darwin-arm64 ;;
  *) echo "package.sh: no VS Code platform target for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

version="$(node -p 'require("./package.json").version')"
vsix="$extension_dir/surveylint-$version.vsix"
echo "==> vsce package"
# vsce packs the production dependencies (vscode-languageclient and its few
# helpers) from node_modules; .vscodeignore keeps sources and tests out.
npx vsce package --target "$target" --out "$vsix"
echo "$vsix"
