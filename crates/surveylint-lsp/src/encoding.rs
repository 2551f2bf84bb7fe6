//! Converts between the core's byte offsets and LSP positions.
//!
//! The core reports byte spans; an LSP client counts characters in the
//! position encoding negotiated at `initialize` (UTF-16 code units unless the
//! client offers UTF-8). This module is the only place that converts, so an
//! emoji or an accent before a flagged phrase cannot shift an underline.

use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// How a client counts the `character` of a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-16 code units: the LSP default, which every client supports.
    #[default]
    Utf16,
    /// UTF-8 code units (bytes), when the client offers it.
    Utf8,
}

impl Encoding {
    /// Picks UTF-8 when the client lists it, UTF-16 otherwise (the spec's default).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offers_utf8 = offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8));
        if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// The name announced in the server capabilities.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf8 => PositionEncodingKind::UTF8,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
        }
    }
}

/// The start of every line of one text, for fast conversions both ways.
/// Lines end at `\n`, `\r\n` or a lone `\r`, as the LSP specification says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is always 0.
    line_starts: Vec<usize>,
    /// The length of the text the index was built for.
    len: usize,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        let mut index = 0;
        while index < bytes.len() {
            match bytes[index] {
                b'\n' => line_starts.push(index + 1),
                b'\r' if bytes.get(index + 1) == Some(&b'\n') => {
                    line_starts.push(index + 2);
                    index += 1;
                }
                b'\r' => line_starts.push(index + 1),
                _ => {}
            }
            index += 1;
        }
        LineIndex { line_starts, len: text.len() }
    }

    /// The position of byte `offset` of `text` (the text this index was built
    /// for). An offset inside a character or past the end is clamped to the
    /// nearest character boundary before it.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line];
        let character = text[line_start..offset].chars().map(|c| encoding.units(c)).sum::<usize>();
        Position::new(to_u32(line), to_u32(character))
    }

    /// The range covering bytes `start..end` of `text`.
    pub fn range(&self, text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
        Range::new(self.position(text, start, encoding), self.position(text, end.max(start), encoding))
    }

    /// The byte offset of `position` in `text`. A line past the end clamps to
    /// the end of the text; a character past the end of its line clamps to the
    /// end of the line (before its line break); a character in the middle of a
    /// UTF-16 surrogate pair or a UTF-8 sequence clamps to the character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let Some(&line_start) = self.line_starts.get(line) else {
            return self.len.min(text.len());
        };
        let line_end = self.line_content_end(text, line);
        let wanted = position.character as usize;
        let mut counted = 0;
        for (index, c) in text[line_start..line_end].char_indices() {
            let next = counted + encoding.units(c);
            if next > wanted {
                return line_start + index;
            }
            counted = next;
        }
        line_end
    }

    /// The byte offset where the content of `line` ends, before its line break.
    fn line_content_end(&self, text: &str, line: usize) -> usize {
        let next_start = self.line_starts.get(line + 1).copied().unwrap_or(text.len()).min(text.len());
        let content = &text[self.line_starts[line].min(next_start)..next_start];
        let without_break =
            content.strip_suffix("\r\n").or_else(|| content.strip_suffix(['\n', '\r'])).unwrap_or(content);
        self.line_starts[line] + without_break.len()
    }

    /// The byte offset where `line` starts, clamped to the end of the text.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.len)
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset.min(self.len)) - 1
    }
}

/// LSP positions are `u32`; a text of 4 GiB is not a survey, so saturate.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Beste klant 😀,\r\nCafé é (e + U+0301): verdienen we een 10?\nlaatste";

    fn roundtrip(text: &str, encoding: Encoding) {
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let position = index.position(text, offset, encoding);
            let back = index.offset(text, position, encoding);
            // A `\r` of `\r\n` has no position of its own: it maps to the end of its line.
            let expected =
                if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') { offset - 1 } else { offset };
            assert_eq!(back, expected, "offset {offset} -> {position:?} in {encoding:?}");
        }
    }

    #[test]
    fn every_char_boundary_round_trips_in_both_encodings() {
        roundtrip(TEXT, Encoding::Utf16);
        roundtrip(TEXT, Encoding::Utf8);
        roundtrip("a\rb\n\nc\r\n", Encoding::Utf16);
        roundtrip("", Encoding::Utf16);
    }

    #[test]
    fn emoji_counts_two_utf16_units_and_four_bytes() {
        let text = "😀 verdienen";
        let index = LineIndex::new(text);
        let start = text.find("verdienen").unwrap_or_default();
        assert_eq!(index.position(text, start, Encoding::Utf16), Position::new(0, 3));
        assert_eq!(index.position(text, start, Encoding::Utf8), Position::new(0, 5));
    }

    #[test]
    fn precomposed_and_combining_accents_count_per_code_unit() {
        // "é" precomposed is one UTF-16 unit (two bytes); "e" + U+0301 is two units (three bytes).
        let text = "é e\u{301} geef ons een 10";
        let index = LineIndex::new(text);
        let start = text.find("geef").unwrap_or_default();
        assert_eq!(index.position(text, start, Encoding::Utf16), Position::new(0, 5));
        assert_eq!(index.position(text, start, Encoding::Utf8), Position::new(0, 7));
    }

    #[test]
    fn all_three_line_endings_start_a_line() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 7, Encoding::Utf16), Position::new(3, 0));
        assert_eq!(index.offset(text, Position::new(2, 0), Encoding::Utf16), 5);
        assert_eq!(index.line_of(5), 2);
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let index = LineIndex::new(TEXT);
        // Past the end of line 0 stops before the `\r\n`.
        let line_end = TEXT.find('\r').unwrap_or_default();
        assert_eq!(index.offset(TEXT, Position::new(0, 500), Encoding::Utf16), line_end);
        // Past the last line is the end of the text.
        assert_eq!(index.offset(TEXT, Position::new(99, 0), Encoding::Utf8), TEXT.len());
        assert_eq!(index.offset(TEXT, Position::new(u32::MAX, u32::MAX), Encoding::Utf16), TEXT.len());
        // A byte offset past the end is the end position.
        assert_eq!(index.position(TEXT, 10_000, Encoding::Utf16), index.position(TEXT, TEXT.len(), Encoding::Utf16));
    }

    #[test]
    fn a_position_inside_a_character_clamps_to_its_start() {
        let text = "😀x";
        let index = LineIndex::new(text);
        // UTF-16 character 1 is between the two surrogates of the emoji.
        assert_eq!(index.offset(text, Position::new(0, 1), Encoding::Utf16), 0);
        assert_eq!(index.offset(text, Position::new(0, 2), Encoding::Utf16), 4);
        // UTF-8 character 2 is inside the emoji's four bytes.
        assert_eq!(index.offset(text, Position::new(0, 2), Encoding::Utf8), 0);
        // A byte offset inside the emoji clamps back to its start.
        assert_eq!(index.position(text, 2, Encoding::Utf16), Position::new(0, 0));
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[PositionEncodingKind::UTF16])), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16, PositionEncodingKind::UTF8])),
            Encoding::Utf8
        );
        assert_eq!(Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])), Encoding::Utf16);
    }
}
