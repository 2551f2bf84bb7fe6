#!/usr/bin/env bash
# Checks of the team features: configuration crate, CLI (config, suppression,
# output formats, fixes), SARIF schema validation and the pre-commit hook.
# Needs cargo, node/npm and python3 (pre-commit is installed when missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cargo test --quiet -p surveylint-config
cargo test --quiet -p surveylint-cli
cargo clippy --quiet -p surveylint-config -p surveylint-cli --all-targets --no-deps -- -D warnings
bash "$root/.ci/sarif.sh"
bash "$root/.ci/precommit.sh"
echo "teams: OK"
