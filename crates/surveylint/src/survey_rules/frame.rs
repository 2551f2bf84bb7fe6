//! What a question's surroundings say: the intro texts above it and the
//! questions before it, for rules that need more than the stem.

use crate::document::{Question, UnitKind};

use super::SurveyContext;

/// How many units above a question are searched for its section's intro: a
/// bound, so a long document without headings costs linear time, not a walk
/// back to its start from every question.
const MAX_INTRO_DISTANCE: usize = 60;

/// The free texts that introduce `question`, as unit indexes: its help text,
/// and every text not part of a question between the last heading above it
/// and its stem ("De volgende vragen gaan over de afgelopen vier weken."),
/// at most [`MAX_INTRO_DISTANCE`] units up.
pub(crate) fn intro_units(context: &SurveyContext<'_>, question: &Question) -> Vec<usize> {
    let mut units: Vec<usize> = question.description.into_iter().collect();
    let above = context.document.units.iter().enumerate().take(question.text).rev().take(MAX_INTRO_DISTANCE);
    for (index, unit) in above {
        match unit.kind {
            UnitKind::Title => {
                units.push(index);
                break;
            }
            UnitKind::Text if unit.question.is_none() => units.push(index),
            _ => {}
        }
    }
    units
}
