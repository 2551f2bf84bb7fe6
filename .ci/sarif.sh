#!/usr/bin/env bash
# Validates `surveylint check --format sarif` against the official SARIF
# 2.1.0 JSON schema (sarif-2.1.0-rtm.5.json, shipped in the npm package
# @microsoft/jest-sarif) with ajv, on inputs that exercise every part of the
# output: text with emoji and fixes, a team configuration with extra rules,
# a JSON survey, and a spreadsheet (cell locations instead of regions).
# Idempotent: the npm packages are installed once under target/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/target/ci-sarif"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ ! -f "$tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" ]]; then
    mkdir -p "$tools"
    npm install --silent --no-audit --no-fund --prefix "$tools" "@microsoft/jest-sarif@1.0.0-beta.0" "ajv@6.12.6" >/dev/null
fi

cargo build --quiet -p surveylint-cli --manifest-path "$root/Cargo.toml"
surveylint="$root/target/debug/surveylint"

cd "$root"
inputs=(
    "tests/fixtures/cli/emoji-nl.txt"
    "tests/fixtures/teams/project"
    "tests/fixtures/formats/surveyjs-nl.json"
    "tests/fixtures/formats/xlsform-nl-en.xlsx"
)
index=0
for input in "${inputs[@]}"; do
    index=$((index + 1))
    # Exit 1 (findings) is expected; 2 would be an error.
    status=0
    "$surveylint" check --format sarif "$input" > "$work/$index.sarif" || status=$?
    if [[ $status -gt 1 ]]; then
        echo "sarif: FAILED: surveylint exited $status on $input" >&2
        exit 1
    fi
done

NODE_PATH="$tools/node_modules" node - "$tools" "$work" "${inputs[@]}" <<'JS'
const fs = require("fs");
const path = require("path");
const [tools, work, ...inputs] = process.argv.slice(2);
const Ajv = require("ajv");
const schema = require(path.join(tools, "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"));
const ajv = new Ajv({ schemaId: "id", allErrors: true, logger: false });
ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json"));
const validate = ajv.compile(schema);
let failed = false;
inputs.forEach((input, i) => {
  const log = JSON.parse(fs.readFileSync(path.join(work, `${i + 1}.sarif`), "utf8"));
  const results = log.runs[0].results.length;
  if (!validate(log)) {
    failed = true;
    console.error(`sarif: ${input}: INVALID\n${JSON.stringify(validate.errors, null, 2)}`);
  } else if (results === 0) {
    failed = true;
    console.error(`sarif: ${input}: no results, so nothing was checked`);
  } else {
    console.log(`sarif: ${input}: valid (${results} results)`);
  }
});
// A control: a log the schema must reject, so a validator that accepts
// everything cannot make this script pass.
const broken = JSON.parse(fs.readFileSync(path.join(work, "1.sarif"), "utf8"));
broken.runs[0].results[0].level = "loud";
broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
if (validate(broken)) {
  failed = true;
  console.error("sarif: the schema accepted a log with level 'loud' and line 0");
}
if (failed) process.exit(1);
JS
echo "sarif: OK (${#inputs[@]} logs valid against the SARIF 2.1.0 schema)"
