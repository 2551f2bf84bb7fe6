//! surveydown surveys: a Quarto document (`.qmd`) whose R chunks call
//! `sd_question(...)`, and the `questions.yml` that declares the same
//! questions in YAML.
//!
//! In the `.qmd`, the Markdown prose is read as Markdown (front matter, code
//! chunks and `:::` page fences are blanked first, so positions stay the
//! file's own), and each `sd_question()` call becomes a question: `label`
//! is the stem, the names of `option = c("Label" = "value", …)` its options
//! and those of `row = c(…)` its matrix rows. Strings map to the file
//! through their escapes. Calls whose label or options are computed (a
//! variable, `paste()`) contribute only the string literals they hold.

use surveylint::{parse_text, Document, Escape, Question, QuestionKind, Scale, TextFormat, UnitKind};

use crate::error::{self, FormatError};
use crate::mapped::Mapped;
use crate::tree::Node;
use crate::units::{Storage, Units};

/// True when Quarto or R Markdown text is a surveydown survey.
pub(crate) fn is_survey(content: &str) -> bool {
    content.contains("sd_question(") || content.contains("library(surveydown)")
}

/// True when a parsed YAML file is surveydown's `questions.yml`: a map of
/// question ids to maps with a `type` and a `label`.
pub(crate) fn is_questions_yml(root: &Node) -> bool {
    let entries = root.entries();
    !entries.is_empty()
        && entries.iter().all(|entry| entry.value.get("type").is_some() && entry.value.get("label").is_some())
}

/// R strings: `\"` and `\\` escape as in JSON.
const R_STRING: Storage<'static> = Storage { escape: Escape::Json, html: false, location: None };

/// Reads a surveydown `.qmd`.
pub(crate) fn read_qmd(bytes: &[u8]) -> Result<Document, FormatError> {
    if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
        return Err(FormatError::at(bytes, offset, "the file holds a NUL byte: it is binary, not text"));
    }
    let text = error::utf8(bytes)?;
    let mut prose = text.as_bytes().to_vec();
    let mut calls = Units::default();
    let mut offset = 0;
    let mut region = Region::Start;
    let mut chunk_start = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim();
        let blank = match region {
            Region::Start if trimmed == "---" || trimmed == "\u{feff}---" => {
                region = Region::FrontMatter;
                true
            }
            Region::FrontMatter => {
                if trimmed == "---" || trimmed == "..." {
                    region = Region::Body;
                }
                true
            }
            Region::Chunk { r } => {
                if trimmed.starts_with("```") {
                    region = Region::Body;
                    if r {
                        read_calls(text, chunk_start, line_start, &mut calls)?;
                    }
                }
                true
            }
            Region::Start | Region::Body => {
                region = Region::Body;
                if trimmed.starts_with("```") {
                    let info = trimmed.trim_start_matches('`').trim();
                    region = Region::Chunk { r: info.starts_with("{r") || info.starts_with("{R") };
                    chunk_start = offset;
                    true
                } else {
                    trimmed.starts_with(":::")
                }
            }
        };
        if blank {
            // Spaces keep every byte offset (and UTF-8) intact.
            for byte in &mut prose[line_start..offset] {
                if !matches!(byte, b'\n' | b'\r') {
                    *byte = b' ';
                }
            }
        }
    }
    if let Region::Chunk { r: true } = region {
        read_calls(text, chunk_start, text.len(), &mut calls)?;
    }
    let prose = String::from_utf8(prose).map_err(|_| FormatError::at(bytes, 0, "the file is not valid UTF-8"))?;
    Ok(merge(parse_text(&prose, TextFormat::Markdown), calls.document))
}

#[derive(Debug, Clone, Copy)]
enum Region {
    Start,
    FrontMatter,
    Body,
    Chunk { r: bool },
}

/// Reads every `sd_question(…)` call in the R code at `text[start..end]`.
/// A string that is not closed before the chunk ends is an error: the chunk
/// is not R this reader understands, and a rewrite that broke a string (an
/// apostrophe written into a single-quoted label) must not pass as fixed.
fn read_calls(text: &str, start: usize, end: usize, units: &mut Units) -> Result<(), FormatError> {
    let mut lexer = Lexer { text, position: start, end, unclosed: None };
    while let Some(token) = lexer.next() {
        if matches!(&token, Token::Word(word, _) if word == "sd_question") && lexer.peek_punct('(') {
            lexer.next();
            let call = lexer.arguments();
            question(units, &call);
        }
    }
    match lexer.unclosed {
        Some(open) => Err(FormatError::at(text.as_bytes(), open, "this R string is not closed before the chunk ends")),
        None => Ok(()),
    }
}

/// The arguments of a call: `(name, value)`; `name` is empty for positional ones.
type Arguments = Vec<(String, Argument)>;

#[derive(Debug, Default)]
enum Argument {
    Text(Mapped),
    /// `c(…)`: the labels shown (names where given, else the strings).
    Labels(Vec<Mapped>),
    /// `seq(from, to, …)`.
    Range(i64, i64),
    #[default]
    Other,
}

fn question(units: &mut Units, call: &Arguments) {
    let argument = |name: &str| call.iter().find(|(key, _)| key == name).map(|(_, value)| value);
    let text = |name: &str| match argument(name) {
        Some(Argument::Text(text)) => Some(text.text.clone()),
        _ => None,
    };
    let kind = match text("type").as_deref().unwrap_or_default() {
        "mc" | "mc_buttons" | "select" => QuestionKind::SingleChoice,
        "mc_multiple" | "mc_multiple_buttons" => QuestionKind::MultipleChoice,
        "slider" | "slider_numeric" => QuestionKind::Rating,
        "matrix" => QuestionKind::Matrix,
        _ => QuestionKind::Open,
    };
    let Some(Argument::Text(label)) = argument("label") else { return };
    let Some(stem) = units.add(label, UnitKind::Question, None, R_STRING) else { return };
    let mut labels = |name: &str| match argument(name) {
        Some(Argument::Labels(labels)) => {
            labels.iter().filter_map(|label| units.add(label, UnitKind::Option, None, R_STRING)).collect()
        }
        _ => Vec::new(),
    };
    let options = labels("option");
    let rows = labels("row");
    let mut question = Question::new(kind, stem);
    question.name = text("id");
    question.options = options;
    question.rows = rows;
    if let Some(Argument::Range(min, max)) = argument("option") {
        question.scale = Some(Scale { min: *min, max: *max, min_label: None, max_label: None });
    }
    units.document.push_question(question);
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A name or keyword, as written (backticks removed), with its start offset.
    Word(String, usize),
    Number(String),
    Text(Mapped),
    Punct(char),
}

/// Just enough of R's lexical syntax to find strings, names and brackets.
struct Lexer<'a> {
    text: &'a str,
    position: usize,
    end: usize,
    /// The opening quote of the first string that was not closed.
    unclosed: Option<usize>,
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.position..self.end).unwrap_or_default()
    }

    fn skip_space(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            self.position += rest.len() - trimmed.len();
            if trimmed.starts_with('#') {
                self.position += trimmed.find('\n').unwrap_or(trimmed.len());
            } else {
                return;
            }
        }
    }

    fn peek_punct(&mut self, wanted: char) -> bool {
        self.skip_space();
        self.rest().starts_with(wanted)
    }

    fn next(&mut self) -> Option<Token> {
        self.skip_space();
        let c = self.rest().chars().next()?;
        let start = self.position;
        if c == '"' || c == '\'' {
            return Some(Token::Text(self.string(c)));
        }
        let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
        if is_word(c) {
            let length = self.rest().find(|c: char| !is_word(c)).unwrap_or(self.rest().len());
            self.position += length;
            let word = self.text[start..self.position].to_owned();
            return Some(if c.is_ascii_digit() { Token::Number(word) } else { Token::Word(word, start) });
        }
        if c == '`' {
            let length = self.rest()[1..].find('`').map_or(self.rest().len(), |close| close + 2);
            self.position += length;
            return Some(Token::Word(self.text[start..self.position].trim_matches('`').to_owned(), start + 1));
        }
        self.position += c.len_utf8();
        Some(Token::Punct(c))
    }

    /// A string literal; the position is on its opening quote.
    fn string(&mut self, quote: char) -> Mapped {
        let open = self.position;
        self.position += 1;
        let mut mapped = Mapped::default();
        let mut run = self.position;
        while let Some(c) = self.rest().chars().next() {
            if c == quote {
                mapped.push_verbatim(&self.text[run..self.position], run);
                self.position += 1;
                return mapped;
            }
            if c == '\\' {
                mapped.push_verbatim(&self.text[run..self.position], run);
                let escape_start = self.position;
                let decoded = self.escape();
                let mut buffer = [0; 4];
                mapped.push_escaped(decoded.encode_utf8(&mut buffer), escape_start, self.position - escape_start);
                run = self.position;
                continue;
            }
            self.position += c.len_utf8();
        }
        // Not closed: take what there is, and remember it.
        self.unclosed = self.unclosed.or(Some(open));
        mapped.push_verbatim(&self.text[run..self.position], run);
        mapped
    }

    /// Decodes the escape at the position (on the backslash).
    fn escape(&mut self) -> char {
        self.position += 1;
        let Some(kind) = self.rest().chars().next() else { return '\\' };
        self.position += kind.len_utf8();
        let hex = |lexer: &mut Lexer, most: usize| {
            let braced = lexer.rest().starts_with('{');
            if braced {
                lexer.position += 1;
            }
            let digits = lexer.rest().chars().take(most).take_while(char::is_ascii_hexdigit).count();
            let code = u32::from_str_radix(&lexer.rest()[..digits], 16).ok();
            lexer.position += digits;
            if braced && lexer.rest().starts_with('}') {
                lexer.position += 1;
            }
            code.and_then(char::from_u32).unwrap_or(char::REPLACEMENT_CHARACTER)
        };
        match kind {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '0' => '\0',
            'x' => hex(self, 2),
            'u' => hex(self, 4),
            'U' => hex(self, 8),
            other => other,
        }
    }

    /// The arguments of a call whose `(` was just read, up to its `)`.
    fn arguments(&mut self) -> Arguments {
        let mut arguments = Vec::new();
        loop {
            let (name, value, closed) = self.argument();
            if !name.is_empty() || !matches!(value, Argument::Other) {
                arguments.push((name, value));
            }
            if closed {
                return arguments;
            }
        }
    }

    /// One argument: `[name =] value`, then whether the call closed after it.
    fn argument(&mut self) -> (String, Argument, bool) {
        let mut name = String::new();
        let mut tokens = Vec::new();
        let mut depth = 0usize;
        while let Some(token) = self.next() {
            match token {
                Token::Punct('(' | '[' | '{') => {
                    depth += 1;
                    tokens.push(token);
                }
                Token::Punct(')' | ']' | '}') if depth == 0 => return (name, value_of(tokens), true),
                Token::Punct(')' | ']' | '}') => {
                    depth -= 1;
                    tokens.push(token);
                }
                Token::Punct(',') if depth == 0 => return (name, value_of(tokens), false),
                Token::Punct('=') if depth == 0 && tokens.len() == 1 && name.is_empty() && !self.peek_punct('=') => {
                    name = match tokens.pop() {
                        Some(Token::Word(word, _)) => word,
                        Some(Token::Text(text)) => text.text,
                        _ => String::new(),
                    };
                }
                token => tokens.push(token),
            }
        }
        (name, value_of(tokens), true)
    }
}

/// What an argument's tokens amount to.
fn value_of(tokens: Vec<Token>) -> Argument {
    match tokens.as_slice() {
        [Token::Text(text)] => Argument::Text(text.clone()),
        [Token::Word(function, _), Token::Punct('('), inner @ .., Token::Punct(')')] if function == "c" => {
            Argument::Labels(vector_labels(inner))
        }
        [Token::Word(function, _), Token::Punct('('), Token::Number(from), Token::Punct(','), Token::Number(to), ..]
            if function == "seq" =>
        {
            match (from.parse::<f64>(), to.parse::<f64>()) {
                (Ok(from), Ok(to)) if from.is_finite() && to.is_finite() => Argument::Range(from as i64, to as i64),
                _ => Argument::Other,
            }
        }
        _ => Argument::Other,
    }
}

/// The labels of `c("Label" = "value", …)`: the names where given (quoted,
/// bare `Ja = "ja"` or in backticks), else the strings.
fn vector_labels(tokens: &[Token]) -> Vec<Mapped> {
    let mut labels = Vec::new();
    for element in tokens.split(|token| *token == Token::Punct(',')) {
        match element {
            [Token::Text(name), Token::Punct('='), ..] => labels.push(name.clone()),
            [Token::Word(name, start), Token::Punct('='), ..] => {
                let mut label = Mapped::default();
                label.push_verbatim(name, *start);
                labels.push(label);
            }
            [Token::Text(text)] => labels.push(text.clone()),
            _ => {}
        }
    }
    labels
}

/// Reads surveydown's `questions.yml`: question ids to `type`, `label`,
/// `options` (labels are the keys) and `row`.
pub(crate) fn read_questions_yml(root: &Node, storage: Storage<'_>) -> Document {
    let mut units = Units::default();
    for entry in root.entries() {
        let spec = &entry.value;
        let kind = match spec.get("type").and_then(Node::as_str).unwrap_or_default() {
            "mc" | "mc_buttons" | "select" => QuestionKind::SingleChoice,
            "mc_multiple" | "mc_multiple_buttons" => QuestionKind::MultipleChoice,
            "slider" | "slider_numeric" => QuestionKind::Rating,
            "matrix" => QuestionKind::Matrix,
            _ => QuestionKind::Open,
        };
        let Some(label) = spec.get("label").and_then(Node::as_mapped) else { continue };
        let Some(stem) = units.add(label, UnitKind::Question, None, storage) else { continue };
        let labels = |key: &str| -> Vec<&Mapped> {
            let Some(list) = spec.get(key) else { return Vec::new() };
            match list {
                Node::Map(entries) => entries.iter().filter_map(|entry| entry.key_text.as_ref()).collect(),
                _ => list.items().iter().filter_map(Node::as_mapped).collect(),
            }
        };
        let options = labels("options");
        let mut question = Question::new(kind, stem);
        question.name = Some(entry.key.clone());
        // A numeric slider's options are its scale ('0': 0.0 … '10': 10.0), not words.
        let numbers: Vec<f64> = options.iter().filter_map(|label| label.text.trim().parse().ok()).collect();
        if kind == QuestionKind::Rating && !options.is_empty() && numbers.len() == options.len() {
            let (min, max) = numbers.iter().fold((f64::MAX, f64::MIN), |(min, max), &n| (min.min(n), max.max(n)));
            question.scale = Some(Scale { min: min as i64, max: max as i64, min_label: None, max_label: None });
        } else {
            question.options =
                options.into_iter().filter_map(|text| units.add(text, UnitKind::Option, None, storage)).collect();
        }
        question.rows =
            labels("row").into_iter().filter_map(|text| units.add(text, UnitKind::Option, None, storage)).collect();
        units.document.push_question(question);
    }
    units.document
}

/// Merges the Markdown prose and the questions of the R chunks into one
/// document, units in source order.
fn merge(prose: Document, calls: Document) -> Document {
    let start = |unit: &surveylint::Unit| unit.map.to_source(surveylint::Span::new(0, 0)).start;
    let mut order: Vec<(usize, bool, usize)> =
        prose.units.iter().enumerate().map(|(i, u)| (start(u), false, i)).collect();
    order.extend(calls.units.iter().enumerate().map(|(i, u)| (start(u), true, i)));
    order.sort_by_key(|&(position, from_calls, index)| (position, from_calls, index));
    let mut new_index = [vec![0; prose.units.len()], vec![0; calls.units.len()]];
    for (index, &(_, from_calls, old)) in order.iter().enumerate() {
        new_index[usize::from(from_calls)][old] = index;
    }
    let remap = |question: &Question, table: &[usize]| {
        let mut question = question.clone();
        let at = |unit: usize| table.get(unit).copied().unwrap_or(unit);
        question.text = at(question.text);
        question.description = question.description.map(at);
        question.options = question.options.iter().map(|&unit| at(unit)).collect();
        question.rows = question.rows.iter().map(|&unit| at(unit)).collect();
        if let Some(scale) = &mut question.scale {
            scale.min_label = scale.min_label.map(at);
            scale.max_label = scale.max_label.map(at);
        }
        question
    };
    let mut questions: Vec<Question> = prose.questions.iter().map(|q| remap(q, &new_index[0])).collect();
    questions.extend(calls.questions.iter().map(|q| remap(q, &new_index[1])));
    questions.sort_by_key(|question| question.text);
    let mut document = Document::new();
    document.suppressions = prose.suppressions;
    for &(_, from_calls, old) in &order {
        let source = if from_calls { &calls.units } else { &prose.units };
        if let Some(unit) = source.get(old) {
            let mut unit = unit.clone();
            unit.question = None;
            document.push_unit(unit);
        }
    }
    for question in questions {
        document.push_question(question);
    }
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(source: &str) -> Result<Vec<String>, FormatError> {
        let document = read_qmd(source.as_bytes())?;
        Ok(document.questions.iter().map(|question| document.units[question.text].text.clone()).collect())
    }

    #[test]
    fn calls_are_read_through_comments_nesting_and_escapes() {
        let source = "```{r}\n# sd_question(label = 'not this')\nsd_question(id = paste0('q', 1), label = 'It\\'s \\u00e9\\u{e9}',\n  option = c(`a b` = 'x', \"Nee\"))\n```\n";
        assert_eq!(stems(source), Ok(vec!["It's éé".to_owned()]));
        let document = read_qmd(source.as_bytes()).unwrap_or_default();
        let options: Vec<&str> =
            document.questions[0].options.iter().map(|&unit| document.units[unit].text.as_str()).collect();
        assert_eq!(options, ["a b", "Nee"]);
    }

    #[test]
    fn a_string_left_open_in_a_chunk_is_an_error() {
        let source = "Tekst\n\n```{r}\nsd_question(label = 'Bent u tevreden?)\n```\n\nMeer tekst met een ' erin.\n";
        assert_eq!(
            stems(source),
            Err(FormatError::Invalid {
                line: 4,
                column: 21,
                message: "this R string is not closed before the chunk ends".to_owned()
            })
        );
    }
}
