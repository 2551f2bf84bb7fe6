#!/usr/bin/env bash
# Runs surveylint as a real pre-commit hook against a throw-away team
# repository: a Dutch questionnaire that begs for a 10 must be refused (the
# output naming the rule), and pass once the question is neutral.
# Idempotent: installs pre-commit only when missing; everything else happens
# in a temporary folder that is removed afterwards.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! command -v pre-commit >/dev/null 2>&1; then
    python3 -m pip install --quiet 'pre-commit>=3'
fi
if ! command -v git >/dev/null 2>&1; then
    echo "precommit: git is required" >&2
    exit 1
fi

fail() {
    echo "precommit: FAILED: $1" >&2
    exit 1
}

# 0. The hook's own build-and-run path, in this checkout (so the build is
#    incremental in the repository's target folder).
printf 'Verdienen we een 10?\n' > "$work/mail.txt"
if output="$(SURVEYLINT_HOOK_PROFILE=dev "$root/crates/surveylint-cli/pre-commit/surveylint-hook" "$work/mail.txt" 2>&1)"; then
    echo "$output"
    fail "the hook script passed a text that begs for a 10"
fi
grep -q "score-begging" <<<"$output" || { echo "$output"; fail "the hook script does not name score-begging"; }

# Inside pre-commit's clone the hook would build surveylint again from
# scratch; here it gets the binary built above.
export SURVEYLINT_BIN="$root/target/debug/surveylint"

export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.invalid
export GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.invalid
export PRE_COMMIT_HOME="$work/cache"

# pre-commit reads hooks from commits, so snapshot the working tree (tracked
# and new files, honouring .gitignore) into a temporary repository.
mkdir "$work/hooks"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$root" && xargs -0 cp --parents -t "$work/hooks" 2>/dev/null || true)
git -C "$work/hooks" init --quiet
git -C "$work/hooks" add --all
git -C "$work/hooks" commit --quiet --no-verify -m "snapshot for the pre-commit test"
rev="$(git -C "$work/hooks" rev-parse HEAD)"

team="$work/team"
mkdir "$team"
git -C "$team" init --quiet
cat > "$team/vragenlijst.md" <<'SURVEY'
# Klantonderzoek

Beste klant, bedankt voor uw bestelling.

1. Hoe tevreden of ontevreden bent u over de levertijd?
2. Zou u ons aanraden en verdienen we een 9 of 10 op 10?
SURVEY
echo '{ "name": "not-a-survey", "version": "1.0.0" }' > "$team/package.json"

# 1. pre-commit try-repo, as a user would try the hook before adopting it.
if output="$(cd "$team" && pre-commit try-repo "$work/hooks" surveylint --ref "$rev" \
    --files vragenlijst.md package.json 2>&1)"; then
    echo "$output"
    fail "try-repo passed on a questionnaire that begs for a 9 or 10"
fi
grep -q "score-begging" <<<"$output" || { echo "$output"; fail "try-repo output does not name score-begging"; }
echo "$output" | sed -n "/surveylint/,\$p" | head -20
grep -q "package.json" <<<"$output" && { echo "$output"; fail "package.json was reported instead of skipped"; }

# 2. The installed hook refuses the commit, then accepts the fixed text.
cat > "$team/.pre-commit-config.yaml" <<CONFIG
repos:
  - repo: $work/hooks
    rev: $rev
    hooks:
      - id: surveylint
CONFIG
(cd "$team" && pre-commit install --install-hooks >/dev/null)
git -C "$team" add --all
if output="$(git -C "$team" commit -m "questionnaire" 2>&1)"; then
    echo "$output"
    fail "the commit was accepted"
fi
grep -q "score-begging" <<<"$output" || { echo "$output"; fail "the refused commit does not name score-begging"; }

sed -i 's/Zou u ons aanraden en verdienen we een 9 of 10 op 10?/Hoe waarschijnlijk is het dat u ons aanbeveelt, op een schaal van 0 tot 10?\n3. Wat is de belangrijkste reden voor uw score?/' "$team/vragenlijst.md"
git -C "$team" add --all
if ! output="$(git -C "$team" commit -m "questionnaire, neutral" 2>&1)"; then
    echo "$output"
    fail "the commit of the neutral questionnaire was refused"
fi

echo "precommit: OK (try-repo and the installed hook refuse score begging and accept the neutral questionnaire)"
