//! The learned scorer's findings ([`crate::scorer`]) in one unit: for each
//! of its families that the phrase patterns did not find there, the first
//! sentence (or pair of neighbouring sentences) that it scores above its
//! threshold.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Span};
use crate::document::Unit;
use crate::engine::{self, Sentences};
use crate::language::Language;
use crate::normalize::Normalized;
use crate::options::RuleSettings;
use crate::rule::{Context, Rule};
use crate::rule_id::RuleId;
use crate::scorer::{asks_about_the_answer, Model, Score};
use crate::trace::{Outcome, Tried};

use super::reporting::{self, Place};
use super::running::context_of;
use super::{language_index, Linter};

/// The longest stretch, in bytes of the matching view, that the scorer reads.
const LONGEST_STRETCH: usize = 400;

/// What the scorer needs to know of the unit it reads.
#[derive(Clone, Copy)]
struct Reading<'a> {
    unit: &'a Unit,
    index: usize,
    view: &'a Normalized,
    language: Language,
    settings: &'a RuleSettings,
}

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
        let stretches = sentences.all();
        let texts: Vec<Option<&str>> =
            stretches.iter().map(|stretch| unit.text.get(view.to_original(stretch.clone()))).collect();
        // Pressure often takes two sentences: the stake in one, the survey in
        // the next ("Jan's contract is up for renewal. Please fill in the
        // survey."), so a word about answering counts next door too.
        let names_an_answer: Vec<bool> =
            texts.iter().map(|text| text.is_some_and(|text| model.names_an_answer(text))).collect();
        let reading = Reading { unit, index, view, language, settings };
        let mut findings = Vec::new();
        for (at, stretch) in stretches.iter().enumerate() {
            if open.is_empty() {
                break;
            }
            // A bag of words says nothing about a stretch far longer than
            // anything the model learned from (99 % of its training texts
            // are under 130 bytes, the longest 433); a long paragraph without
            // full stops would otherwise add up to any score.
            if let Some(text) = texts[at].filter(|_| stretch.len() <= LONGEST_STRETCH) {
                let answer_nearby =
                    names_an_answer[at.saturating_sub(1)..names_an_answer.len().min(at + 2)].contains(&true);
                let context = context_of(unit.kind, &view.text, stretch.clone(), last_question_mark);
                for score in model.findings(text, answer_nearby, context == Context::Question) {
                    findings.extend(self.report(&reading, &mut open, &score, stretch, context, trace.as_deref_mut()));
                }
            }
            // The sentence with the one before, read as one, after both
            // were read alone: the stake and the survey in two sentences add
            // up only together. Only pressure families, only where the pair
            // names an answer.
            let Some(previous) = at.checked_sub(1).and_then(|before| stretches.get(before)) else { continue };
            let pair = previous.start..stretch.end;
            let pressure_open = open.iter().any(|&(family, _)| asks_about_the_answer(&model.families[family]));
            if !pressure_open || pair.len() > LONGEST_STRETCH || !(names_an_answer[at - 1] || names_an_answer[at]) {
                continue;
            }
            let Some(text) = unit.text.get(view.to_original(pair.clone())) else { continue };
            let scores = model.pair_findings(text);
            if scores.is_empty() {
                continue;
            }
            let context = context_of(unit.kind, &view.text, pair.clone(), last_question_mark);
            for score in scores {
                findings.extend(self.report(&reading, &mut open, &score, &pair, context, trace.as_deref_mut()));
            }
        }
        findings
    }

    /// The finding for `score` of `stretch` (read in `context`), if its
    /// family is still `open` (then closed) and the rule does not say
    /// otherwise there.
    fn report(
        &self,
        reading: &Reading<'_>,
        open: &mut Vec<(usize, RuleId)>,
        score: &Score,
        stretch: &Range<usize>,
        context: Context,
        trace: Option<&mut Vec<Tried>>,
    ) -> Option<(RuleId, Diagnostic)> {
        let Reading { unit, index, view, language, settings } = *reading;
        let position = open.iter().position(|&(family, _)| family == score.family)?;
        let id = open[position].1;
        let rule = self.rule_by_id(id)?;
        // The rule's exceptions hold in the whole unit: once they match, the
        // family is settled for the unit, so the unit is searched at most
        // once per family (linear in its length).
        if self.excepted_in_unit(id, language, &view.text) {
            open.remove(position);
            return None;
        }
        // Answer options are left to the patterns: the model learned from
        // invitations and questions, not from answer labels.
        let read_here = context != Context::Option && rule.contexts.contains(&context);
        if !read_here || self.antipattern_in(id, language, &view.text, stretch.clone()) {
            return None;
        }
        open.remove(position);
        let original = view.to_original(stretch.clone());
        if let Some(trace) = trace {
            let probability = score.probability();
            trace.push(Tried {
                rule: rule.slug.clone(),
                origin: format!("{} (learned model, probability {probability:.2})", origin(language)),
                line: None,
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
        Some((id, reporting::diagnostic(rule, severity, language, message, place, Vec::new())))
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

    /// Each finding with the default options as (rule, underlined text).
    fn marked(text: &str) -> Vec<(String, String)> {
        findings(text, &LintOptions::default()).into_iter().map(|(rule, marked, _)| (rule, marked)).collect()
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
    fn a_word_about_answering_in_the_next_sentence_counts() {
        let text = "Whether Jan keeps his shift next month depends on you. Please fill in the survey below.";
        assert_eq!(
            marked(text),
            [(
                "employee-rating-pressure".to_owned(),
                "Whether Jan keeps his shift next month depends on you.".to_owned()
            )]
        );
    }

    #[test]
    fn two_sentences_that_add_up_only_together_are_marked_together() {
        // Neither sentence alone reaches the threshold: a promotion without
        // a rating, a rating without a stake.
        for alone in ["Sara is hoping for a promotion this spring.", "Your survey answers about her count towards it."]
        {
            assert_eq!(findings(alone, &LintOptions::default()), [], "{alone}");
        }
        let text = "Sara is hoping for a promotion this spring. Your survey answers about her count towards it.";
        assert_eq!(marked(text), [("employee-rating-pressure".to_owned(), text.to_owned())]);
    }

    #[test]
    fn a_sentence_without_a_word_about_answering_is_left_to_the_patterns() {
        let text = "Whether Jan keeps his shift next month depends on you.";
        assert_eq!(findings(text, &LintOptions::default()), []);
    }
}
