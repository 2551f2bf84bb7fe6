#!/usr/bin/env bash
# Builds the `surveylint` npm package into crates/surveylint-wasm/pkg/:
#   pkg/            Node.js (CommonJS) build, the package's main entry
#   pkg/web/        ES module build for browsers (`import init, { lint } from "surveylint/web"`)
# and copies the browser build to playground/wasm/ for the playground page.
#
# Idempotent: installs the wasm32 target and the exact wasm-bindgen-cli the
# lock file pins only when they are missing. wasm-opt (Debian: binaryen) is
# used when it is installed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly, or it refuses the module.
bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [[ -z "$bindgen_version" ]]; then
    echo "build.sh: wasm-bindgen is not in Cargo.lock; run cargo build -p surveylint-wasm first" >&2
    exit 1
fi
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]]; then
    # --locked first, as asked; a registry mirror that lags behind the CLI's
    # own lock file makes that fail, and then the newest compatible
    # dependencies are the only way to get this exact CLI version.
    cargo install wasm-bindgen-cli --version "$bindgen_version" --locked ||
        cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# Size matters more than speed for a download: optimise for size, one
# codegen unit, full LTO. These settings only reach this target's release
# build (build scripts and proc macros keep their own profile).
CARGO_PROFILE_RELEASE_OPT_LEVEL=s \
CARGO_PROFILE_RELEASE_LTO=fat \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    cargo build --release --target wasm32-unknown-unknown -p surveylint-wasm
module="target/wasm32-unknown-unknown/release/surveylint_wasm.wasm"

pkg="$here/pkg"
rm -rf "$pkg"
mkdir -p "$pkg"
size_of() { wc -c <"$1" | tr -d ' '; }
before="$(size_of "$module")"
if command -v wasm-opt >/dev/null; then
    # Optimise before wasm-bindgen, not after: Debian's binaryen (version
    # 108) turns wasm-bindgen's externref table into a funcref table, and
    # the module then fails to load. The feature flags are the ones rustc
    # enables by default for wasm32-unknown-unknown.
    wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
        --enable-nontrapping-float-to-int --enable-multivalue --enable-reference-types \
        "$module" -o "$pkg/optimised.wasm"
    module="$pkg/optimised.wasm"
else
    echo "build.sh: wasm-opt not found (Debian package binaryen); the module is not size-optimised" >&2
fi
wasm-bindgen --target nodejs --out-dir "$pkg" --out-name surveylint "$module"
wasm-bindgen --target web --out-dir "$pkg/web" --out-name surveylint "$module"
rm -f "$pkg/optimised.wasm"

# wasm-bindgen writes a parameter with an explicit TypeScript type as
# required even when it is an `Option`; `options` may be left out. Node is
# already needed to use or test the package, so it does the edit.
for types in "$pkg/surveylint.d.ts" "$pkg/web/surveylint.d.ts"; do
    node -e '
        const fs = require("fs");
        const [file] = process.argv.slice(1);
        const required = "export function lint(text: string, options: LintOptions): Diagnostic[];";
        const optional = "export function lint(text: string, options?: LintOptions | null): Diagnostic[];";
        const types = fs.readFileSync(file, "utf8");
        if (!types.includes(required)) {
            console.error(`build.sh: ${file} no longer declares \`${required}\`; update build.sh`);
            process.exit(1);
        }
        fs.writeFileSync(file, types.replace(required, optional));
    ' "$types"
done
after="$(size_of "$pkg/surveylint_bg.wasm")"

version="$(awk '/^\[workspace.package\]/ { section = 1; next } /^\[/ { section = 0 } section && /^version = / { gsub(/version = |"/, ""); print; exit }' Cargo.toml)"
cat >"$pkg/package.json" <<JSON
{
  "name": "surveylint",
  "version": "$version",
  "description": "Finds manipulative wording in Dutch and English survey questions and invitations.",
  "license": "MIT OR Apache-2.0",
  "main": "surveylint.js",
  "types": "surveylint.d.ts",
  "exports": {
    ".": { "types": "./surveylint.d.ts", "default": "./surveylint.js" },
    "./web": { "types": "./web/surveylint.d.ts", "default": "./web/surveylint.js" },
    "./package.json": "./package.json"
  },
  "files": ["surveylint.js", "surveylint.d.ts", "surveylint_bg.wasm", "surveylint_bg.wasm.d.ts", "web/"],
  "keywords": ["survey", "questionnaire", "lint", "bias", "nps", "wasm"]
}
JSON
# The web build is ES modules inside a CommonJS package.
printf '{ "type": "module" }\n' >"$pkg/web/package.json"

rm -rf "$root/playground/wasm"
mkdir -p "$root/playground/wasm"
cp "$pkg/web/surveylint.js" "$pkg/web/surveylint_bg.wasm" "$pkg/web/surveylint.d.ts" "$root/playground/wasm/"

gzipped="$(gzip -9 -c "$pkg/surveylint_bg.wasm" | wc -c | tr -d ' ')"
echo "surveylint-wasm: package $version in $pkg"
echo "surveylint-wasm: surveylint_bg.wasm ${before} bytes from cargo, ${after} bytes in the package (wasm-opt -Oz, then wasm-bindgen), ${gzipped} bytes gzipped"
