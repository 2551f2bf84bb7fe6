//! `--fix`, `--fix --unsafe` and `--diff`: choosing suggestions, applying
//! them to the source text, and writing the result back safely.
//!
//! Choosing and applying are pure functions of the text and the findings, so
//! they are property-tested; only [`write_atomically`] touches the disk.

use std::io::Write;
use std::path::Path;

use surveylint::{Diagnostic, Span};

/// One text replacement to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// The edits chosen from a file's findings, and what was left out.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Non-overlapping edits, in source order.
    pub edits: Vec<Edit>,
    /// Suggestions skipped because an earlier one already changes those bytes.
    pub overlapping: usize,
    /// Findings in spreadsheet cells, which have no text to edit.
    pub in_cells: usize,
}

/// Picks the first suggestion of every finding that is safe (or any, with
/// `include_unsafe`). Overlapping suggestions: the first in source order wins.
pub fn plan(text: &str, diagnostics: &[Diagnostic], include_unsafe: bool) -> Plan {
    let mut plan = Plan::default();
    let mut candidates: Vec<Edit> = Vec::new();
    for diagnostic in diagnostics {
        let Some(suggestion) = diagnostic.suggestions.first() else { continue };
        if !(suggestion.safe || include_unsafe) {
            continue;
        }
        if diagnostic.location.is_some() {
            plan.in_cells += 1;
            continue;
        }
        let span = suggestion.span;
        let valid = span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
            // The byte-order mark is not text a rule can rewrite.
            && !(text.starts_with('\u{feff}') && span.start < '\u{feff}'.len_utf8());
        if valid {
            candidates.push(Edit { span, replacement: suggestion.replacement.clone() });
        }
    }
    candidates.sort_by_key(|edit| (edit.span.start, edit.span.end));
    candidates.dedup();
    for edit in candidates {
        let overlaps = plan.edits.last().is_some_and(|previous: &Edit| {
            previous.span.overlaps(&edit.span)
                || previous.span.end > edit.span.start
                || (previous.span.is_empty() && edit.span.is_empty() && previous.span.start == edit.span.start)
        });
        if overlaps {
            plan.overlapping += 1;
        } else {
            plan.edits.push(edit);
        }
    }
    plan
}

/// Applies non-overlapping edits in source order. A replacement's line
/// breaks follow the file's own, so a CRLF file stays CRLF.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let crlf = text.contains("\r\n");
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for edit in edits {
        if edit.span.start < copied || edit.span.end > text.len() {
            continue;
        }
        out.push_str(&text[copied..edit.span.start]);
        if crlf {
            out.push_str(&edit.replacement.replace("\r\n", "\n").replace('\n', "\r\n"));
        } else {
            out.push_str(&edit.replacement);
        }
        copied = edit.span.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// How many passes a fix makes at most: a rewrite can reveal another
/// finding (or leave a suppression without a reason), so fixing repeats
/// until nothing changes, as ruff does.
pub const MAX_PASSES: usize = 5;

/// The result of fixing one text until it is stable.
#[derive(Debug)]
pub struct Outcome {
    /// The fixed text (the original when nothing applied).
    pub text: String,
    /// The findings left in the fixed text.
    pub diagnostics: Vec<Diagnostic>,
    /// Edits applied over all passes.
    pub applied: usize,
    /// Overlapping suggestions skipped in the first pass.
    pub overlapping: usize,
    /// Findings in spreadsheet cells (never fixable).
    pub in_cells: usize,
}

/// Applies fixes pass after pass, re-linting the new text with `relint`,
/// until no chosen suggestion is left or [`MAX_PASSES`] is reached. An error
/// from `relint` (the new text no longer parses) stops and is returned.
pub fn fix_until_stable<E>(
    text: &str,
    diagnostics: Vec<Diagnostic>,
    include_unsafe: bool,
    mut relint: impl FnMut(&str) -> Result<Vec<Diagnostic>, E>,
) -> Result<Outcome, E> {
    let mut outcome = Outcome { text: text.to_owned(), diagnostics, applied: 0, overlapping: 0, in_cells: 0 };
    for pass in 0..MAX_PASSES {
        let plan = plan(&outcome.text, &outcome.diagnostics, include_unsafe);
        if pass == 0 {
            outcome.overlapping = plan.overlapping;
            outcome.in_cells = plan.in_cells;
        }
        if plan.edits.is_empty() {
            break;
        }
        let fixed = apply(&outcome.text, &plan.edits);
        if fixed == outcome.text {
            break;
        }
        outcome.diagnostics = relint(&fixed)?;
        outcome.applied += plan.edits.len();
        outcome.text = fixed;
    }
    Ok(outcome)
}

/// Replaces `path` with `contents` without ever leaving it half-written: the
/// text goes to a temporary file in the same folder (same file system), gets
/// the original's permissions, is flushed, and is renamed over the original.
pub fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)?.permissions();
    let mut temporary = tempfile::Builder::new().prefix(".surveylint-fix-").tempfile_in(folder)?;
    temporary.write_all(contents.as_bytes())?;
    temporary.as_file().sync_all()?;
    std::fs::set_permissions(temporary.path(), permissions)?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// A unified diff of a fix, or `None` when nothing changes.
pub fn unified_diff(path: &str, before: &str, after: &str) -> Option<String> {
    if before == after {
        return None;
    }
    let diff = similar::TextDiff::from_lines(before, after);
    let text = diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string();
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use surveylint::{LintOptions, Linter, TextFormat};

    fn fix_text(linter: &Linter, text: &str, include_unsafe: bool) -> String {
        let diagnostics = linter.lint_text(text, TextFormat::Markdown, &LintOptions::default());
        apply(text, &plan(text, &diagnostics, include_unsafe).edits)
    }

    #[test]
    fn safe_fix_removes_unused_suppression_and_keeps_crlf_and_bom() {
        let linter = Linter::new();
        let text = "\u{feff}é🙂 intro\r\n<!-- surveylint-disable-next-line score-begging -->\r\nHoe was uw bezoek?\r\n";
        let fixed = fix_text(&linter, text, false);
        assert_eq!(fixed, "\u{feff}é🙂 intro\r\nHoe was uw bezoek?\r\n");
        assert_eq!(fix_text(&linter, &fixed, false), fixed);
    }

    #[test]
    fn overlapping_suggestions_keep_the_first() {
        let text = "abcdef";
        let diagnostic = |start, end, replacement: &str| Diagnostic {
            rule: "r".into(),
            code: "X".into(),
            severity: surveylint::Severity::Warning,
            language: surveylint::Language::English,
            message: String::new(),
            span: Span::new(start, end),
            location: None,
            unit: 0,
            suggestions: vec![surveylint::Suggestion {
                span: Span::new(start, end),
                replacement: replacement.into(),
                safe: true,
            }],
        };
        let findings = vec![diagnostic(1, 3, "X"), diagnostic(2, 4, "Y"), diagnostic(4, 5, "Z")];
        let plan = plan(text, &findings, false);
        assert_eq!(plan.overlapping, 1);
        assert_eq!(apply(text, &plan.edits), "aXdZf");
    }

    #[test]
    fn cells_are_counted_not_fixed() {
        let mut diagnostic = Linter::new()
            .lint_text(
                "// surveylint-disable-next-line\nHoe was uw bezoek?\n",
                TextFormat::Plain,
                &LintOptions::default(),
            )
            .remove(0);
        diagnostic.location = Some("survey!C7".into());
        let plan = plan("irrelevant", &[diagnostic], true);
        assert_eq!((plan.edits.len(), plan.in_cells), (0, 1));
    }

    #[test]
    fn diff_is_unified() {
        let diff = unified_diff("a.md", "one\ntwo\n", "one\n2\n").unwrap_or_default();
        assert_eq!(diff, "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n");
        assert_eq!(unified_diff("a.md", "same", "same"), None);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_permissions() -> std::io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("survey.md");
        std::fs::write(&path, "old")?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640))?;
        write_atomically(&path, "new")?;
        assert_eq!(std::fs::read_to_string(&path)?, "new");
        assert_eq!(std::fs::metadata(&path)?.permissions().mode() & 0o777, 0o640);
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1, "no temporary file is left behind");
        Ok(())
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Pieces questionnaires are made of: flagged and neutral wording,
        /// suppressions (used and stale), multi-byte characters next to
        /// flagged words, list items and blank lines.
        const PIECES: &[&str] = &[
            "Hoe tevreden bent u over onze service?",
            "Hoe tevreden of ontevreden bent u?",
            "How satisfied are you with our support?",
            "Verdienen we een 10?",
            "Wat kunnen we verbeteren aan onze uitstekende service?",
            "<!-- surveylint-disable-next-line score-begging -->",
            "<!-- surveylint-disable-next-line -->",
            "// surveylint-disable-next-line SL002",
            "<!-- surveylint-disable SL001 -->",
            "<!-- surveylint-enable -->",
            "- Zeer tevreden",
            "é🙂",
            "😀 Café: verdienen we een 9 of 10?",
            "Bedankt!",
            "",
        ];

        fn document() -> impl Strategy<Value = (String, bool, bool)> {
            (proptest::collection::vec(proptest::sample::select(PIECES), 0..12), any::<bool>(), any::<bool>()).prop_map(
                |(pieces, crlf, bom)| {
                    let ending = if crlf { "\r\n" } else { "\n" };
                    let body: String = pieces.iter().map(|piece| format!("{piece}{ending}")).collect();
                    let text = if bom { format!("\u{feff}{body}") } else { body };
                    (text, crlf, bom)
                },
            )
        }

        fn lint(linter: &Linter, text: &str) -> Vec<Diagnostic> {
            linter.lint_text(text, TextFormat::Markdown, &LintOptions::default())
        }

        fn fix_all(linter: &Linter, text: &str, include_unsafe: bool) -> String {
            let outcome = fix_until_stable(text, lint(linter, text), include_unsafe, |fixed| {
                Ok::<_, std::convert::Infallible>(lint(linter, fixed))
            });
            match outcome {
                Ok(outcome) => outcome.text,
                Err(never) => match never {},
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

            #[test]
            fn fixing_is_idempotent_and_keeps_line_endings_and_bom(
                (text, crlf, bom) in document(),
                include_unsafe in any::<bool>(),
            ) {
                let linter = Linter::new();
                for diagnostic in lint(&linter, &text) {
                    for suggestion in &diagnostic.suggestions {
                        prop_assert!(text.is_char_boundary(suggestion.span.start));
                        prop_assert!(text.is_char_boundary(suggestion.span.end));
                    }
                }
                let fixed = fix_all(&linter, &text, include_unsafe);
                prop_assert!(std::str::from_utf8(fixed.as_bytes()).is_ok());
                prop_assert_eq!(fix_all(&linter, &fixed, include_unsafe), fixed.clone());
                prop_assert_eq!(fixed.starts_with('\u{feff}'), bom);
                if crlf {
                    prop_assert_eq!(fixed.matches('\n').count(), fixed.matches("\r\n").count());
                } else {
                    prop_assert!(!fixed.contains('\r'));
                }
            }
        }
    }
}
