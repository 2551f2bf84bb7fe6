//! An open text document: its text, version, line index and latest findings.

use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::formats::SourceFormat;
use surveylint::position::LineIndex;

use crate::encoding::{self, Encoding};

/// A document the client has opened, as the server currently sees it.
#[derive(Debug, Clone)]
pub struct OpenDocument {
    /// The document's URI.
    pub uri: Uri,
    /// The client's version number, sent back with diagnostics.
    pub version: i32,
    /// The full current text.
    pub text: String,
    /// The client's language id (`markdown`, `plaintext`, `json`).
    pub language_id: String,
    /// How the text is read (plain text, Markdown, a survey format).
    pub format: SourceFormat,
    /// Line starts of [`OpenDocument::text`].
    pub lines: LineIndex,
    /// The findings of the latest lint of this version, byte spans into `text`.
    pub findings: Vec<surveylint::Diagnostic>,
}

impl OpenDocument {
    /// A freshly opened document, not linted yet; its format is detected
    /// from its name, its content and the client's language id.
    pub fn new(uri: Uri, version: i32, text: String, language_id: String) -> OpenDocument {
        let lines = LineIndex::new(&text);
        let mut document = OpenDocument {
            uri,
            version,
            text,
            language_id,
            format: SourceFormat::Unsupported,
            lines,
            findings: Vec::new(),
        };
        document.detect_format();
        document
    }

    /// Detects the format again if it is still unknown: a new `.json` file
    /// becomes a SurveyJS survey once enough of it is typed. A known format
    /// is kept, so a survey does not stop being one while half-edited.
    pub fn detect_format(&mut self) {
        if self.format == SourceFormat::Unsupported {
            let path =
                self.uri.to_file_path().map_or_else(|| self.uri.path().to_string(), |path| path.display().to_string());
            self.format = SourceFormat::detect(&self.language_id, &path, &self.text);
        }
    }

    /// Applies the client's changes in order. Ranges refer to the text as it
    /// is after the previous change, so the index is rebuilt after each one.
    /// Out-of-range positions clamp (see [`encoding::offset`]) instead of failing.
    pub fn apply_changes(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let start = encoding::offset(&self.lines, &self.text, range.start, encoding);
                    let end = encoding::offset(&self.lines, &self.text, range.end, encoding).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
            self.lines = LineIndex::new(&self.text);
        }
        self.version = version;
        self.detect_format();
        // The findings belong to the old text; a lint of the new version replaces them.
        self.findings.clear();
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    fn document(text: &str) -> OpenDocument {
        let uri = Uri::from_str("file:///tmp/vragen.txt").expect("a valid URI");
        OpenDocument::new(uri, 1, text.to_owned(), "plaintext".to_owned())
    }

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1))),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_after_an_emoji() {
        let mut doc = document("😀 Hoe was het?\nGeef ons een 8!\n");
        doc.apply_changes(
            2,
            vec![
                change((1, 13), (1, 14), "10"),
                change((0, 3), (0, 6), "Hoe tevreden"),
                change((2, 0), (2, 0), "Einde"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "😀 Hoe tevreden was het?\nGeef ons een 10!\nEinde");
        assert_eq!(doc.version, 2);
    }

    #[test]
    fn a_change_past_the_end_appends_instead_of_failing() {
        let mut doc = document("Vraag?");
        doc.apply_changes(3, vec![change((0, 99), (7, 3), " Ja.")], Encoding::Utf8);
        assert_eq!(doc.text, "Vraag? Ja.");
    }

    #[test]
    fn an_unreadable_survey_is_detected_once_it_can_be_read() {
        let uri = Uri::from_str("file:///tmp/enquete.json").expect("a valid URI");
        let mut doc = OpenDocument::new(uri, 1, String::new(), "json".to_owned());
        assert_eq!(doc.format, SourceFormat::Unsupported);
        let survey = r#"{"pages": [{"elements": [{"type": "text", "name": "q1", "title": "Vraag?"}]}]}"#;
        let full = TextDocumentContentChangeEvent { range: None, range_length: None, text: survey.to_owned() };
        doc.apply_changes(2, vec![full], Encoding::Utf16);
        assert_eq!(doc.format, SourceFormat::Survey(surveylint_formats::InputFormat::SurveyJs));
    }

    #[test]
    fn a_change_without_range_replaces_everything() {
        let mut doc = document("oud");
        let full = TextDocumentContentChangeEvent { range: None, range_length: None, text: "nieuw".to_owned() };
        doc.apply_changes(4, vec![full], Encoding::Utf16);
        assert_eq!(doc.text, "nieuw");
        assert_eq!(doc.lines, LineIndex::new("nieuw"));
    }
}
