//! Converts the core's byte offsets into what JavaScript strings index by.
//!
//! The core reports UTF-8 byte offsets; a JavaScript string is a sequence of
//! UTF-16 code units, so `"é"` is 2 bytes but 1 unit and `"🙂"` is 4 bytes but
//! 2 units. This conversion happens here, at the edge, and nowhere else.

/// A position in a text as JavaScript sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf16Position {
    /// Offset in UTF-16 code units from the start of the text (what `String.prototype.slice` takes).
    pub offset: usize,
    /// 1-based line; lines end at `\n`.
    pub line: usize,
    /// 1-based column in UTF-16 code units, counted from the start of the line.
    pub column: usize,
}

/// Line starts of one text, precomputed so each conversion only scans the line it falls on.
#[derive(Debug, Clone)]
pub struct Utf16Index<'a> {
    text: &'a str,
    /// For each line: its first byte and the UTF-16 offset of that byte.
    lines: Vec<(usize, usize)>,
}

impl<'a> Utf16Index<'a> {
    /// Indexes `text` (one pass over it).
    pub fn new(text: &'a str) -> Utf16Index<'a> {
        let mut lines = vec![(0, 0)];
        let mut utf16 = 0;
        for (byte, character) in text.char_indices() {
            utf16 += character.len_utf16();
            if character == '\n' {
                lines.push((byte + 1, utf16));
            }
        }
        Utf16Index { text, lines }
    }

    /// The position of byte offset `byte`. An offset past the end is clamped to
    /// the end, and one inside a character to that character's start, so a bad
    /// span from a reader can never panic the module.
    pub fn position(&self, byte: usize) -> Utf16Position {
        let byte = floor_char_boundary(self.text, byte);
        // The last line starting at or before `byte`; line 0 starts at 0, so there is one.
        let line = self.lines.partition_point(|&(start, _)| start <= byte).saturating_sub(1);
        let (line_start, line_utf16) = self.lines.get(line).copied().unwrap_or((0, 0));
        let within_line = self.text.get(line_start..byte).map_or(0, |part| part.encode_utf16().count());
        Utf16Position { offset: line_utf16 + within_line, line: line + 1, column: within_line + 1 }
    }
}

/// The largest char boundary at or before `byte`, within the text.
fn floor_char_boundary(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// The UTF-16 offset of byte offset `byte` in `text`; a one-off conversion
/// without building an index.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    let byte = floor_char_boundary(text, byte);
    text[..byte].encode_utf16().count()
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
    fn ascii_offsets_are_unchanged() {
        let index = Utf16Index::new("abc\ndef");
        assert_eq!(index.position(0), Utf16Position { offset: 0, line: 1, column: 1 });
        assert_eq!(index.position(5), Utf16Position { offset: 5, line: 2, column: 2 });
    }

    #[test]
    fn emoji_and_accent_before_the_phrase_shift_offsets() {
        let text = "Café 🙂 verdienen we een 10?";
        let start = text.find("verdienen").unwrap_or_default();
        let end = start + "verdienen we een 10".len();
        let index = Utf16Index::new(text);
        // "Café " is 6 bytes but 5 units; "🙂 " is 5 bytes but 3 units.
        assert_eq!((start, end), (11, 30));
        assert_eq!(index.position(start), Utf16Position { offset: 8, line: 1, column: 9 });
        let (from, to) = (index.position(start).offset, index.position(end).offset);
        assert_eq!(js_slice(text, from, to), "verdienen we een 10");
        assert_eq!(utf16_offset(text, end), to);
    }

    #[test]
    fn columns_restart_on_each_line_and_count_units() {
        let text = "één\r\n🙂🙂 geef ons een 10";
        let index = Utf16Index::new(text);
        let byte = text.find("geef").unwrap_or_default();
        // Line 2 starts after "één\r\n" (5 units); the two emoji take 4 units, the space 1.
        assert_eq!(index.position(byte), Utf16Position { offset: 10, line: 2, column: 6 });
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let text = "é🙂";
        let index = Utf16Index::new(text);
        assert_eq!(index.position(1).offset, 0);
        assert_eq!(index.position(4).offset, 1);
        assert_eq!(index.position(99), Utf16Position { offset: 3, line: 1, column: 4 });
        assert_eq!(utf16_offset(text, 99), 3);
    }

    #[test]
    fn a_position_right_after_a_newline_is_on_the_next_line() {
        let index = Utf16Index::new("a\n\nb");
        assert_eq!(index.position(2), Utf16Position { offset: 2, line: 2, column: 1 });
        assert_eq!(index.position(3), Utf16Position { offset: 3, line: 3, column: 1 });
    }
}
