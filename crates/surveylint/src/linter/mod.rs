//! The [`Linter`]: built once from rule files, then shared by every caller.
//!
//! Three layers, each in its own module: [`building`] parses, validates and
//! compiles rule files into a linter; [`running`] is the lint pass (matching,
//! survey checks, suppressions); [`reporting`] turns what the pass found into
//! [`Diagnostic`]s. Only this module speaks to callers.

mod building;
mod reporting;
mod running;

pub use building::LinterBuilder;
pub use reporting::{unused_suppression, UnusedAt};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::language::Language;
use crate::options::LintOptions;
use crate::rule::Rule;
use crate::survey_rules::{SurveyContext, SurveyOverview};
use crate::text::{parse_text, TextFormat};

use building::{CompiledRule, LanguageMatcher};

/// The rule engine. Build it once (a few milliseconds) and share it: it is
/// `Send + Sync`, and linting never mutates it.
pub struct Linter {
    rules: Vec<Rule>,
    compiled: Vec<CompiledRule>,
    matchers: [LanguageMatcher; 2],
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter").field("rules", &self.rules.len()).finish_non_exhaustive()
    }
}

impl Default for Linter {
    fn default() -> Linter {
        Linter::new()
    }
}

/// The slot of `language` in per-language arrays (Dutch, English).
fn language_index(language: Language) -> usize {
    match language {
        Language::Dutch => 0,
        Language::English => 1,
    }
}

impl Linter {
    /// The linter with the built-in rule catalogue.
    #[allow(clippy::expect_used)]
    pub fn new() -> Linter {
        // The built-in catalogue is checked by the test suite; it cannot fail
        // on anything a caller passes in.
        Linter::builder().build().expect("the built-in rules are valid")
    }

    /// Starts a linter with custom rule files, with or without the built-ins.
    pub fn builder() -> LinterBuilder {
        LinterBuilder::default()
    }

    /// Every rule, alphabetical by slug.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this slug or code.
    pub fn rule(&self, slug_or_code: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.is_named(slug_or_code))
    }

    /// Lints plain text or Markdown.
    pub fn lint_text(&self, text: &str, format: TextFormat, options: &LintOptions) -> Vec<Diagnostic> {
        self.lint(&parse_text(text, format), options)
    }

    /// Lints a document read by any reader. Diagnostics come in source order.
    pub fn lint(&self, document: &Document, options: &LintOptions) -> Vec<Diagnostic> {
        self.run(document, options)
    }

    /// The questionnaire as a whole under these options: each unit's language,
    /// the number of questions, open questions and the estimated completion
    /// time, as the survey rules count them.
    pub fn overview(&self, document: &Document, options: &LintOptions) -> SurveyOverview {
        let (views, languages) = running::analyse(document, options.language);
        SurveyOverview::of(&SurveyContext::with_views(document, &languages, &options.limits, &views))
    }

    /// What the engine saw and did in each unit of `document`: its language,
    /// the matching view, sentences, the word classes found, and every
    /// pattern match with the reason it was or was not reported. For rule
    /// authors (`surveylint debug`); slower than [`Linter::lint`].
    pub fn trace(&self, document: &Document, options: &LintOptions) -> Vec<crate::trace::UnitTrace> {
        self.run_traced(document, options)
    }
}

/// True when a suppression naming `rules` can be judged unused in this run:
/// a directive naming a rule that does not run this time may well silence
/// something in a full run.
pub fn can_judge_unused<'a>(linter: &Linter, options: &LintOptions, rules: impl IntoIterator<Item = &'a str>) -> bool {
    rules.into_iter().all(|name| linter.rule(name).is_none_or(|rule| options.is_enabled(rule)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linter_is_send_and_sync() {
        fn assert_shareable<T: Send + Sync>() {}
        assert_shareable::<Linter>();
    }
}
