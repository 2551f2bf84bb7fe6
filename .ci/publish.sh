#!/usr/bin/env bash
# Packaging, as a publish would do it: the core crate carries every file of the top-level
# rules/ (through its crates/surveylint/rules link), and every publishable crate packages and
# builds from its packaged sources against the other crates' packaged versions
# (`cargo publish --workspace --dry-run`, cargo >= 1.90). Nothing is uploaded.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

cargo --version
listing="$(cargo package -p surveylint --list)"
missing=0
while IFS= read -r file; do
    if ! grep -qxF "$file" <<<"$listing"; then
        echo "error: cargo package -p surveylint leaves out $file" >&2
        missing=1
    fi
done < <(git ls-files rules)
if [ "$missing" -ne 0 ]; then
    exit 1
fi
echo "surveylint packages $(grep -c '^rules/.*\.toml$' <<<"$listing") rule files and $(grep -c '^rules/lexicon/' <<<"$listing") word-class files"

# Verify in a target folder of its own. cargo treats registry sources as immutable: it reuses a
# crate it extracted (under $CARGO_HOME/registry/src/-<hash>/) or compiled earlier from a temporary
# registry at the same path, so a second run in one checkout verified the libraries against the
# first run's core. A fresh folder per run gives a fresh registry path; its extracted copies of our
# own crates (only in local registries, whose folders start with "-") are removed afterwards.
publish_target="$(mktemp -d)"
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
clean_up() {
    rm -rf "$publish_target"
    for crate in surveylint surveylint-formats surveylint-config surveylint-lsp surveylint-cli; do
        rm -rf "$cargo_home"/registry/src/-*/"$crate"-[0-9]* "$cargo_home"/registry/cache/-*/"$crate"-[0-9]*.crate
    done
}
trap clean_up EXIT

CARGO_TARGET_DIR="$publish_target" cargo publish --workspace --dry-run
