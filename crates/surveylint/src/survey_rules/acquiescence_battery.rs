//! `acquiescence-battery` (SL114): five or more agree/disagree statements in
//! a row, all worded in the same direction.
//!
//! ## Why it is bad
//! Some respondents agree with whatever is put to them (acquiescence). When
//! every statement is worded so that agreeing is the favourable answer, that
//! tendency inflates the score and cannot be told apart from real agreement
//! (Krosnick & Presser 2010; Saris, Revilla, Krosnick & Shaeffer 2010).
//!
//! ## How it decides
//! A battery is a run of consecutive questions whose answers are agree/disagree
//! labels (`<@agree-word>`): the rows of grids and the stems of single
//! questions alike, so a battery split over several pages or grids is judged
//! as a whole.
//! A statement is worded against the favourable side when it holds a
//! negation or a negative word (`<@reverse-keyed>`: "niet", "moeilijk",
//! "unhelpful", "too long"). With five or more statements and all of them on
//! the same side, the battery is flagged once, on its stem or first statement.

use crate::document::{Question, QuestionKind};
use crate::language::Language;

use super::{SurveyContext, SurveyFinding, Test};

const MIN_STATEMENTS: usize = 5;
static AGREE: Test = Test::pattern(r"\b(?:<@agree-word>)\b");
static REVERSED: Test = Test::pattern(r"\b(?:<@reverse-keyed>)\b|n't\b");

pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let mut findings = Vec::new();
    // The battery being read: its anchor (the first stem) and its statements.
    let mut battery: Option<(usize, Vec<usize>)> = None;
    let mut flush = |battery: &mut Option<(usize, Vec<usize>)>| {
        if let Some((anchor, statements)) = battery.take() {
            if one_direction(context, context.language(anchor), &statements) {
                findings.push(context.finding_on(anchor, vec![("count", statements.len().to_string())]));
            }
        }
    };
    for question in context.answerable() {
        if !agree_scale(context, question) {
            flush(&mut battery);
            continue;
        }
        // A grid holds its statements in its rows; a run of single questions, in their stems.
        let statements: Vec<usize> =
            if question.kind == QuestionKind::Matrix { question.rows.clone() } else { vec![question.text] };
        battery.get_or_insert_with(|| (question.text, Vec::new())).1.extend(statements);
    }
    flush(&mut battery);
    findings
}

/// True when at least two of a question's answers are agree/disagree labels.
fn agree_scale(context: &SurveyContext<'_>, question: &Question) -> bool {
    let language = context.language(question.text);
    let agree_labels = question.options.iter().filter(|&&unit| context.test(unit, language, &AGREE));
    agree_labels.count() >= 2
}

/// True when there are enough statements and all lean the same way.
fn one_direction(context: &SurveyContext<'_>, language: Language, statements: &[usize]) -> bool {
    if statements.len() < MIN_STATEMENTS {
        return false;
    }
    let reversed = statements.iter().filter(|&&unit| context.test(unit, language, &REVERSED)).count();
    reversed == 0 || reversed == statements.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Unit, UnitKind};
    use crate::survey_rules::SurveyLimits;

    /// A document of agree/disagree grids, one per list of rows.
    fn counts(grids: &[&[&str]]) -> Vec<String> {
        let mut document = Document::new();
        for rows in grids {
            let text =
                document.push_unit(Unit::verbatim("Geef aan in hoeverre u het eens bent.", UnitKind::Question, 0));
            let mut question = Question::new(QuestionKind::Matrix, text);
            for label in ["Oneens", "Neutraal", "Eens"] {
                question.options.push(document.push_unit(Unit::verbatim(label, UnitKind::Option, 0)));
            }
            for row in *rows {
                question.rows.push(document.push_unit(Unit::verbatim(*row, UnitKind::Option, 0)));
            }
            document.push_question(question);
        }
        let languages = vec![Language::Dutch; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        check(&context).into_iter().flat_map(|finding| finding.arguments).map(|(_, count)| count).collect()
    }

    /// A document of single agree/disagree questions, one per statement.
    fn counts_of_run(statements: &[&str]) -> Vec<String> {
        let mut document = Document::new();
        for statement in statements {
            let text = document.push_unit(Unit::verbatim(*statement, UnitKind::Question, 0));
            let mut question = Question::new(QuestionKind::SingleChoice, text);
            for label in ["Helemaal oneens", "Oneens", "Eens", "Helemaal eens"] {
                question.options.push(document.push_unit(Unit::verbatim(label, UnitKind::Option, 0)));
            }
            document.push_question(question);
        }
        let languages = vec![Language::Dutch; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        check(&context).into_iter().flat_map(|finding| finding.arguments).map(|(_, count)| count).collect()
    }

    #[test]
    fn a_run_of_single_statements_is_a_battery_too() {
        let positive = [
            "Ik ben blij met mijn werk",
            "Mijn werk daagt mij uit",
            "Ik leer veel",
            "Ik voel me gewaardeerd",
            "Ik werk graag samen",
        ];
        assert_eq!(counts_of_run(&positive), vec!["5"]);
        let mixed = [
            "Ik ben blij met mijn werk",
            "Mijn werk daagt mij uit",
            "Ik leer weinig",
            "Ik voel me gewaardeerd",
            "Ik werk graag samen",
        ];
        assert_eq!(counts_of_run(&mixed), Vec::<String>::new());
    }

    #[test]
    fn a_battery_split_over_grids_is_judged_as_a_whole() {
        let positive: &[&str] = &["Ik werk hier graag", "Mijn team helpt mij", "Ik leer veel"];
        let more_positive: &[&str] = &["Ik ben trots op mijn werk", "Mijn werk is afwisselend"];
        assert_eq!(counts(&[positive, more_positive]), vec!["5"]);
        let reversed: &[&str] = &["Ik denk vaak aan stoppen", "Mijn werk is te druk"];
        assert_eq!(counts(&[positive, reversed]), Vec::<String>::new());
        assert_eq!(counts(&[positive]), Vec::<String>::new());
    }
}
