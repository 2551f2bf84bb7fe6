//! The stages of one lint, callable one at a time so that `benches/stages.rs`
//! can time each (issue 9: a slowdown should point at its stage).
//! [`Linter::lint`] runs exactly these, in this order; this is not a stable
//! API, hence hidden from the documentation. The rule settings are resolved
//! once by the caller ([`Linter::settings`]) and passed to each stage.

use super::{language_index, running, Linter};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::language::Language;
use crate::normalize::Normalized;
use crate::options::{LintOptions, RuleSettings};
use crate::rule_id::RuleId;
use crate::survey_rules::SurveyContext;

/// What the analysis stage produced: each unit's matching view and language.
pub struct Analysis {
    views: Vec<Normalized>,
    languages: Vec<Language>,
}

impl Analysis {
    /// The number of units analysed.
    pub fn units(&self) -> usize {
        self.views.len()
    }
}

/// Findings of one stage, with the rule that made each (input to [`finish`]).
pub struct Findings(Vec<(RuleId, Diagnostic)>);

impl Findings {
    /// The number of findings.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Stage 1: the matching view of every unit (lowercase, folded, straight
/// quotes) and each unit's language.
pub fn analyse(document: &Document, options: &LintOptions) -> Analysis {
    let (views, languages) = running::analyse(document, options.language);
    Analysis { views, languages }
}

/// Stage 2: the lexicon scan alone, finding where the trigger literals of
/// the phrase patterns occur; returns how many (unit, pattern) searches it
/// leads to.
pub fn scan(linter: &Linter, analysis: &Analysis) -> usize {
    analysis
        .views
        .iter()
        .zip(&analysis.languages)
        .map(|(view, language)| {
            let matcher = &linter.matchers[language_index(*language)];
            matcher.patterns.get().map_or(0, |patterns| patterns.searched(&view.text).len())
        })
        .sum()
}

/// Stage 3: every phrase rule in every unit (the scan of stage 2 again, then
/// pattern evaluation, exceptions, contexts and messages).
pub fn phrase_rules(linter: &Linter, document: &Document, analysis: &Analysis, settings: &RuleSettings) -> Findings {
    let mut findings = Vec::new();
    for (index, (language, view)) in analysis.languages.iter().zip(&analysis.views).enumerate() {
        findings.extend(linter.lint_unit(document, index, view, *language, settings));
    }
    Findings(findings)
}

/// Stage 4: the survey-level rules over the whole questionnaire.
pub fn survey_rules(
    linter: &Linter,
    document: &Document,
    analysis: &Analysis,
    options: &LintOptions,
    settings: &RuleSettings,
) -> Findings {
    let trimmed = analysis.views.iter().map(|view| view.text.trim());
    let context = SurveyContext::with_views(document, &analysis.languages, &options.limits, trimmed);
    Findings(linter.survey_findings(&context, settings))
}

/// Stage 5: source order and the document's suppressions, giving what
/// [`Linter::lint`] returns.
pub fn finish(
    linter: &Linter,
    document: &Document,
    analysis: &Analysis,
    options: &LintOptions,
    settings: &RuleSettings,
    phrase: Findings,
    survey: Findings,
) -> Vec<Diagnostic> {
    let mut findings = phrase.0;
    findings.extend(survey.0);
    linter.finish(document, &analysis.languages, options.language, settings, findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{parse_text, TextFormat};

    /// The stages one after another give exactly what a lint gives.
    #[test]
    fn the_stages_in_order_give_the_lint() {
        let linter = Linter::new();
        let options = LintOptions::default();
        let text = "1. Hoe tevreden bent u over onze uitstekende service?\n\n\
                    2. Would you rate us 10 out of 10? We'd be so grateful for a 10.\n\n\
                    3. Wat kunnen we beter doen?\n";
        let document = parse_text(text, TextFormat::Markdown);
        let settings = linter.settings(&options);
        let analysis = analyse(&document, &options);
        assert_eq!(analysis.units(), document.units.len());
        assert!(scan(&linter, &analysis) > 0);
        let phrase = phrase_rules(&linter, &document, &analysis, &settings);
        let survey = survey_rules(&linter, &document, &analysis, &options, &settings);
        assert!(!phrase.is_empty());
        let staged = finish(&linter, &document, &analysis, &options, &settings, phrase, survey);
        assert_eq!(staged, linter.lint(&document, &options));
    }
}
