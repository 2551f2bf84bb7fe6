//! The learned scorer's weights (`rules/scorer/<language>.tsv`) are exactly
//! what training on the labelled corpus writes: retrained here from
//! `tests/corpus/` and compared. `UPDATE_SCORER=1` rewrites them.
//!
//! The training texts are the main corpus, the two older held-out sets
//! (`holdout/`, `test-split/`, both read before) and the scored families'
//! own examples in `rules/` (each judged only on its rule: a must-flag
//! example of score-begging says nothing about emotional pressure). The unseen test
//! split (`test-split-2/`) is never trained on: it stays a measure.

use std::path::{Path, PathBuf};

use surveylint::scorer_training::{train, TrainingItem};
use surveylint::{Language, Linter};

#[path = "../../../tests/support/corpus_file.rs"]
mod corpus_file;
use corpus_file::parse_corpus_file;

const FAMILIES: [&str; 8] = [
    "score-begging",
    "employee-rating-pressure",
    "emotional-pressure",
    "conditional-incentive",
    "social-proof",
    "leading-question",
    "push-poll-premise",
    "loaded-language",
];
const TRAINING_SETS: [&str; 3] = ["", "holdout/", "test-split/"];

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus_items(language: &str) -> Vec<TrainingItem> {
    TRAINING_SETS
        .iter()
        .flat_map(|set| {
            let path = repository().join(format!("tests/corpus/{set}{language}.toml"));
            parse_corpus_file(&path).item
        })
        .map(|item| TrainingItem {
            judged: FAMILIES
                .iter()
                .map(|family| ((*family).to_owned(), item.rules.iter().any(|rule| rule == family)))
                .collect(),
            text: item.text,
        })
        .collect()
}

/// The must-flag and must-not-flag examples of the scored families, without
/// the `[[`/`]]` marks.
fn example_items(linter: &Linter, language: Language) -> Vec<TrainingItem> {
    let mut items = Vec::new();
    for family in FAMILIES {
        let Some(rule) = linter.rule(family) else { panic!("no rule {family}") };
        let text = rule.text(language);
        let judged = [(&text.must_flag, true), (&text.must_not_flag, false)];
        for (examples, applies) in judged {
            items.extend(examples.iter().map(|example| TrainingItem {
                text: example.replace("[[", "").replace("]]", ""),
                judged: vec![(family.to_owned(), applies)],
            }));
        }
    }
    items
}
#[test]
fn scorer_weights_are_what_training_writes() {
    let linter = Linter::new();
    for language in [Language::Dutch, Language::English] {
        let code = language.code();
        let mut training = corpus_items(code);
        training.extend(example_items(&linter, language));
        let origin =
            format!("tests/corpus/{{,holdout/,test-split/}}{code}.toml and the {code} examples of these rules");
        let expected = train(&training, &FAMILIES, &origin);
        let path = repository().join(format!("rules/scorer/{code}.tsv"));
        if std::env::var_os("UPDATE_SCORER").is_some() {
            std::fs::write(&path, &expected).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            continue;
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert!(
            actual == expected,
            "{} is not what training on tests/corpus writes; run `UPDATE_SCORER=1 cargo test -p surveylint --test scorer_model`",
            path.display()
        );
    }
}
