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

# cargo extracts the crates of its temporary registry under $CARGO_HOME/registry/src/-<hash>/ and
# reuses that copy when the same checkout is packaged again, so a second run would verify each
# crate against the first run's sources of the others. Remove our own crates' copies first (only
# in local registries, whose folders start with "-"; nothing of crates.io).
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
for crate in surveylint surveylint-formats surveylint-config surveylint-lsp surveylint-cli; do
    rm -rf "$cargo_home"/registry/src/-*/"$crate"-[0-9]* "$cargo_home"/registry/cache/-*/"$crate"-[0-9]*.crate
done

cargo publish --workspace --dry-run
