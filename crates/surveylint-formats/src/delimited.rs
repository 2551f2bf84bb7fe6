//! Comma-, semicolon- and tab-separated files with exact field positions.
//!
//! Quoted fields may span lines and hold doubled quotes (`""`); each field's
//! text maps back to its bytes, so a finding after `""Beste""` still points
//! at the right characters. A quote that never closes is an error naming the
//! line and column where the field starts.

use surveylint::Escape;

use crate::error::FormatError;
use crate::mapped::Mapped;

/// One field of a record.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// The field's text, quotes resolved.
    pub(crate) text: Mapped,
    /// Whether the field was quoted, which decides how replacements are encoded.
    pub(crate) quoted: bool,
}

impl Field {
    /// How a replacement inside this field must be encoded.
    pub(crate) fn escape(&self) -> Escape {
        if self.quoted {
            Escape::CsvQuoted
        } else {
            Escape::CsvBare
        }
    }
}

/// More fields than this are refused: the largest real export has about a
/// hundred thousand, and the cap bounds memory on hostile input (`,,,,…`).
pub(crate) const MAX_FIELDS: usize = 2_000_000;

/// One line (or multi-line record) of fields.
pub(crate) type Record = Vec<Field>;

/// Splits `source` into records. Empty lines are kept as records with one empty field.
pub(crate) fn parse(source: &str, delimiter: u8) -> Result<Vec<Record>, FormatError> {
    parse_limited(source, delimiter, MAX_FIELDS)
}

/// [`parse`] with a cap on the number of fields.
fn parse_limited(source: &str, delimiter: u8, max_fields: usize) -> Result<Vec<Record>, FormatError> {
    let bytes = source.as_bytes();
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut position = usize::from(source.starts_with('\u{feff}')) * 3;
    let mut fields = 0;
    loop {
        let field_start = position;
        fields += 1;
        if fields > max_fields {
            let message = format!("more than {max_fields} fields; this is not a questionnaire");
            return Err(FormatError::at(bytes, field_start, message));
        }
        let mut text = Mapped::default();
        let quoted = bytes.get(position) == Some(&b'"');
        if quoted {
            position += 1;
            let mut run_start = position;
            loop {
                match bytes.get(position) {
                    None => {
                        return Err(FormatError::at(bytes, field_start, "this quoted field is not closed"));
                    }
                    Some(b'"') if bytes.get(position + 1) == Some(&b'"') => {
                        text.push_verbatim(&source[run_start..position], run_start);
                        text.push_escaped("\"", position, 2);
                        position += 2;
                        run_start = position;
                    }
                    Some(b'"') => {
                        text.push_verbatim(&source[run_start..position], run_start);
                        position += 1;
                        break;
                    }
                    Some(_) => position += 1,
                }
            }
            // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
            let rest_start = position;
            while bytes.get(position).is_some_and(|&byte| byte != delimiter && byte != b'\n' && byte != b'\r') {
                position += 1;
            }
            text.push_verbatim(&source[rest_start..position], rest_start);
        } else {
            while bytes.get(position).is_some_and(|&byte| byte != delimiter && byte != b'\n' && byte != b'\r') {
                position += 1;
            }
            text.push_verbatim(&source[field_start..position], field_start);
        }
        record.push(Field { text, quoted });
        match bytes.get(position) {
            Some(&byte) if byte == delimiter => position += 1,
            Some(b'\r') | Some(b'\n') => {
                if bytes.get(position) == Some(&b'\r') {
                    position += 1;
                }
                if bytes.get(position) == Some(&b'\n') {
                    position += 1;
                }
                records.push(std::mem::take(&mut record));
                if position >= bytes.len() {
                    return Ok(records);
                }
            }
            _ => {
                records.push(record);
                return Ok(records);
            }
        }
    }
}

/// The delimiter of a CSV file, judged by its first record: `;` (Dutch Excel), tab, or `,`.
///
/// The first record ends where the parser ends it, at `\n` or a lone `\r`:
/// judged on a longer "line", a rewrite in a later record that adds a comma
/// could flip the delimiter, and the fixed file would no longer read.
pub(crate) fn sniff_delimiter(source: &str) -> u8 {
    let first_line = source.split(['\r', '\n']).next().unwrap_or_default();
    let count = |delimiter: char| first_line.matches(delimiter).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if tabs > commas && tabs > semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_map_back() {
        let source = "a,\"Zeg \"\"ja\"\",\nverdienen\",c\r\nd";
        let records = parse(source, b',').unwrap_or_default();
        assert_eq!(records.len(), 2);
        let field = &records[0][1];
        assert_eq!(field.text.text, "Zeg \"ja\",\nverdienen");
        let start = field.text.text.find("verdienen").unwrap_or(0);
        assert_eq!(&source[field.text.source_range(start..start + 9)], "verdienen");
        assert_eq!(&source[field.text.source_range(4..5)], "\"\"");
        assert_eq!(records[1][0].text.text, "d");
    }

    #[test]
    fn too_many_fields_are_refused() {
        let source = format!("a,b\n{}", ",".repeat(100));
        assert_eq!(parse_limited(&source, b',', 103).map(|records| records.len()), Ok(2));
        assert_eq!(
            parse_limited(&source, b',', 102).err(),
            Some(FormatError::Invalid {
                line: 2,
                column: 101,
                message: "more than 102 fields; this is not a questionnaire".into()
            })
        );
    }

    #[test]
    fn the_delimiter_is_judged_on_the_first_record_only() {
        // Found by the fuzzer: a lone CR ends the header; the commas after it are another record's.
        assert_eq!(sniff_delimiter("type;name;label\rtext,q,Geef ons, een 10, nu\n"), b';');
        assert_eq!(sniff_delimiter("type,name,label\r\ntext;q;a;b;c\n"), b',');
        assert_eq!(sniff_delimiter("type\tname\tlabel\n"), b'\t');
    }

    #[test]
    fn an_unclosed_quote_names_its_start() {
        let error = parse("a,b\nc,\"open\n\n", b',').err();
        assert_eq!(
            error,
            Some(FormatError::Invalid { line: 2, column: 3, message: "this quoted field is not closed".into() })
        );
    }
}
