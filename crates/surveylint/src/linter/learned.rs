//! The learned scorer's findings ([`crate::scorer`]) in one unit: for each
//! of its families that the phrase patterns did not find there, the first
//! sentence that it scores above its threshold.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Span};
use crate::document::Unit;
use crate::engine::{self, Sentences};
use crate::language::Language;
use crate::normalize::Normalized;
use crate::options::RuleSettings;
use crate::rule::{Context, Rule};
use crate::rule_id::RuleId;
use crate::scorer::Model;
use crate::trace::{Outcome, Tried};

use super::reporting::{self, Place};
use super::running::context_of;
use super::{language_index, Linter};

/// The longest stretch, in bytes of the matching view, that the scorer reads.
const LONGEST_STRETCH: usize = 400;

/// Where the weights come from, for `surveylint debug`.
fn origin(language: Language) -> String {
    format!("rules/scorer/{}.tsv", language.code())
}

impl Linter {
    /// The scorer's findings in unit `index` (its phrase view `view` with
    /// `sentences`), for the families without a finding among `found`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn learned_findings(
        &self,
        unit: &Unit,
        index: usize,
        view: &Normalized,
        sentences: &Sentences<'_>,
        language: Language,
        settings: &RuleSettings,
        found: &[(RuleId, Diagnostic)],
        mut trace: Option<&mut Vec<Tried>>,
    ) -> Vec<(RuleId, Diagnostic)> {
        let model = Model::of(language);
        let mut open: Vec<(usize, RuleId)> = model
            .families
            .iter()
            .enumerate()
            .filter_map(|(family, slug)| Some((family, self.names.resolve(slug)?)))
            .filter(|&(_, id)| settings.is_enabled(id) && !found.iter().any(|(rule, _)| *rule == id))
            .collect();
        if open.is_empty() {
            return Vec::new();
        }
        let last_question_mark = view.text.rfind('?');
        let mut findings = Vec::new();
        for stretch in sentences.all() {
            if open.is_empty() {
                break;
            }
            // A bag of words says nothing about a stretch far longer than
            // anything the model learned from (99 % of its training texts
            // are under 130 bytes, the longest 433); a long paragraph without
            // full stops would otherwise add up to any score.
            if stretch.len() > LONGEST_STRETCH {
                continue;
            }
            let original = view.to_original(stretch.clone());
            let Some(text) = unit.text.get(original.clone()) else { continue };
            let context = context_of(unit.kind, &view.text, stretch.clone(), last_question_mark);
            for score in model.findings(text, context == Context::Question) {
                let Some(position) = open.iter().position(|&(family, _)| family == score.family) else { continue };
                let id = open[position].1;
                let Some(rule) = self.rule_by_id(id) else { continue };
                // The rule's exceptions hold in the whole unit: once they
                // match, the family is settled for the unit, so the unit is
                // searched at most once per family (linear in its length).
                if self.excepted_in_unit(id, language, &view.text) {
                    open.remove(position);
                    continue;
                }
                // Answer options are left to the patterns: the model learned
                // from invitations and questions, not from answer labels.
                let read_here = context != Context::Option && rule.contexts.contains(&context);
                if !read_here || self.antipattern_in(id, language, &view.text, stretch.clone()) {
                    continue;
                }
                open.remove(position);
                if let Some(trace) = trace.as_deref_mut() {
                    let probability = score.probability();
                    trace.push(Tried {
                        rule: rule.slug.clone(),
                        origin: format!("{} (learned model, probability {probability:.2})", origin(language)),
                        line: 0,
                        matched: original.clone(),
                        outcome: Outcome::Reported,
                    });
                }
                let place = Place {
                    span: unit.map.to_source(Span::new(original.start, original.end)),
                    location: unit.location.clone(),
                    unit: Some(index),
                };
                let message = message(rule, language);
                let severity = settings.severity(id);
                findings.push((id, reporting::diagnostic(rule, severity, language, message, place, Vec::new())));
            }
        }
        findings
    }

    /// Whether the rule's exceptions match anywhere in the unit's `view`:
    /// the neutral shapes a rule names ("positive or negative", a scale's
    /// labels explained) hold for the scorer too, and in the whole unit,
    /// since the scorer reads no phrase they could be tied to ("Would you
    /// review us? We read every honest review, positive or negative.").
    fn excepted_in_unit(&self, id: RuleId, language: Language, view: &str) -> bool {
        self.compiled.get(id.index()).is_none_or(|compiled| {
            engine::matches_within(&compiled.exceptions[language_index(language)], view, 0..view.len())
        })
    }

    /// Whether the rule's antipatterns match in `stretch` of `view`.
    fn antipattern_in(&self, id: RuleId, language: Language, view: &str, stretch: Range<usize>) -> bool {
        self.compiled.get(id.index()).is_none_or(|compiled| {
            engine::matches_within(&compiled.antipatterns[language_index(language)], view, stretch)
        })
    }
}

/// The rule's message about the sentence as a whole, and how it was found:
/// no phrase to quote, so the reader learns why the whole sentence is marked.
fn message(rule: &Rule, language: Language) -> String {
    let (subject, how) = match language {
        Language::Dutch => {
            ("Deze zin", "Herkend aan de woordkeuze als geheel (het geleerde model), niet aan een bekende formulering.")
        }
        Language::English => {
            ("This sentence", "Recognised from the wording as a whole (the learned model), not from a known phrase.")
        }
    };
    let template = &rule.text(language).message;
    let said = if template.contains("\"{match}\"") {
        template.replace("\"{match}\"", subject)
    } else {
        template.replace("{match}", subject)
    };
    format!("{said} {how}")
}

#[cfg(test)]
mod tests {
    use crate::options::LintOptions;
    use crate::text::TextFormat;
    use crate::Linter;

    /// Each finding as (rule, underlined text, message).
    fn findings(text: &str, options: &LintOptions) -> Vec<(String, String, String)> {
        Linter::new()
            .lint_text(text, TextFormat::Plain, options)
            .into_iter()
            .map(|found| (found.rule, text[found.span.start..found.span.end].to_owned(), found.message))
            .collect()
    }

    #[test]
    fn the_scorer_marks_a_whole_sentence_that_no_pattern_knows() {
        let text = "Thanks for visiting. Whether Jan keeps his shift next month depends on what you fill in below.";
        assert_eq!(
            findings(text, &LintOptions::default()),
            [(
                "employee-rating-pressure".to_owned(),
                "Whether Jan keeps his shift next month depends on what you fill in below.".to_owned(),
                "This sentence ties your answer to an employee's review or pay. Recognised from the wording as a \
                 whole (the learned model), not from a known phrase."
                    .to_owned()
            )]
        );
    }

    #[test]
    fn a_family_switched_off_is_not_scored() {
        let text = "Whether Jan keeps his shift next month depends on what you fill in below.";
        let options = LintOptions { ignore: vec!["employee-rating-pressure".to_owned()], ..LintOptions::default() };
        assert_eq!(findings(text, &options), []);
    }

    #[test]
    fn a_sentence_without_a_word_about_answering_is_left_to_the_patterns() {
        let text = "Whether Jan keeps his shift next month depends on you.";
        assert_eq!(findings(text, &LintOptions::default()), []);
    }
}
