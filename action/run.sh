#!/usr/bin/env bash
# The work of the GitHub Action (action.yml), also runnable by hand:
#
#   INPUT_PATHS="surveys/" GITHUB_STEP_SUMMARY=summary.md GITHUB_OUTPUT=out.txt bash action/run.sh
#
# 1. annotations: `surveylint check --format github` on standard output, which
#    GitHub turns into annotations on the pull request's changed lines;
# 2. the job summary: `--format markdown` appended to $GITHUB_STEP_SUMMARY;
# 3. SARIF to $INPUT_SARIF and the HTML report to $INPUT_REPORT, when set.
# The exit code of the first goes to $GITHUB_OUTPUT as `exit-code`; the script
# itself exits 0 so that the SARIF upload still runs, and the action's last
# step fails the job. SURVEYLINT names the binary (default: `surveylint`).
set -uo pipefail

surveylint="${SURVEYLINT:-surveylint}"
read -r -a paths <<<"$(printf '%s' "${INPUT_PATHS:-.}" | tr '\n' ' ')"
read -r -a extra <<<"${INPUT_ARGS:-}"
fail_on="${INPUT_FAIL_ON:-warning}"
if ((${#paths[@]} == 0)); then
    paths=(.)
fi

"$surveylint" check --format github --fail-on "$fail_on" "${extra[@]}" "${paths[@]}"
status=$?

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    # Errors about unreadable inputs were printed by the first run already.
    "$surveylint" check --format markdown "${extra[@]}" "${paths[@]}" >>"$GITHUB_STEP_SUMMARY" 2>/dev/null
    if [[ -n "${INPUT_REPORT:-}" ]]; then
        echo "The review report for whoever sends the survey: \`${INPUT_REPORT}\` (upload it with actions/upload-artifact)." >>"$GITHUB_STEP_SUMMARY"
    fi
fi
if [[ -n "${INPUT_SARIF:-}" ]]; then
    "$surveylint" check --format sarif "${extra[@]}" "${paths[@]}" >"$INPUT_SARIF" 2>/dev/null
fi
if [[ -n "${INPUT_REPORT:-}" ]]; then
    "$surveylint" report --output "$INPUT_REPORT" "${extra[@]}" "${paths[@]}" 2>/dev/null
fi

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    echo "exit-code=$status" >>"$GITHUB_OUTPUT"
else
    echo "exit-code=$status"
fi
exit 0
