//! Compiles the phrase patterns of all rules into one multi-pattern regex per
//! language and runs it over a unit in a single pass.
//!
//! Patterns are written against the matching view of [`crate::normalize`]:
//! lowercase ASCII, single spaces, straight quotes. Before compiling, the
//! number placeholders `<0>` … `<10>` expand to digits and number words of
//! the rule's language, and `<top>` to "9 or 10" in any spelling.

use std::ops::Range;

use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, PatternID};

use crate::language::Language;
use crate::Error;

/// Number words per value, by language. "een"/"one" are left out because
/// they are far more often an article or pronoun than a score.
fn number_words(language: Language, value: usize) -> &'static [&'static str] {
    const DUTCH: [&[&str]; 11] = [
        &["nul"],
        &[],
        &["twee"],
        &["drie"],
        &["vier"],
        &["vijf"],
        &["zes"],
        &["zeven"],
        &["acht"],
        &["negen"],
        &["tien"],
    ];
    const ENGLISH: [&[&str]; 11] = [
        &["zero"],
        &[],
        &["two"],
        &["three"],
        &["four"],
        &["five"],
        &["six"],
        &["seven"],
        &["eight"],
        &["nine"],
        &["ten"],
    ];
    match language {
        Language::Dutch => DUTCH[value],
        Language::English => ENGLISH[value],
    }
}

fn number_alternation(language: Language, values: &[usize]) -> String {
    let mut alternatives: Vec<String> = Vec::new();
    for &value in values {
        alternatives.push(value.to_string());
        alternatives.extend(number_words(language, value).iter().map(|word| (*word).to_owned()));
    }
    format!("(?:{})", alternatives.join("|"))
}

/// Expands the placeholders of a pattern for `language`.
pub(crate) fn expand_placeholders(pattern: &str, language: Language) -> String {
    let mut expanded = pattern.replace("<top>", &number_alternation(language, &[9, 10]));
    for value in (0..=10).rev() {
        expanded = expanded.replace(&format!("<{value}>"), &number_alternation(language, &[value]));
    }
    expanded
}

fn syntax_config() -> syntax::Config {
    // The matching view is ASCII, so ASCII classes and word boundaries are
    // exact and keep the regex on its DFA paths.
    // Patterns are written in lowercase against a lowercase view, so no case
    // folding is needed, which keeps the automaton small.
    syntax::Config::new().unicode(false).utf8(false)
}

/// Compiles patterns; a bad one is reported with its rule file and line.
pub(crate) fn compile(patterns: &[(String, usize, &str)], language: Language) -> Result<Option<Regex>, Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let expanded: Vec<String> = patterns.iter().map(|(pattern, _, _)| expand_placeholders(pattern, language)).collect();
    let build = |patterns: &[String]| {
        Regex::builder().syntax(syntax_config()).configure(Regex::config().utf8_empty(false)).build_many(patterns)
    };
    match build(&expanded) {
        Ok(regex) => Ok(Some(regex)),
        Err(_) => {
            // Find the culprit, so the message names one pattern and its line.
            for ((pattern, line, origin), expanded) in patterns.iter().zip(&expanded) {
                if let Err(error) = build(std::slice::from_ref(expanded)) {
                    return Err(Error::RuleFile {
                        origin: (*origin).to_owned(),
                        line: *line,
                        column: 1,
                        message: format!("invalid pattern `{pattern}`: {}", first_line(&error.to_string())),
                    });
                }
            }
            Err(Error::RuleFile {
                origin: "rules".to_owned(),
                line: 1,
                column: 1,
                message: "the patterns could not be compiled together".to_owned(),
            })
        }
    }
}

/// Exception patterns, checked for syntax when the linter is built but
/// compiled only the first time their rule matches: most rules never match a
/// given text, and compiling every exception set up front would dominate the
/// linter's start-up time.
pub(crate) struct LazyPatterns {
    expanded: Vec<String>,
    compiled: std::sync::OnceLock<Option<Regex>>,
}

impl LazyPatterns {
    /// Validates the patterns (reporting a bad one with its file and line).
    pub(crate) fn new(patterns: &[(String, usize, &str)], language: Language) -> Result<LazyPatterns, Error> {
        let mut expanded = Vec::with_capacity(patterns.len());
        for (pattern, line, origin) in patterns {
            let pattern_expanded = expand_placeholders(pattern, language);
            if let Err(error) = syntax::parse_with(&pattern_expanded, &syntax_config()) {
                return Err(Error::RuleFile {
                    origin: (*origin).to_owned(),
                    line: *line,
                    column: 1,
                    message: format!("invalid pattern `{pattern}`: {}", first_line(&error.to_string())),
                });
            }
            expanded.push(pattern_expanded);
        }
        Ok(LazyPatterns { expanded, compiled: std::sync::OnceLock::new() })
    }

    /// True when there are no patterns.
    pub(crate) fn is_empty(&self) -> bool {
        self.expanded.is_empty()
    }

    /// The compiled patterns; `None` when there are none.
    pub(crate) fn get(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| if self.expanded.is_empty() { None } else { build(&self.expanded).ok() }).as_ref()
    }
}

fn build(patterns: &[String]) -> Result<Regex, regex_automata::meta::BuildError> {
    Regex::builder()
        .syntax(syntax_config())
        // A larger lazy-DFA cache keeps the combined automaton of every
        // rule from thrashing back to the slower PikeVM.
        .configure(Regex::config().utf8_empty(false).hybrid_cache_capacity(8 << 20))
        .build_many(patterns)
}

fn first_line(message: &str) -> String {
    message.lines().filter(|line| !line.trim().is_empty()).collect::<Vec<_>>().join(" ")
}

/// One match of one pattern in a unit's matching view.
pub(crate) struct PatternMatch {
    pub(crate) pattern: PatternID,
    /// The whole match.
    pub(crate) whole: Range<usize>,
    /// The `flag` group, or the whole match.
    pub(crate) flag: Range<usize>,
    /// Numbered and named groups, for replacement templates.
    pub(crate) captures: Captures,
}

/// Every match in `text`, including matches of other patterns that start
/// inside an earlier match; one pass of the combined regex finds each.
pub(crate) fn find_all(regex: &Regex, text: &str) -> Vec<PatternMatch> {
    let mut found = Vec::new();
    let mut position = 0;
    // Created on the first match only: most units match nothing, and the
    // slots for every group of every pattern are not free.
    let mut captures: Option<Captures> = None;
    while position <= text.len() {
        let Some(found_match) = regex.search(&Input::new(text).range(position..)) else {
            break;
        };
        let pattern = found_match.pattern();
        let anchored = Input::new(text).range(found_match.start()..).anchored(Anchored::Pattern(pattern));
        let captures = captures.get_or_insert_with(|| regex.create_captures());
        regex.search_captures(&anchored, captures);
        let whole = found_match.range();
        let flag = group_range(regex, captures, pattern, "flag").unwrap_or_else(|| whole.clone());
        found.push(PatternMatch { pattern, whole: whole.clone(), flag, captures: captures.clone() });
        // The view is ASCII, so the next byte is the next character.
        position = found_match.start() + 1;
    }
    found
}

fn group_range(regex: &Regex, captures: &Captures, pattern: PatternID, name: &str) -> Option<Range<usize>> {
    let index = regex.group_info().to_index(pattern, name)?;
    captures.get_group(index).map(|span| span.range())
}

/// True when `regex` matches anywhere inside `range` of `text`.
pub(crate) fn matches_within(regex: &Regex, text: &str, range: Range<usize>) -> bool {
    regex.is_match(Input::new(&text[..range.end]).range(range.start..))
}

/// The bounds of the sentence around `range` in the matching view: from
/// after the previous `.`, `!` or `?` followed by a space, to the next one.
pub(crate) fn sentence_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let is_end = |index: usize| {
        matches!(bytes.get(index), Some(b'.' | b'!' | b'?'))
            && bytes.get(index + 1).is_none_or(|next| *next == b' ' || *next == b'"' || *next == b'\'')
    };
    let mut start = range.start;
    while start > 0 && !is_end(start - 1) {
        start -= 1;
    }
    let mut end = range.end.max(start);
    while end < bytes.len() && !is_end(end) {
        end += 1;
    }
    let end = (end + 1).min(bytes.len());
    let leading_space = text[start..end].len() - text[start..end].trim_start().len();
    (start + leading_space)..end
}

/// Expands `$0`, `$1`… and `${name}` in a replacement template with the
/// original words those groups matched (`original` maps view ranges to them).
pub(crate) fn expand_template(
    template: &str,
    regex: &Regex,
    found: &PatternMatch,
    original: impl Fn(Range<usize>) -> String,
) -> String {
    let pattern = found.pattern;
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let (name, consumed) = if let Some(braced) = after.strip_prefix('{') {
            match braced.find('}') {
                Some(close) => (&braced[..close], close + 2),
                None => ("", 0),
            }
        } else {
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            (&after[..digits], digits)
        };
        if name.is_empty() {
            out.push('$');
            rest = after;
            continue;
        }
        // `${group?words}` inserts `words` when `group` took part in the match. It lets one
        // template carry per-pattern words the text itself lacks, such as the opposite pole
        // of a one-sided question ("satisfied" needs "dissatisfied", "easy" needs "difficult").
        let (name, literal) = name.split_once('?').map_or((name, None), |(group, words)| (group, Some(words)));
        let index = name.parse::<usize>().ok().or_else(|| regex.group_info().to_index(pattern, name));
        if let Some(span) = index.and_then(|index| found.captures.get_group(index)) {
            out.push_str(&literal.map_or_else(|| original(span.range()), str::to_owned));
        }
        rest = &after[consumed..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_expand_per_language() {
        assert_eq!(expand_placeholders("een <top>", Language::Dutch), "een (?:9|negen|10|tien)");
        assert_eq!(expand_placeholders("a <10>", Language::English), "a (?:10|ten)");
        assert_eq!(expand_placeholders("<1> ster", Language::Dutch), "(?:1) ster");
    }

    #[test]
    fn sentence_bounds() {
        let text = "bedankt. hoe tevreden bent u? dank u";
        let sentence = sentence_around(text, &(9..21));
        assert_eq!(&text[sentence], "hoe tevreden bent u?");
    }

    #[test]
    fn conditional_words_appear_only_when_their_group_matched() {
        let patterns = [
            ("how (?P<easy>easy)".to_owned(), 1, "rules/x.toml"),
            ("how (?P<un>helpful)".to_owned(), 2, "rules/x.toml"),
        ];
        let Ok(Some(regex)) = compile(&patterns, Language::English) else { panic!("patterns compile") };
        let template = "$0 or ${easy?difficult}${un?un}${un}";
        let expand = |text: &str| {
            let found = find_all(&regex, text);
            let first = found.first().unwrap_or_else(|| panic!("{text:?} matches"));
            expand_template(template, &regex, first, |range| text[range].to_owned())
        };
        assert_eq!(expand("how easy"), "how easy or difficult");
        assert_eq!(expand("how helpful"), "how helpful or unhelpful");
    }

    #[test]
    fn bad_pattern_names_file_and_line() {
        let error = compile(&[("verdien(en".to_owned(), 7, "rules/x.toml")], Language::Dutch);
        let message = error.err().map(|error| error.to_string()).unwrap_or_default();
        assert!(message.starts_with("rules/x.toml:7:1: invalid pattern `verdien(en`"), "{message}");
    }
}
