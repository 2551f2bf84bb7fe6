//! What a question's surroundings say: the intro texts above it and the
//! questions before it, for rules that need more than the stem.

use crate::document::{Question, UnitKind};

use super::SurveyContext;

/// The free texts that introduce `question`: its help text, and every text
/// not part of a question between the last heading above it and its stem
/// ("De volgende vragen gaan over de afgelopen vier weken.").
pub(crate) fn intro_texts<'a>(context: &'a SurveyContext<'_>, question: &Question) -> Vec<&'a str> {
    let mut texts: Vec<&str> = question.description.map(|unit| context.text(unit)).into_iter().collect();
    for unit in context.document.units.iter().take(question.text).rev() {
        match unit.kind {
            UnitKind::Title => {
                texts.push(&unit.text);
                break;
            }
            UnitKind::Text if unit.question.is_none() => texts.push(&unit.text),
            _ => {}
        }
    }
    texts
}
