//! Applying suggestions: choosing which rewrites of a text's findings to
//! make, making them, and repeating until the text is stable.
//!
//! Pure functions of the text and its findings, so the command line's
//! `--fix`, the language server and embedders apply rewrites the same way,
//! and the fuzz targets can check them. Writing the result anywhere is the
//! caller's business.

use crate::{Diagnostic, Span};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LintOptions, Linter, TextFormat};

    fn fix(text: &str) -> String {
        let linter = Linter::new();
        let lint = |text: &str| {
            Ok::<_, std::convert::Infallible>(linter.lint_text(text, TextFormat::Markdown, &LintOptions::default()))
        };
        let Ok(first) = lint(text);
        match fix_until_stable(text, first, true, lint) {
            Ok(outcome) => outcome.text,
            Err(never) => match never {},
        }
    }

    #[test]
    fn stacked_praise_goes_in_one_fix_and_a_second_fix_changes_nothing() {
        // Six adjectives needed six `--fix` runs: one finding per pass, at most five passes.
        let text = "Hoe beoordeelt u onze geweldige fantastische uitstekende prachtige heerlijke unieke service?\n";
        let fixed = fix(text);
        assert_eq!(fixed, "Hoe beoordeelt u onze service?\n");
        assert_eq!(fix(&fixed), fixed);
        let text = "How would you rate our friendly, knowledgeable and award-winning staff?\n";
        assert_eq!(fix(text), "How would you rate our staff?\n");
    }
}
