//! What `lint` and `rules` hand to JavaScript: the core's diagnostics and
//! rules with camelCase fields and UTF-16 positions.

use serde::Serialize;
use surveylint::{Diagnostic, Document, Labels, Language, Rule, RuleKind, Severity};

use crate::js_position::JsPositions;

/// One finding, positioned for JavaScript strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsDiagnostic {
    /// The rule's slug, e.g. `score-begging`.
    pub rule: String,
    /// The rule's code, e.g. `SL001`.
    pub code: String,
    /// The severity after configuration.
    pub severity: Severity,
    /// The language of the flagged text; the message is in it.
    pub language: Language,
    /// One sentence saying what is wrong.
    pub message: String,
    /// First UTF-16 code unit of the flagged words.
    pub start: usize,
    /// One past the last UTF-16 code unit of the flagged words.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in UTF-16 code units.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end`, in UTF-16 code units.
    pub end_column: usize,
    /// A position that is not an offset (a spreadsheet cell); when set, the
    /// offsets index the text of that unit rather than the input.
    pub location: Option<String>,
    /// Rewrites, the preferred one first.
    pub suggestions: Vec<JsSuggestion>,
}

/// A rewrite: replace `start..end` of the input with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsSuggestion {
    /// First UTF-16 code unit to replace.
    pub start: usize,
    /// One past the last UTF-16 code unit to replace.
    pub end: usize,
    /// The new text, already escaped for the input format (JSON escapes in SurveyJS).
    pub replacement: String,
    /// True when applying it cannot change what the question asks.
    pub safe: bool,
}

impl JsDiagnostic {
    /// Converts a core diagnostic. `source` is the text that was linted; its
    /// index is passed in so a long text is scanned once, not per finding.
    pub fn from_core(diagnostic: &Diagnostic, document: &Document, source: &JsPositions<'_>) -> JsDiagnostic {
        // With a location the span indexes the unit's own text (see `Diagnostic::span`).
        let unit_positions;
        let index = match (&diagnostic.location, diagnostic.unit.and_then(|unit| document.units.get(unit))) {
            (Some(_), Some(unit)) => {
                unit_positions = JsPositions::new(&unit.text);
                &unit_positions
            }
            _ => source,
        };
        let start = index.position(diagnostic.span.start);
        let end = index.position(diagnostic.span.end);
        JsDiagnostic {
            rule: diagnostic.rule.clone(),
            code: diagnostic.code.clone(),
            severity: diagnostic.severity,
            language: diagnostic.language,
            message: diagnostic.message.clone(),
            start: start.offset,
            end: end.offset,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            location: diagnostic.location.clone(),
            suggestions: diagnostic
                .suggestions
                .iter()
                .map(|suggestion| JsSuggestion {
                    start: index.position(suggestion.span.start).offset,
                    end: index.position(suggestion.span.end).offset,
                    replacement: suggestion.replacement.clone(),
                    safe: suggestion.safe,
                })
                .collect(),
        }
    }
}

/// A rule of the catalogue, as `rules()` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsRule {
    /// The stable slug, e.g. `score-begging`.
    pub slug: String,
    /// The stable code, e.g. `SL001`.
    pub code: String,
    /// The default severity.
    pub severity: Severity,
    /// `phrase` (wording) or `survey` (structure).
    pub kind: RuleKind,
    /// One line in English saying what the rule catches.
    pub summary: String,
    /// The research and articles the rule rests on.
    pub sources: Vec<String>,
    /// True when the suggested rewrite can be applied without review.
    pub fix_safe: bool,
    /// Dutch texts.
    pub nl: JsRuleText,
    /// English texts.
    pub en: JsRuleText,
}

/// A rule's explanation in one language, from [`Rule::explanation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsRuleText {
    /// A short name for the rule.
    pub title: String,
    /// The message template; `{match}` stands for the flagged words.
    pub message: String,
    /// Why the wording is a problem.
    pub rationale: String,
    /// How to ask neutrally instead.
    pub advice: String,
    /// The suggested rewrite, if the rule has one.
    pub replacement: Option<String>,
    /// The words to show around these texts ("Waarom", "Why", ...), the
    /// same as the command line, the editor and the reference use.
    pub labels: Labels,
}

impl JsRule {
    /// Copies the parts of a rule a JavaScript caller needs (not its test examples).
    pub fn from_core(rule: &Rule) -> JsRule {
        let text = |language: Language| {
            let explained = rule.explanation(language);
            JsRuleText {
                title: explained.title.to_owned(),
                message: rule.text(language).message.clone(),
                rationale: explained.why.to_owned(),
                advice: explained.advice.to_owned(),
                replacement: explained.rewrite.map(str::to_owned),
                labels: *explained.labels,
            }
        };
        JsRule {
            slug: rule.slug.clone(),
            code: rule.code.clone(),
            severity: rule.severity,
            kind: rule.kind,
            summary: rule.summary.trim().to_owned(),
            sources: rule.sources.clone(),
            fix_safe: rule.fix_safe,
            nl: text(Language::Dutch),
            en: text(Language::English),
        }
    }
}
