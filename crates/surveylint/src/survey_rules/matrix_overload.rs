//! `matrix-overload` (SL113): a grid with more than 10 rows or more than 7
//! answer columns.
//!
//! ## Why it is bad
//! Large grids tire respondents, who then straight-line (the same column on
//! every row), skip rows or quit; on a phone they do not fit at all (Dillman,
//! Smyth & Christian, Tailored Design). Survey platforms warn above about ten
//! rows.
//!
//! ## How it decides
//! A matrix question counts its rows and its answer columns; opt-out columns
//! ("Weet niet", "N.v.t.") are not counted, since a 7-point scale with "Weet
//! niet" beside it is good practice.

use crate::document::QuestionKind;

use super::option_class::OptionClass;
use super::{SurveyContext, SurveyFinding};

const MAX_ROWS: usize = 10;
const MAX_COLUMNS: usize = 7;

pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let mut findings = Vec::new();
    for question in context.answerable().filter(|question| question.kind == QuestionKind::Matrix) {
        let rows = question.rows.len();
        let columns =
            question.options.iter().filter(|&&unit| context.option_class(unit) != OptionClass::OptOut).count();
        // A grid of one row is a single question laid out wide (or a reader's
        // grid whose rows have no text), not a grid to work through.
        if rows > MAX_ROWS || (columns > MAX_COLUMNS && rows >= 2) {
            let arguments = vec![("rows", rows.to_string()), ("columns", columns.to_string())];
            findings.push(context.finding_on(question.text, arguments));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;
    use crate::survey_rules::SurveyLimits;

    fn arguments(columns: &[&str], rows: &[&str]) -> Option<Vec<(&'static str, String)>> {
        let document = crate::survey_rules::one_question_document(QuestionKind::Matrix, "Hoe tevreden?", columns, rows);
        let languages = vec![Language::Dutch; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        check(&context).pop().map(|finding| finding.arguments)
    }

    #[test]
    fn rows_and_columns_are_counted_without_opt_outs() {
        let ten = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
        assert_eq!(
            arguments(&ten, &["Prijs", "Service"]),
            Some(vec![("rows", "2".to_owned()), ("columns", "10".to_owned())])
        );
        assert_eq!(arguments(&ten, &["Prijs"]), None);
        let seven_and_opt_out = ["1", "2", "3", "4", "5", "6", "7", "Weet niet"];
        assert_eq!(arguments(&seven_and_opt_out, &["Prijs", "Service"]), None);
        let eleven_rows: Vec<String> = (1..=11).map(|row| format!("Onderdeel {row}")).collect();
        let eleven_rows: Vec<&str> = eleven_rows.iter().map(String::as_str).collect();
        assert_eq!(
            arguments(&["Oneens", "Eens"], &eleven_rows),
            Some(vec![("rows", "11".to_owned()), ("columns", "2".to_owned())])
        );
    }
}
