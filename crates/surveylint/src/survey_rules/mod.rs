//! Survey-level rules: checks of a questionnaire's structure (scales, answer
//! options, length) that loose phrases cannot express. Each rule's texts and
//! examples live in its rule file in `rules/`; its logic lives here, one
//! rule per file, registered alphabetically in [`SURVEY_RULES`].

use std::ops::Range;

use crate::document::Document;
use crate::language::Language;

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

/// What a survey rule sees.
pub(crate) struct SurveyContext<'a> {
    pub(crate) document: &'a Document,
    /// The resolved language of each unit, by unit index.
    pub(crate) languages: &'a [Language],
    pub(crate) limits: &'a SurveyLimits,
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
pub(crate) const SURVEY_RULES: &[(&str, SurveyCheck)] = &[];

/// The logic of the survey rule `slug`, if it is built in.
pub(crate) fn check_for(slug: &str) -> Option<SurveyCheck> {
    SURVEY_RULES.iter().find(|(name, _)| *name == slug).map(|(_, check)| *check)
}
