//! Rules as data: the TOML rule-file format and the read-only metadata the
//! public API exposes.
//!
//! One file holds one rule in both languages: its patterns, exceptions,
//! message, rationale, rewrite advice and the examples that test it.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::language::Language;
use crate::Error;

/// Where each rule's documentation lives: the base address, followed by the slug.
/// One constant, so the language server, SARIF output and any embedder agree.
pub const RULE_DOCS_BASE: &str = "https://surveylint.invalid/rules/";

/// The documentation address of the rule `slug`.
pub fn rule_docs_url(slug: &str) -> String {
    format!("{RULE_DOCS_BASE}{slug}")
}

/// Whether a rule matches wording or looks at the questionnaire's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// Matches phrases in the text with patterns.
    Phrase,
    /// Checks the questionnaire's structure (scales, options, length); the
    /// logic is built in, the rule file holds its texts and examples.
    Survey,
}

/// Where in a questionnaire a phrase rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    /// A question: a question unit, or a sentence ending in `?`.
    Question,
    /// An answer option, matrix row or scale label.
    Option,
    /// Any other text: titles, invitations, introductions, closings.
    Text,
    /// A statement the respondent is asked to agree or disagree with
    /// ("Stelling: …", or with an agree–disagree scale after it), in a
    /// question or a text: a rule that lists it reads such a statement as the
    /// question of its item, and its exceptions read it with a `?` at its end.
    Statement,
}

/// What a rule's replacement text stands in for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReplaceScope {
    /// The match from its first named group to the end of the flag (and on
    /// over trailing spaces and commas); context the pattern reads before or
    /// after stays. See `engine::rewritten_part`.
    #[default]
    Match,
    /// Only the `flag` group (the flagged words).
    Flag,
    /// The whole sentence holding the match.
    Sentence,
}

/// A rule's texts and examples in one language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct RuleText {
    /// A short name for readers who do not know the slug ("Vraagt om een
    /// topscore"); rule files without one get the slug in words.
    pub title: String,
    /// One sentence shown with each finding; `{match}` stands for the flagged words.
    pub message: String,
    /// Why the wording is a problem, with its source.
    pub rationale: String,
    /// How to ask neutrally instead.
    pub advice: String,
    /// The template of the suggested rewrite, if the rule has one.
    pub replacement: Option<String>,
    /// Texts the rule must flag. `[[` and `]]` may mark the exact flagged words.
    pub must_flag: Vec<String>,
    /// Texts the rule must leave alone.
    pub must_not_flag: Vec<String>,
}

/// A rule's metadata: everything but its compiled patterns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Rule {
    /// The stable slug, e.g. `score-begging`.
    pub slug: String,
    /// The stable code, e.g. `SL001`.
    pub code: String,
    /// The severity findings get unless configuration changes it.
    pub severity: Severity,
    /// Phrase or survey rule.
    pub kind: RuleKind,
    /// One line in English saying what the rule catches.
    pub summary: String,
    /// The research and articles the rule rests on.
    pub sources: Vec<String>,
    /// Where phrase patterns apply.
    pub contexts: Vec<Context>,
    /// What a replacement stands in for.
    pub replace: ReplaceScope,
    /// True when `--fix` may apply the replacement without review.
    pub fix_safe: bool,
    /// The languages the rule applies to (both unless the rule file says
    /// otherwise); in the others it has no examples and never fires.
    pub languages: Vec<Language>,
    /// Where the rule file came from (`rules/score-begging.toml`, or a user's path).
    pub origin: String,
    /// Dutch texts.
    pub nl: RuleText,
    /// English texts.
    pub en: RuleText,
}

impl Rule {
    /// The texts in `language`.
    pub fn text(&self, language: Language) -> &RuleText {
        match language {
            Language::Dutch => &self.nl,
            Language::English => &self.en,
        }
    }

    /// True when `name` is this rule's slug or code, in any letter case
    /// (`sl001`, `SL001` and `Score-Begging` all name score-begging). With a
    /// linter at hand, [`crate::Linter::rule_id`] resolves a name once instead.
    pub fn is_named(&self, name: &str) -> bool {
        crate::rule_id::names_rule(name, &self.slug, &self.code)
    }
}

/// A rule file as written in TOML. `P` is a pattern: `Spanned<String>` as
/// read, `(String, line)` once located.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleFile<P = Spanned<String>> {
    slug: String,
    code: String,
    severity: Severity,
    #[serde(default = "phrase_kind")]
    kind: RuleKind,
    summary: String,
    sources: Vec<String>,
    #[serde(default = "all_contexts")]
    contexts: Vec<Context>,
    #[serde(default)]
    replace: ReplaceScope,
    #[serde(default)]
    fix_safe: bool,
    #[serde(default = "both_languages")]
    languages: Vec<Language>,
    nl: LanguageSection<P>,
    en: LanguageSection<P>,
}

fn both_languages() -> Vec<Language> {
    Language::ALL.to_vec()
}

fn phrase_kind() -> RuleKind {
    RuleKind::Phrase
}

fn all_contexts() -> Vec<Context> {
    vec![Context::Question, Context::Option, Context::Text]
}

/// One language's part of a rule file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct LanguageSection<P = Spanned<String>> {
    title: Option<String>,
    message: String,
    rationale: String,
    advice: String,
    #[serde(default = "Vec::new")]
    patterns: Vec<P>,
    #[serde(default = "Vec::new")]
    exceptions: Vec<P>,
    #[serde(default = "Vec::new")]
    antipatterns: Vec<P>,
    replacement: Option<String>,
    #[serde(default)]
    must_flag: Vec<String>,
    #[serde(default)]
    must_not_flag: Vec<String>,
}

impl LanguageSection {
    /// The section with each pattern located on its line.
    fn located(self, line_of: impl Fn(&Spanned<String>) -> usize) -> LanguageSection<(String, usize)> {
        let locate = |patterns: Vec<Spanned<String>>| {
            patterns
                .into_iter()
                .map(|pattern| {
                    let line = line_of(&pattern);
                    (pattern.into_inner(), line)
                })
                .collect()
        };
        LanguageSection {
            title: self.title,
            message: self.message,
            rationale: self.rationale,
            advice: self.advice,
            patterns: locate(self.patterns),
            exceptions: locate(self.exceptions),
            antipatterns: locate(self.antipatterns),
            replacement: self.replacement,
            must_flag: self.must_flag,
            must_not_flag: self.must_not_flag,
        }
    }
}

/// A built-in rule file's values as written, read at build time
/// (`build.rs`, `BUILTIN_RULE_FILES`) so the linter starts without parsing
/// TOML; a key the file leaves out is `None`.
pub(crate) struct BuiltinRuleFile {
    pub(crate) origin: &'static str,
    pub(crate) slug: &'static str,
    pub(crate) code: &'static str,
    pub(crate) severity: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) kind: Option<&'static str>,
    pub(crate) replace: Option<&'static str>,
    pub(crate) fix_safe: Option<bool>,
    pub(crate) sources: &'static [&'static str],
    pub(crate) contexts: Option<&'static [&'static str]>,
    pub(crate) languages: Option<&'static [&'static str]>,
    pub(crate) nl: BuiltinSection,
    pub(crate) en: BuiltinSection,
}

/// One language's part of a [`BuiltinRuleFile`]; patterns with their line.
pub(crate) struct BuiltinSection {
    pub(crate) title: Option<&'static str>,
    pub(crate) replacement: Option<&'static str>,
    pub(crate) message: &'static str,
    pub(crate) rationale: &'static str,
    pub(crate) advice: &'static str,
    pub(crate) patterns: &'static [(&'static str, usize)],
    pub(crate) exceptions: &'static [(&'static str, usize)],
    pub(crate) antipatterns: &'static [(&'static str, usize)],
    pub(crate) must_flag: &'static [&'static str],
    pub(crate) must_not_flag: &'static [&'static str],
}

/// The minimum number of examples each way, per language.
pub(crate) const MIN_EXAMPLES: usize = 5;

/// A parsed rule file: its metadata plus the raw patterns, still to compile.
pub(crate) struct ParsedRule {
    pub(crate) rule: Rule,
    /// Patterns per language, with the line they stand on.
    pub(crate) patterns: BTreeMap<Language, LocatedPatterns>,
    /// Silence a match anywhere in its sentence.
    pub(crate) exceptions: BTreeMap<Language, LocatedPatterns>,
    /// Silence a match whose flagged words they overlap.
    pub(crate) antipatterns: BTreeMap<Language, LocatedPatterns>,
}

/// The patterns, exceptions and antipatterns of one language, with their lines.
pub(crate) type LocatedPatterns = Vec<(String, usize)>;

impl ParsedRule {
    /// Every pattern the rule file holds (patterns, exceptions, antipatterns),
    /// per language: what syntax checks and team classes apply to.
    pub(crate) fn every_pattern(&self) -> impl Iterator<Item = (&Language, &LocatedPatterns)> {
        self.patterns.iter().chain(&self.exceptions).chain(&self.antipatterns)
    }

    /// [`ParsedRule::every_pattern`], to rewrite them.
    pub(crate) fn every_pattern_mut(&mut self) -> impl Iterator<Item = (&Language, &mut LocatedPatterns)> {
        self.patterns.iter_mut().chain(self.exceptions.iter_mut()).chain(self.antipatterns.iter_mut())
    }
}

/// Parses one rule file. `origin` names it in error messages.
pub(crate) fn parse_rule_file(origin: &str, source: &str) -> Result<ParsedRule, Error> {
    let file: RuleFile = toml::from_str(source).map_err(|error| {
        let (line, column) = error.span().map_or((1, 1), |span| line_column(source, span.start));
        Error::RuleFile { origin: origin.to_owned(), line, column, message: error.message().trim().to_owned() }
    })?;
    // One index for the whole file: a rule has dozens of patterns.
    let lines = crate::position::LineIndex::new(source);
    // Only the line is kept (messages name `file:line`), which needs no column count.
    let line_of = |pattern: &Spanned<String>| lines.line_of(pattern.span().start) + 1;
    let located = RuleFile {
        nl: file.nl.located(line_of),
        en: file.en.located(line_of),
        slug: file.slug,
        code: file.code,
        severity: file.severity,
        kind: file.kind,
        summary: file.summary,
        sources: file.sources,
        contexts: file.contexts,
        replace: file.replace,
        fix_safe: file.fix_safe,
        languages: file.languages,
    };
    checked(origin, located)
}

/// A built-in rule file read at build time, checked as [`parse_rule_file`]
/// checks it, with the rule file format's defaults for the keys it leaves out.
pub(crate) fn parse_builtin(file: &BuiltinRuleFile) -> Result<ParsedRule, Error> {
    let origin = file.origin;
    let owned =
        |located: &[(&str, usize)]| located.iter().map(|(pattern, line)| ((*pattern).to_owned(), *line)).collect();
    let section = |section: &BuiltinSection| LanguageSection {
        title: section.title.map(str::to_owned),
        message: section.message.to_owned(),
        rationale: section.rationale.to_owned(),
        advice: section.advice.to_owned(),
        patterns: owned(section.patterns),
        exceptions: owned(section.exceptions),
        antipatterns: owned(section.antipatterns),
        replacement: section.replacement.map(str::to_owned),
        must_flag: section.must_flag.iter().map(|text| (*text).to_owned()).collect(),
        must_not_flag: section.must_not_flag.iter().map(|text| (*text).to_owned()).collect(),
    };
    let located = RuleFile {
        slug: file.slug.to_owned(),
        code: file.code.to_owned(),
        severity: variant(origin, file.severity)?,
        kind: file.kind.map(|kind| variant(origin, kind)).transpose()?.unwrap_or_else(phrase_kind),
        summary: file.summary.to_owned(),
        sources: file.sources.iter().map(|source| (*source).to_owned()).collect(),
        contexts: file.contexts.map(|names| variants(origin, names)).transpose()?.unwrap_or_else(all_contexts),
        replace: file.replace.map(|replace| variant(origin, replace)).transpose()?.unwrap_or_default(),
        fix_safe: file.fix_safe.unwrap_or_default(),
        languages: file.languages.map(|names| variants(origin, names)).transpose()?.unwrap_or_else(both_languages),
        nl: section(&file.nl),
        en: section(&file.en),
    };
    checked(origin, located)
}

/// The value a rule file names by `name` ("error", "phrase", "nl"), read as
/// serde reads it from TOML.
fn variant<T: serde::de::DeserializeOwned>(origin: &str, name: &str) -> Result<T, Error> {
    let deserializer = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name);
    T::deserialize(deserializer).map_err(|error| Error::RuleFile {
        origin: origin.to_owned(),
        line: 1,
        column: 1,
        message: error.to_string(),
    })
}

fn variants<T: serde::de::DeserializeOwned>(origin: &str, names: &[&str]) -> Result<Vec<T>, Error> {
    names.iter().map(|name| variant(origin, name)).collect()
}

/// Checks a rule file read either way and turns it into a rule.
fn checked(origin: &str, mut file: RuleFile<(String, usize)>) -> Result<ParsedRule, Error> {
    let at_top = |message: String| Error::RuleFile { origin: origin.to_owned(), line: 1, column: 1, message };
    if !is_slug(&file.slug) {
        return Err(at_top(format!("slug `{}` must be lowercase words joined by hyphens", file.slug)));
    }
    if file.languages.is_empty() {
        return Err(at_top("`languages` must name at least one language".to_owned()));
    }
    for (language, section) in [(Language::Dutch, &file.nl), (Language::English, &file.en)] {
        // A language the rule does not apply to (the u/je distinction has no
        // English counterpart) keeps its texts, which say so, but has no examples.
        if !file.languages.contains(&language) {
            continue;
        }
        if section.must_flag.len() < MIN_EXAMPLES || section.must_not_flag.len() < MIN_EXAMPLES {
            return Err(at_top(format!(
                "[{}] needs at least {MIN_EXAMPLES} must-flag and {MIN_EXAMPLES} must-not-flag examples (has {} and {})",
                language.code(),
                section.must_flag.len(),
                section.must_not_flag.len()
            )));
        }
        if file.kind == RuleKind::Phrase && section.patterns.is_empty() {
            return Err(at_top(format!("[{}] a phrase rule needs at least one pattern", language.code())));
        }
    }
    let mut patterns = BTreeMap::new();
    let mut exceptions = BTreeMap::new();
    let mut antipatterns = BTreeMap::new();
    // Moved out: the rule's texts below need the rest of each section.
    for (language, section) in [(Language::Dutch, &mut file.nl), (Language::English, &mut file.en)] {
        patterns.insert(language, std::mem::take(&mut section.patterns));
        exceptions.insert(language, std::mem::take(&mut section.exceptions));
        antipatterns.insert(language, std::mem::take(&mut section.antipatterns));
    }
    let slug_in_words = {
        let words = file.slug.replace('-', " ");
        let mut chars = words.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
    };
    let text = |section: LanguageSection<(String, usize)>| RuleText {
        title: section.title.map(|title| title.trim().to_owned()).unwrap_or_else(|| slug_in_words.clone()),
        message: section.message.trim().to_owned(),
        rationale: section.rationale.trim().to_owned(),
        advice: section.advice.trim().to_owned(),
        replacement: section.replacement,
        must_flag: section.must_flag,
        must_not_flag: section.must_not_flag,
    };
    let rule = Rule {
        slug: file.slug,
        code: file.code,
        severity: file.severity,
        kind: file.kind,
        summary: file.summary.trim().to_owned(),
        sources: file.sources,
        contexts: file.contexts,
        replace: file.replace,
        fix_safe: file.fix_safe,
        languages: file.languages,
        origin: origin.to_owned(),
        nl: text(file.nl),
        en: text(file.en),
    };
    Ok(ParsedRule { rule, patterns, exceptions, antipatterns })
}

fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .split('-')
            .all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(source: &str, offset: usize) -> (usize, usize) {
    crate::position::locate(source, offset, crate::position::ColumnUnit::Char).one_based()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{BUILTIN_RULES, BUILTIN_RULE_FILES};

    /// The linter starts from the tables `build.rs` made; they must say what
    /// the rule files say when parsed as TOML, defaults and pattern lines
    /// included.
    #[test]
    fn the_build_time_tables_equal_the_rule_files_parsed_at_run_time() {
        assert_eq!(BUILTIN_RULE_FILES.len(), BUILTIN_RULES.len());
        for (table, (origin, source)) in BUILTIN_RULE_FILES.iter().zip(BUILTIN_RULES) {
            assert_eq!(table.origin, *origin);
            let from_toml = parse_rule_file(origin, source).unwrap_or_else(|error| panic!("{error}"));
            let from_table = parse_builtin(table).unwrap_or_else(|error| panic!("{error}"));
            assert_eq!(from_table.rule, from_toml.rule, "{origin}");
            assert_eq!(from_table.patterns, from_toml.patterns, "{origin}");
            assert_eq!(from_table.exceptions, from_toml.exceptions, "{origin}");
            assert_eq!(from_table.antipatterns, from_toml.antipatterns, "{origin}");
        }
    }

    #[test]
    fn a_bad_value_in_a_table_is_an_error_naming_the_file() {
        let error = variant::<Severity>("rules/x.toml", "loud").err().map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some("rules/x.toml:1:1: unknown variant `loud`, expected one of `hint`, `info`, `warning`, `error`")
        );
    }
}
