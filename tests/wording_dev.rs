//! Precision and recall on real published survey wording (the development set).
//!
//! `../shared/corpus/wording-dev/wording-dev.tsv` holds sentences quoted from
//! real survey invitations, review requests, push polls and questionnaires,
//! each labelled with the manipulation families a methodologist would flag.
//! It is read in place and never copied into the repository: the sentences
//! belong to their publishers, and a hidden second set of the same kind is
//! what the rules are judged on, so nothing here may be tuned to the exact
//! wording. This test lints every item the way a user's plain-text file is
//! linted (language from the `lang` column), prints precision and recall per
//! family and language with every miss and false alarm, and gates on them.
//!
//! The path comes from `SURVEYLINT_WORDING_DEV` (set by `.ci/run`), with the
//! shared folder of the development machine as fallback. A missing file
//! skips the test locally but fails it under `CI=true`: a gate that silently
//! does not run is worse than none.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use surveylint::{Language, LintOptions, Linter, TextFormat};

/// The scored families, as the set labels them.
const FAMILIES: [&str; 9] = [
    "conditional-incentive",
    "double-barreled",
    "double-negative",
    "emotional-pressure",
    "employee-rating-pressure",
    "leading",
    "loaded-language",
    "score-begging",
    "social-proof",
];

/// Per-language gates: precision of all findings together, recall of all
/// labels together, and the share of neutral items without any finding
/// (other than a family the item lists as also acceptable).
/// The issue asks 0.97 / 0.90 / 0.98. Recall is set just below what the
/// rules honestly reach (see `rules/README.md`, "Measuring on real
/// wording"); the gap to 0.90 is printed with every run.
const MIN_PRECISION: f64 = 0.97;
const TARGET_RECALL: f64 = 0.90;
const MIN_NEUTRAL_CLEAN: f64 = 0.98;
fn min_recall(language: Language) -> f64 {
    // Reached when this gate was set (issue 10, 2026-11-30): Dutch 22 of 24 (0.917), English
    // 53 of 55 (0.964), both above the 0.90; before: 20 of 24 (0.83), 48 of 55 (0.87).
    match language {
        Language::Dutch => 0.91,
        Language::English => 0.96,
    }
}

/// The family a rule's findings count for; `None` for rules outside the
/// scored families (agree-disagree, nps-question, vague-quantifier…).
fn family_of(rule: &str) -> Option<&'static str> {
    match rule {
        // Push-poll premises were leading-question's before they got a rule of their own.
        "one-sided-question" | "leading-question" | "push-poll-premise" => Some("leading"),
        other => FAMILIES.iter().copied().find(|family| *family == other),
    }
}

/// One labelled item.
struct Item {
    id: String,
    language: Language,
    expect: BTreeSet<String>,
    also_ok: BTreeSet<String>,
    text: String,
}

fn wording_dev_path() -> PathBuf {
    std::env::var_os("SURVEYLINT_WORDING_DEV")
        .map_or_else(|| PathBuf::from("/work/shared/corpus/wording-dev/wording-dev.tsv"), PathBuf::from)
}

fn families(field: &str, position: &str) -> BTreeSet<String> {
    let field = field.trim();
    if field == "-" || field.is_empty() {
        return BTreeSet::new();
    }
    field
        .split(',')
        .map(|family| {
            let family = family.trim();
            assert!(FAMILIES.contains(&family), "{position}: unknown family `{family}`");
            family.to_owned()
        })
        .collect()
}

/// Parses the TSV: `id`, `lang`, expected families, also-ok families, text.
fn parse(source: &str) -> Vec<Item> {
    let mut items = Vec::new();
    for (index, line) in source.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let position = format!("wording-dev.tsv line {}", index + 1);
        let columns: Vec<&str> = line.splitn(5, '\t').collect();
        let [id, lang, expect, also_ok, text] = columns[..] else {
            panic!("{position}: expected 5 tab-separated columns, found {}", columns.len());
        };
        let language = match lang.trim() {
            "nl" => Language::Dutch,
            "en" => Language::English,
            other => panic!("{position}: unknown language `{other}`"),
        };
        items.push(Item {
            id: id.trim().to_owned(),
            language,
            expect: families(expect, &position),
            also_ok: families(also_ok, &position),
            text: text.to_owned(),
        });
    }
    items
}

#[derive(Default, Clone, Copy)]
struct Counts {
    positives: usize,
    true_positives: usize,
    false_positives: usize,
}

impl Counts {
    fn precision(self) -> f64 {
        let predicted = self.true_positives + self.false_positives;
        if predicted == 0 {
            1.0
        } else {
            self.true_positives as f64 / predicted as f64
        }
    }
    fn recall(self) -> f64 {
        if self.positives == 0 {
            1.0
        } else {
            self.true_positives as f64 / self.positives as f64
        }
    }
}

/// The families that fired on `text`, linted as a plain-text file in `language`.
fn predicted(linter: &Linter, text: &str, language: Language) -> BTreeSet<String> {
    linter
        .lint_text(text, TextFormat::Plain, &LintOptions::with_language(Some(language)))
        .iter()
        .filter_map(|diagnostic| family_of(&diagnostic.rule))
        .map(str::to_owned)
        .collect()
}

#[test]
fn rules_catch_real_published_manipulation() {
    let path = wording_dev_path();
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(error) => {
            let in_ci = std::env::var("CI").is_ok_and(|value| value == "true");
            assert!(!in_ci, "the development set {} is missing in CI: {error}", path.display());
            eprintln!("skipped: the development set {} is not here ({error})", path.display());
            return;
        }
    };
    let items = parse(&source);
    assert!(items.len() > 100, "{} holds only {} items", path.display(), items.len());

    let linter = Linter::new();
    let mut out = String::new();
    let mut failures = Vec::new();
    for language in Language::ALL {
        let mut per_family: BTreeMap<&str, Counts> =
            FAMILIES.iter().map(|family| (*family, Counts::default())).collect();
        let mut total = Counts::default();
        let (mut neutral, mut neutral_clean) = (0, 0);
        let mut lines = Vec::new();
        for item in items.iter().filter(|item| item.language == language) {
            let found = predicted(&linter, &item.text, language);
            if item.expect.is_empty() {
                neutral += 1;
                // Clean: no finding outside what a reviewer might also flag.
                neutral_clean += usize::from(found.iter().all(|family| item.also_ok.contains(family)));
            }
            for family in FAMILIES {
                let expected = item.expect.contains(family);
                let fired = found.contains(family);
                let Some(counts) = per_family.get_mut(family) else { continue };
                if expected {
                    counts.positives += 1;
                    total.positives += 1;
                    if fired {
                        counts.true_positives += 1;
                        total.true_positives += 1;
                    } else {
                        lines.push(format!("  miss        {family:<25} {} {:?}", item.id, item.text));
                    }
                } else if fired && !item.also_ok.contains(family) {
                    counts.false_positives += 1;
                    total.false_positives += 1;
                    lines.push(format!("  false alarm {family:<25} {} {:?}", item.id, item.text));
                }
            }
        }
        let code = language.code();
        let _ = writeln!(
            out,
            "\n[{code}] {:<25} {:>4} {:>4} {:>4} {:>9} {:>7}",
            "family", "pos", "TP", "FP", "precision", "recall"
        );
        for (family, counts) in &per_family {
            let _ = writeln!(
                out,
                "[{code}] {family:<25} {:>4} {:>4} {:>4} {:>9.2} {:>7.2}",
                counts.positives,
                counts.true_positives,
                counts.false_positives,
                counts.precision(),
                counts.recall()
            );
        }
        let neutral_share = if neutral == 0 { 1.0 } else { neutral_clean as f64 / neutral as f64 };
        let _ = writeln!(
            out,
            "[{code}] {:<25} {:>4} {:>4} {:>4} {:>9.2} {:>7.2}   neutral clean {neutral_clean}/{neutral} = {neutral_share:.3}",
            "ALL",
            total.positives,
            total.true_positives,
            total.false_positives,
            total.precision(),
            total.recall()
        );
        if total.recall() < TARGET_RECALL {
            let _ = writeln!(
                out,
                "[{code}] recall gap: {:.2} below the issue's {TARGET_RECALL:.2} ({} of {} labels missed)",
                TARGET_RECALL - total.recall(),
                total.positives - total.true_positives,
                total.positives
            );
        }
        for line in lines {
            let _ = writeln!(out, "{line}");
        }
        if total.precision() < MIN_PRECISION {
            failures.push(format!("[{code}] precision {:.3} < {MIN_PRECISION}", total.precision()));
        }
        if total.recall() < min_recall(language) {
            failures.push(format!("[{code}] recall {:.3} < {}", total.recall(), min_recall(language)));
        }
        if neutral_share < MIN_NEUTRAL_CLEAN {
            failures.push(format!("[{code}] neutral clean {neutral_share:.3} < {MIN_NEUTRAL_CLEAN}"));
        }
    }
    assert!(failures.is_empty(), "{out}\n{}", failures.join("\n"));
    eprintln!("{out}");
}
