#!/usr/bin/env bash
# Tests the GitHub Action (action.yml) as far as it runs outside GitHub: its
# script, action/run.sh, against the examples with GITHUB_STEP_SUMMARY and
# GITHUB_OUTPUT set, as the runner sets them. Checks the annotations, the
# Markdown summary, the exit code handed to the last step, the SARIF log and
# the HTML report; then that action.yml passes every input the script reads.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
    echo "action: FAILED: $*" >&2
    exit 1
}

cargo build --quiet -p surveylint-cli
export SURVEYLINT="$root/target/debug/surveylint"

# What `check` finds in the examples, to compare the action's outputs with
# (the rules grow; the action must report whatever they find).
expected="$("$SURVEYLINT" check --format json examples/nl examples/en | node -e '
  const diagnostics = JSON.parse(require("fs").readFileSync(0, "utf8")).diagnostics;
  const files = new Set(diagnostics.map((d) => d.path)).size;
  console.log(`${diagnostics.length} ${files}`);
')" || true
read -r findings files_with_findings <<<"$expected"
[[ "$findings" -gt 0 ]] || fail "surveylint check found nothing in the examples"

# A run with findings, every output asked for.
: >"$work/summary.md"
: >"$work/output.txt"
GITHUB_STEP_SUMMARY="$work/summary.md" GITHUB_OUTPUT="$work/output.txt" \
    INPUT_PATHS=$'examples/nl\nexamples/en' INPUT_FAIL_ON=warning INPUT_ARGS="" \
    INPUT_SARIF="$work/surveylint.sarif" INPUT_REPORT="$work/report.html" \
    bash action/run.sh >"$work/log.txt" || fail "run.sh itself must exit 0 (the last step of the action fails the job)"

grep -q '^::error file=examples/nl/kaartje-garage.txt,line=4,col=31,endLine=4,endColumn=55,title=score-begging (SL001)::' "$work/log.txt" ||
    fail "no annotation for the score begging in examples/nl/kaartje-garage.txt:4:31"
grep -q '^::warning file=examples/en/customer-survey.md,' "$work/log.txt" || fail "no warning annotation for the English example"
grep -qx 'exit-code=1' "$work/output.txt" || fail "GITHUB_OUTPUT should say exit-code=1, says: $(cat "$work/output.txt")"
grep -q "^### surveylint: $findings findings in $files_with_findings of 5 files" "$work/summary.md" ||
    fail "the step summary's totals line should count $findings findings: $(head -1 "$work/summary.md")"
grep -q '^| 🛑 error | `score-begging` SL001 |' "$work/summary.md" || fail "the step summary has no row for score-begging"
grep -q 'report.html' "$work/summary.md" || fail "the step summary does not point at the report"
node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (log.version !== "2.1.0" || log.runs[0].results.length !== Number(process.argv[2])) process.exit(1);
' "$work/surveylint.sarif" "$findings" || fail "the SARIF log is not a 2.1.0 log with $findings results"
grep -q '<html lang="nl">' "$work/report.html" || fail "no HTML report was written"

# A clean questionnaire: exit code 0, a summary that says so, no annotations.
: >"$work/summary.md"
: >"$work/output.txt"
GITHUB_STEP_SUMMARY="$work/summary.md" GITHUB_OUTPUT="$work/output.txt" INPUT_PATHS="examples/nl/neutraal.md" \
    bash action/run.sh >"$work/log.txt"
grep -qx 'exit-code=0' "$work/output.txt" || fail "a clean questionnaire should give exit-code=0"
grep -q 'no findings in 1 file' "$work/summary.md" || fail "the summary of a clean run: $(cat "$work/summary.md")"
if grep -q '^::' "$work/log.txt"; then fail "a clean run printed annotations"; fi

# --fail-on error lets warnings pass; a missing path is exit code 2.
: >"$work/output.txt"
GITHUB_OUTPUT="$work/output.txt" INPUT_PATHS="examples/en/customer-survey.md" INPUT_FAIL_ON=error \
    bash action/run.sh >/dev/null
grep -qx 'exit-code=0' "$work/output.txt" || fail "fail-on: error should pass a file with only warnings"
: >"$work/output.txt"
GITHUB_OUTPUT="$work/output.txt" INPUT_PATHS="no/such/folder" bash action/run.sh >/dev/null 2>&1
grep -qx 'exit-code=2' "$work/output.txt" || fail "a missing path should give exit-code=2"

# action.yml hands the script every input it reads, and runs the script.
for input in PATHS FAIL_ON ARGS SARIF REPORT; do
    name="$(echo "$input" | tr 'A-Z_' 'a-z-')"
    grep -q "INPUT_$input: \${{ inputs.$name }}" action.yml || fail "action.yml does not pass inputs.$name as INPUT_$input"
    grep -q "^  $name:" action.yml || fail "action.yml declares no input '$name'"
done
grep -q 'run: bash "$GITHUB_ACTION_PATH/action/run.sh"' action.yml || fail "action.yml does not run action/run.sh"
grep -q 'using: composite' action.yml || fail "action.yml is not a composite action"

echo "action: OK (annotations, step summary, exit code, SARIF and report from action/run.sh)"
