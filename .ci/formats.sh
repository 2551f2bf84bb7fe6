#!/usr/bin/env bash
# CI for the survey file readers (crates/surveylint-formats): fixture
# snapshots with exact positions, the real-world corpus (skipped cleanly when
# /work/shared/corpus/real-world is absent; point SURVEYLINT_CORPUS elsewhere),
# hostile input, the build without the `xlsx` feature (as the WASM package
# uses it), and clippy. Needs only the Rust toolchain; idempotent.
set -euo pipefail

started=$(date +%s)
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { echo "==> formats: $*"; }
fail() {
  echo "formats: FAIL ($*) after $(( $(date +%s) - started ))s" >&2
  exit 1
}
trap 'fail "command failed on line $LINENO"' ERR

step "tests with default features (xlsx on)"
cargo test -p surveylint-formats

step "tests without the xlsx feature"
cargo test -p surveylint-formats --no-default-features

step "clippy"
cargo clippy -p surveylint-formats --all-targets -- -D warnings
cargo clippy -p surveylint-formats --no-default-features --all-targets -- -D warnings

step "formatting"
cargo fmt -p surveylint-formats -- --check

echo "formats: OK ($(( $(date +%s) - started ))s)"
