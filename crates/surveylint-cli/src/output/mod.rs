//! Renders lint results. Each output format lives in its own module.

pub mod github;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod markdown;
pub mod sarif;

use surveylint::Diagnostic;

use crate::input::SourceFile;
use crate::positions::{LineColumn, TextPositions};

/// One linted input and what was found in it.
pub struct FileReport {
    /// The path as the user gave it (or the `--stdin-filename`).
    pub path: String,
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    /// The line index of the file's text, built on first use.
    line_index: std::sync::OnceLock<surveylint::position::LineIndex>,
}

impl FileReport {
    /// A report of the findings in one input.
    pub fn new(path: String, source: SourceFile, diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport { path, source, diagnostics, line_index: std::sync::OnceLock::new() }
    }

    /// The line index of the text a diagnostic's span indexes. The file's
    /// index is built once per report: rebuilding it per finding is
    /// quadratic on long single-line exports.
    pub fn index_of(&self, diagnostic: &Diagnostic) -> TextPositions<'_> {
        match (&diagnostic.location, &self.source.text) {
            (None, Some(text)) => TextPositions::with_index(
                text,
                self.line_index.get_or_init(|| surveylint::position::LineIndex::new(text)),
            ),
            _ => TextPositions::new(self.text_of(diagnostic)),
        }
    }

    /// The text a diagnostic's span indexes: the file, or for inputs without
    /// text positions (spreadsheet cells) the text of the unit itself.
    pub fn text_of<'a>(&'a self, diagnostic: &Diagnostic) -> &'a str {
        match (&diagnostic.location, &self.source.text) {
            (None, Some(text)) => text,
            _ => diagnostic
                .unit
                .and_then(|unit| self.source.document.units.get(unit))
                .map_or("", |unit| unit.text.as_str()),
        }
    }

    /// Start and end (exclusive) of a diagnostic as lines and columns.
    pub fn range_of(&self, diagnostic: &Diagnostic) -> (LineColumn, LineColumn) {
        let index = self.index_of(diagnostic);
        (index.position(diagnostic.span.start), index.position(diagnostic.span.end))
    }

    /// Where to point the reader: `path:line:column`, or `path: sheet!C7:line:column` for cells.
    pub fn location_label(&self, diagnostic: &Diagnostic) -> String {
        let (start, _) = self.range_of(diagnostic);
        match &diagnostic.location {
            Some(cell) => format!("{}: {cell}:{}:{}", self.path, start.line, start.column),
            None => format!("{}:{}:{}", self.path, start.line, start.column),
        }
    }
}
