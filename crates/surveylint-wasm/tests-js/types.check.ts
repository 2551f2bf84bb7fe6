// Type-checked (never run) by `tsc -p crates/surveylint-wasm/tests-js/tsconfig.json`:
// real uses of the package must compile against the shipped surveylint.d.ts,
// and misuses marked @ts-expect-error must not.
import { lint, rules, version, type Diagnostic, type LintOptions, type Rule, type Severity } from "../pkg/surveylint.js";

const text: string = "Zou u ons aanraden en verdienen we een 9 of 10?";

// The options argument is optional, and so is every field.
const plain: Diagnostic[] = lint(text);
const withNull: Diagnostic[] = lint(text, null);
const options: LintOptions = {
  format: "surveyjs",
  language: "nl",
  config: { select: ["SL001"], ignore: ["loaded-language"], severity: { "score-begging": "warning" } },
};
const all: Diagnostic[] = lint(text, options);

for (const finding of [...plain, ...withNull, ...all]) {
  const words: string = text.slice(finding.start, finding.end);
  const where: string = `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`;
  const severity: Severity = finding.severity;
  const language: "nl" | "en" = finding.language;
  const cell: string | null = finding.location;
  for (const suggestion of finding.suggestions) {
    const fixed: string = text.slice(0, suggestion.start) + suggestion.replacement + text.slice(suggestion.end);
    const safe: boolean = suggestion.safe;
    void [fixed, safe];
  }
  void [words, where, severity, language, cell, finding.rule, finding.code, finding.message];
}

const catalogue: Rule[] = rules();
const first = catalogue[0];
if (first) {
  const texts = first[plain[0]?.language ?? "en"];
  const rewrite: string | null = texts.replacement;
  const kind: "phrase" | "survey" = first.kind;
  const fixSafe: boolean = first.fixSafe;
  void [rewrite, kind, fixSafe, texts.message, texts.rationale, texts.advice, first.summary, first.sources];
}
const current: string = version();
void current;

// @ts-expect-error: formats are a closed set.
lint(text, { format: "docx" });
// @ts-expect-error: so are severities.
lint(text, { config: { severity: { "score-begging": "fatal" } } });
// @ts-expect-error: `ignore` takes a list.
lint(text, { config: { ignore: "score-begging" } });
// @ts-expect-error: a diagnostic's location may be null.
const notNull: string = plain[0]!.location;
void notNull;
