//! YAML into a [`Node`] tree whose strings (and keys) keep their positions.
//!
//! `saphyr-parser` gives each scalar's span; the decoded text is lined up
//! with those source bytes here (quotes, escapes, `''`, folded lines and
//! block indentation become atomic pieces), so findings point at the exact
//! words. Where the two cannot be lined up, the scalar maps as a whole.
//!
//! Hostile input: nesting deeper than [`MAX_DEPTH`] is refused (the parser
//! keeps its own stack, and so does this builder, so nothing recurses), and
//! aliases are expanded against the same value budget as parsing, so an
//! alias bomb ("billion laughs") is refused instead of exhausting memory.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span};

use crate::error::FormatError;
use crate::json::{MAX_DEPTH, MAX_VALUES};
use crate::mapped::Mapped;
use crate::tree::{Entry, Node};

/// Parses a YAML document (a stream of several becomes a list of them).
pub(crate) fn parse(source: &[u8]) -> Result<Node, FormatError> {
    parse_limited(source, MAX_VALUES)
}

/// [`parse`] with a cap on the number of values, aliases expanded.
pub(crate) fn parse_limited(source: &[u8], max_values: usize) -> Result<Node, FormatError> {
    let text = crate::error::utf8(source)?;
    let mut builder = Builder {
        source: text,
        offsets: Offsets { text, char_index: 0, byte: 0 },
        stack: Vec::new(),
        documents: Vec::new(),
        anchors: HashMap::new(),
        values: 0,
        max_values,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|error| {
            let message = if error.info().contains("recursion limit") {
                format!("values are nested more than {MAX_DEPTH} levels deep")
            } else {
                error.info().to_owned()
            };
            builder.error_at(error.marker(), &message)
        })?;
        builder.event(event, span)?;
    }
    let mut documents = builder.documents;
    Ok(match documents.len() {
        0 => Node::Scalar("null".to_owned()),
        1 => documents.remove(0),
        _ => Node::List(documents),
    })
}

/// A collection being built.
enum Frame {
    Map { entries: Vec<Entry>, key: Option<(String, Option<Mapped>)>, anchor: usize, values_at_start: usize },
    List { items: Vec<Node>, anchor: usize, values_at_start: usize },
}

struct Builder<'a> {
    source: &'a str,
    offsets: Offsets<'a>,
    stack: Vec<Frame>,
    documents: Vec<Node>,
    /// Anchored nodes and how many values each holds, for aliases.
    anchors: HashMap<usize, (Node, usize)>,
    values: usize,
    max_values: usize,
}

impl Builder<'_> {
    fn error_at(&mut self, marker: &Marker, message: &str) -> FormatError {
        let offset = self.offsets.byte_of(marker);
        FormatError::at(self.source.as_bytes(), offset, message)
    }

    fn count(&mut self, values: usize, span: &Span) -> Result<(), FormatError> {
        self.values = self.values.saturating_add(values);
        if self.values > self.max_values {
            let message = format!(
                "more than {} values (aliases expanded); this is not a questionnaire, or an alias bomb",
                self.max_values
            );
            return Err(self.error_at(&span.start, &message));
        }
        Ok(())
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), FormatError> {
        match event {
            Event::Scalar(value, style, anchor, _) => {
                self.count(1, &span)?;
                let node = self.scalar(&value, style, &span);
                self.finish(node, anchor, self.values - 1, &span)
            }
            Event::Alias(anchor) => {
                let Some((node, size)) = self.anchors.get(&anchor).map(|(node, size)| (node.clone(), *size)) else {
                    return Err(self.error_at(&span.start, "an alias to an unknown anchor"));
                };
                self.count(size, &span)?;
                self.deliver(node);
                Ok(())
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    let message = format!("values are nested more than {MAX_DEPTH} levels deep");
                    return Err(self.error_at(&span.start, &message));
                }
                self.count(1, &span)?;
                let values_at_start = self.values - 1;
                self.stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::List { items: Vec::new(), anchor, values_at_start }
                } else {
                    Frame::Map { entries: Vec::new(), key: None, anchor, values_at_start }
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor, values_at_start) = match self.stack.pop() {
                    Some(Frame::List { items, anchor, values_at_start }) => {
                        (Node::List(items), anchor, values_at_start)
                    }
                    Some(Frame::Map { entries, anchor, values_at_start, .. }) => {
                        (Node::Map(entries), anchor, values_at_start)
                    }
                    None => return Err(self.error_at(&span.start, "a collection ends that never started")),
                };
                self.finish(node, anchor, values_at_start, &span)
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::DocumentEnd => {
                Ok(())
            }
        }
    }

    /// A node is complete: remember it under its anchor, then hand it to its parent.
    fn finish(&mut self, node: Node, anchor: usize, values_at_start: usize, span: &Span) -> Result<(), FormatError> {
        if anchor > 0 {
            let size = self.values - values_at_start;
            // The copy kept for aliases costs as much as the node itself.
            self.count(size, span)?;
            self.anchors.insert(anchor, (node.clone(), size));
        }
        self.deliver(node);
        Ok(())
    }

    /// Hands a complete node to its parent: an item, a key, or a key's value.
    fn deliver(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.documents.push(node),
            Some(Frame::List { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let key_text = node.as_mapped().cloned();
                    *key = Some((node.as_str().unwrap_or_default().to_owned(), key_text));
                }
                Some((key, key_text)) => entries.push(Entry { key, key_text, value: node }),
            },
        }
    }

    fn scalar(&mut self, value: &str, style: ScalarStyle, span: &Span) -> Node {
        if style == ScalarStyle::Plain && is_plain_non_string(value) {
            return Node::Scalar(value.to_owned());
        }
        let start = self.offsets.byte_of(&span.start);
        let end = self.offsets.byte_of(&span.end).max(start);
        let raw = self.source.get(start..end).unwrap_or_default();
        let mapped = align(raw, start, value, style).filter(|mapped| mapped.text == value).unwrap_or_else(|| {
            // Cannot be lined up: the whole scalar stands for its text.
            let mut whole = Mapped::default();
            whole.push_escaped(value, start, end - start);
            whole
        });
        Node::Text(mapped)
    }
}

/// YAML 1.2 core schema: plain `null`, `~`, booleans and numbers are not strings.
fn is_plain_non_string(value: &str) -> bool {
    matches!(value, "" | "~" | "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE")
        || value.parse::<f64>().is_ok()
        || value.strip_prefix("0x").is_some_and(|hex| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        || value
            .strip_prefix("0o")
            .is_some_and(|oct| !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b)))
}

/// Lines the decoded `value` up with its `raw` source (which starts at byte
/// `offset`): same characters map verbatim, escapes, doubled quotes and
/// line breaks with their indentation map as atomic pieces. `None` when the
/// two do not line up.
fn align(raw: &str, offset: usize, value: &str, style: ScalarStyle) -> Option<Mapped> {
    let (raw, offset) = match style {
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => (raw.get(1..raw.len().checked_sub(1)?)?, offset + 1),
        _ => (raw, offset),
    };
    let mut mapped = Mapped::default();
    let (mut i, mut j) = (0, 0);
    while j < value.len() {
        let wanted = value[j..].chars().next()?;
        let Some(found) = raw[i..].chars().next() else {
            // Block scalars end with a line break that is not inside their span.
            let rest = &value[j..];
            if !rest.trim().is_empty() {
                return None;
            }
            mapped.push_escaped(rest, offset + raw.len(), 0);
            break;
        };
        if style == ScalarStyle::DoubleQuoted && found == '\\' {
            let next = raw[i + 1..].chars().next()?;
            if next == '\n' || next == '\r' {
                // An escaped line break joins the lines without a space.
                i += 1;
                i += raw[i..].len() - raw[i..].trim_start_matches(['\r', '\n']).len();
                i += raw[i..].len() - raw[i..].trim_start_matches([' ', '\t']).len();
                continue;
            }
            let length = 1 + match next {
                'x' => 3,
                'u' => 5,
                'U' => 9,
                other => other.len_utf8(),
            };
            raw.get(i..i + length)?;
            mapped.push_escaped(&value[j..j + wanted.len_utf8()], offset + i, length);
            i += length;
            j += wanted.len_utf8();
            continue;
        }
        if style == ScalarStyle::SingleQuoted && raw[i..].starts_with("''") && wanted == '\'' {
            mapped.push_escaped("'", offset + i, 2);
            i += 2;
            j += 1;
            continue;
        }
        let raw_space = raw[i..].len() - raw[i..].trim_start_matches([' ', '\t', '\r', '\n']).len();
        if raw[i..i + raw_space].contains(['\n', '\r']) {
            // A line break with the indentation around it.
            let value_space = value[j..].len() - value[j..].trim_start_matches([' ', '\t', '\r', '\n']).len();
            mapped.push_escaped(&value[j..j + value_space], offset + i, raw_space);
            i += raw_space;
            j += value_space;
            continue;
        }
        if found != wanted {
            return None;
        }
        mapped.push_verbatim(&raw[i..i + found.len_utf8()], offset + i);
        i += found.len_utf8();
        j += wanted.len_utf8();
    }
    Some(mapped)
}

/// Turns the parser's character positions into byte offsets, walking
/// forward from the last one (scalars come in source order, so this is
/// linear), or from the start of the marker's line when it goes back.
struct Offsets<'a> {
    text: &'a str,
    char_index: usize,
    byte: usize,
}

impl Offsets<'_> {
    fn byte_of(&mut self, marker: &Marker) -> usize {
        let target = marker.index();
        if target < self.char_index {
            // Restart at the start of the marker's line.
            let line_start_char = target.saturating_sub(marker.col());
            let line_start_byte = self.text[..self.byte]
                .char_indices()
                .rev()
                .take(self.char_index - line_start_char)
                .last()
                .map_or(self.byte, |(byte, _)| byte);
            self.char_index = line_start_char;
            self.byte = line_start_byte;
        }
        let mut chars = self.text[self.byte..].chars();
        while self.char_index < target {
            let Some(c) = chars.next() else { break };
            self.char_index += 1;
            self.byte += c.len_utf8();
        }
        self.byte
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(node: &Node, path: &[&str]) -> Mapped {
        let mut node = Some(node);
        for key in path {
            node = node.and_then(|node| node.get(key));
        }
        node.and_then(Node::as_mapped).cloned().unwrap_or_default()
    }

    fn source_of<'s>(source: &'s str, mapped: &Mapped, word: &str) -> &'s str {
        let start = mapped.text.find(word).unwrap_or(0);
        &source[mapped.source_range(start..start + word.len())]
    }

    #[test]
    fn scalars_map_to_their_words_in_every_style() {
        let source = "plain: Hoe tevreden bent u?\nsingle: 'It''s ons doel: een 10'\ndouble: \"Caf\\u00e9 \\\"X\\\" verdienen\"\nfolded: >\n  Geef ons\n  een tien\nliteral: |\n  Eerste regel\n    ingesprongen\nmulti: Een lange\n  vraag hier\n";
        let node = parse(source.as_bytes()).unwrap_or(Node::List(Vec::new()));
        assert_eq!(text_of(&node, &["plain"]).text, "Hoe tevreden bent u?");
        assert_eq!(source_of(source, &text_of(&node, &["plain"]), "tevreden"), "tevreden");
        let single = text_of(&node, &["single"]);
        assert_eq!(single.text, "It's ons doel: een 10");
        assert_eq!(source_of(source, &single, "It's"), "It''s");
        assert_eq!(source_of(source, &single, "een 10"), "een 10");
        let double = text_of(&node, &["double"]);
        assert_eq!(double.text, "Café \"X\" verdienen");
        assert_eq!(source_of(source, &double, "Café"), "Caf\\u00e9");
        assert_eq!(source_of(source, &double, "verdienen"), "verdienen");
        let folded = text_of(&node, &["folded"]);
        assert_eq!(folded.text, "Geef ons een tien\n");
        assert_eq!(source_of(source, &folded, "ons een"), "ons\n  een");
        let literal = text_of(&node, &["literal"]);
        assert_eq!(literal.text, "Eerste regel\n  ingesprongen\n");
        assert_eq!(source_of(source, &literal, "ingesprongen"), "ingesprongen");
        assert_eq!(source_of(source, &text_of(&node, &["multi"]), "lange vraag"), "lange\n  vraag");
    }

    #[test]
    fn keys_keep_their_positions_and_plain_numbers_are_not_strings() {
        let source = "opties:\n  Zeer mee eens: 5\n  'Oneens': 1.0\n";
        let node = parse(source.as_bytes()).unwrap_or(Node::List(Vec::new()));
        let entries = node.get("opties").map(Node::entries).unwrap_or_default();
        assert_eq!(entries.len(), 2);
        let key = entries[0].key_text.clone().unwrap_or_default();
        assert_eq!(&source[key.source_range(0..key.text.len())], "Zeer mee eens");
        assert_eq!(entries[0].value, Node::Scalar("5".to_owned()));
        assert_eq!(entries[1].key, "Oneens");
    }

    #[test]
    fn multibyte_text_before_a_scalar_keeps_byte_offsets() {
        let source = "a: é€😀\nb: verdienen\n";
        let node = parse(source.as_bytes()).unwrap_or(Node::List(Vec::new()));
        assert_eq!(source_of(source, &text_of(&node, &["b"]), "verdienen"), "verdienen");
    }

    #[test]
    fn hostile_yaml_is_refused_with_a_position() {
        let deep = "[".repeat(100_000);
        let error = parse(deep.as_bytes()).err();
        assert!(
            matches!(&error, Some(FormatError::Invalid { line: 1, column: 256, message }) if message.contains("256 levels")),
            "{error:?}"
        );
        let block = format!("{}x\n", "- ".repeat(300));
        let error = parse(block.as_bytes()).err();
        assert!(
            matches!(&error, Some(FormatError::Invalid { line: 1, message, .. }) if message.contains("256 levels")),
            "{error:?}"
        );
        let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (name, previous) in
            ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            let aliases = vec![format!("*{previous}"); 9].join(", ");
            bomb.push_str(&format!("{name}: &{name} [{aliases}]\n"));
        }
        let error = parse(bomb.as_bytes()).err();
        assert!(
            matches!(&error, Some(FormatError::Invalid { message, .. }) if message.contains("alias bomb")),
            "{error:?}"
        );
        let error = parse(b"a: [1, 2\n").err();
        assert!(matches!(error, Some(FormatError::Invalid { line: 2, .. })), "{error:?}");
    }

    #[test]
    fn aliases_are_expanded() {
        let node = parse(b"scale: &s [Eens, Oneens]\nq1: *s\n").unwrap_or(Node::List(Vec::new()));
        assert_eq!(node.get("q1").map(|list| list.items().len()), Some(2));
    }
}
