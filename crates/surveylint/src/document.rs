//! The text model every reader produces and every rule runs on.
//!
//! A [`Document`] is a list of text [`Unit`]s (a question, an answer option,
//! an invitation paragraph) plus the [`Question`]s that group them. Plain
//! text and Markdown are read by [`crate::text`]; survey formats build the
//! same model, so rules never care where the text came from.

use crate::language::Language;
use crate::source_map::SourceMap;

/// The role a piece of text plays in a questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    /// The survey's title or a Markdown heading.
    Title,
    /// Free text: an invitation, an introduction, a closing or thank-you text.
    Text,
    /// A question stem.
    Question,
    /// Help text under a question.
    Description,
    /// An answer option, a matrix row or column, or a scale label.
    Option,
}

/// How the source stores a unit's text, so a replacement can be written back
/// in the same encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Escape {
    /// Written as it is (plain text, Markdown, spreadsheet cells).
    #[default]
    None,
    /// Inside a JSON string literal.
    Json,
    /// XML or HTML character data.
    Xml,
    /// Inside a double-quoted CSV field (quotes are doubled).
    CsvQuoted,
    /// An unquoted field of a delimited file (CSV or tab-separated), where a
    /// separator, quote or line break in a replacement would split the field.
    CsvBare,
}

impl Escape {
    /// Encodes `text` so it can replace bytes of a unit stored this way;
    /// `None` when the storage cannot hold it (a comma in a bare CSV field).
    pub fn encode(self, text: &str) -> Option<String> {
        let encoded = match self {
            Escape::None => text.to_owned(),
            Escape::Json => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                        c => out.push(c),
                    }
                }
                out
            }
            Escape::Xml => text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"),
            Escape::CsvQuoted => text.replace('"', "\"\""),
            Escape::CsvBare if text.contains([',', ';', '\t', '"', '\r', '\n']) => return None,
            Escape::CsvBare => text.to_owned(),
        };
        Some(encoded)
    }
}

impl Escape {
    /// Decodes text stored this way (a suggestion's replacement) for showing
    /// it to a reader: the inverse of [`Escape::encode`].
    pub fn decode(self, text: &str) -> String {
        match self {
            Escape::None | Escape::CsvBare => text.to_owned(),
            Escape::CsvQuoted => text.replace("\"\"", "\""),
            Escape::Xml => text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
            Escape::Json => {
                let mut out = String::with_capacity(text.len());
                let mut chars = text.chars();
                while let Some(c) = chars.next() {
                    if c != '\\' {
                        out.push(c);
                        continue;
                    }
                    match chars.next() {
                        Some('n') => out.push('\n'),
                        Some('r') => out.push('\r'),
                        Some('t') => out.push('\t'),
                        Some('u') => {
                            let hex: String = chars.by_ref().take(4).collect();
                            let code = u32::from_str_radix(&hex, 16).ok();
                            out.push(code.and_then(char::from_u32).unwrap_or(char::REPLACEMENT_CHARACTER));
                        }
                        Some(other) => out.push(other),
                        None => out.push('\\'),
                    }
                }
                out
            }
        }
    }
}

/// One piece of text that rules look at.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The decoded text (escapes resolved, markup removed).
    pub text: String,
    /// What the text is.
    pub kind: UnitKind,
    /// The language the source declares for this text; `None` to detect it.
    pub language: Option<Language>,
    /// Where the decoded text's bytes are in the source.
    pub map: SourceMap,
    /// How the source encodes this text.
    pub escape: Escape,
    /// A position that is not a byte offset, such as a spreadsheet cell (`survey!C7`).
    pub location: Option<String>,
    /// The question this unit belongs to, as an index into [`Document::questions`].
    pub question: Option<usize>,
}

impl Unit {
    /// A unit copied verbatim from `source[start..start + text.len()]`.
    pub fn verbatim(text: impl Into<String>, kind: UnitKind, source_start: usize) -> Unit {
        let text = text.into();
        let map = SourceMap::verbatim(source_start, text.len());
        Unit { text, kind, language: None, map, escape: Escape::None, location: None, question: None }
    }
}

/// What kind of answer a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    /// Free-text answer.
    Open,
    /// One option from a list.
    SingleChoice,
    /// Any number of options from a list.
    MultipleChoice,
    /// A number on a scale (stars, 0–10, 1–5).
    Rating,
    /// Several rows answered on the same columns.
    Matrix,
    /// Yes or no.
    Boolean,
    /// No answer at all (a text block, an image).
    Display,
}

/// A numeric rating scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    /// The lowest value.
    pub min: i64,
    /// The highest value.
    pub max: i64,
    /// Units holding the label of the low end, if any.
    pub min_label: Option<usize>,
    /// Units holding the label of the high end, if any.
    pub max_label: Option<usize>,
}

/// A question and the units that belong to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// The survey's identifier for the question (`name` in SurveyJS, `DataExportTag` in Qualtrics).
    pub name: Option<String>,
    /// The unit holding the question stem.
    pub text: usize,
    /// The unit holding its help text, if any.
    pub description: Option<usize>,
    /// Units holding the answer options (or matrix columns), in order.
    pub options: Vec<usize>,
    /// Units holding matrix rows, in order.
    pub rows: Vec<usize>,
    /// The numeric scale of a rating question.
    pub scale: Option<Scale>,
}

impl Question {
    /// A question with only a stem; readers fill in the rest.
    pub fn new(kind: QuestionKind, text: usize) -> Question {
        Question { kind, name: None, text, description: None, options: Vec::new(), rows: Vec::new(), scale: None }
    }
}

/// A questionnaire, invitation or any text to lint, as units and questions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Every piece of text, in source order.
    pub units: Vec<Unit>,
    /// The questions, in source order.
    pub questions: Vec<Question>,
    /// Inline `surveylint-disable…` directives found in the source's comments
    /// (see [`crate::find_suppressions`]); the linter drops the findings they cover.
    pub suppressions: Vec<crate::Suppression>,
}

impl Document {
    /// An empty document.
    pub fn new() -> Document {
        Document::default()
    }

    /// Adds a unit and returns its index.
    pub fn push_unit(&mut self, unit: Unit) -> usize {
        self.units.push(unit);
        self.units.len() - 1
    }

    /// Adds a question, links its units to it, and returns its index.
    pub fn push_question(&mut self, question: Question) -> usize {
        let index = self.questions.len();
        let members = std::iter::once(question.text)
            .chain(question.description)
            .chain(question.options.iter().copied())
            .chain(question.rows.iter().copied());
        for unit in members {
            if let Some(unit) = self.units.get_mut(unit) {
                unit.question = Some(index);
            }
        }
        self.questions.push(question);
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacements_are_encoded_for_their_storage() {
        assert_eq!(Escape::Json.encode("zeg \"nee\"\n"), Some("zeg \\\"nee\\\"\\n".to_owned()));
        assert_eq!(Escape::Xml.encode("a < b & c"), Some("a &lt; b &amp; c".to_owned()));
        assert_eq!(Escape::CsvQuoted.encode("zeg \"nee\""), Some("zeg \"\"nee\"\"".to_owned()));
        assert_eq!(Escape::CsvBare.encode("hoe tevreden of ontevreden"), Some("hoe tevreden of ontevreden".to_owned()));
        assert_eq!(Escape::CsvBare.encode("Welk cijfer, en waarom?"), None);
    }

    #[test]
    fn decoding_undoes_encoding() {
        let text = "Zeg \"nee\" <of> ja & \\ \n\té 😀";
        for escape in [Escape::None, Escape::Json, Escape::Xml, Escape::CsvQuoted] {
            let encoded = escape.encode(text).unwrap_or_default();
            assert_eq!(escape.decode(&encoded), text, "{escape:?}");
        }
        assert_eq!(Escape::Json.decode("caf\\u00e9"), "café");
    }
}
