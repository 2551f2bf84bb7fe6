//! Converts the core's byte offsets into what JavaScript strings index by.
//!
//! The core reports UTF-8 byte offsets; a JavaScript string is a sequence of
//! UTF-16 code units, so `"é"` is 2 bytes but 1 unit and `"🙂"` is 4 bytes but
//! 2 units. The counting is the core's one line index
//! ([`surveylint::position`]), so lines and columns here are those of the
//! command line and the language server.

use surveylint::position::{ColumnUnit, LineIndex};

/// A position in a text as JavaScript sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsPosition {
    /// Offset in UTF-16 code units from the start of the text (what
    /// `String.prototype.slice` takes), a byte-order mark included.
    pub offset: usize,
    /// 1-based line; lines end at `\n`, `\r\n` or a lone `\r`.
    pub line: usize,
    /// 1-based column in UTF-16 code units, counted from the start of the
    /// line (after a byte-order mark, which is not a column).
    pub column: usize,
}

/// One text and its line index, built once so each conversion is quick.
#[derive(Debug, Clone)]
pub struct JsPositions<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> JsPositions<'a> {
    /// Indexes `text` (one pass over it).
    pub fn new(text: &'a str) -> JsPositions<'a> {
        JsPositions { text, index: LineIndex::new(text) }
    }

    /// The position of byte offset `byte`. An offset past the end is clamped to
    /// the end, and one inside a character to that character's start, so a bad
    /// span from a reader can never panic the module.
    pub fn position(&self, byte: usize) -> JsPosition {
        let (line, column) = self.index.line_column(self.text, byte, ColumnUnit::Utf16).one_based();
        JsPosition { offset: self.index.units_before(self.text, byte, ColumnUnit::Utf16), line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slices `text` the way JavaScript does: by UTF-16 code units.
    fn js_slice(text: &str, start: usize, end: usize) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16_lossy(&units[start..end])
    }

    #[test]
    fn emoji_and_accent_before_the_phrase_shift_offsets() {
        let text = "Café 🙂 verdienen we een 10?";
        let start = text.find("verdienen").unwrap_or_default();
        let end = start + "verdienen we een 10".len();
        let positions = JsPositions::new(text);
        // "Café " is 6 bytes but 5 units; "🙂 " is 5 bytes but 3 units.
        assert_eq!((start, end), (11, 30));
        assert_eq!(positions.position(start), JsPosition { offset: 8, line: 1, column: 9 });
        let (from, to) = (positions.position(start).offset, positions.position(end).offset);
        assert_eq!(js_slice(text, from, to), "verdienen we een 10");
    }

    #[test]
    fn every_line_break_starts_a_line_and_the_bom_is_an_offset_but_no_column() {
        let text = "\u{feff}één\r\n🙂🙂 geef\rons een 10";
        let positions = JsPositions::new(text);
        let geef = text.find("geef").unwrap_or_default();
        // The BOM, "één" and "\r\n" are 6 units; the two emoji take 4, the space 1.
        assert_eq!(positions.position(geef), JsPosition { offset: 11, line: 2, column: 6 });
        let ons = text.find("ons").unwrap_or_default();
        assert_eq!(positions.position(ons), JsPosition { offset: 16, line: 3, column: 1 });
        assert_eq!(positions.position(3), JsPosition { offset: 1, line: 1, column: 1 });
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let text = "é🙂";
        let positions = JsPositions::new(text);
        assert_eq!(positions.position(1).offset, 0);
        assert_eq!(positions.position(4).offset, 1);
        assert_eq!(positions.position(99), JsPosition { offset: 3, line: 1, column: 4 });
    }
}
