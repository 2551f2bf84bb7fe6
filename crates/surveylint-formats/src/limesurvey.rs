//! What LimeSurvey's XML (`.lss`) and tab-separated (`.txt`) exports share:
//! question types, and how questions are put together from their parts.

use surveylint::{Escape, Language, Question, QuestionKind, Scale, UnitKind};

use crate::mapped::Mapped;
use crate::units::{Storage, Units};

/// The kind of answer a LimeSurvey question type letter asks for.
pub(crate) fn question_kind(type_letter: &str) -> QuestionKind {
    match type_letter.trim() {
        "5" => QuestionKind::Rating,
        "L" | "!" | "O" | "G" | "I" => QuestionKind::SingleChoice,
        "M" | "P" | "R" => QuestionKind::MultipleChoice,
        "F" | "H" | "A" | "B" | "C" | "E" | "1" | ":" | ";" => QuestionKind::Matrix,
        "Y" => QuestionKind::Boolean,
        "X" | "*" => QuestionKind::Display,
        _ => QuestionKind::Open,
    }
}

/// The fixed scale of the types whose points are numbers, not answer rows.
fn implied_scale(type_letter: &str) -> Option<(i64, i64)> {
    match type_letter.trim() {
        "5" | "A" => Some((1, 5)),
        "B" => Some((1, 10)),
        _ => None,
    }
}

/// A text of a question and how the export encodes it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text<'a> {
    pub(crate) mapped: &'a Mapped,
    pub(crate) escape: Escape,
}

impl Text<'_> {
    fn add(self, units: &mut Units, kind: UnitKind, language: Option<Language>) -> Option<usize> {
        units.add(self.mapped, kind, language, Storage { escape: self.escape, html: true, location: None })
    }
}

/// A question's texts as an export stores them, before they become units.
#[derive(Debug, Default)]
pub(crate) struct Parts<'a> {
    pub(crate) type_letter: &'a str,
    pub(crate) code: Option<String>,
    pub(crate) language: Option<Language>,
    pub(crate) text: Option<Text<'a>>,
    pub(crate) help: Option<Text<'a>>,
    /// Subquestions in order.
    pub(crate) subquestions: Vec<Text<'a>>,
    /// Answer options in order.
    pub(crate) answers: Vec<Text<'a>>,
}

/// Adds a question's units and the question itself.
pub(crate) fn push_question(units: &mut Units, parts: &Parts<'_>) -> Option<usize> {
    let language = parts.language;
    let stem = parts.text?.add(units, UnitKind::Question, language)?;
    let description = parts.help.and_then(|help| help.add(units, UnitKind::Description, language));
    let subquestions: Vec<usize> =
        parts.subquestions.iter().filter_map(|text| text.add(units, UnitKind::Option, language)).collect();
    let answers: Vec<usize> =
        parts.answers.iter().filter_map(|text| text.add(units, UnitKind::Option, language)).collect();
    let kind = question_kind(parts.type_letter);
    let mut question = Question::new(kind, stem);
    question.name = parts.code.clone();
    question.description = description;
    match kind {
        // Multiple-choice options are stored as subquestions.
        QuestionKind::MultipleChoice => {
            question.options = subquestions.into_iter().chain(answers).collect();
        }
        QuestionKind::Matrix | QuestionKind::Open => {
            question.rows = subquestions;
            question.options = answers;
        }
        _ => {
            question.options = answers;
            question.rows = subquestions;
        }
    }
    // `5` (a rating) and the `A`/`B` arrays (matrices) answer on fixed numeric scales.
    question.scale =
        implied_scale(parts.type_letter).map(|(min, max)| Scale { min, max, min_label: None, max_label: None });
    Some(units.document.push_question(question))
}

/// The `surveyls_*` fields worth linting, and the kind of unit each becomes.
pub(crate) fn survey_text_kind(field: &str) -> Option<UnitKind> {
    match field {
        "surveyls_title" => Some(UnitKind::Title),
        "surveyls_description"
        | "surveyls_welcometext"
        | "surveyls_endtext"
        | "surveyls_email_invite_subj"
        | "surveyls_email_invite"
        | "surveyls_email_remind_subj"
        | "surveyls_email_remind"
        | "surveyls_email_register_subj"
        | "surveyls_email_register"
        | "surveyls_email_confirm_subj"
        | "surveyls_email_confirm" => Some(UnitKind::Text),
        _ => None,
    }
}

/// A row's language: `None` when it does not say, `Err` for a language surveylint does not check.
pub(crate) fn row_language(tag: &str) -> Result<Option<Language>, ()> {
    if tag.trim().is_empty() {
        return Ok(None);
    }
    Language::from_tag(tag).map(Some).ok_or(())
}
