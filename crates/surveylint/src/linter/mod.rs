//! The [`Linter`]: built once from rule files, then shared by every caller.
//!
//! Three layers, each in its own module: [`building`] parses, validates and
//! compiles rule files into a linter; [`running`] is the lint pass (matching,
//! survey checks, suppressions); [`reporting`] turns what the pass found into
//! [`Diagnostic`]s. Only this module speaks to callers.

mod building;
mod incremental;
mod learned;
mod reporting;
mod running;
#[doc(hidden)]
pub mod stages;

pub use building::LinterBuilder;
pub use incremental::{CacheStats, LintCache};
pub use reporting::{unused_suppression, UnusedAt};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::language::Language;
use crate::options::{LintOptions, RuleSettings};
use crate::rule::Rule;
use crate::rule_id::{RuleId, RuleNames, RuleScope};
use crate::survey_rules::{SurveyContext, SurveyOverview};
use crate::text::{parse_text, TextFormat};

use crate::team_classes::TracedClass;
use building::{CompiledRule, LanguageMatcher};

/// The rule engine. Build it once (a few milliseconds) and share it: it is
/// `Send + Sync`, and linting never mutates it.
pub struct Linter {
    rules: Vec<Rule>,
    /// Every slug and code, for resolving a name to a [`RuleId`] once.
    names: RuleNames,
    compiled: Vec<CompiledRule>,
    matchers: [LanguageMatcher; 2],
    /// Different for every linter built in this process, so a [`LintCache`]
    /// can tell that it is handed another rule set (an address could be
    /// reused by a linter built after this one is dropped).
    identity: u64,
    /// The word classes of the rule packs, which `surveylint debug` shows
    /// beside the built-in ones.
    team_classes: Vec<TracedClass>,
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

    /// The rule with this slug or code, in any letter case.
    pub fn rule(&self, slug_or_code: &str) -> Option<&Rule> {
        self.rule_id(slug_or_code).and_then(|id| self.rule_by_id(id))
    }

    /// The id of the rule with this slug or code, in any letter case
    /// (`sl001`, `SL001` and `score-begging` are one rule). Every rule name
    /// a caller writes, in options, comments or configuration, is resolved here.
    pub fn rule_id(&self, slug_or_code: &str) -> Option<RuleId> {
        self.names.resolve(slug_or_code)
    }

    /// The rule an id stands for; `None` for an id of another linter with more rules.
    pub fn rule_by_id(&self, id: RuleId) -> Option<&Rule> {
        self.rules.get(id.index())
    }

    /// The id of the rule that reported `diagnostic`.
    pub fn id_of(&self, diagnostic: &Diagnostic) -> Option<RuleId> {
        self.rule_id(&diagnostic.rule)
    }

    /// The rules `names` stand for, as a suppression or an
    /// `[[ignore-findings]]` entry names them: every rule when there are none.
    pub fn scope<S: AsRef<str>>(&self, names: &[S]) -> RuleScope {
        self.names.scope(names)
    }

    /// `options`' choice of rules and severities, resolved to ids once.
    pub fn settings(&self, options: &LintOptions) -> RuleSettings {
        RuleSettings::new(&self.rules, &self.names, options)
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
        let trimmed = views.iter().map(|view| view.text.trim());
        SurveyOverview::of(&SurveyContext::with_views(document, &languages, &options.limits, trimmed))
    }

    /// What the engine saw and did in each unit of `document`: its language,
    /// the matching view, sentences, the word classes found, and every
    /// pattern match with the reason it was or was not reported. For rule
    /// authors (`surveylint debug`); slower than [`Linter::lint`].
    pub fn trace(&self, document: &Document, options: &LintOptions) -> Vec<crate::trace::UnitTrace> {
        self.run_traced(document, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_found_by_slug_and_code_in_any_case() {
        let linter = Linter::new();
        for (index, rule) in linter.rules().iter().enumerate() {
            for name in [rule.slug.clone(), rule.code.clone(), rule.code.to_lowercase(), rule.slug.to_uppercase()] {
                assert_eq!(linter.rule_id(&name).map(RuleId::index), Some(index), "{name}");
            }
        }
        assert_eq!(linter.rule_id("score-beging"), None);
        assert_eq!(linter.rule("sl001").map(|rule| rule.slug.as_str()), Some("score-begging"));
    }

    /// Two rules whose matches start at the same word are both reported, and
    /// switching one off never hides the other.
    #[test]
    fn rules_matching_at_the_same_word_are_all_reported() {
        let linter = Linter::new();
        let text = "Verander uw beoordeling naar vijf sterren en u krijgt een cadeaubon van ons.";
        let found = |ignore: &[&str]| -> Vec<(String, usize)> {
            let options = LintOptions {
                ignore: ignore.iter().map(|name| (*name).to_owned()).collect(),
                ..LintOptions::default()
            };
            let mut found: Vec<(String, usize)> = linter
                .lint_text(text, TextFormat::Plain, &options)
                .into_iter()
                .map(|diagnostic| (diagnostic.rule.clone(), diagnostic.span.start))
                .collect();
            found.sort();
            found
        };
        let both = [("conditional-incentive".to_owned(), 0), ("score-begging".to_owned(), 0)];
        assert_eq!(found(&[]), both);
        assert_eq!(found(&["score-begging"]), both[..1]);
        assert_eq!(found(&["sl009"]), both[1..]);
    }

    #[test]
    fn linter_is_send_and_sync() {
        fn assert_shareable<T: Send + Sync>() {}
        assert_shareable::<Linter>();
    }
}
