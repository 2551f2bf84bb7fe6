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
}

/// What a rule's replacement text stands in for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReplaceScope {
    /// The whole pattern match.
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

/// A rule file as written in TOML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleFile {
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
    nl: LanguageSection,
    en: LanguageSection,
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
pub(crate) struct LanguageSection {
    title: Option<String>,
    message: String,
    rationale: String,
    advice: String,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    exceptions: Vec<Spanned<String>>,
    replacement: Option<String>,
    #[serde(default)]
    must_flag: Vec<String>,
    #[serde(default)]
    must_not_flag: Vec<String>,
}

/// The minimum number of examples each way, per language.
pub(crate) const MIN_EXAMPLES: usize = 5;

/// A parsed rule file: its metadata plus the raw patterns, still to compile.
pub(crate) struct ParsedRule {
    pub(crate) rule: Rule,
    /// Patterns per language, with the line they stand on.
    pub(crate) patterns: BTreeMap<Language, Vec<(String, usize)>>,
    pub(crate) exceptions: BTreeMap<Language, Vec<(String, usize)>>,
}

/// Parses one rule file. `origin` names it in error messages.
pub(crate) fn parse_rule_file(origin: &str, source: &str) -> Result<ParsedRule, Error> {
    let file: RuleFile = toml::from_str(source).map_err(|error| {
        let (line, column) = error.span().map_or((1, 1), |span| line_column(source, span.start));
        Error::RuleFile { origin: origin.to_owned(), line, column, message: error.message().trim().to_owned() }
    })?;
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
    // One index for the whole file: a rule has dozens of patterns.
    let lines = crate::position::LineIndex::new(source);
    let positioned = |patterns: &[Spanned<String>]| -> Vec<(String, usize)> {
        patterns
            .iter()
            // Only the line is kept (messages name `file:line`), which needs no column count.
            .map(|pattern| (pattern.get_ref().clone(), lines.line_of(pattern.span().start) + 1))
            .collect()
    };
    let mut patterns = BTreeMap::new();
    let mut exceptions = BTreeMap::new();
    for (language, section) in [(Language::Dutch, &file.nl), (Language::English, &file.en)] {
        patterns.insert(language, positioned(&section.patterns));
        exceptions.insert(language, positioned(&section.exceptions));
    }
    let slug_in_words = {
        let words = file.slug.replace('-', " ");
        let mut chars = words.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
    };
    let text = |section: LanguageSection| RuleText {
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
    Ok(ParsedRule { rule, patterns, exceptions })
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
