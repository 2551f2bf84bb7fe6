//! Every must-flag example of the scored families, changed the way real
//! texts differ from the examples, must keep its finding: a question number
//! or a salutation before it, no final mark, an emoji or a run of marks
//! after it, a company's name after "we", an aside in the middle ("…,
//! zoals u weet, …"), a particle, "please" or a time word in the middle,
//! the score in quotes, a line break inside, informal "je" or plural
//! "jullie" for "u", the condition after the main clause, "I" for "we",
//! "the" for "our", a number written as a word.
//! Issue 10 measured these changes before the phrase rules learned to read
//! past them; the ceilings below are the findings still lost at that time,
//! so a change that loses more fails here (and lowering a ceiling is
//! welcome).

use std::collections::BTreeMap;
use std::path::Path;

use surveylint::{Language, LintOptions, Linter, TextFormat};

/// The families scored on real wording, and the rules that count for each.
const FAMILIES: &[(&str, &[&str])] = &[
    ("score-begging", &["score-begging"]),
    ("employee-rating-pressure", &["employee-rating-pressure"]),
    ("emotional-pressure", &["emotional-pressure"]),
    ("conditional-incentive", &["conditional-incentive"]),
    ("social-proof", &["social-proof"]),
    ("one-sided-question", LEADING),
    ("leading-question", LEADING),
    ("push-poll-premise", LEADING),
    ("loaded-language", &["loaded-language"]),
    ("double-barreled", &["double-barreled"]),
    ("double-negative", &["double-negative"]),
];

/// One-sided, leading and push-poll questions are one family on real wording.
const LEADING: &[&str] = &["one-sided-question", "leading-question", "push-poll-premise"];

/// At most this many examples may lose their finding under each change.
const CEILING: &[(&str, &str, usize)] = &[
    ("nl", "a question number before it", 1),
    ("nl", "a salutation before it", 0),
    // Round 67 added an example with informal "steun je" at the start of a
    // question: without its "?" it reads as an order ("Kies je cijfer" has
    // the same shape), so it is the seventh. Round 83: "denk aan ons bij
    // de enquete: 10!" needs its "!" (without it, "aantal vragen in deze
    // enquete: 10" has the same shape), the eighth.
    ("nl", "no final mark", 8),
    ("nl", "an emoji after it", 0),
    ("nl", "a run of marks after it", 0),
    ("nl", "the company's name after we", 0),
    // Before the phrase rules read units without their asides: 303 of 705
    // (nl) and 343 of 663 (en) lost. What is left: an aside put inside a
    // relative clause or between a preposition and its object, and a "u" in
    // the aside that an exception of double-barreled reads in the whole
    // sentence.
    ("nl", "an aside in the middle", 6),
    // Before the phrase rules read units without their filler words and
    // the quote marks around a number: 255 (particle) and 260 ("please") of
    // 709, and 37 (quotes) of 162 lost. What is left: "pls \"5 sterren\"
    // achterlaten", where "pls" is the only sign of a request.
    ("nl", "a particle in the middle", 0),
    ("nl", "please in the middle", 0),
    ("nl", "the score in quotes", 1),
    // A name at the start of a line is read as the start of a sentence
    // (two examples since round 84: "... levert / Anouk een vrije dag op").
    ("nl", "a line break in the middle", 2),
    // "je" and "jij" for "u", with the verb forms they take: 7 lost before
    // round 67 ("in hoeverre ben je", "steun je de wet?", "vind je ook zo
    // fijn", "welk cijfer geef je Tim?").
    ("nl", "informal you", 0),
    // Round 75: "jullie" for "u" (parents, residents, a team), with the
    // plural verb forms before it. Before, 152 of 422 lost: every class of
    // "you" named u, je and jij but not jullie, and the verbs before "u"
    // were singular only. Round 94: the table also turns "beoordeelt u",
    // "steunt u", "als u wist" and "als u hoorde" into their plural forms,
    // which found 12 patterns that knew only the singular; none is lost now.
    ("nl", "plural you", 0),
    // Round 76: "de"/"het" for "onze"/"ons" ("de club", "het team"). Left:
    // shapes that only the first person makes pressure ("het zou de
    // beoordeling helpen"), idioms that need "ons" ("maakt u er de week
    // mee goed"), and reports ("de leden zijn tevreden", "zonder nieuwe
    // leden overleeft de club het niet") that are pressure only when we
    // say them about ourselves.
    ("nl", "our as the", 10),
    // Round 76: a score or amount in words ("een negen", "tien euro
    // korting"); since round 80 not inside a decimal, thousand or fraction
    // ("4,8", "5.000", "5/5"), which no writer spells out. Left: a rank
    // that falls "onder de vijf sterren" (the digit form has its own
    // pattern).
    ("nl", "digits as words", 1),
    // Round 69: "straks" / "today" after the middle word lost 255 of 719
    // (nl) and 252 of 673 (en) before the time words without a period of
    // their own were fillers.
    ("nl", "a time word in the middle", 0),
    ("en", "a question number before it", 0),
    ("en", "a salutation before it", 0),
    ("en", "no final mark", 2),
    ("en", "an emoji after it", 0),
    ("en", "a run of marks after it", 0),
    ("en", "the company's name after we", 0),
    // 5 since round 101: "as you know" holds "you", an exception of double-barreled statements
    // ("my … you"), in the whole reading; the statement with its scale inline is the fifth.
    ("en", "an aside in the middle", 5),
    // Before: 248, 234 and 28 (of 127) lost. Left: "please" inside a second question.
    ("en", "a particle in the middle", 0),
    // 2 since round 101: "and please" opens a second request, an exception of double-barreled in the
    // whole sentence; the statement with its scale inline is the second.
    // 4 since round 102: the same "and please" exception silences two more statement items.
    ("en", "please in the middle", 4),
    ("en", "the score in quotes", 0),
    // A name at a line start, and an emphasis that spans two lines. 3 since round 105: a second
    // name at a line start ("What score would you give / Lotte, who served you tonight?"); a
    // capital at the start of a line is no evidence of a name.
    ("en", "a line break in the middle", 3),
    ("en", "a time word in the middle", 0),
    // Round 70: "If X, Y." as "Y if X." lost 6 of 21 (threats, review
    // gating, retraining said before their condition). Left: a question
    // whose condition ends it. Dutch is not changed: its main clause puts
    // the verb first after a fronted condition, so moving the condition
    // needs a grammar, not a swap.
    ("en", "the condition moved to the end", 1),
    // Round 71: a sole trader speaking ("I", "me", "my" for "we", "us",
    // "our") lost 16 of 331; patterns that named only "us" or "our" now take
    // "me" and "my" too. Left: shapes that need the plural or read oddly in
    // the singular ("I at Corner Books depend on …", "management will think
    // I don't care").
    ("en", "I instead of we", 10),
    // Round 76, as for Dutch: "the" for "our" lost 21 of 164 before
    // ("the little team", "the staff are rated on", "keeps the little
    // bookshop open" with a reply as what keeps it); left are idioms
    // that need "our" ("make our day", "poured our hearts into", since
    // round 84 "it breaks our hearts when ...").
    ("en", "our as the", 15),
    // Round 76: "ten pounds off", "below five stars"; since round 80 not
    // inside a decimal, thousand or fraction, as for Dutch.
    ("en", "digits as words", 0),
];

/// A must-flag example as a text: without its `[[span]]` marks and without
/// the rewrite after ` => `.
fn plain(example: &str) -> String {
    example.split(" => ").next().unwrap_or(example).replace("[[", "").replace("]]", "")
}

/// `text` changed by `change` in `language`, or `None` when the change does
/// not apply to it.
fn changed(text: &str, change: &str, language: &str) -> Option<String> {
    let dutch = language == "nl";
    match change {
        "a question number before it" => Some(format!("{}{text}", if dutch { "Vraag 3: " } else { "Question 3: " })),
        "a salutation before it" => {
            let mut letters = text.chars();
            let first = letters.next()?;
            let second = letters.next()?;
            // "I", "U" and words in capitals keep their case.
            if !first.is_uppercase() || second.is_uppercase() || !second.is_alphabetic() {
                return None;
            }
            let rest = &text[first.len_utf8()..];
            Some(format!("{}{}{rest}", if dutch { "Beste klant, " } else { "Hi Sam, " }, first.to_lowercase()))
        }
        "no final mark" => {
            let cut = text.trim_end_matches(['.', '!', '?']);
            (cut.len() < text.len() && !cut.is_empty()).then(|| cut.to_owned())
        }
        "an emoji after it" => Some(format!("{text} 🙏")),
        "an aside in the middle" => in_the_middle(text, if dutch { ", zoals u weet, " } else { ", as you know, " }),
        "a particle in the middle" => in_the_middle(text, if dutch { " toch " } else { " just " }),
        "please in the middle" => in_the_middle(text, if dutch { " alsjeblieft " } else { " please " }),
        "a line break in the middle" => in_the_middle(text, "\n"),
        "a time word in the middle" => in_the_middle(text, if dutch { " straks " } else { " today " }),
        "informal you" => dutch.then(|| replace_words(text, INFORMAL_YOU)).flatten(),
        "plural you" => dutch.then(|| replace_words(text, PLURAL_YOU)).flatten(),
        "our as the" => replace_words(
            text,
            if dutch {
                &[("onze", "de"), ("Onze", "De"), ("ons team", "het team"), ("Ons team", "Het team")]
            } else {
                &[("our", "the"), ("Our", "The")]
            },
        ),
        "digits as words" => replace_whole_numbers(
            text,
            if dutch {
                &[("10", "tien"), ("9", "negen"), ("8", "acht"), ("5", "vijf")]
            } else {
                &[("10", "ten"), ("9", "nine"), ("8", "eight"), ("5", "five")]
            },
        ),
        "I instead of we" => (!dutch).then(|| replace_words(text, SINGULAR_WE)).flatten(),
        "the condition moved to the end" => (!dutch).then(|| condition_last(text)).flatten(),
        "the score in quotes" => {
            let scores: &[&str] = if dutch {
                &["10", "9", "tien", "5 sterren", "vijf sterren"]
            } else {
                &["10", "9", "ten", "5 stars", "five stars"]
            };
            let (at, score) = scores.iter().find_map(|score| word_at(text, score).map(|at| (at, *score)))?;
            Some(format!("{}\"{score}\"{}", &text[..at], &text[at + score.len()..]))
        }
        "a run of marks after it" => text.ends_with(['!', '?']).then(|| format!("{text}!!")),
        "the company's name after we" => {
            let (word, name) = if dutch { ("wij", "wij van Garage Jansen") } else { ("we", "we at Jansen Motors") };
            let at = word_at(text, word).or_else(|| if dutch { word_at(text, "we") } else { None })?;
            let found = if text[at..].starts_with("wij") { 3 } else { 2 };
            Some(format!("{}{name}{}", &text[..at], &text[at + found..]))
        }
        _ => None,
    }
}

/// Formal "u" and the verb forms it takes, and their informal forms, in the
/// order they are replaced (a verb with its "u" before a lone "u").
const INFORMAL_YOU: &[(&str, &str)] = &[
    ("Bent u", "Ben je"),
    ("bent u", "ben je"),
    ("Geeft u", "Geef je"),
    ("geeft u", "geef je"),
    ("Wilt u", "Wil je"),
    ("wilt u", "wil je"),
    ("Kunt u", "Kun je"),
    ("kunt u", "kun je"),
    ("Heeft u", "Heb je"),
    ("heeft u", "heb je"),
    ("Vindt u", "Vind je"),
    ("vindt u", "vind je"),
    ("Beoordeelt u", "Beoordeel je"),
    ("beoordeelt u", "beoordeel je"),
    ("Steunt u", "Steun je"),
    ("steunt u", "steun je"),
    ("Kijkt u", "Kijk je"),
    ("kijkt u", "kijk je"),
    ("U bent", "Je bent"),
    ("u bent", "je bent"),
    ("U heeft", "Je hebt"),
    ("u heeft", "je hebt"),
    ("Zonder u", "Zonder jou"),
    ("zonder u", "zonder jou"),
    ("zoals u", "zoals jij"),
    ("voor u", "voor jou"),
    ("van u", "van jou"),
    ("U", "Je"),
    ("u", "je"),
    ("Uw", "Je"),
    ("uw", "je"),
];

/// Formal "u" and the verb forms before it, and what a group is asked
/// instead ("zijn jullie", "geven jullie"), in the order they are replaced.
const PLURAL_YOU: &[(&str, &str)] = &[
    ("Bent u", "Zijn jullie"),
    ("bent u", "zijn jullie"),
    ("Geeft u", "Geven jullie"),
    ("geeft u", "geven jullie"),
    ("Wilt u", "Willen jullie"),
    ("wilt u", "willen jullie"),
    ("Kunt u", "Kunnen jullie"),
    ("kunt u", "kunnen jullie"),
    ("Heeft u", "Hebben jullie"),
    ("heeft u", "hebben jullie"),
    ("Vindt u", "Vinden jullie"),
    ("vindt u", "vinden jullie"),
    ("Zou u", "Zouden jullie"),
    ("zou u", "zouden jullie"),
    // Round 94: the verbs of opinion questions and push polls.
    ("Beoordeelt u", "Beoordelen jullie"),
    ("Kijkt u", "Kijken jullie"),
    ("kijkt u", "kijken jullie"),
    ("beoordeelt u", "beoordelen jullie"),
    ("Steunt u", "Steunen jullie"),
    ("steunt u", "steunen jullie"),
    ("u wist", "jullie wisten"),
    ("u hoorde", "jullie hoorden"),
    ("U", "Jullie"),
    ("u", "jullie"),
    ("Uw", "Jullie"),
    ("uw", "jullie"),
];

/// "We", "us" and "our" and their forms, and what one person says instead.
const SINGULAR_WE: &[(&str, &str)] = &[
    ("We are", "I am"),
    ("we are", "I am"),
    ("We're", "I'm"),
    ("we're", "I'm"),
    ("We've", "I've"),
    ("we've", "I've"),
    ("We were", "I was"),
    ("we were", "I was"),
    ("We'd", "I'd"),
    ("we'd", "I'd"),
    ("We'll", "I'll"),
    ("we'll", "I'll"),
    ("We", "I"),
    ("we", "I"),
    ("us", "me"),
    ("Our", "My"),
    ("our", "my"),
    ("ourselves", "myself"),
];

/// `text` with each whole word or phrase of `table` replaced in turn, or
/// `None` when none occurs.
fn replace_words(text: &str, table: &[(&str, &str)]) -> Option<String> {
    replace_words_where(text, table, |_, _| true)
}

/// Numbers as words, except inside a decimal, a thousand or a fraction
/// ("4,8", "5.000", "5/5"), where a word would make a text no writer
/// produces.
fn replace_whole_numbers(text: &str, table: &[(&str, &str)]) -> Option<String> {
    replace_words_where(text, table, |before, after| {
        let part_of_number = |mark: Option<char>, digit: Option<char>| {
            mark.is_some_and(|mark| matches!(mark, ',' | '.' | '/'))
                && digit.is_some_and(|digit| digit.is_ascii_digit())
        };
        let mut left = before.chars().rev();
        let mut right = after.chars();
        !part_of_number(left.next(), left.next()) && !part_of_number(right.next(), right.next())
    })
}

/// [`replace_words`] where `keep(text before, text after)` allows it.
fn replace_words_where(text: &str, table: &[(&str, &str)], keep: impl Fn(&str, &str) -> bool) -> Option<String> {
    let mut changed = text.to_owned();
    let mut any = false;
    for (from, to) in table {
        let mut result = String::with_capacity(changed.len());
        let mut rest = changed.as_str();
        while let Some(at) = word_at(rest, from) {
            let after = &rest[at + from.len()..];
            result.push_str(&rest[..at]);
            if keep(&result, after) {
                result.push_str(to);
                any = true;
            } else {
                result.push_str(from);
            }
            rest = after;
        }
        result.push_str(rest);
        changed = result;
    }
    any.then_some(changed)
}

/// "If you were happy, please rate us." as "Please rate us if you were
/// happy.": a sentence that opens with a condition, its main clause first.
fn condition_last(text: &str) -> Option<String> {
    let opens_with_condition = ["If ", "When ", "Once "].iter().any(|opener| text.starts_with(opener));
    let comma = text.find(", ")?;
    if !opens_with_condition {
        return None;
    }
    let main = &text[comma + 2..];
    let body = main.trim_end_matches(['.', '!', '?']);
    let mark = &main[body.len()..];
    let mut letters = body.chars();
    let first = letters.next()?;
    let condition = &text[..comma];
    let mut condition_letters = condition.chars();
    let condition_first = condition_letters.next()?;
    Some(format!(
        "{}{} {}{}{mark}",
        first.to_uppercase(),
        letters.as_str(),
        condition_first.to_lowercase(),
        condition_letters.as_str()
    ))
}

/// `text` with `inserted` after its middle word, unless that word ends a
/// clause already: "Wij hopen, zoals u weet, op een 10."
fn in_the_middle(text: &str, inserted: &str) -> Option<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let middle = words.len() / 2;
    let word = words.get(middle.checked_sub(1)?)?;
    if words.len() < 4 || !word.ends_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some(format!("{}{inserted}{}", words[..middle].join(" "), words[middle..].join(" ")))
}

/// Where `word` stands as a whole lowercase word in `text`.
fn word_at(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        // "4.9" and "8,9" are one number, as the engine reads them: their "9" is no word.
        let part_of_a_number = starts_with_decimal_part(text[..at].chars().rev())
            || starts_with_decimal_part(text[at + word.len()..].chars());
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '\'')
            && !part_of_a_number
    })
}

/// Whether `chars` open with a point or comma and then a digit: the other
/// half of a number such as "4.9", read from either side.
fn starts_with_decimal_part(mut chars: impl Iterator<Item = char>) -> bool {
    matches!(chars.next(), Some('.' | ',')) && chars.next().is_some_and(|c| c.is_ascii_digit())
}

fn fires(linter: &Linter, text: &str, language: Language, rules: &[&str]) -> bool {
    let options = LintOptions::with_language(Some(language));
    linter
        .lint_text(text, TextFormat::Plain, &options)
        .iter()
        .any(|diagnostic| rules.contains(&diagnostic.rule.as_str()))
}

#[test]
fn rule_examples_keep_their_finding_when_changed_as_real_texts_change() {
    let rules_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let linter = Linter::new();
    let mut lost: BTreeMap<(&str, &str), Vec<String>> = BTreeMap::new();
    let mut applied: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (family, rules) in FAMILIES {
        let path = rules_dir.join(format!("{family}.toml"));
        let source = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let file: toml::Table = toml::from_str(&source).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        for (code, language) in [("nl", Language::Dutch), ("en", Language::English)] {
            let examples = file
                .get(code)
                .and_then(|section| section.get("must-flag"))
                .and_then(toml::Value::as_array)
                .unwrap_or_else(|| panic!("{family} has no must-flag examples in {code}"));
            for example in examples.iter().filter_map(toml::Value::as_str).map(plain) {
                if !fires(&linter, &example, language, rules) {
                    // The examples test reports this one.
                    continue;
                }
                for (_, change, _) in CEILING.iter().filter(|(of, _, _)| *of == code) {
                    let Some(text) = changed(&example, change, code) else { continue };
                    *applied.entry((code, change)).or_default() += 1;
                    if !fires(&linter, &text, language, rules) {
                        lost.entry((code, change)).or_default().push(format!("{family}: {text}"));
                    }
                }
            }
        }
    }
    let mut failures = Vec::new();
    for (code, change, ceiling) in CEILING {
        let lost_here = lost.get(&(code, change)).map_or(&[][..], Vec::as_slice);
        eprintln!(
            "[{code}] {change}: {} of {} lost",
            lost_here.len(),
            applied.get(&(code, change)).copied().unwrap_or(0)
        );
        if lost_here.len() > *ceiling {
            failures.push(format!(
                "[{code}] {change}: {} lost (ceiling {ceiling}):\n  {}",
                lost_here.len(),
                lost_here.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
