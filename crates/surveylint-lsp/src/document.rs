//! An open text document: its text, version, line index and latest findings.
//!
//! Protocol-free: the handlers convert the client's URIs and positions
//! ([`crate::convert`]) before they reach a document.

use std::ops::Range;

use crate::formats::SourceFormat;
use surveylint::position::LineIndex;

/// A document the client has opened, as the server currently sees it.
#[derive(Debug, Clone)]
pub(crate) struct OpenDocument {
    /// Its file path (or the path of a URI that names no file), which tells
    /// its format apart.
    pub(crate) path: String,
    /// The client's version number, sent back with diagnostics.
    pub(crate) version: i32,
    /// The full current text.
    pub(crate) text: String,
    /// The client's language id (`markdown`, `plaintext`, `json`).
    pub(crate) language_id: String,
    /// How the text is read (plain text, Markdown, a survey format).
    pub(crate) format: SourceFormat,
    /// Line starts of [`OpenDocument::text`].
    pub(crate) lines: LineIndex,
    /// The findings of the latest lint of this version, byte spans into `text`.
    pub(crate) findings: Vec<surveylint::Diagnostic>,
}

impl OpenDocument {
    /// A freshly opened document, not linted yet; its format is detected
    /// from its path, its content and the client's language id.
    pub(crate) fn new(path: String, version: i32, text: String, language_id: String) -> OpenDocument {
        let lines = LineIndex::new(&text);
        let mut document = OpenDocument {
            path,
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
    fn detect_format(&mut self) {
        if self.format == SourceFormat::Unsupported {
            self.format = SourceFormat::detect(&self.language_id, &self.path, &self.text);
        }
    }

    /// Replaces bytes `range` of the text with `text` (all of it when
    /// `range` is `None`). A range past the end or inside a character is
    /// clamped to character boundaries instead of failing. The line index is
    /// rebuilt, since the next change's range refers to the text after this one.
    pub(crate) fn replace(&mut self, range: Option<Range<usize>>, text: String) {
        match range {
            None => self.text = text,
            Some(range) => {
                let start = surveylint::position::floor_char_boundary(&self.text, range.start);
                let end = surveylint::position::floor_char_boundary(&self.text, range.end).max(start);
                self.text.replace_range(start..end, &text);
            }
        }
        self.lines = LineIndex::new(&self.text);
    }

    /// Ends a batch of changes: the text is now `version`.
    pub(crate) fn changed(&mut self, version: i32) {
        self.version = version;
        self.detect_format();
        // The findings belong to the old text; a lint of the new version replaces them.
        self.findings.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_after_an_emoji_and_past_the_end() {
        let mut doc =
            OpenDocument::new("/tmp/vragen.txt".to_owned(), 1, "😀 Hoe was het?".to_owned(), "plaintext".to_owned());
        doc.replace(Some(5..8), "Hoe tevreden".to_owned());
        assert_eq!(doc.text, "😀 Hoe tevreden was het?");
        // Inside the emoji and past the end clamp to character boundaries.
        doc.replace(Some(2..2), "!".to_owned());
        doc.replace(Some(500..900), " Ja.".to_owned());
        assert_eq!(doc.text, "!😀 Hoe tevreden was het? Ja.");
        doc.changed(2);
        assert_eq!(doc.version, 2);
        assert_eq!(doc.lines, LineIndex::new(&doc.text));
    }

    #[test]
    fn an_unreadable_survey_is_detected_once_it_can_be_read() {
        let mut doc = OpenDocument::new("/tmp/enquete.json".to_owned(), 1, String::new(), "json".to_owned());
        assert_eq!(doc.format, SourceFormat::Unsupported);
        let survey = r#"{"pages": [{"elements": [{"type": "text", "name": "q1", "title": "Vraag?"}]}]}"#;
        doc.replace(None, survey.to_owned());
        doc.changed(2);
        assert_eq!(doc.format, SourceFormat::Survey(surveylint_formats::InputFormat::SurveyJs));
    }
}
