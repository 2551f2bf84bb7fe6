// Which documents the server checks. Kept apart from extension.ts, and free
// of VS Code imports, so a unit test can hold it against the activation
// events in package.json: a language the client sends but that never
// activates the extension would silently go unchecked.

/**
 * One entry of an LSP document selector, as vscode-languageclient accepts it:
 * a language or a file pattern, optionally limited to a URI scheme (`file`
 * for files on disk, `untitled` for new unsaved editors).
 */
export type DocumentFilter =
  { readonly scheme: string; readonly language: string } | { readonly scheme: string; readonly pattern: string };

/** Languages whose documents are always checked: questionnaires written as text or Markdown. */
export const SURVEY_LANGUAGES = ['plaintext', 'markdown'] as const;

/**
 * Survey export formats, matched by file name because VS Code gives them
 * varying languages: `.qsf` (Qualtrics, JSON inside) and `.lss` (LimeSurvey,
 * XML inside) are unknown to VS Code, `.csv` is `plaintext` or `csv` and
 * `.qmd` (surveydown) `quarto` or `plaintext`, depending on which extensions
 * are installed. Any JSON or YAML file may be a survey definition (SurveyJS,
 * Typeform, surveydown's `questions.yml`, or one a `[[formats.custom]]` entry
 * in `surveylint.toml` names); the server reports nothing for the others.
 */
export const SURVEY_FILE_PATTERNS = [
  '**/*.json',
  '**/*.qsf',
  '**/*.lss',
  '**/*.csv',
  '**/*.qmd',
  '**/*.yml',
  '**/*.yaml',
] as const;

/** The document selector given to the language client. */
export function surveyDocumentSelector(): DocumentFilter[] {
  const byLanguage = SURVEY_LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const byPattern = SURVEY_FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern }));
  return [...byLanguage, ...byPattern];
}
