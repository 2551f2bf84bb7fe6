//! The incremental linter ([`LintCache`]) against a lint from scratch: after
//! every one of a series of random edits (characters inserted, deleted or
//! replaced, multi-byte characters and line breaks among them, inside one
//! question or across several), the findings of the cache must equal
//! [`Linter::lint`] of the edited text exactly: the same diagnostics with
//! the same spans, rewrites and messages, in the same order.

use std::sync::OnceLock;

use proptest::prelude::*;
use surveylint::{parse_text, Diagnostic, Language, LintCache, LintOptions, Linter, TextFormat};

/// A Dutch customer survey: an invitation, begging for a top score, praise
/// of what is being rated, scales with and without an opt-out, a matrix and
/// a suppression comment.
const DUTCH: &str = "# Klantonderzoek onderhoudsbeurt

Beste klant, bedankt voor uw bezoek aan onze werkplaats. Het invullen duurt ongeveer drie minuten.

1. Hoe tevreden bent u over onze uitstekende service?
   - Zeer tevreden
   - Tevreden
   - Neutraal
   - Ontevreden

2. Verdienen we een 10?
   - Ja
   - Nee

<!-- surveylint-disable-next-line score-begging -->
3. Zou u ons een 9 of 10 willen geven?

4. Welk cijfer van 0 tot 10 geeft u ons?

5. Wat is de belangrijkste reden voor uw score?

Uw mening is van levensbelang voor onze monteurs, want hun bonus hangt ervan af.

| Hoe beoordeelt u | Goed | Redelijk | Slecht |
|---|---|---|---|
| de wachttijd | | | |
| de uitleg van de monteur | | | |

6. Bent u het ermee eens dat onze nieuwe app veel sneller is?
   - Helemaal mee eens
   - Mee eens
   - Oneens
";

/// An English survey with a leading question, a loaded premise, an
/// unbalanced scale, a reward for a good rating and an NPS question.
const ENGLISH: &str = "# Customer feedback

Thank you for shopping with us! Your answers are anonymous.

1. How satisfied are you with our excellent service?
   - Very satisfied
   - Satisfied
   - Somewhat satisfied
   - Dissatisfied

2. On a scale from 0 to 10, how likely are you to recommend us to a friend or colleague?

3. If you were happy, please rate us 5 stars!

4. Don't you agree that our new app is much faster?

5. Leave a 5-star review and get a 10% discount on your next order.

6. How often did you use the WMO portal in the past month?
   - Never
   - 1-2 times
   - 2-5 times
   - More than 5 times

// surveylint-disable-next-line
7. What would make you give us a perfect score next time?
";

/// Short units in both languages, so the document's language (which every
/// unit's evidence decides) tips over under edits and units without clear
/// evidence of their own change language with it.
const MIXED: &str = "Survey / Enquête

1. Verdienen we een 10?
   - Ja
   - Nee
   - Yes

2. Do we deserve a 10?
   - Goed
   - Good

3. Hoe was het?

4. How was it?

Bedankt! Thank you!
";

const FIXTURES: &[(&str, TextFormat)] = &[
    (DUTCH, TextFormat::Markdown),
    (ENGLISH, TextFormat::Markdown),
    (MIXED, TextFormat::Markdown),
    (DUTCH, TextFormat::Plain),
    (ENGLISH, TextFormat::Plain),
    (MIXED, TextFormat::Plain),
];

/// What an edit inserts: words that make or break findings, multi-byte
/// characters, line breaks that split units and markers that turn a line
/// into a question, an option or a comment.
const SNIPPETS: &[&str] = &[
    "",
    "a",
    "e",
    " ",
    "?",
    ".",
    "\n",
    "\n\n",
    "\r\n",
    "é",
    "ë",
    "😀",
    "’",
    "ĳ",
    "—",
    "10",
    "9 of 10",
    "5 stars",
    "uitstekende",
    "excellent",
    "Verdienen we een 10?",
    "de het een",
    "the and you",
    "\n   - Weet niet",
    "\n   - Don't know",
    "\n\n7. Hoe tevreden bent u?\n",
    "\n- ",
    "1. ",
    "| x | y |\n",
    "<!-- surveylint-disable-next-line -->\n",
    "// surveylint-disable score-begging\n",
];

/// One edit: at a fraction of the text, remove some bytes (widened to whole
/// characters) and insert a snippet.
#[derive(Debug, Clone)]
struct Edit {
    /// Where, in thousandths of the text's length.
    at: u32,
    /// How many bytes to remove after that: mostly a character or two,
    /// sometimes whole lines and questions.
    remove: usize,
    snippet: usize,
}

fn edit() -> impl Strategy<Value = Edit> {
    let remove = prop_oneof![4 => 0usize..=2, 1 => 0usize..=120];
    (0u32..=1000, remove, 0..SNIPPETS.len()).prop_map(|(at, remove, snippet)| Edit { at, remove, snippet })
}

/// The largest character boundary of `text` at or before `offset`.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn apply(text: &mut String, edit: &Edit) {
    let start = floor_boundary(text, text.len() * edit.at as usize / 1000);
    let end = floor_boundary(text, start + edit.remove).max(start);
    text.replace_range(start..end, SNIPPETS[edit.snippet]);
}

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(Linter::new)
}

/// Option sets a cache may be linted under, switched between in one run.
fn options(choice: usize) -> LintOptions {
    let mut options = LintOptions::default();
    match choice {
        1 => options.language = Some(Language::English),
        2 => options.ignore = vec!["score-begging".to_owned()],
        _ => {}
    }
    options
}

/// Lints `text` through the cache and from scratch; they must agree.
fn check(cache: &mut LintCache, text: &str, format: TextFormat, options: &LintOptions) -> Result<(), TestCaseError> {
    let document = parse_text(text, format);
    let incremental: Vec<Diagnostic> = cache.lint(linter(), &document, options);
    let scratch = linter().lint(&document, options);
    prop_assert_eq!(incremental, scratch, "text after the edit:\n{}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Random edits to one document, linted through one cache after each.
    #[test]
    fn incremental_findings_equal_a_lint_from_scratch(
        fixture in 0..FIXTURES.len(),
        edits in prop::collection::vec(edit(), 1..40),
        switch_options_at in prop::option::of(0usize..40),
        other_options in 1usize..3,
    ) {
        let (source, format) = FIXTURES[fixture];
        let mut text = source.to_owned();
        let mut cache = LintCache::new();
        check(&mut cache, &text, format, &options(0))?;
        for (step, edit) in edits.iter().enumerate() {
            apply(&mut text, edit);
            // Other options from some edit on: the cache must notice.
            let choice = if switch_options_at.is_some_and(|at| step >= at) { other_options } else { 0 };
            check(&mut cache, &text, format, &options(choice))?;
        }
    }
}

/// A one-character edit in a long questionnaire matches that question again
/// and nothing else, and the findings still equal a lint from scratch.
#[test]
fn a_one_character_edit_matches_one_unit_again() {
    let mut text = String::new();
    for number in 1..=200 {
        text.push_str(&format!(
            "{number}. Hoe beoordeelt u onderdeel {number} van uw bezoek?\n   - Goed\n   - Slecht\n\n"
        ));
    }
    let options = LintOptions::default();
    let mut cache = LintCache::new();
    let document = parse_text(&text, TextFormat::Markdown);
    assert_eq!(cache.lint(linter(), &document, &options), linter().lint(&document, &options));
    // Two hundred questions and the two options they all share.
    assert_eq!(cache.stats().kept, 202);

    let at = text.find("onderdeel 100 ").unwrap_or_default();
    text.replace_range(at..at + 1, "O");
    let document = parse_text(&text, TextFormat::Markdown);
    assert_eq!(cache.lint(linter(), &document, &options), linter().lint(&document, &options));
    let stats = cache.stats();
    assert_eq!((stats.analysed, stats.matched, stats.kept), (1, 1, 202));
}

/// Another linter (a configuration with other rules) or other settings make
/// the cache start afresh instead of reusing findings made under the old ones.
#[test]
fn a_new_linter_or_new_settings_start_afresh() {
    let text = "1. Verdienen we een 10?\n\n2. Hoe was het?\n";
    let document = parse_text(text, TextFormat::Markdown);
    let mut cache = LintCache::new();
    let options = LintOptions::default();
    cache.lint(linter(), &document, &options);
    assert_eq!(cache.stats().matched, document.units.len());
    cache.lint(linter(), &document, &options);
    assert_eq!(cache.stats().matched, 0);

    let other = Linter::new();
    assert_eq!(cache.lint(&other, &document, &options), other.lint(&document, &options));
    assert_eq!(cache.stats().matched, document.units.len());

    let mut ignoring = LintOptions::default();
    ignoring.ignore = vec!["sl001".to_owned()];
    assert_eq!(cache.lint(&other, &document, &ignoring), other.lint(&document, &ignoring));
    assert_eq!(cache.stats().matched, document.units.len());
}
