// Tests of the built npm package (crates/surveylint-wasm/pkg), run with
// `node --test crates/surveylint-wasm/tests-js/`. Build the package first
// with crates/surveylint-wasm/build.sh.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const surveylint = require("../pkg/surveylint.js");

// The catalogue grows; tests about one rule look at that rule's findings only,
// so a new rule firing on the same text does not break them.
const begging = (text, options) => surveylint.lint(text, options).filter((finding) => finding.rule === "score-begging");

test("Dutch score begging after an emoji and an accent is sliced exactly in UTF-16", () => {
  const text = "Bedankt voor uw bezoek 🚗 aan Café Noord!\nZou u ons aanraden en verdienen we een 9 of 10?";
  const found = begging(text, { language: "auto" });
  assert.equal(found.length, 1, JSON.stringify(found, null, 2));
  const [finding] = found;
  assert.equal(finding.rule, "score-begging");
  assert.equal(finding.code, "SL001");
  assert.equal(finding.severity, "error");
  assert.equal(finding.language, "nl");
  assert.equal(text.slice(finding.start, finding.end), "verdienen we een 9 of 10");
  assert.deepEqual(
    [finding.line, finding.column, finding.endLine, finding.endColumn],
    [2, 23, 2, 47],
  );
  assert.equal(finding.location, null);
  assert.match(finding.message, /^"verdienen we een 9 of 10" vraagt om een topscore/);
  assert.deepEqual(finding.suggestions, [
    {
      start: text.indexOf("Zou u"),
      end: text.length,
      replacement: "Welk cijfer van 0 tot 10 geeft u ons, en waarom?",
      safe: false,
    },
  ]);
});

test("English score begging after two emoji is sliced exactly", () => {
  const text = "🙂🙂 Thanks for visiting! If you were happy, please rate us 5 stars!";
  const found = begging(text);
  assert.deepEqual(
    found.map((finding) => [finding.rule, finding.language, text.slice(finding.start, finding.end)]),
    [["score-begging", "en", "please rate us 5 stars"]],
  );
  assert.match(found[0].message, /asks for a top score/);
});

test("a forced language changes which patterns run", () => {
  const text = "Verdienen we een 9 of 10?";
  assert.equal(begging(text, { language: "nl" }).length, 1);
  assert.equal(begging(text, { language: "en" }).length, 0);
});

test("config ignore, select and severity apply, and unknown rules throw", () => {
  const text = "Geef ons een 10!";
  assert.equal(begging(text).length, 1);
  assert.equal(begging(text, { config: { ignore: ["score-begging"] } }).length, 0);
  assert.equal(begging(text, { config: { ignore: ["SL001"] } }).length, 0);
  assert.deepEqual(
    surveylint.lint(text, { config: { select: ["SL001"] } }).map((finding) => finding.rule),
    ["score-begging"],
  );
  const [finding] = begging(text, { config: { severity: { "score-begging": "hint" } } });
  assert.equal(finding.severity, "hint");
  assert.throws(
    () => surveylint.lint(text, { config: { ignore: ["score-beging"] } }),
    /config\.ignore: unknown rule `score-beging`/,
  );
  assert.throws(() => surveylint.lint(text, { config: { ignroe: [] } }), /unknown field `ignroe`/);
  assert.throws(() => surveylint.lint(text, { colour: "red" }), /unknown field `colour`/);
  assert.throws(() => surveylint.lint(text, { format: "docx" }), /unknown variant `docx`/);
  // null and undefined fields mean "not set".
  assert.equal(begging(text, { format: undefined, language: null, config: { select: undefined } }).length, 1);
  assert.equal(begging(text, null).length, 1);
});

test("Markdown headings and code blocks are read as Markdown", () => {
  const text = "# Geef ons een 10\n\n```\nGeef ons een 10!\n```\n\nVerdien ik een tien?\n";
  const found = begging(text, { format: "markdown" });
  assert.deepEqual(
    found.map((finding) => [finding.line, text.slice(finding.start, finding.end)]),
    [
      [1, "Geef ons een 10"],
      [7, "Verdien ik een tien"],
    ],
  );
});

test("SurveyJS offsets point into the JSON text, through escapes", () => {
  const json = JSON.stringify(
    {
      pages: [
        {
          elements: [
            { type: "rating", name: "nps", title: "Caf\u00e9 \"Noord\" 🙂: verdienen we een 9 of 10?" },
          ],
        },
      ],
    },
    null,
    2,
  );
  const found = begging(json, { format: "surveyjs" });
  assert.equal(found.length, 1, JSON.stringify(found, null, 2));
  assert.equal(json.slice(found[0].start, found[0].end), "verdienen we een 9 of 10");
  assert.equal(found[0].line, 8);
  // The replacement is escaped for JSON, so applying it keeps the file valid.
  const [suggestion] = found[0].suggestions;
  const fixed = json.slice(0, suggestion.start) + suggestion.replacement + json.slice(suggestion.end);
  assert.equal(JSON.parse(fixed).pages[0].elements[0].title, "Welk cijfer van 0 tot 10 geeft u ons, en waarom?");
  assert.throws(() => surveylint.lint("{\"pages\": [", { format: "surveyjs" }), /cannot read the text as surveyjs: line 1/);
});

test("rules() lists the catalogue with texts in both languages", () => {
  const catalogue = surveylint.rules();
  const slugs = catalogue.map((rule) => rule.slug);
  assert.deepEqual(slugs, [...slugs].sort(), "alphabetical by slug");
  const rule = catalogue.find((candidate) => candidate.slug === "score-begging");
  assert.ok(rule, "score-begging is listed");
  assert.equal(rule.code, "SL001");
  assert.equal(rule.severity, "error");
  assert.equal(rule.kind, "phrase");
  assert.equal(rule.fixSafe, false);
  assert.equal(rule.nl.replacement, "Welk cijfer van 0 tot 10 geeft u ons, en waarom?");
  assert.match(rule.en.rationale, /Bain/);
  assert.ok(rule.nl.advice.length > 0 && rule.sources.length > 0);
  for (const each of catalogue) {
    assert.match(each.code, /^SL\d{3}$/);
    assert.ok(["hint", "info", "warning", "error"].includes(each.severity));
    for (const language of ["nl", "en"]) {
      assert.ok(each[language].message && each[language].rationale && each[language].advice, each.slug);
    }
  }
});

test("version() is the workspace version and the package.json agrees", () => {
  const manifest = require("../pkg/package.json");
  assert.equal(surveylint.version(), manifest.version);
  assert.equal(manifest.name, "surveylint");
  assert.equal(manifest.types, "surveylint.d.ts");
});
