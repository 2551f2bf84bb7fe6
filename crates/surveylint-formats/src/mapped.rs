//! Decoded text that remembers where each of its bytes came from.
//!
//! Readers decode in layers: a JSON string literal holds HTML, an XML text
//! node holds entities and then HTML. Each layer produces a [`Mapped`] whose
//! offsets point into the layer below; [`Mapped::map_through`] composes two
//! layers, so the text the rules see always maps to the file's own bytes.
//! The core's `SourceMap` is built only at the end, from the composed pieces.

use std::ops::Range;

use surveylint::SourceMap;

/// One run of decoded text. A verbatim piece maps byte for byte; any other
/// piece (an escape, an entity, a tag turned into a line break) is atomic and
/// maps to its whole source range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    decoded_start: usize,
    decoded_len: usize,
    source_start: usize,
    source_len: usize,
    verbatim: bool,
    /// Structure read as text (a block tag as a line break); see [`Mapped::push_markup`].
    markup: bool,
    /// Inline markup was skipped just before this piece; see [`Mapped::skip_inline_markup`].
    after_inline_markup: bool,
}

impl Piece {
    fn decoded_end(&self) -> usize {
        self.decoded_start + self.decoded_len
    }
}

/// Decoded text plus a piecewise map back to the bytes it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Mapped {
    /// The decoded text.
    pub(crate) text: String,
    pieces: Vec<Piece>,
    /// The next piece follows skipped inline markup.
    after_inline_markup: bool,
}

impl Mapped {
    /// Text copied unchanged from `source_start`.
    #[cfg(any(feature = "xlsx", test))]
    pub(crate) fn verbatim(text: &str, source_start: usize) -> Mapped {
        let mut mapped = Mapped::default();
        mapped.push_verbatim(text, source_start);
        mapped
    }

    /// Appends text copied unchanged from `source_start`.
    pub(crate) fn push_verbatim(&mut self, text: &str, source_start: usize) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.pieces.last_mut().filter(|_| !self.after_inline_markup) {
            if last.verbatim && last.source_start + last.source_len == source_start {
                last.decoded_len += text.len();
                last.source_len += text.len();
                self.text.push_str(text);
                return;
            }
        }
        self.push(text, source_start, text.len(), true);
    }

    /// Appends text decoded from the escape at `source_start..source_start + source_len`.
    pub(crate) fn push_escaped(&mut self, text: &str, source_start: usize, source_len: usize) {
        if !text.is_empty() {
            self.push(text, source_start, source_len, false);
        }
    }

    /// Appends text standing for markup (`<p>` read as a line break): mapped
    /// like an escape, but a rewrite may never replace it.
    pub(crate) fn push_markup(&mut self, text: &str, source_start: usize, source_len: usize) {
        if !text.is_empty() {
            self.push(text, source_start, source_len, false);
            if let Some(last) = self.pieces.last_mut() {
                last.markup = true;
            }
        }
    }

    /// Notes that the reader skipped inline markup (`<b>`, `</span>`) before
    /// the next piece: a rewrite may remove it with the words around it,
    /// unlike other bytes a reader skips (a closing quote, a CDATA fence).
    pub(crate) fn skip_inline_markup(&mut self) {
        self.after_inline_markup = true;
    }

    /// Appends an atomic piece that keeps the markup flag of the piece it came from.
    fn push_atomic(&mut self, text: &str, source_start: usize, source_len: usize, markup: bool) {
        if markup {
            self.push_markup(text, source_start, source_len);
        } else {
            self.push_escaped(text, source_start, source_len);
        }
    }

    fn push(&mut self, text: &str, source_start: usize, source_len: usize, verbatim: bool) {
        self.pieces.push(Piece {
            decoded_start: self.text.len(),
            decoded_len: text.len(),
            source_start,
            source_len,
            verbatim,
            markup: false,
            after_inline_markup: std::mem::take(&mut self.after_inline_markup),
        });
        self.text.push_str(text);
    }

    /// The source range that encodes the decoded `range`; a range that
    /// starts or ends inside an atomic piece widens to cover it.
    pub(crate) fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.source_offset(range.start, false);
        let end = self.source_offset(range.end, true).max(start);
        start..end
    }

    fn source_offset(&self, offset: usize, is_end: bool) -> usize {
        let index = self.pieces.partition_point(|piece| {
            if is_end {
                piece.decoded_end() < offset
            } else {
                piece.decoded_end() <= offset
            }
        });
        let Some(piece) = self.pieces.get(index).or(self.pieces.last()) else {
            return 0;
        };
        if offset >= piece.decoded_end() {
            return piece.source_start + piece.source_len;
        }
        if piece.verbatim {
            piece.source_start + offset.saturating_sub(piece.decoded_start)
        } else if is_end && offset > piece.decoded_start {
            piece.source_start + piece.source_len
        } else {
            piece.source_start
        }
    }

    /// The pieces between each `separator`, each with its own positions (a
    /// text without the separator is one piece).
    pub(crate) fn split(&self, separator: char) -> Vec<Mapped> {
        let mut pieces = Vec::new();
        let mut start = 0;
        for (offset, _) in self.text.match_indices(separator).chain([(self.text.len(), "")]) {
            pieces.push(self.slice(start..offset));
            start = offset + separator.len_utf8();
        }
        pieces
    }

    /// The part of the text in `range` (on char boundaries) with its map.
    pub(crate) fn slice(&self, range: Range<usize>) -> Mapped {
        let mut out = Mapped::default();
        let Some(text) = self.text.get(range.clone()) else {
            return out;
        };
        let first = self.pieces.partition_point(|piece| piece.decoded_end() <= range.start);
        for piece in &self.pieces[first..] {
            if piece.decoded_start >= range.end {
                break;
            }
            let from = piece.decoded_start.max(range.start);
            let to = piece.decoded_end().min(range.end);
            let part = &text[from - range.start..to - range.start];
            out.after_inline_markup =
                piece.after_inline_markup && from == piece.decoded_start && !out.pieces.is_empty();
            if piece.verbatim {
                out.push_verbatim(part, piece.source_start + (from - piece.decoded_start));
            } else {
                out.push_atomic(part, piece.source_start, piece.source_len, piece.markup);
            }
        }
        out
    }

    /// The text without leading and trailing white space.
    pub(crate) fn trimmed(&self) -> Mapped {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len().max(start);
        self.slice(start..end)
    }

    /// Composes two layers: `inner` was decoded from `self.text`, so its
    /// source offsets index `self.text`; the result maps `inner.text` to the
    /// bytes `self` was decoded from.
    pub(crate) fn map_through(&self, inner: &Mapped) -> Mapped {
        let mut out = Mapped::default();
        let mut previous_end: Option<usize> = None;
        for piece in &inner.pieces {
            let text = &inner.text[piece.decoded_start..piece.decoded_end()];
            let source = piece.source_start..piece.source_start + piece.source_len;
            // The inner layer skipped only inline markup before this piece; in
            // the outer source that stays true only if this layer skipped
            // nothing else there (a closing CSV quote right before a `</b>`).
            let after_inline_markup =
                piece.after_inline_markup && previous_end.is_some_and(|end| self.joins(end, piece.source_start));
            previous_end = Some(source.end);
            if !piece.verbatim {
                out.after_inline_markup = after_inline_markup;
                let markup = piece.markup || self.covers_markup(source.clone());
                let outer = self.source_range(source);
                out.push_atomic(text, outer.start, outer.len(), markup);
                continue;
            }
            // A verbatim run of the inner layer may cross several pieces of
            // this layer (plain text, then a JSON escape, then plain text).
            let first = self.pieces.partition_point(|outer| outer.decoded_end() <= source.start);
            for outer in &self.pieces[first..] {
                if outer.decoded_start >= source.end {
                    break;
                }
                let from = outer.decoded_start.max(source.start);
                let to = outer.decoded_end().min(source.end);
                let part = &text[from - source.start..to - source.start];
                out.after_inline_markup = if from == source.start {
                    after_inline_markup
                } else {
                    outer.after_inline_markup && from == outer.decoded_start
                };
                if outer.verbatim {
                    out.push_verbatim(part, outer.source_start + (from - outer.decoded_start));
                } else {
                    out.push_atomic(part, outer.source_start, outer.source_len, outer.markup);
                }
            }
        }
        out
    }

    /// True when the source bytes from decoded offset `from` to `to` hold no
    /// gap other than skipped inline markup: each piece touching the range
    /// follows the one before it in the source, or follows inline markup.
    fn joins(&self, from: usize, to: usize) -> bool {
        let first = self.pieces.partition_point(|piece| piece.decoded_end() < from);
        let last = self.pieces.partition_point(|piece| piece.decoded_start <= to);
        self.pieces.get(first..last).unwrap_or_default().windows(2).all(|pair| {
            pair[0].source_start + pair[0].source_len == pair[1].source_start || pair[1].after_inline_markup
        })
    }

    /// True when any piece overlapping the decoded `range` is markup.
    fn covers_markup(&self, range: Range<usize>) -> bool {
        let first = self.pieces.partition_point(|piece| piece.decoded_end() <= range.start);
        self.pieces[first..].iter().take_while(|piece| piece.decoded_start < range.end).any(|piece| piece.markup)
    }

    /// The core's map for this text.
    pub(crate) fn source_map(&self) -> SourceMap {
        let mut builder = SourceMap::builder();
        for piece in &self.pieces {
            if piece.after_inline_markup {
                builder.skipped_inline_markup();
            }
            if piece.verbatim {
                builder.verbatim(piece.source_start, piece.decoded_len);
            } else if piece.markup {
                builder.markup(piece.decoded_len, piece.source_start, piece.source_len);
            } else {
                builder.escaped(piece.decoded_len, piece.source_start, piece.source_len);
            }
        }
        builder.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_layers_map_to_the_outer_source() {
        // Outer layer: the JSON literal `"Caf\u00e9 &amp; bar"` starting at byte 0.
        let mut json = Mapped::default();
        json.push_verbatim("Caf", 1);
        json.push_escaped("é", 4, 6);
        json.push_verbatim(" &amp; bar", 10);
        // Inner layer: HTML entities decoded from json.text = "Café &amp; bar".
        let mut html = Mapped::default();
        html.push_verbatim("Café ", 0);
        html.push_escaped("&", 6, 5);
        html.push_verbatim(" bar", 11);
        let composed = json.map_through(&html);
        assert_eq!(composed.text, "Café & bar");
        assert_eq!(composed.source_range(3..5), 4..10);
        assert_eq!(composed.source_range(6..7), 11..16);
        assert_eq!(composed.source_range(8..11), 17..20);
    }

    #[test]
    fn trimming_keeps_positions() {
        let mapped = Mapped::verbatim("  hallo ", 10).trimmed();
        assert_eq!(mapped.text, "hallo");
        assert_eq!(mapped.source_range(0..5), 12..17);
    }
}
