//! Survey-level rules: checks of a questionnaire's structure (scales, answer
//! options, length) that loose phrases cannot express. Each rule's texts and
//! examples live in its rule file in `rules/`; its logic lives here, one
//! rule per file, registered alphabetically in [`SURVEY_RULES`].

mod abbreviations;
mod acquiescence_battery;
mod binary_gender;
mod classes;
mod facts;
mod frame;
mod long_question;
mod matrix_overload;
mod missing_opt_out;
mod missing_reference_period;
mod mixed_formality;
mod no_open_question;
mod nps_without_follow_up;
mod option_class;
mod overlapping_options;
mod plain_language;
mod presumed_behaviour;
mod range_words;
mod ranges;
mod sensitive_without_opt_out;
mod survey_length;
mod topics;
mod unbalanced_scale;
mod words;

use std::ops::Range;

use crate::document::{Document, Question, QuestionKind, UnitKind};
use crate::language::Language;

pub(crate) use facts::UnitFacts;
pub(crate) use facts::{Fact, Remember, Test};

/// Thresholds of the survey-level rules that teams may configure.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct SurveyLimits {
    /// `survey-length` fires above this many questions.
    pub max_questions: usize,
    /// `survey-length` fires above this estimated completion time, in minutes.
    pub max_minutes: f64,
}

impl Default for SurveyLimits {
    fn default() -> SurveyLimits {
        SurveyLimits { max_questions: 25, max_minutes: 10.0 }
    }
}

/// A questionnaire as a whole, as the survey rules see it: for reports that
/// put the findings next to the questionnaire's size and languages.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct SurveyOverview {
    /// The resolved language of each unit, by unit index: declared by the
    /// source, forced by the options, or detected (as the rules saw it).
    pub languages: Vec<Language>,
    /// The language a respondent reads: that of the first question, else the
    /// one most units are in; `None` for a document without text.
    pub language: Option<Language>,
    /// The questions a respondent answers (text blocks left out, each
    /// translated question once), as `survey-length` counts them.
    pub questions: usize,
    /// How many of those are open (free-text) questions.
    pub open_questions: usize,
    /// The estimated completion time in minutes (the model of `survey-length`).
    pub minutes: f64,
    /// The limits `survey-length` compares with.
    pub limits: SurveyLimits,
}

impl SurveyOverview {
    pub(crate) fn of(context: &SurveyContext<'_>) -> SurveyOverview {
        let majority = || {
            let dutch = context.languages.iter().filter(|language| **language == Language::Dutch).count();
            let english = context.languages.len() - dutch;
            (!context.languages.is_empty()).then_some(if dutch >= english {
                Language::Dutch
            } else {
                Language::English
            })
        };
        SurveyOverview {
            languages: context.languages.to_vec(),
            language: context.reading_language().or_else(majority),
            questions: context.answerable().count(),
            open_questions: context.answerable().filter(|question| question.kind == QuestionKind::Open).count(),
            minutes: survey_length::estimated_minutes(context),
            limits: context.limits.clone(),
        }
    }
}

/// What a survey rule sees.
pub(crate) struct SurveyContext<'a> {
    pub(crate) document: &'a Document,
    /// The resolved language of each unit, by unit index.
    pub(crate) languages: &'a [Language],
    pub(crate) limits: &'a SurveyLimits,
    /// The matching view of each unit, trimmed, made once for every rule
    /// (borrowed: the incremental linter keeps the views of unchanged units
    /// from one lint to the next).
    views: Vec<std::borrow::Cow<'a, str>>,
    /// What the rules learnt about each unit, by unit index: made for this
    /// lint, or kept by the incremental linter from earlier lints.
    facts: Facts<'a>,
}

/// The [`UnitFacts`] of every unit, by unit index.
enum Facts<'a> {
    /// Made for this lint.
    Fresh(Vec<UnitFacts>),
    /// Kept between lints, one per unit text.
    Kept(Vec<&'a UnitFacts>),
}

impl<'a> SurveyContext<'a> {
    /// A context whose matching views are made from the units' texts.
    #[cfg(test)]
    pub(crate) fn new(document: &'a Document, languages: &'a [Language], limits: &'a SurveyLimits) -> Self {
        let views = document
            .units
            .iter()
            .map(|unit| std::borrow::Cow::Owned(super::survey_rules::words::matching_view(&unit.text)))
            .collect();
        let facts = Facts::Fresh(document.units.iter().map(|_| UnitFacts::default()).collect());
        SurveyContext { document, languages, limits, views, facts }
    }

    /// A context over the views the phrase rules already made: each unit's
    /// matching view, trimmed, by unit index.
    pub(crate) fn with_views(
        document: &'a Document,
        languages: &'a [Language],
        limits: &'a SurveyLimits,
        views: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let views = views.into_iter().map(std::borrow::Cow::Borrowed).collect();
        let facts = Facts::Fresh(document.units.iter().map(|_| UnitFacts::default()).collect());
        SurveyContext { document, languages, limits, views, facts }
    }

    /// A context over kept views and facts, one of each per unit: what the
    /// incremental linter kept of units whose text did not change.
    pub(crate) fn with_kept(
        document: &'a Document,
        languages: &'a [Language],
        limits: &'a SurveyLimits,
        kept: impl IntoIterator<Item = (&'a str, &'a UnitFacts)>,
    ) -> Self {
        let (views, facts): (Vec<_>, Vec<_>) =
            kept.into_iter().map(|(view, facts)| (std::borrow::Cow::Borrowed(view), facts)).unzip();
        SurveyContext { document, languages, limits, views, facts: Facts::Kept(facts) }
    }
}

impl SurveyContext<'_> {
    /// The matching view of a unit (see [`words::matching_view`]), made once
    /// per lint; empty for an index out of range.
    pub(crate) fn view(&self, unit: usize) -> &str {
        self.views.get(unit).map_or("", |view| view)
    }

    /// What a unit is as an answer option ([`option_class::classify_option`]
    /// of its text), classified once for all rules.
    pub(crate) fn option_class(&self, unit: usize) -> option_class::OptionClass {
        match self.facts(unit) {
            Some(facts) => facts.option_class(self.text(unit)),
            None => option_class::classify_option(""),
        }
    }

    /// `test` of `unit` read as `language`; remembered per unit text.
    pub(crate) fn test(&self, unit: usize, language: Language, test: &Test) -> bool {
        match self.facts(unit) {
            Some(facts) => facts.test(self.text(unit), self.view(unit), language, test),
            None => test.answer(self.text(unit), self.view(unit), language),
        }
    }

    /// `test` of `unit` read in its own language.
    pub(crate) fn test_of(&self, unit: usize, test: &Test) -> bool {
        self.test(unit, self.language(unit), test)
    }

    /// `fact` of `unit` read as `language`; remembered per unit text.
    pub(crate) fn fact<T: Remember>(&self, unit: usize, language: Language, fact: &Fact<T>) -> T {
        match self.facts(unit) {
            Some(facts) => facts.fact(self.text(unit), self.view(unit), language, fact),
            None => fact.answer(self.text(unit), self.view(unit), language),
        }
    }

    /// `fact` of `unit` read in its own language.
    pub(crate) fn fact_of<T: Remember>(&self, unit: usize, fact: &Fact<T>) -> T {
        self.fact(unit, self.language(unit), fact)
    }

    fn facts(&self, unit: usize) -> Option<&UnitFacts> {
        match &self.facts {
            Facts::Fresh(facts) => facts.get(unit),
            Facts::Kept(facts) => facts.get(unit).copied(),
        }
    }

    /// The decoded text of a unit; empty for an index out of range, so a
    /// reader's broken index cannot make a rule panic.
    pub(crate) fn text(&self, unit: usize) -> &str {
        self.document.units.get(unit).map_or("", |unit| unit.text.as_str())
    }

    /// The resolved language of a unit.
    pub(crate) fn language(&self, unit: usize) -> Language {
        self.languages.get(unit).copied().unwrap_or(Language::English)
    }

    /// The questions a respondent answers: all but text blocks and images,
    /// and each question once, though a multilingual file holds a copy per
    /// language under the same name.
    pub(crate) fn answerable(&self) -> impl Iterator<Item = &Question> {
        let mut seen_names = std::collections::HashSet::new();
        self.document.questions.iter().filter(move |question| {
            question.kind != QuestionKind::Display
                && question.name.as_deref().is_none_or(|name| seen_names.insert(name))
        })
    }

    /// The language a respondent reads the survey in: that of the first
    /// question, for surveys that hold translations.
    pub(crate) fn reading_language(&self) -> Option<Language> {
        let first = self.document.questions.first()?;
        self.languages.get(first.text).copied()
    }

    /// A finding that underlines the whole of `unit`'s text, without the
    /// white space around it.
    pub(crate) fn finding_on(&self, unit: usize, arguments: Vec<(&'static str, String)>) -> SurveyFinding {
        let text = self.text(unit);
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len().max(start);
        SurveyFinding { unit, range: start..end, arguments }
    }

    /// The unit a finding about the whole survey points at: the first title,
    /// else the first question, else the first unit.
    pub(crate) fn survey_anchor(&self) -> Option<usize> {
        let units = &self.document.units;
        units
            .iter()
            .position(|unit| unit.kind == UnitKind::Title && !unit.text.trim().is_empty())
            .or_else(|| self.answerable().next().map(|question| question.text))
            .or_else(|| (!units.is_empty()).then_some(0))
    }
}

/// One finding of a survey rule.
pub(crate) struct SurveyFinding {
    /// The unit the finding points at.
    pub(crate) unit: usize,
    /// The bytes of that unit's text to underline.
    pub(crate) range: Range<usize>,
    /// Values for `{name}` placeholders in the rule's message.
    pub(crate) arguments: Vec<(&'static str, String)>,
}

/// A survey rule's logic.
pub(crate) type SurveyCheck = fn(&SurveyContext<'_>) -> Vec<SurveyFinding>;

/// The built-in survey rules by slug, alphabetical.
pub(crate) const SURVEY_RULES: &[(&str, SurveyCheck)] = &[
    ("acquiescence-battery", acquiescence_battery::check),
    ("binary-gender", binary_gender::check),
    ("long-question", long_question::check),
    ("matrix-overload", matrix_overload::check),
    ("missing-opt-out", missing_opt_out::check),
    ("missing-reference-period", missing_reference_period::check),
    ("mixed-formality", mixed_formality::check),
    ("no-open-question", no_open_question::check),
    ("nps-without-follow-up", nps_without_follow_up::check),
    ("overlapping-options", overlapping_options::check),
    ("plain-language", plain_language::check),
    ("presumed-behaviour", presumed_behaviour::check),
    ("sensitive-without-opt-out", sensitive_without_opt_out::check),
    ("survey-length", survey_length::check),
    ("unbalanced-scale", unbalanced_scale::check),
    // Its logic needs every other finding, so it runs in the linter itself
    // (crate::suppression); the rule file gives it a code, texts and examples.
    ("unused-suppression", |_| Vec::new()),
];

/// The logic of the survey rule `slug`, if it is built in.
pub(crate) fn check_for(slug: &str) -> Option<SurveyCheck> {
    SURVEY_RULES.iter().find(|(name, _)| *name == slug).map(|(_, check)| *check)
}

/// Whether `check` flags one Dutch single-choice question, for the rules' tests.
#[cfg(test)]
pub(crate) fn flags_dutch_question(
    check: fn(&SurveyContext<'_>) -> Vec<SurveyFinding>,
    stem: &str,
    options: &[&str],
) -> bool {
    let document = one_question_document(QuestionKind::SingleChoice, stem, options, &[]);
    let languages = vec![Language::Dutch; document.units.len()];
    let limits = SurveyLimits::default();
    !check(&SurveyContext::new(&document, &languages, &limits)).is_empty()
}

/// A document with one question of `kind` whose stem is unit 0, for the rules' tests.
#[cfg(test)]
pub(crate) fn one_question_document(kind: QuestionKind, stem: &str, options: &[&str], rows: &[&str]) -> Document {
    use crate::document::Unit;
    let mut document = Document::new();
    let text = document.push_unit(Unit::verbatim(stem, UnitKind::Question, 0));
    let mut question = Question::new(kind, text);
    for option in options {
        question.options.push(document.push_unit(Unit::verbatim(*option, UnitKind::Option, 0)));
    }
    for row in rows {
        question.rows.push(document.push_unit(Unit::verbatim(*row, UnitKind::Option, 0)));
    }
    document.push_question(question);
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_alphabetical_and_unique() {
        let slugs: Vec<&str> = SURVEY_RULES.iter().map(|(slug, _)| *slug).collect();
        let mut sorted = slugs.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(slugs, sorted);
    }

    #[test]
    fn every_built_in_survey_rule_has_a_rule_file() {
        let linter = crate::Linter::new();
        for (slug, _) in SURVEY_RULES {
            let rule = linter.rule(slug);
            assert!(rule.is_some_and(|rule| rule.kind == crate::RuleKind::Survey), "{slug} has no survey rule file");
        }
    }
}
