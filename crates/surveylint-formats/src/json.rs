//! A JSON scanner that keeps the byte position of every string.
//!
//! serde_json forgets where a string was, so findings could not point into
//! the file. This scanner builds a small tree whose strings carry a
//! [`Mapped`] from decoded text to source bytes, through every escape
//! (`\u00e9`, surrogate pairs, `\"`, `\n`). It is lenient in the ways real
//! SurveyJS files need (they are often JavaScript object literals): unquoted
//! keys, single quotes, trailing commas, comments and a `var json = …;`
//! wrapper. Nesting is limited, so hostile input cannot exhaust the stack.

use crate::error::FormatError;
use crate::mapped::Mapped;

/// Deeper nesting than this is refused; real surveys nest a few dozen levels.
pub(crate) const MAX_DEPTH: usize = 256;

/// More values than this are refused: a large real survey has tens of
/// thousands, and the cap bounds the memory of the tree (`[[],[],…]` costs
/// far more as a tree than as text).
pub(crate) const MAX_VALUES: usize = 2_000_000;

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// Members in source order; keys may repeat.
    Object(Vec<(String, Value)>),
    Array(Vec<Value>),
    String(Mapped),
    /// The number as written.
    Number(String),
    Bool(bool),
    /// `null` or `undefined`.
    Null,
}

impl Value {
    /// The member `key` of an object (the first, if it repeats).
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(name, _)| name == key).map(|(_, value)| value),
            _ => None,
        }
    }

    /// The string value, if this is one.
    pub(crate) fn as_mapped(&self) -> Option<&Mapped> {
        match self {
            Value::String(mapped) => Some(mapped),
            _ => None,
        }
    }

    /// The decoded text of a string value.
    pub(crate) fn as_str(&self) -> Option<&str> {
        self.as_mapped().map(|mapped| mapped.text.as_str())
    }

    /// The elements of an array; empty for anything else.
    pub(crate) fn items(&self) -> &[Value] {
        match self {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    /// The members of an object; empty for anything else.
    pub(crate) fn members(&self) -> &[(String, Value)] {
        match self {
            Value::Object(members) => members,
            _ => &[],
        }
    }

    /// A number, or a string holding one.
    pub(crate) fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(number) => number.parse::<i64>().ok().or_else(|| {
                number.parse::<f64>().ok().filter(|value| value.fract() == 0.0 && value.abs() < 1e15).map(|v| v as i64)
            }),
            Value::String(mapped) => mapped.text.trim().parse().ok(),
            _ => None,
        }
    }

    /// True for `true`, `"true"` and `1`.
    pub(crate) fn is_true(&self) -> bool {
        match self {
            Value::Bool(value) => *value,
            Value::String(mapped) => mapped.text == "true",
            Value::Number(number) => number == "1",
            _ => false,
        }
    }
}

/// Parses a whole JSON (or JavaScript object literal) document.
pub(crate) fn parse(source: &[u8]) -> Result<Value, FormatError> {
    parse_limited(source, MAX_VALUES)
}

/// [`parse`] with a cap on the number of values.
fn parse_limited(source: &[u8], max_values: usize) -> Result<Value, FormatError> {
    let text = crate::error::utf8(source)?;
    let mut parser = Parser { source: text, bytes: source, position: 0, values: 0, max_values };
    parser.skip_bom();
    parser.skip_space()?;
    parser.skip_assignment()?;
    let value = parser.value(0)?;
    parser.skip_space()?;
    if parser.peek() == Some(b';') {
        parser.position += 1;
        parser.skip_space()?;
    }
    if parser.position < parser.bytes.len() {
        return Err(parser.error("unexpected text after the end of the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    source: &'a str,
    bytes: &'a [u8],
    position: usize,
    /// Values parsed so far, against `max_values`.
    values: usize,
    max_values: usize,
}

impl Parser<'_> {
    fn error(&self, message: impl Into<String>) -> FormatError {
        FormatError::at(self.bytes, self.position, message)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn skip_bom(&mut self) {
        if self.source.starts_with('\u{feff}') {
            self.position = '\u{feff}'.len_utf8();
        }
    }

    /// Skips white space and JavaScript comments.
    fn skip_space(&mut self) -> Result<(), FormatError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.position += 1,
                Some(b'/') if self.bytes.get(self.position + 1) == Some(&b'/') => {
                    while self.peek().is_some_and(|byte| byte != b'\n') {
                        self.position += 1;
                    }
                }
                Some(b'/') if self.bytes.get(self.position + 1) == Some(&b'*') => {
                    let start = self.position;
                    match self.source[self.position + 2..].find("*/") {
                        Some(end) => self.position += 2 + end + 2,
                        None => {
                            self.position = start;
                            return Err(self.error("a comment is not closed"));
                        }
                    }
                }
                _ if self.source[self.position..].starts_with('\u{feff}') => self.position += 3,
                _ => return Ok(()),
            }
        }
    }

    /// Skips a JavaScript wrapper such as `var json = ` or `export default `.
    fn skip_assignment(&mut self) -> Result<(), FormatError> {
        if matches!(self.peek(), Some(b'{' | b'[')) {
            return Ok(());
        }
        let rest = &self.source[self.position..];
        let Some(open) = rest.find(['{', '[']) else { return Ok(()) };
        let prefix = &rest[..open];
        let is_wrapper = prefix.trim_end().ends_with('=') || prefix.trim() == "export default";
        let plain_words = prefix.chars().all(|c| c.is_alphanumeric() || c.is_whitespace() || "_$=.:".contains(c));
        if is_wrapper && plain_words {
            self.position += open;
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Value, FormatError> {
        if depth >= MAX_DEPTH {
            return Err(self.error(format!("values are nested more than {MAX_DEPTH} levels deep")));
        }
        self.values += 1;
        if self.values > self.max_values {
            return Err(self.error(format!("more than {} values; this is not a questionnaire", self.max_values)));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(quote @ (b'"' | b'\'')) => self.string(quote).map(Value::String),
            Some(b'-' | b'+' | b'.' | b'0'..=b'9') => Ok(Value::Number(self.word().to_owned())),
            Some(byte) if byte.is_ascii_alphabetic() || byte == b'_' || byte == b'$' => {
                let start = self.position;
                match self.word() {
                    "true" => Ok(Value::Bool(true)),
                    "false" => Ok(Value::Bool(false)),
                    "null" | "undefined" => Ok(Value::Null),
                    "NaN" | "Infinity" => Ok(Value::Null),
                    word => {
                        let message = format!("unexpected `{word}`; expected a value");
                        self.position = start;
                        Err(self.error(message))
                    }
                }
            }
            Some(_) => Err(self.error("unexpected character; expected a value")),
            None => Err(self.error("the file ends where a value was expected")),
        }
    }

    /// A run of identifier or number characters.
    fn word(&mut self) -> &str {
        let start = self.position;
        while self.peek().is_some_and(|byte| byte.is_ascii_alphanumeric() || b"_$.+-".contains(&byte)) {
            self.position += 1;
        }
        &self.source[start..self.position]
    }

    fn object(&mut self, depth: usize) -> Result<Value, FormatError> {
        let open = self.position;
        self.position += 1;
        let mut members = Vec::new();
        loop {
            self.skip_space()?;
            match self.peek() {
                Some(b'}') => {
                    self.position += 1;
                    return Ok(Value::Object(members));
                }
                None => {
                    self.position = open;
                    return Err(self.error("this object is not closed"));
                }
                _ => {}
            }
            let key = match self.peek() {
                Some(quote @ (b'"' | b'\'')) => self.string(quote)?.text,
                Some(byte) if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' => self.word().to_owned(),
                _ => return Err(self.error("expected a key or `}`")),
            };
            self.skip_space()?;
            if self.peek() != Some(b':') {
                return Err(self.error(format!("expected `:` after the key `{key}`")));
            }
            self.position += 1;
            self.skip_space()?;
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_space()?;
            match self.peek() {
                Some(b',') => self.position += 1,
                Some(b'}') => {}
                None => {
                    self.position = open;
                    return Err(self.error("this object is not closed"));
                }
                _ => return Err(self.error("expected `,` or `}` after an object member")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, FormatError> {
        let open = self.position;
        self.position += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space()?;
            match self.peek() {
                Some(b']') => {
                    self.position += 1;
                    return Ok(Value::Array(items));
                }
                None => {
                    self.position = open;
                    return Err(self.error("this array is not closed"));
                }
                _ => {}
            }
            items.push(self.value(depth + 1)?);
            self.skip_space()?;
            match self.peek() {
                Some(b',') => self.position += 1,
                Some(b']') => {}
                None => {
                    self.position = open;
                    return Err(self.error("this array is not closed"));
                }
                _ => return Err(self.error("expected `,` or `]` after an array element")),
            }
        }
    }

    /// A string literal; the position is on its opening quote.
    fn string(&mut self, quote: u8) -> Result<Mapped, FormatError> {
        let open = self.position;
        self.position += 1;
        let mut mapped = Mapped::default();
        let mut run_start = self.position;
        loop {
            let Some(byte) = self.peek() else {
                self.position = open;
                return Err(self.error("this string is not closed"));
            };
            if byte == quote {
                mapped.push_verbatim(&self.source[run_start..self.position], run_start);
                self.position += 1;
                return Ok(mapped);
            }
            match byte {
                b'\\' => {
                    mapped.push_verbatim(&self.source[run_start..self.position], run_start);
                    let escape_start = self.position;
                    let decoded = self.escape()?;
                    let mut buffer = [0; 4];
                    mapped.push_escaped(decoded.encode_utf8(&mut buffer), escape_start, self.position - escape_start);
                    run_start = self.position;
                }
                _ => self.position += 1,
            }
        }
    }

    /// Decodes the escape sequence at the position (on the backslash).
    fn escape(&mut self) -> Result<char, FormatError> {
        let start = self.position;
        let Some(&kind) = self.bytes.get(self.position + 1) else {
            return Err(self.error("this string is not closed"));
        };
        self.position += 2;
        let decoded = match kind {
            b'"' => '"',
            b'\'' => '\'',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'v' => '\u{b}',
            b'0' => '\0',
            b'\n' => '\n',
            b'x' => {
                let code = self.hex(2, start)?;
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            b'u' => {
                let high = self.hex(4, start)?;
                if (0xD800..0xDC00).contains(&high) && self.source[self.position..].starts_with("\\u") {
                    let before_low = self.position;
                    self.position += 2;
                    let low = self.hex(4, start)?;
                    if (0xDC00..0xE000).contains(&low) {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        return Ok(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                    }
                    // Not a low surrogate: leave it for the next escape.
                    self.position = before_low;
                }
                char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            _ => {
                // JavaScript keeps an unknown escape's character; take the whole character.
                self.position -= 1;
                let c = self.source[self.position..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
                self.position += c.len_utf8();
                c
            }
        };
        Ok(decoded)
    }

    fn hex(&mut self, digits: usize, escape_start: usize) -> Result<u32, FormatError> {
        let text = self.source.get(self.position..self.position + digits).unwrap_or_default();
        match u32::from_str_radix(text, 16) {
            Ok(code) if text.len() == digits && text.bytes().all(|byte| byte.is_ascii_hexdigit()) => {
                self.position += digits;
                Ok(code)
            }
            _ => {
                self.position = escape_start;
                Err(self.error(format!("invalid escape: expected {digits} hexadecimal digits")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_map_through_escapes() {
        let source = br#"{"title": "Caf\u00e9 \"X\" \ud83d\ude00 verdienen"}"#;
        let value = parse(source).unwrap_or(Value::Null);
        let title = value.get("title").and_then(Value::as_mapped).cloned().unwrap_or_default();
        assert_eq!(title.text, "Café \"X\" 😀 verdienen");
        let start = title.text.find("verdienen").unwrap_or(0);
        let range = title.source_range(start..start + "verdienen".len());
        assert_eq!(&source[range], b"verdienen");
        let emoji = title.text.find('😀').unwrap_or(0);
        let range = title.source_range(emoji..emoji + 4);
        assert_eq!(&source[range], br"\ud83d\ude00");
    }

    #[test]
    fn javascript_literals_are_accepted() {
        let source = b"var json = { pages: [ {name: 'a', title: \"b\",}, ], // note\n };";
        let value = parse(source).unwrap_or(Value::Null);
        assert_eq!(value.get("pages").map(|pages| pages.items().len()), Some(1));
    }

    #[test]
    fn errors_name_the_position() {
        assert_eq!(
            parse(b"{\n  \"a\": [1, 2\n"),
            Err(FormatError::Invalid { line: 2, column: 8, message: "this array is not closed".into() })
        );
        let many = format!("{{\"a\": [{}]}}", "[],".repeat(1_000));
        assert!(parse_limited(many.as_bytes(), 1_002).is_ok());
        assert_eq!(
            parse_limited(many.as_bytes(), 1_001),
            Err(FormatError::Invalid {
                line: 1,
                column: 3_005,
                message: "more than 1001 values; this is not a questionnaire".into()
            })
        );
        let deep = "[".repeat(10_000);
        assert!(matches!(parse(deep.as_bytes()), Err(FormatError::Invalid { line: 1, column: 257, .. })));
    }
}
