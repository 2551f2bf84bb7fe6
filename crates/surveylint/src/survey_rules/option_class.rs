//! Classifies an answer option or scale label, in Dutch and English: the
//! favourable or unfavourable side of an evaluative scale, its middle, an
//! opt-out such as "weet niet", a bare scale point, or anything else.
//!
//! The classification is strict on purpose: a label counts as a scale label
//! only when the whole label (after a scale number and intensity words such
//! as "zeer" or "strongly" are set aside) is a known evaluative word. "Goede
//! prijs" or "Good location" in a list of reasons stays [`OptionClass::Other`],
//! so the scale rules never mistake a list of features for a rating scale.

use super::words::{contains_any, matching_view};

/// What an answer option is, as far as the survey rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OptionClass {
    /// The favourable side of a scale: "Goed", "Zeer tevreden", "Strongly agree".
    Positive,
    /// The unfavourable side: "Slecht", "Ontevreden", "Disagree".
    Negative,
    /// The low end of a one-sided (unipolar) scale: "Helemaal niet belangrijk",
    /// "Not at all satisfied". Such scales run from nothing to a lot and have
    /// no negative side, so they are balanced by design.
    Absent,
    /// A clear middle: "Neutraal", "Neither agree nor disagree", "Gemiddeld".
    Neutral,
    /// A mild label without an agreed side: "Redelijk", "Matig", "Fair", "OK".
    /// Scales use these both as their middle and as a weak end.
    Mild,
    /// Lets the respondent skip: "Weet niet", "N.v.t.", "Prefer not to say".
    OptOut,
    /// A bare scale point such as "3".
    Number,
    /// Anything else: "Ja", "Via een vriend", "Good location".
    Other,
}

impl OptionClass {
    /// True for labels on one side of a scale or at its middle.
    pub(crate) fn is_scale_label(self) -> bool {
        matches!(
            self,
            OptionClass::Positive
                | OptionClass::Negative
                | OptionClass::Absent
                | OptionClass::Neutral
                | OptionClass::Mild
        )
    }

    /// True for labels with a side.
    pub(crate) fn is_polar(self) -> bool {
        matches!(self, OptionClass::Positive | OptionClass::Negative | OptionClass::Absent)
    }
}

/// True when a question's answers form an evaluative scale: apart from
/// opt-outs, every answer is a scale label or a bare scale point, and at
/// least two of them have a side.
pub(crate) fn is_evaluative_scale(classes: &[OptionClass]) -> bool {
    let answers = || classes.iter().filter(|class| **class != OptionClass::OptOut);
    let all_scale = answers().all(|class| class.is_scale_label() || *class == OptionClass::Number);
    all_scale && answers().filter(|class| class.is_polar()).count() >= 2
}

/// Phrases that let a respondent skip a question. Matched as whole words
/// anywhere in the option, since opt-outs come with all sorts of wording
/// ("Dat weet ik niet", "N.v.t. / geen ervaring").
const OPT_OUT_PHRASES: &[&str] = &[
    // Dutch
    "weet niet",
    "weet ik niet",
    "weet ik (nog) niet",
    "geen idee",
    "geen mening",
    "geen oordeel",
    "geen antwoord",
    "n.v.t",
    "nvt",
    "niet van toepassing",
    "zeg ik liever niet",
    "wil ik niet zeggen",
    "wil ik liever niet",
    "liever niet zeggen",
    "zeg ik niet",
    "kan ik niet beoordelen",
    "niet te beoordelen",
    "kan ik niet zeggen",
    "geen ervaring",
    "geen opgave",
    "niet relevant",
    "wil ik niet",
    "onbekend",
    // English
    "don't know",
    "dont know",
    "do not know",
    "not sure",
    "unsure",
    "no opinion",
    "not applicable",
    "n/a",
    "prefer not",
    "rather not",
    "decline to",
    "no answer",
    "can't say",
    "cannot say",
    "can't judge",
    "cannot judge",
    "no experience",
    "does not apply",
    "doesn't apply",
    "not relevant",
    "don't wish",
    "do not wish",
    "no comment",
    "unknown",
];

/// Intensity and hedging words in front of a scale word; they change how far
/// a label lies from the middle, not its side.
const MODIFIERS: &[&str] = &[
    // Dutch
    "zeer",
    "heel",
    "erg",
    "helemaal",
    "geheel",
    "volledig",
    "volkomen",
    "totaal",
    "uiterst",
    "extreem",
    "enigszins",
    "een beetje",
    "beetje",
    "wat",
    "redelijk",
    "vrij",
    "tamelijk",
    "best",
    "nogal",
    "behoorlijk",
    "overwegend",
    "grotendeels",
    "echt",
    "mee",
    "zeker",
    "waarschijnlijk",
    "misschien",
    "ik ben",
    "het",
    "ik",
    // English
    "very",
    "extremely",
    "completely",
    "strongly",
    "somewhat",
    "slightly",
    "fairly",
    "rather",
    "quite",
    "mostly",
    "moderately",
    "totally",
    "mildly",
    "a little",
    "a bit",
    "really",
    "absolutely",
    "definitely",
    "probably",
    "tend to",
    "i",
    "much",
];

/// Whole labels (after modifiers) on the favourable side.
const POSITIVE_WORDS: &[&str] = &[
    // Dutch
    "goed",
    "tevreden",
    "eens",
    "waarschijnlijk",
    "belangrijk",
    "makkelijk",
    "gemakkelijk",
    "eenvoudig",
    "positief",
    "uitstekend",
    "uitmuntend",
    "excellent",
    "fantastisch",
    "geweldig",
    "perfect",
    "prettig",
    "aangenaam",
    "nuttig",
    "duidelijk",
    "vriendelijk",
    "blij",
    "beter",
    "bovengemiddeld",
    "boven gemiddeld",
    "wel",
    // English
    "good",
    "satisfied",
    "agree",
    "likely",
    "important",
    "easy",
    "positive",
    "outstanding",
    "great",
    "superb",
    "exceptional",
    "wonderful",
    "fantastic",
    "amazing",
    "pleasant",
    "helpful",
    "useful",
    "clear",
    "happy",
    "better",
    "above average",
    "yes, definitely",
    "would",
    "will",
];

/// Whole labels (after modifiers) on the unfavourable side.
const NEGATIVE_WORDS: &[&str] = &[
    // Dutch
    "slecht",
    "ontevreden",
    "oneens",
    "onwaarschijnlijk",
    "onbelangrijk",
    "moeilijk",
    "lastig",
    "negatief",
    "waardeloos",
    "vreselijk",
    "onvoldoende",
    "onprettig",
    "onaangenaam",
    "nutteloos",
    "onduidelijk",
    "onvriendelijk",
    "ongelukkig",
    "slechter",
    "ondergemiddeld",
    "onder gemiddeld",
    "niet",
    // English
    "poor",
    "bad",
    "dissatisfied",
    "unsatisfied",
    "disagree",
    "unlikely",
    "unimportant",
    "difficult",
    "hard",
    "negative",
    "terrible",
    "awful",
    "horrible",
    "unpleasant",
    "unhelpful",
    "useless",
    "unclear",
    "unhappy",
    "worse",
    "below average",
    "not",
    "would not",
    "wouldn't",
    "will not",
    "won't",
];

/// Whole labels that mark a scale's middle.
const NEUTRAL_WORDS: &[&str] = &[
    "neutraal",
    "gemiddeld",
    "hetzelfde",
    "ongeveer hetzelfde",
    "gelijk",
    "gelijk gebleven",
    "in het midden",
    "neutral",
    "average",
    "the same",
    "same",
    "about the same",
    "mixed",
    "undecided",
    "misschien",
    "maybe",
    "perhaps",
    "deels",
    "gedeeltelijk",
    "partly",
    "partially",
    "geen van beide",
    "deels eens, deels oneens",
    "partly agree, partly disagree",
];

/// Whole labels without an agreed side.
const MILD_WORDS: &[&str] =
    &["redelijk", "matig", "voldoende", "acceptabel", "gaat wel", "fair", "ok", "oke", "okay", "acceptable", "so-so"];

/// Openings that make a label the empty end of a one-sided scale.
const ABSENT_OPENINGS: &[&str] =
    &["helemaal niet", "totaal niet", "in het geheel niet", "absoluut niet", "not at all", "not in the least"];

/// [`starts_with_yes_or_no`] of a unit, remembered per unit text.
pub(crate) static YES_OR_NO: super::Test = super::Test::function(|text, _, _| starts_with_yes_or_no(text));

/// Classifies one answer option or scale label.
pub(crate) fn classify_option(text: &str) -> OptionClass {
    let view = matching_view(text);
    if contains_any(&view, OPT_OUT_PHRASES) || matches!(view.as_str(), "na" | "n.a." | "nb") {
        return OptionClass::OptOut;
    }
    let label = strip_scale_number(&view);
    if label.is_empty() {
        return if view.is_empty() { OptionClass::Other } else { OptionClass::Number };
    }
    classify_label(label)
}

/// Classifies a label without its scale number.
fn classify_label(label: &str) -> OptionClass {
    // "Niet eens, niet oneens", "Neither satisfied nor dissatisfied",
    // "Noch tevreden, noch ontevreden": two sides named at once is the middle.
    let both_sides = (label.starts_with("niet ") && label.matches("niet ").count() >= 2)
        || label.starts_with("neither ")
        || label.starts_with("noch ");
    if both_sides {
        return OptionClass::Neutral;
    }
    if NEUTRAL_WORDS.contains(&label) {
        return OptionClass::Neutral;
    }
    if MILD_WORDS.contains(&label) {
        return OptionClass::Mild;
    }
    if let Some(rest) = ABSENT_OPENINGS.iter().find_map(|opening| strip_words(label, opening)) {
        // "Helemaal niet" on its own, or followed by a favourable word.
        if rest.is_empty() || base_class(strip_modifiers(rest)) == Some(OptionClass::Positive) {
            return OptionClass::Absent;
        }
    }
    // "Niet tevreden", "Not satisfied", "Not very good": a negated favourable label.
    for negation in ["niet", "not", "geen", "not very", "niet zo", "niet erg"] {
        if let Some(rest) = strip_words(label, negation) {
            if !rest.is_empty() && base_class(strip_modifiers(rest)) == Some(OptionClass::Positive) {
                return OptionClass::Negative;
            }
        }
    }
    base_class(label).or_else(|| base_class(strip_modifiers(label))).unwrap_or(OptionClass::Other)
}

/// The side of a bare scale word.
fn base_class(word: &str) -> Option<OptionClass> {
    if POSITIVE_WORDS.contains(&word) {
        Some(OptionClass::Positive)
    } else if NEGATIVE_WORDS.contains(&word) {
        Some(OptionClass::Negative)
    } else if NEUTRAL_WORDS.contains(&word) {
        Some(OptionClass::Neutral)
    } else if MILD_WORDS.contains(&word) {
        Some(OptionClass::Mild)
    } else {
        None
    }
}

/// Removes intensity words from the front: "zeer mee eens" becomes "eens".
fn strip_modifiers(mut label: &str) -> &str {
    loop {
        let Some(rest) = MODIFIERS.iter().find_map(|modifier| strip_words(label, modifier)) else {
            return label;
        };
        if rest.is_empty() {
            return label;
        }
        label = rest;
    }
}

/// `label` without the leading words `prefix`, if it starts with them.
fn strip_words<'a>(label: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = label.strip_prefix(prefix)?;
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix(' ').map(str::trim_start)
    }
}

/// Removes a scale number and punctuation around the label: "1 - Zeer slecht",
/// "(5) very good", "Goed (4)", "3." all lose their numbers.
fn strip_scale_number(view: &str) -> &str {
    let is_decoration = |c: char| c.is_ascii_digit() || " .,:;=-()[]!*".contains(c);
    view.trim_start_matches(is_decoration).trim_end_matches(is_decoration)
}

/// True for "Ja", "Nee, nooit", "Yes, I did" and the like.
pub(crate) fn starts_with_yes_or_no(option: &str) -> bool {
    let view = matching_view(option);
    let first = view.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or_default();
    matches!(first, "ja" | "nee" | "yes" | "no")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(labels: &[&str]) -> Vec<OptionClass> {
        labels.iter().map(|label| classify_option(label)).collect()
    }

    use OptionClass::{Absent, Mild, Negative, Neutral, Number, OptOut, Other, Positive};

    #[test]
    fn dutch_satisfaction_scale() {
        assert_eq!(
            classes(&["Zeer ontevreden", "Ontevreden", "Niet tevreden, niet ontevreden", "Tevreden", "Zeer tevreden"]),
            vec![Negative, Negative, Neutral, Positive, Positive]
        );
    }

    #[test]
    fn dutch_agreement_scale_with_numbers() {
        assert_eq!(
            classes(&[
                "1 - Helemaal mee oneens",
                "2 - Mee oneens",
                "3 - Neutraal",
                "4 - Mee eens",
                "5 - Helemaal mee eens"
            ]),
            vec![Negative, Negative, Neutral, Positive, Positive]
        );
    }

    #[test]
    fn english_quality_scale() {
        assert_eq!(
            classes(&["Excellent", "Very good", "Good", "Fair", "Poor"]),
            vec![Positive, Positive, Positive, Mild, Negative]
        );
        assert_eq!(
            classes(&["Strongly disagree", "Neither agree nor disagree", "Somewhat agree", "Not very satisfied"]),
            vec![Negative, Neutral, Positive, Negative]
        );
    }

    #[test]
    fn unipolar_low_end_is_absent() {
        assert_eq!(
            classes(&["Helemaal niet belangrijk", "Not at all important", "Helemaal niet mee eens", "Helemaal niet"]),
            vec![Absent, Absent, Absent, Absent]
        );
        assert_eq!(classes(&["Helemaal oneens"]), vec![Negative]);
    }

    #[test]
    fn opt_outs_in_both_languages() {
        assert_eq!(
            classes(&[
                "Weet ik niet",
                "N.v.t.",
                "Géén mening",
                "Zeg ik liever niet",
                "Prefer not to say",
                "Don’t know",
                "N/A"
            ]),
            vec![OptOut; 7]
        );
    }

    #[test]
    fn likelihood_labels() {
        assert_eq!(
            classes(&[
                "Zeker wel",
                "Waarschijnlijk niet",
                "Zeer onwaarschijnlijk",
                "Definitely would not",
                "Probably would",
                "Misschien"
            ]),
            vec![Positive, Negative, Negative, Negative, Positive, Neutral]
        );
    }

    #[test]
    fn evaluative_scales_need_two_sided_labels() {
        assert!(is_evaluative_scale(&[Negative, Number, Number, Number, Positive, OptOut]));
        assert!(!is_evaluative_scale(&[Number, Number, Number]));
        assert!(!is_evaluative_scale(&[Negative, Other, Positive]));
        assert!(!is_evaluative_scale(&[Neutral, Positive]));
    }

    #[test]
    fn other_texts_are_not_scale_labels() {
        assert_eq!(
            classes(&["Ja", "Nee", "Good location", "Goede prijs", "Via een vriend", "3", "10 - ", "Anders, namelijk"]),
            vec![Other, Other, Other, Other, Other, Number, Number, Other]
        );
        assert_eq!(classes(&["Redelijk", "Matig", "Gemiddeld"]), vec![Mild, Mild, Neutral]);
    }
}
