//! Converts between the core's byte offsets and LSP positions.
//!
//! The core's one line index ([`surveylint::position`]) does the counting,
//! with the policy every front end shares (lines end at `\n`, `\r\n` or a
//! lone `\r`, as the LSP specification says; a byte-order mark is not a
//! column). This module only adds the protocol: the position encoding
//! negotiated at `initialize` (UTF-16 code units unless the client offers
//! UTF-8) and the protocol's `u32` positions.

use surveylint::position::{ColumnUnit, LineColumn, LineIndex};
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// How a client counts the `character` of a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Encoding {
    /// UTF-16 code units: the LSP default, which every client supports.
    #[default]
    Utf16,
    /// UTF-8 code units (bytes), when the client offers it.
    Utf8,
}

impl Encoding {
    /// Picks UTF-8 when the client lists it, UTF-16 otherwise (the spec's default).
    pub(crate) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offers_utf8 = offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8));
        if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// The name announced in the server capabilities.
    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf8 => PositionEncodingKind::UTF8,
        }
    }

    fn unit(self) -> ColumnUnit {
        match self {
            Encoding::Utf16 => ColumnUnit::Utf16,
            Encoding::Utf8 => ColumnUnit::Utf8,
        }
    }
}

/// The position of byte `offset` of `text`, whose index is `lines`. An
/// offset inside a character or past the end clamps to the character
/// boundary before it.
pub(crate) fn position(lines: &LineIndex, text: &str, offset: usize, encoding: Encoding) -> Position {
    let LineColumn { line, column } = lines.line_column(text, offset, encoding.unit());
    Position::new(to_u32(line), to_u32(column))
}

/// The range covering bytes `start..end` of `text`.
pub(crate) fn range(lines: &LineIndex, text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
    Range::new(position(lines, text, start, encoding), position(lines, text, end.max(start), encoding))
}

/// The byte offset of `position` in `text`. A line past the end clamps to
/// the end of the text; a character past the end of its line clamps to the
/// end of the line (before its line break); a character in the middle of a
/// UTF-16 surrogate pair or a UTF-8 sequence clamps to the character's start.
pub(crate) fn offset(lines: &LineIndex, text: &str, position: Position, encoding: Encoding) -> usize {
    let position = LineColumn { line: position.line as usize, column: position.character as usize };
    lines.offset(text, position, encoding.unit())
}

/// LSP positions are `u32`; a text of 4 GiB is not a survey, so saturate.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\u{feff}Beste klant 😀,\r\nCafé e\u{301} (e + U+0301): verdienen we een 10?\rlaatste\n";

    #[test]
    fn every_char_boundary_round_trips_in_both_encodings() {
        let lines = LineIndex::new(TEXT);
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            for (at, _) in TEXT.char_indices().skip(1).chain(std::iter::once((TEXT.len(), ' '))) {
                let there = position(&lines, TEXT, at, encoding);
                // The `\n` of `\r\n` has no position of its own: it is the end of its line.
                let expected = if TEXT[..at].ends_with('\r') && TEXT[at..].starts_with('\n') { at - 1 } else { at };
                assert_eq!(offset(&lines, TEXT, there, encoding), expected, "{at} -> {there:?} in {encoding:?}");
            }
        }
    }

    #[test]
    fn columns_count_in_the_negotiated_unit_after_the_bom_emoji_and_line_breaks() {
        let lines = LineIndex::new(TEXT);
        let comma = TEXT.find(',').unwrap_or_default();
        assert_eq!(position(&lines, TEXT, comma, Encoding::Utf16), Position::new(0, 14));
        assert_eq!(position(&lines, TEXT, comma, Encoding::Utf8), Position::new(0, 16));
        let asked = TEXT.find("verdienen").unwrap_or_default();
        assert_eq!(position(&lines, TEXT, asked, Encoding::Utf16), Position::new(1, 22));
        assert_eq!(position(&lines, TEXT, asked, Encoding::Utf8), Position::new(1, 24));
        let last = TEXT.find("laatste").unwrap_or_default();
        assert_eq!(position(&lines, TEXT, last, Encoding::Utf16), Position::new(2, 0), "a lone CR ends a line");
        assert_eq!(offset(&lines, TEXT, Position::new(0, 0), Encoding::Utf16), 3, "the BOM is not a column");
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let lines = LineIndex::new(TEXT);
        let line_end = TEXT.find('\r').unwrap_or_default();
        assert_eq!(offset(&lines, TEXT, Position::new(0, 500), Encoding::Utf16), line_end);
        assert_eq!(offset(&lines, TEXT, Position::new(u32::MAX, u32::MAX), Encoding::Utf16), TEXT.len());
        assert_eq!(
            position(&lines, TEXT, 10_000, Encoding::Utf16),
            position(&lines, TEXT, TEXT.len(), Encoding::Utf16)
        );
        // UTF-16 character 1 is between the two surrogates of the emoji.
        let emoji = LineIndex::new("😀x");
        assert_eq!(offset(&emoji, "😀x", Position::new(0, 1), Encoding::Utf16), 0);
        assert_eq!(position(&emoji, "😀x", 2, Encoding::Utf16), Position::new(0, 0));
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
