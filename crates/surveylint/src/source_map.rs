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
    /// Structure rather than text (an HTML block tag read as a line break):
    /// it can be underlined, but a rewrite must never replace it.
    markup: bool,
    /// The source bytes between the previous piece and this one are inline
    /// markup the reader skipped (`<b>`, `</em>`): a rewrite may remove them
    /// with the words around them, unlike a closing quote or a CDATA fence.
    after_inline_markup: bool,
}

impl Piece {
    /// True when this piece continues `before` in the source: right after
    /// it, or after inline markup that may go with the words around it.
    fn follows(&self, before: &Piece) -> bool {
        before.source_start + before.source_len == self.source_start || self.after_inline_markup
    }
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

    /// Where the map's first piece starts in the source (0 for an empty
    /// map): the origin of the spans [`crate::LintCache`] keeps per unit.
    pub(crate) fn source_base(&self) -> usize {
        self.pieces.first().map_or(0, |piece| piece.source_start)
    }

    /// The length of the decoded text when it is copied unchanged from one
    /// stretch of the source (as [`SourceMap::verbatim`] makes it): such a
    /// map's shape is that length alone. `None` for any other map.
    pub(crate) fn verbatim_len(&self) -> Option<usize> {
        match self.pieces.as_slice() {
            [piece]
                if piece.verbatim
                    && !piece.markup
                    && !piece.after_inline_markup
                    && piece.decoded_start == 0
                    && piece.decoded_len == piece.source_len
                    && piece.decoded_len == self.decoded_len =>
            {
                Some(self.decoded_len)
            }
            _ => None,
        }
    }

    /// True when `other` maps decoded text to source bytes exactly as this
    /// map does, only moved by the difference of their
    /// [bases](SourceMap::source_base): every span either map gives is then
    /// the other's moved by that difference, so findings made through one
    /// hold for the other once moved.
    pub(crate) fn same_shape(&self, other: &SourceMap) -> bool {
        let (base, other_base) = (self.source_base(), other.source_base());
        self.decoded_len == other.decoded_len
            && self.pieces.len() == other.pieces.len()
            && self.pieces.iter().zip(&other.pieces).all(|(piece, other)| {
                let moved =
                    Piece { source_start: other.source_start.wrapping_sub(other_base).wrapping_add(base), ..*other };
                *piece == moved
            })
    }

    /// Maps a span of the decoded text to the source bytes that encode it.
    /// A span that starts or ends inside an escape sequence widens to cover it.
    pub fn to_source(&self, span: Span) -> Span {
        Span::new(self.map_start(span.start), self.map_end(span.end.max(span.start)))
    }

    /// Maps source bytes back to the decoded text: the inverse of
    /// [`SourceMap::to_source`], for showing a finding or a rewrite inside the
    /// text a reader sees. A span that starts or ends inside an escape sequence
    /// widens to the whole decoded character. `None` when the span touches none
    /// of this unit's bytes (a suppression comment elsewhere in the file).
    pub fn to_decoded(&self, span: Span) -> Option<Span> {
        let mut decoded: Option<Span> = None;
        for piece in &self.pieces {
            let source_end = piece.source_start + piece.source_len;
            let touches = if span.is_empty() {
                piece.source_start <= span.start && span.start <= source_end
            } else {
                piece.source_start < span.end && span.start < source_end
            };
            if !touches {
                continue;
            }
            let (start, end) = if piece.verbatim {
                let offset = |source: usize| {
                    piece.decoded_start + source.clamp(piece.source_start, source_end) - piece.source_start
                };
                (offset(span.start), offset(span.end))
            } else {
                (piece.decoded_start, piece.decoded_start + piece.decoded_len)
            };
            decoded = Some(match decoded {
                Some(found) => Span::new(found.start.min(start), found.end.max(end)),
                None => Span::new(start, end),
            });
        }
        decoded
    }

    /// True when the source bytes of `span` are nothing but its text, so a
    /// rewrite may replace them: the pieces it touches sit next to each other
    /// in the source (no skipped tag, closing quote or XML element between
    /// them) and none of them is markup.
    pub fn can_replace(&self, span: Span) -> bool {
        if span.is_empty() {
            // An insertion replaces nothing.
            return true;
        }
        let first = self.pieces.partition_point(|piece| piece.decoded_start + piece.decoded_len <= span.start);
        let touched = &self.pieces[first..];
        let count = touched.iter().take_while(|piece| piece.decoded_start < span.end).count();
        let touched = &touched[..count];
        touched.iter().all(|piece| !piece.markup) && touched.windows(2).all(|pair| pair[1].follows(&pair[0]))
    }

    /// The widest part of the decoded span `outer` that contains `inner` and
    /// [can be replaced](SourceMap::can_replace): a sentence rewrite stops at
    /// a `<br>` or a skipped closing quote instead of swallowing it. `None`
    /// when `inner` itself cannot be replaced.
    pub fn replaceable_within(&self, outer: Span, inner: Span) -> Option<Span> {
        if !self.can_replace(inner) {
            return None;
        }
        if self.can_replace(outer) {
            return Some(outer);
        }
        let mut start = inner.start;
        // Walk left piece by piece while the piece joins the one after it.
        let mut index = self.pieces.partition_point(|piece| piece.decoded_start + piece.decoded_len <= inner.start);
        while let Some(piece) = self.pieces.get(index) {
            if piece.decoded_start <= outer.start {
                start = outer.start;
                break;
            }
            let Some(before) = index.checked_sub(1).and_then(|before| self.pieces.get(before)) else {
                start = piece.decoded_start.max(outer.start);
                break;
            };
            if before.markup || !piece.follows(before) {
                start = piece.decoded_start;
                break;
            }
            index -= 1;
        }
        let mut end = inner.end;
        let mut index = self.pieces.partition_point(|piece| piece.decoded_start + piece.decoded_len < inner.end);
        while let Some(piece) = self.pieces.get(index) {
            let piece_end = piece.decoded_start + piece.decoded_len;
            if piece_end >= outer.end {
                end = outer.end;
                break;
            }
            let Some(after) = self.pieces.get(index + 1) else {
                end = piece_end.min(outer.end);
                break;
            };
            if after.markup || !after.follows(piece) {
                end = piece_end;
                break;
            }
            index += 1;
        }
        let narrowed = Span::new(start.min(inner.start), end.max(inner.end));
        self.can_replace(narrowed).then_some(narrowed)
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
    /// Set by [`SourceMapBuilder::skipped_inline_markup`] for the next piece.
    after_inline_markup: bool,
}

impl SourceMapBuilder {
    /// `len` bytes of decoded text copied unchanged from `source_start`.
    pub fn verbatim(&mut self, source_start: usize, len: usize) -> &mut Self {
        if len == 0 {
            return self;
        }
        if let Some(last) = self.map.pieces.last_mut().filter(|_| !self.after_inline_markup) {
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

    /// The source bytes before the next piece are inline markup the reader
    /// skipped, which a rewrite may remove along with the words around it.
    pub fn skipped_inline_markup(&mut self) -> &mut Self {
        self.after_inline_markup = true;
        self
    }

    /// `decoded_len` bytes of decoded text standing for markup at
    /// `source_start..source_start + source_len` (a `<p>` read as a line
    /// break): mapped like an escape, but never replaced by a rewrite.
    pub fn markup(&mut self, decoded_len: usize, source_start: usize, source_len: usize) -> &mut Self {
        if decoded_len == 0 {
            return self;
        }
        self.push(decoded_len, source_start, source_len, false);
        if let Some(last) = self.map.pieces.last_mut() {
            last.markup = true;
        }
        self
    }

    fn push(&mut self, decoded_len: usize, source_start: usize, source_len: usize, verbatim: bool) -> &mut Self {
        self.map.pieces.push(Piece {
            decoded_start: self.map.decoded_len,
            decoded_len,
            source_start,
            source_len,
            verbatim,
            markup: false,
            after_inline_markup: std::mem::take(&mut self.after_inline_markup),
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

    /// "café" stored as `caf&eacute;` at `base`.
    fn escaped_cafe(base: usize) -> SourceMap {
        let mut builder = SourceMap::builder();
        builder.verbatim(base, 3).escaped(2, base + 3, 8);
        builder.finish()
    }

    #[test]
    fn maps_moved_in_the_source_have_the_same_shape() {
        assert!(escaped_cafe(10).same_shape(&escaped_cafe(500)));
        // "fé" is `f&eacute;` at 12..21 near the start, 490 bytes later far on.
        assert_eq!(escaped_cafe(10).to_source(Span::new(2, 5)), Span::new(12, 21));
        assert_eq!(escaped_cafe(500).to_source(Span::new(2, 5)), Span::new(502, 511));
        // Another escape for the same decoded text is another shape.
        let mut builder = SourceMap::builder();
        builder.verbatim(10, 3).escaped(2, 13, 6);
        assert!(!escaped_cafe(10).same_shape(&builder.finish()));
        assert!(!escaped_cafe(10).same_shape(&SourceMap::verbatim(10, 5)));
        assert_eq!(escaped_cafe(10).verbatim_len(), None);
        assert_eq!(SourceMap::verbatim(10, 5).verbatim_len(), Some(5));
        assert!(SourceMap::verbatim(10, 5).same_shape(&SourceMap::verbatim(0, 5)));
    }

    #[test]
    fn verbatim_maps_by_offset() {
        let map = SourceMap::verbatim(10, 20);
        assert_eq!(map.to_source(Span::new(3, 7)), Span::new(13, 17));
        assert_eq!(map.to_source(Span::new(0, 20)), Span::new(10, 30));
    }

    #[test]
    fn rewrites_may_not_cross_skipped_source_or_markup() {
        // Source `"Geef"x ons` read leniently as "Geef" + "x ons": the closing quote is skipped.
        let mut builder = SourceMap::builder();
        builder.verbatim(1, 4).verbatim(6, 5);
        let map = builder.finish();
        assert!(map.can_replace(Span::new(0, 4)));
        assert!(map.can_replace(Span::new(5, 9)));
        assert!(!map.can_replace(Span::new(2, 6)), "the span would swallow the quote");
        // `ver<b>dienen`: the skipped tag may go with the word.
        let mut builder = SourceMap::builder();
        builder.verbatim(0, 3).skipped_inline_markup().verbatim(6, 6);
        assert!(builder.finish().can_replace(Span::new(0, 9)));
        // `a&amp;b<p>c`: the entity is text, the block tag is structure.
        let mut builder = SourceMap::builder();
        builder.verbatim(0, 1).escaped(1, 1, 5).verbatim(6, 1).markup(1, 7, 3).verbatim(10, 1);
        let map = builder.finish();
        assert!(map.can_replace(Span::new(0, 3)));
        assert!(!map.can_replace(Span::new(0, 5)));
        assert!(map.can_replace(Span::new(4, 5)));
        assert!(map.can_replace(Span::new(3, 3)));
    }

    #[test]
    fn a_rewrite_narrows_to_the_text_between_markup() {
        // `Hallo<br>Verdienen we een 10?` with `<br>` read as a line break.
        let mut builder = SourceMap::builder();
        builder.verbatim(0, 5).markup(1, 5, 4).verbatim(9, 20);
        let map = builder.finish();
        assert_eq!(map.replaceable_within(Span::new(0, 26), Span::new(6, 25)), Some(Span::new(6, 26)));
        assert_eq!(map.replaceable_within(Span::new(0, 26), Span::new(4, 8)), None);
        assert_eq!(map.replaceable_within(Span::new(6, 26), Span::new(7, 9)), Some(Span::new(6, 26)));
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

    #[test]
    fn source_spans_map_back_to_the_decoded_text() {
        // The same `"Caf\u00e9 verdienen"`.
        let mut builder = SourceMap::builder();
        builder.verbatim(1, 3).escaped(2, 4, 6).verbatim(10, 10);
        let map = builder.finish();
        for decoded in [Span::new(0, 3), Span::new(3, 5), Span::new(6, 15), Span::new(0, 15), Span::new(7, 7)] {
            assert_eq!(map.to_decoded(map.to_source(decoded)), Some(decoded), "{decoded:?}");
        }
        // Part of the escape widens to the character it encodes.
        assert_eq!(map.to_decoded(Span::new(6, 8)), Some(Span::new(3, 5)));
        // Bytes outside the unit (the opening quote, a comment after it) are not in it.
        assert_eq!(map.to_decoded(Span::new(0, 1)), None);
        assert_eq!(map.to_decoded(Span::new(30, 40)), None);
    }
}
