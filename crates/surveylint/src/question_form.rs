//! Where a unit's question begins and whether it is one, read from its words
//! rather than its punctuation.
//!
//! Questionnaires number their questions ("Vraag 3:", "Q3)", "2.1.") and often
//! leave out the question mark ("How satisfied are you with the delivery");
//! invitations open with a salutation ("Beste klant, …"). A phrase rule that
//! looks for a question at the start of a unit, or for its "?", would miss
//! all three. The phrase rules therefore read the view without a leading
//! number or salutation, and with the question mark a question implies.
//!
//! What counts as a question is data (`rules/lexicon/<language>/question-form.tsv`):
//! a question word at the start ("hoe", "to what extent"), a verb before its
//! subject ("bent u", "did the nurse"), or a tag at the end ("…, toch",
//! "…, isn't it", "And you").

use std::collections::HashMap;

use crate::fillers;
use crate::language::Language;
use crate::word_list;

const DUTCH: &str = include_str!("../rules/lexicon/nl/question-form.tsv");
const ENGLISH: &str = include_str!("../rules/lexicon/en/question-form.tsv");

/// What a word (or phrase) of the list does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    QuestionWord,
    Verb,
    Subject,
    Tag,
    Label,
    Salutation,
    /// A question word that also opens a fronted clause ("when", "waar"):
    /// a question only when no comma follows it.
    QuestionOrClause,
    /// A question word that opens a question after a fronted clause.
    WordAfterComma,
    /// A verb that opens a question after a fronted clause, before its subject.
    VerbAfterComma,
    /// A preposition that can stand before a question word ("van welke …",
    /// "with which …").
    Preposition,
    /// A word that asks for agreement with a statement ("eens", "stelling",
    /// "agree"): see [`is_rated_statement`].
    AgreementWord,
    /// A word that addresses the respondent ("u", "your").
    Address,
    /// A word that points to statements still to come ("volgende",
    /// "below").
    Announcement,
}

fn role(name: &str) -> Option<Role> {
    Some(match name {
        "vraagwoord" | "question-word" => Role::QuestionWord,
        "werkwoord" | "verb" => Role::Verb,
        "onderwerp" | "subject" => Role::Subject,
        "aanhangsel" | "tag" => Role::Tag,
        "label" => Role::Label,
        "aanhef" | "salutation" => Role::Salutation,
        "vraagwoord-of-bijzin" | "question-word-or-clause" => Role::QuestionOrClause,
        "vraagwoord-na-komma" | "question-word-after-comma" => Role::WordAfterComma,
        "werkwoord-na-komma" | "verb-after-comma" => Role::VerbAfterComma,
        "voorzetsel" | "preposition" => Role::Preposition,
        "instemming" | "agreement" => Role::AgreementWord,
        "aanspreking" | "address" => Role::Address,
        "aankondiging" | "announcement" => Role::Announcement,
        _ => return None,
    })
}

/// The question forms of one language.
pub(crate) struct QuestionForms {
    roles: HashMap<&'static str, Vec<Role>>,
    /// Phrases of more than one word, with their role.
    phrases: Vec<(&'static str, Role)>,
}

impl QuestionForms {
    fn has(&self, word: &str, role: Role) -> bool {
        self.roles.get(word).is_some_and(|roles| roles.contains(&role))
    }

    /// True when a word of `text` has `role`.
    fn has_word_of(&self, text: &str, role: Role) -> bool {
        word_list::words(text).any(|word| self.has(word, role))
    }

    /// The phrases of `role`, longest first.
    fn phrases(&self, role: Role) -> impl Iterator<Item = &'static str> + '_ {
        self.phrases.iter().filter(move |(_, of)| *of == role).map(|(phrase, _)| *phrase)
    }
}

/// The question forms of `language`.
pub(crate) fn forms(language: Language) -> &'static QuestionForms {
    static FORMS: word_list::PerLanguage<QuestionForms> = word_list::PerLanguage::new();
    FORMS.get(language, DUTCH, ENGLISH, parse)
}

fn parse(list: &'static str) -> QuestionForms {
    let mut roles: HashMap<&'static str, Vec<Role>> = HashMap::new();
    let mut phrases = Vec::new();
    for (entry, name) in word_list::pairs(list) {
        let Some(role) = role(name) else { continue };
        if entry.contains(' ') {
            phrases.push((entry, role));
        } else {
            roles.entry(entry).or_default().push(role);
        }
    }
    phrases.sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.len()));
    QuestionForms { roles, phrases }
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'\''
}

/// True when `text` starts with `phrase` as whole words.
fn starts_with_words(text: &str, phrase: &str) -> bool {
    text.starts_with(phrase) && !text.as_bytes().get(phrase.len()).copied().is_some_and(is_word_byte)
}

/// How many bytes at the start of `view` are a question number ("vraag 3: ",
/// "q3) ", "2.1. ") or a salutation ("beste klant, "): what the phrase rules
/// read past. Zero when there is neither.
pub(crate) fn lead_in_len(view: &str, language: Language) -> usize {
    let forms = forms(language);
    number_len(view, forms).or_else(|| salutation_len(view, forms)).unwrap_or(0)
}

/// "vraag 3: ", "q3) ", "3a. ", "2.1) ", "b) ": a label word (optional), a
/// number of at most three digits with an optional part and letter, then
/// `.`, `:`, `)` or ` -`, then a space. A number without the closing mark
/// ("9 of 10 klanten", "1.5 million") is text, not a label.
fn number_len(view: &str, forms: &QuestionForms) -> Option<usize> {
    let bytes = view.as_bytes();
    let mut at = 0;
    let word_end = bytes.iter().position(|&byte| !byte.is_ascii_alphabetic()).unwrap_or(bytes.len());
    if word_end > 0 && forms.has(&view[..word_end], Role::Label) {
        at = word_end;
        if bytes.get(at) == Some(&b'.') {
            at += 1;
        }
        if bytes.get(at) == Some(&b' ') {
            at += 1;
        }
    } else if word_end == 1 && bytes.get(1) == Some(&b')') {
        // A lettered item: "b) ".
        return (bytes.get(2) == Some(&b' ')).then_some(3);
    }
    let digits = |from: usize| bytes[from..].iter().take_while(|byte| byte.is_ascii_digit()).count();
    let first = digits(at);
    if first == 0 || first > 3 {
        return None;
    }
    at += first;
    // The view joins the parts of "2.1" with `_`, as it does any number's.
    if bytes.get(at) == Some(&b'_') {
        let part = digits(at + 1);
        if (1..=2).contains(&part) {
            at += 1 + part;
        }
    }
    if bytes.get(at).is_some_and(u8::is_ascii_lowercase) && !bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
        at += 1;
    }
    let closing = match (bytes.get(at), bytes.get(at + 1), bytes.get(at + 2)) {
        (Some(b'.' | b':' | b')'), Some(b' '), _) => 2,
        (Some(b' '), Some(b'-'), Some(b' ')) => 3,
        _ => return None,
    };
    let end = at + closing;
    // Something must follow: a unit that is only a number stays as it is.
    (end < bytes.len()).then_some(end)
}

/// "beste klant, ", "dear mrs jones, ": a salutation word, at most four
/// more words, a comma and a space.
fn salutation_len(view: &str, forms: &QuestionForms) -> Option<usize> {
    let first = view.split(|c: char| !c.is_ascii_alphabetic()).next()?;
    if first.is_empty() || !forms.has(first, Role::Salutation) {
        return None;
    }
    let comma = view.find(", ")?;
    let between = &view[first.len()..comma];
    let plain = between.bytes().all(|byte| byte.is_ascii_alphanumeric() || b" .'-".contains(&byte));
    let end = comma + 2;
    (plain && word_list::words(between).count() <= 4 && end < view.len()).then_some(end)
}

/// How the last sentence of `view` ends when it has no `.`, `!` or `?` of
/// its own: the byte where the mark belongs (after its last word, quote or
/// bracket) and the mark, `?` when the sentence reads as a question and `.`
/// otherwise. A unit ends a sentence, so a rule that needs a sentence's end
/// finds one. `None` when the view already ends in a mark, or in a symbol.
pub(crate) fn implied_end(view: &str, language: Language) -> Option<(usize, char)> {
    let end = view.trim_end_matches(' ').len();
    let last_byte = *view.as_bytes().get(end.checked_sub(1)?)?;
    if !(is_word_byte(last_byte) || last_byte == b'"' || last_byte == b')') {
        return None;
    }
    let body = &view[..end];
    let sentence_start = body.rfind(['.', '!', '?', ';']).map_or(0, |at| at + 1);
    let sentence = body[sentence_start..].trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    // After a colon the question may start anew ("Tot slot: hoe …"), or the
    // colon may introduce its answers ("Who do you trust more: …").
    let after_colon = sentence.rfind(':').map(|colon| sentence[colon + 1..].trim_start());
    let forms = forms(language);
    let question = is_question(sentence, forms, language)
        || after_colon.is_some_and(|clause| is_question(clause, forms, language));
    let mark = if question { '?' } else { '.' };
    Some((end, mark))
}

/// The marks to read past in runs of sentence marks ("!!!", "?!", "..."):
/// all but one, the `?` of a run that has one, else its `!`, else its first
/// `.`. So a rule reads "Geef ons een 10!!!" as "geef ons een 10!" and a
/// statement ending in "..." as one that ends in ".".
pub(crate) fn repeated_marks(view: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = view.as_bytes();
    let is_mark = |byte: u8| matches!(byte, b'.' | b'!' | b'?');
    let mut cuts = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if !is_mark(bytes[at]) {
            at += 1;
            continue;
        }
        let start = at;
        while bytes.get(at).copied().is_some_and(is_mark) {
            at += 1;
        }
        if at - start < 2 {
            continue;
        }
        let run = &bytes[start..at];
        let kept = start
            + run
                .iter()
                .position(|&byte| byte == b'?')
                .or_else(|| run.iter().position(|&byte| byte == b'!'))
                .unwrap_or(0);
        if kept > start {
            cuts.push(start..kept);
        }
        if kept + 1 < at {
            cuts.push(kept + 1..at);
        }
    }
    cuts
}

/// Whether `sentence`, which does not end in `?`, is a statement the
/// respondent is asked to agree or disagree with, so that it is the question
/// of its item: an agreement lead before a colon ("Stelling: …", "Agree or
/// disagree: …"), or a next sentence that asks for agreement ("Bent u het
/// hiermee eens?") or is the agreement scale itself ("(helemaal mee oneens –
/// helemaal mee eens)"). A next sentence that speaks to the respondent
/// without asking ("Geef aan in hoeverre u het eens bent.") or that points
/// ahead ("… met de volgende stellingen?") introduces statements to come, so
/// an introduction before it stays the organisation's text.
pub(crate) fn is_rated_statement(sentence: &str, next: Option<&str>, language: Language) -> bool {
    let forms = forms(language);
    if sentence.trim_end().ends_with('?') {
        return false;
    }
    // A lead that speaks to the respondent ("Geef aan in hoeverre u het eens
    // bent:") or names the format in its first words ("Stelling 3:", "Mee eens
    // of niet mee eens:"); "Iedereen is het erover eens:" is a claim, not a lead.
    let lead = sentence.find(": ").map(|colon| &sentence[..colon]);
    let is_agreement_lead = |lead: &str| {
        forms.has_word_of(lead, Role::AgreementWord)
            && (forms.has_word_of(lead, Role::Address)
                || word_list::words(lead).take(2).any(|word| forms.has(word, Role::AgreementWord)))
    };
    if lead.is_some_and(is_agreement_lead) {
        return true;
    }
    let Some(next) = next.filter(|next| forms.has_word_of(next, Role::AgreementWord)) else { return false };
    !forms.has_word_of(next, Role::Announcement)
        && (next.trim_end().ends_with('?') || !forms.has_word_of(next, Role::Address))
}

fn is_question(sentence: &str, forms: &QuestionForms, language: Language) -> bool {
    let opens_clause = word_list::words(sentence).next().is_some_and(|first| forms.has(first, Role::QuestionOrClause));
    (opens_clause && !sentence.contains(", "))
        || opens_question(sentence, forms, language, Role::QuestionWord, Role::Verb)
        || sentence.match_indices(", ").any(|(comma, _)| {
            // The main clause after a fronted one ("Compared with last year,
            // how …", "Because the roads are busier, do you …"), with its own
            // lists: a Dutch statement puts its verb first there too ("Omdat
            // …, betaalt u meer"), and "wat" or "which" after a comma opens a
            // relative clause.
            opens_question(&sentence[comma + 2..], forms, language, Role::WordAfterComma, Role::VerbAfterComma)
        })
        || ends_with_tag(sentence, forms)
}

/// True when `clause` opens with a question word of role `word`, or with a
/// verb of role `verb` and then its subject. A filler word after the first
/// is read past ("Was toch de rondleiding …", "Is it really …").
fn opens_question(clause: &str, forms: &QuestionForms, language: Language, word: Role, verb: Role) -> bool {
    let mut words = word_list::words(clause);
    let Some(first) = words.next() else { return false };
    let second = words.find(|word| !fillers::is_filler(word, language));
    forms.has(first, word)
        || forms.phrases(word).any(|phrase| starts_with_words(clause, phrase))
        // "Van welke functie …": the question word after its preposition.
        || (forms.has(first, Role::Preposition) && second.is_some_and(|second| forms.has(second, word)))
        || (forms.has(first, verb) && second.is_some_and(|second| forms.has(second, Role::Subject)))
}

/// "…, toch", "…, isn't it", a tag of more than one word without its comma
/// ("… didn't you"), or a sentence that is only a tag ("en u").
fn ends_with_tag(sentence: &str, forms: &QuestionForms) -> bool {
    let tail = sentence.rfind(", ").map_or(sentence, |comma| &sentence[comma + 2..]);
    let is_whole_tail = |tag: &str| tail == tag;
    let ends_sentence = |tag: &str| {
        sentence.ends_with(tag)
            && sentence.len() > tag.len()
            && sentence.as_bytes()[sentence.len() - tag.len() - 1] == b' '
    };
    forms.phrases(Role::Tag).any(|tag| is_whole_tail(tag) || ends_sentence(tag))
        || (!tail.contains(' ') && forms.has(tail, Role::Tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_words_of_the_matching_view_a_tab_and_a_known_role() {
        for list in [DUTCH, ENGLISH] {
            for line in word_list::entry_lines(list) {
                let (entry, name) = line.split_once('\t').unwrap_or_else(|| panic!("no tab in {line:?}"));
                assert!(entry.bytes().all(|byte| byte.is_ascii_lowercase() || b" '".contains(&byte)), "{entry:?}");
                assert!(role(name.trim()).is_some(), "unknown role {name:?} in {line:?}");
            }
        }
    }

    #[test]
    fn numbers_and_salutations_before_a_question_are_read_past() {
        let lead_in = |view: &'static str, language| &view[..lead_in_len(view, language)];
        assert_eq!(lead_in("vraag 3: was de kamer schoon?", Language::Dutch), "vraag 3: ");
        assert_eq!(lead_in("q3) was de kamer schoon?", Language::Dutch), "q3) ");
        assert_eq!(lead_in("2_1. was the room clean?", Language::English), "2_1. ");
        assert_eq!(lead_in("3a - was the room clean?", Language::English), "3a - ");
        assert_eq!(lead_in("b) zeer tevreden", Language::Dutch), "b) ");
        assert_eq!(lead_in("question 12. did the nurse explain", Language::English), "question 12. ");
        assert_eq!(lead_in("beste klant, hoe was uw rit?", Language::Dutch), "beste klant, ");
        assert_eq!(lead_in("dear mrs jones, how was your stay?", Language::English), "dear mrs jones, ");
        // Numbers that are text, and a comma that ends no salutation.
        assert_eq!(lead_in("9 of 10 klanten geven ons een 9.", Language::Dutch), "");
        assert_eq!(lead_in("1_5 million guests rated us.", Language::English), "");
        assert_eq!(lead_in("2024: een topjaar", Language::Dutch), "");
        assert_eq!(lead_in("beste service van de hele stad, dankzij u.", Language::Dutch), "");
        assert_eq!(lead_in("hi", Language::English), "");
        assert_eq!(lead_in("3.", Language::Dutch), "");
    }

    #[test]
    fn a_statement_is_rated_after_an_agreement_lead_or_before_an_agreement_scale() {
        let rated = |sentence: &str, next: Option<&str>, language| is_rated_statement(sentence, next, language);
        let nl = Language::Dutch;
        let en = Language::English;
        assert!(rated("stelling: de bus is altijd op tijd.", None, nl));
        assert!(rated("geef aan in hoeverre u het eens bent: ik heb nooit klachten.", None, nl));
        assert!(rated("de bus is altijd op tijd.", Some("(helemaal mee oneens - helemaal mee eens)."), nl));
        assert!(rated("de bus is altijd op tijd.", Some("bent u het hiermee eens?"), nl));
        assert!(rated("agree or disagree: the bus is always on time.", None, en));
        assert!(rated("'the bus is always on time.'", Some("do you agree or disagree with this statement?"), en));
        assert!(rated("the bus is always on time.", Some("agree / somewhat agree / disagree."), en));
        assert!(rated("mee eens of niet mee eens: er is niets te verbeteren.", None, nl));
        // Questions, statements before another question, a claim before a colon, and introductions to statements
        // still to come.
        assert!(!rated("is de bus altijd op tijd?", Some("(mee oneens - mee eens)."), nl));
        assert!(!rated("uw verzekering vergoedt alle kosten.", Some("hoe groot is de kans dat u gaat?"), nl));
        assert!(!rated("let op: wij zijn altijd bereikbaar.", None, nl));
        assert!(!rated("iedereen is het erover eens: het park is mooier.", None, nl));
        assert!(!rated("uw antwoorden zijn anoniem.", Some("geef aan in hoeverre u het eens bent."), nl));
        assert!(!rated(
            "we ask about your stay.",
            Some("to what extent do you agree with the following statements?"),
            en
        ));
        assert!(!rated("your answers are always anonymous.", Some("please say how far you agree with each one."), en));
    }

    #[test]
    fn a_run_of_marks_is_read_as_its_strongest_mark() {
        let kept = |view: &str| {
            let mut text = String::new();
            let mut from = 0;
            for cut in repeated_marks(view) {
                text.push_str(&view[from..cut.start]);
                from = cut.end;
            }
            text + &view[from..]
        };
        assert_eq!(kept("geef ons een 10!!! echt?!"), "geef ons een 10! echt?");
        assert_eq!(kept("goed uitgelegd... en nuttig.!?"), "goed uitgelegd. en nuttig?");
        assert_eq!(kept("een 8,5. klaar"), "een 8,5. klaar");
    }

    #[test]
    fn a_sentence_without_its_mark_gets_the_one_its_words_imply() {
        let with_mark = |view: &str, language| {
            implied_end(view, language).map(|(at, mark)| format!("{}{mark}{}", &view[..at], &view[at..]))
        };
        assert_eq!(
            with_mark("hoe tevreden bent u over de levering", Language::Dutch).as_deref(),
            Some("hoe tevreden bent u over de levering?")
        );
        assert_eq!(
            with_mark("was de kamer schoon en stil ", Language::Dutch).as_deref(),
            Some("was de kamer schoon en stil? ")
        );
        // A filler between the verb and its subject is read past.
        assert_eq!(
            with_mark("was toch de rondleiding niet geweldig", Language::Dutch).as_deref(),
            Some("was toch de rondleiding niet geweldig?")
        );
        assert_eq!(
            with_mark("de meeste leden zijn tevreden. wat vindt u", Language::Dutch).as_deref(),
            Some("de meeste leden zijn tevreden. wat vindt u?")
        );
        assert_eq!(
            with_mark("de monteur was behulpzaam, toch", Language::Dutch).as_deref(),
            Some("de monteur was behulpzaam, toch?")
        );
        assert_eq!(
            with_mark("vrijwel iedereen beveelt ons aan. en u", Language::Dutch).as_deref(),
            Some("vrijwel iedereen beveelt ons aan. en u?")
        );
        assert_eq!(
            with_mark("to what extent do you agree", Language::English).as_deref(),
            Some("to what extent do you agree?")
        );
        assert_eq!(
            with_mark("did the nurse explain the test", Language::English).as_deref(),
            Some("did the nurse explain the test?")
        );
        assert_eq!(
            with_mark("the food was great, wasn't it", Language::English).as_deref(),
            Some("the food was great, wasn't it?")
        );
        assert_eq!(
            with_mark("compared with last year, how welcoming is the desk", Language::English).as_deref(),
            Some("compared with last year, how welcoming is the desk?")
        );
        assert_eq!(
            with_mark("because the roads are busier, do you support a charge", Language::English).as_deref(),
            Some("because the roads are busier, do you support a charge?")
        );
        assert_eq!(
            with_mark("you enjoyed the show didn't you", Language::English).as_deref(),
            Some("you enjoyed the show didn't you?")
        );
        assert_eq!(
            with_mark("omdat de kosten stijgen, betaalt u meer", Language::Dutch).as_deref(),
            Some("omdat de kosten stijgen, betaalt u meer.")
        );
        assert_eq!(
            with_mark("we zijn verhuisd, wat fijn is", Language::Dutch).as_deref(),
            Some("we zijn verhuisd, wat fijn is.")
        );
        assert_eq!(
            with_mark("we moved, which was hard", Language::English).as_deref(),
            Some("we moved, which was hard.")
        );
        assert_eq!(
            with_mark("who do you trust more: us or them", Language::English).as_deref(),
            Some("who do you trust more: us or them?")
        );
        assert_eq!(
            with_mark("tot slot: hoe was uw bezoek", Language::Dutch).as_deref(),
            Some("tot slot: hoe was uw bezoek?")
        );
        assert_eq!(
            with_mark("when did you last visit us", Language::English).as_deref(),
            Some("when did you last visit us?")
        );
        assert_eq!(
            with_mark("when the survey comes, please tick 10", Language::English).as_deref(),
            Some("when the survey comes, please tick 10.")
        );
        assert_eq!(
            with_mark("waar mogelijk, vul alles in", Language::Dutch).as_deref(),
            Some("waar mogelijk, vul alles in.")
        );
        assert_eq!(
            with_mark("van welke functie werd u het blijst", Language::Dutch).as_deref(),
            Some("van welke functie werd u het blijst?")
        );
        assert_eq!(
            with_mark("veel buren tekenden al. tekent u ook", Language::Dutch).as_deref(),
            Some("veel buren tekenden al. tekent u ook?")
        );
        assert_eq!(with_mark("van harte welkom", Language::Dutch).as_deref(), Some("van harte welkom."));
        assert_eq!(with_mark("bent u \"tevreden\"", Language::Dutch).as_deref(), Some("bent u \"tevreden\"?"));
        // Statements and imperatives end with a full stop.
        assert_eq!(with_mark("geef ons een 10", Language::Dutch).as_deref(), Some("geef ons een 10."));
        assert_eq!(with_mark("de kamer was schoon ", Language::Dutch).as_deref(), Some("de kamer was schoon. "));
        assert_eq!(with_mark("please rate your stay", Language::English).as_deref(), Some("please rate your stay."));
        assert_eq!(
            with_mark("is dit de laatste vraag? ja", Language::Dutch).as_deref(),
            Some("is dit de laatste vraag? ja.")
        );
        // A verb before something that is no subject is not an inversion.
        assert_eq!(with_mark("was great overall", Language::English).as_deref(), Some("was great overall."));
        // Sentences that end already, or end in a symbol.
        assert_eq!(with_mark("hoe tevreden bent u?", Language::Dutch), None);
        assert_eq!(with_mark("was great, thanks. ", Language::English), None);
        assert_eq!(with_mark("geef ons 5 *", Language::Dutch), None);
    }
}
