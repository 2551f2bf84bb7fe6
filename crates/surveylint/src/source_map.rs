//! Maps byte offsets in a unit's decoded text back to the source file.
//!
//! A survey file stores its text encoded: JSON escapes (`\u00e9`), XML
//! entities (`&eacute;`), doubled CSV quotes. Rules run on the decoded text;
//! this map turns their spans back into the exact source bytes, so editors
//! underline the right characters.

use crate::diagnostic::Span;

/// A piecewise map from decoded text to source bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceMap {
    pieces: Vec<Piece>,
    decoded_len: usize,
}

/// One run of decoded text. When `decoded_len == source_len` and the piece is
/// verbatim, offsets map one to one; otherwise the piece is atomic (an escape
/// sequence) and maps to its whole source range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    decoded_start: usize,
    decoded_len: usize,
    source_start: usize,
    source_len: usize,
    verbatim: bool,
}

impl SourceMap {
    /// A unit whose text is copied unchanged from `source_start..source_start + len`.
    pub fn verbatim(source_start: usize, len: usize) -> SourceMap {
        let mut builder = SourceMapBuilder::default();
        builder.verbatim(source_start, len);
        builder.finish()
    }

    /// Starts a map built piece by piece, in decoded order.
    pub fn builder() -> SourceMapBuilder {
        SourceMapBuilder::default()
    }

    /// The length of the decoded text this map covers.
    pub fn decoded_len(&self) -> usize {
        self.decoded_len
    }

    /// Maps a span of the decoded text to the source bytes that encode it.
    /// A span that starts or ends inside an escape sequence widens to cover it.
    pub fn to_source(&self, span: Span) -> Span {
        Span::new(self.map_start(span.start), self.map_end(span.end.max(span.start)))
    }

    fn map_start(&self, offset: usize) -> usize {
        let Some(piece) = self.piece_at(offset, false) else {
            return self.source_end();
        };
        if piece.verbatim {
            piece.source_start + (offset - piece.decoded_start).min(piece.source_len)
        } else {
            piece.source_start
        }
    }

    fn map_end(&self, offset: usize) -> usize {
        let Some(piece) = self.piece_at(offset, true) else {
            return self.pieces.first().map_or(0, |piece| piece.source_start);
        };
        if piece.verbatim {
            piece.source_start + (offset - piece.decoded_start).min(piece.source_len)
        } else if offset == piece.decoded_start {
            piece.source_start
        } else {
            piece.source_start + piece.source_len
        }
    }

    /// The piece holding `offset`; for an end offset, the piece the byte
    /// before it belongs to.
    fn piece_at(&self, offset: usize, is_end: bool) -> Option<&Piece> {
        let index = self.pieces.partition_point(|piece| {
            if is_end {
                piece.decoded_start + piece.decoded_len < offset
            } else {
                piece.decoded_start + piece.decoded_len <= offset
            }
        });
        self.pieces.get(index).or(if is_end { self.pieces.last() } else { None })
    }

    fn source_end(&self) -> usize {
        self.pieces.last().map_or(0, |piece| piece.source_start + piece.source_len)
    }
}

/// Builds a [`SourceMap`] while a reader decodes a string.
#[derive(Debug, Default)]
pub struct SourceMapBuilder {
    map: SourceMap,
}

impl SourceMapBuilder {
    /// `len` bytes of decoded text copied unchanged from `source_start`.
    pub fn verbatim(&mut self, source_start: usize, len: usize) -> &mut Self {
        if len == 0 {
            return self;
        }
        if let Some(last) = self.map.pieces.last_mut() {
            let contiguous = last.source_start + last.source_len == source_start;
            if last.verbatim && contiguous {
                last.decoded_len += len;
                last.source_len += len;
                self.map.decoded_len += len;
                return self;
            }
        }
        self.push(len, source_start, len, true)
    }

    /// `decoded_len` bytes of decoded text that came from the escape sequence
    /// at `source_start..source_start + source_len` (e.g. `&eacute;` for "é").
    pub fn escaped(&mut self, decoded_len: usize, source_start: usize, source_len: usize) -> &mut Self {
        if decoded_len == 0 {
            return self;
        }
        self.push(decoded_len, source_start, source_len, false)
    }

    fn push(&mut self, decoded_len: usize, source_start: usize, source_len: usize, verbatim: bool) -> &mut Self {
        self.map.pieces.push(Piece {
            decoded_start: self.map.decoded_len,
            decoded_len,
            source_start,
            source_len,
            verbatim,
        });
        self.map.decoded_len += decoded_len;
        self
    }

    /// The finished map.
    pub fn finish(self) -> SourceMap {
        self.map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_maps_by_offset() {
        let map = SourceMap::verbatim(10, 20);
        assert_eq!(map.to_source(Span::new(3, 7)), Span::new(13, 17));
        assert_eq!(map.to_source(Span::new(0, 20)), Span::new(10, 30));
    }

    #[test]
    fn escapes_map_to_their_whole_source() {
        // Source: `"Caf\u00e9 verdienen"` starting at byte 0; decoded "Café verdienen".
        let mut builder = SourceMap::builder();
        builder.verbatim(1, 3).escaped(2, 4, 6).verbatim(10, 10);
        let map = builder.finish();
        assert_eq!(map.decoded_len(), 15);
        // "é" alone maps to the six source bytes of the escape.
        assert_eq!(map.to_source(Span::new(3, 5)), Span::new(4, 10));
        // "verdienen" after the escape.
        assert_eq!(map.to_source(Span::new(6, 15)), Span::new(11, 20));
        // A span ending right before the escape does not include it.
        assert_eq!(map.to_source(Span::new(0, 3)), Span::new(1, 4));
    }
}
