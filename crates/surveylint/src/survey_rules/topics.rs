//! What a question is about, judged from its stem in Dutch and English:
//! an opinion, a sensitive subject, the likelihood to recommend, or the
//! reason behind an answer.
//!
//! The word lists are short and specific on purpose. A survey rule that
//! fires on a well-made questionnaire gets switched off, so a question counts
//! as an opinion question only on clear evidence: the words of satisfaction,
//! agreement or judgement, or answer options that form an evaluative scale.

use super::words::contains_any;
use super::Test;

/// Stem words of opinion questions: satisfaction, agreement, judgement.
const OPINION_WORDS: &[&str] = &[
    // Dutch
    "tevreden",
    "ontevreden",
    "tevredenheid",
    // "Eens" alone is also "once" ("nog eens"), so only agreement phrases count.
    "het eens",
    "mee eens",
    "oneens",
    "mening",
    // "Vindt u" alone is also "do you find" ("Waar vindt u ...?").
    "wat vindt u",
    "hoe vindt u",
    "vindt u het",
    "wat vind je",
    "hoe vind je",
    "vind je het",
    "beoordeelt",
    "beoordeel",
    "beoordeling",
    "waardeert",
    "waardering",
    "oordeel",
    "hoe ervaart",
    "hoe ervaar",
    "hoe ervaarde",
    "hoe goed",
    "hoe prettig",
    "hoe makkelijk",
    "hoe gemakkelijk",
    "welk cijfer",
    // English
    "satisfied",
    "dissatisfied",
    "satisfaction",
    "agree",
    "disagree",
    "opinion",
    "what do you think",
    "how do you feel",
    "how would you rate",
    "how do you rate",
    "please rate",
    "how good",
    "how easy",
    "how pleasant",
    "how would you describe",
    "how would you judge",
];

/// Stem words of sensitive subjects: income, health, politics, religion,
/// sexuality, ethnicity. Respondents need a way to decline these.
const SENSITIVE_WORDS: &[&str] = &[
    // Dutch
    "*inkomen*",
    "salaris",
    "loon",
    "verdient u",
    "verdien je",
    "vermogen",
    "spaargeld",
    "schulden",
    "*gezondheid*",
    "ziekte*",
    "aandoening*",
    "beperking*",
    "handicap*",
    "psychisch*",
    "mentale",
    "politiek*",
    "partij",
    "gestemd",
    "stemde",
    "stemt u",
    "verkiezing*",
    "religie*",
    "geloof*",
    "godsdienst*",
    "kerk*",
    "seksuele",
    "geaardheid",
    "etniciteit",
    "etnische",
    "afkomst",
    "migratieachtergrond",
    // English
    "*income*",
    "salary",
    "salaries",
    "wage*",
    "how much do you earn",
    "savings",
    "debt*",
    "health*",
    "illness*",
    "disease*",
    "disabilit*",
    "mental",
    "political",
    "politics",
    "vote",
    "voted",
    "voting",
    "election*",
    "religion*",
    "religious",
    "faith",
    "sexual",
    "ethnic*",
];

/// Words of recommending.
const RECOMMEND_WORDS: &[&str] = &[
    "aanbevelen",
    "aanbeveelt",
    "aanbeveel",
    "aan te bevelen",
    "aanraden",
    "aanraadt",
    "aanraad",
    "aan te raden",
    "beveelt u",
    "beveel je",
    "raadt u",
    "raad je",
    "recommend*",
];

/// Words of likelihood that make a recommend question an NPS-style question.
const LIKELIHOOD_WORDS: &[&str] =
    &["waarschijnlijk*", "kans", "zou", "zoudt", "bereid", "likely", "likelihood", "would", "probability", "chance"];

/// Words of an open question asking for the reason behind an answer, or for
/// what would have to change.
const REASON_WORDS: &[&str] = &[
    "waarom",
    "reden*",
    "toelicht*",
    "toelichting",
    "licht uw",
    "licht je",
    "uitleg",
    "verklaar*",
    "waardoor",
    "verbeter*",
    "beter",
    "vertel",
    "why",
    "reason*",
    "explain*",
    "what made",
    "improve*",
    "better",
    "tell us",
    "because",
    // Open questions about what should change also follow up a score.
    "what would make",
    "what could we",
    "what can we",
    "what should we",
    "wat kunnen we",
    "wat zouden we",
    "wat moeten we",
    "wat kan er",
    "wat zou u",
    "suggesti*",
];

/// [`is_opinion_stem`] of a unit, remembered per unit text.
pub(crate) static OPINION_STEM: Test = Test::function(|_, view, _| is_opinion_stem(view));
/// [`is_sensitive_stem`] of a unit, remembered per unit text.
pub(crate) static SENSITIVE_STEM: Test = Test::function(|_, view, _| is_sensitive_stem(view));
/// [`mentions_recommending`] of a unit, remembered per unit text.
pub(crate) static RECOMMENDING: Test = Test::function(|_, view, _| mentions_recommending(view));
/// [`asks_likelihood`] of a unit, remembered per unit text.
pub(crate) static LIKELIHOOD: Test = Test::function(|_, view, _| asks_likelihood(view));
/// [`asks_reason`] of a unit, remembered per unit text.
pub(crate) static REASON: Test = Test::function(|_, view, _| asks_reason(view));

/// True when a stem asks for an opinion: satisfaction, agreement, judgement.
pub(crate) fn is_opinion_stem(view: &str) -> bool {
    contains_any(view, OPINION_WORDS)
}

/// True when a stem touches a sensitive subject.
pub(crate) fn is_sensitive_stem(view: &str) -> bool {
    contains_any(view, SENSITIVE_WORDS)
}

/// True when a stem mentions recommending.
pub(crate) fn mentions_recommending(view: &str) -> bool {
    contains_any(view, RECOMMEND_WORDS)
}

/// True when a stem asks how likely something is.
pub(crate) fn asks_likelihood(view: &str) -> bool {
    contains_any(view, LIKELIHOOD_WORDS)
}

/// True when a stem asks why, or what should change.
pub(crate) fn asks_reason(view: &str) -> bool {
    contains_any(view, REASON_WORDS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey_rules::words::matching_view;

    fn check(cue: fn(&str) -> bool, stem: &str) -> bool {
        cue(&matching_view(stem))
    }

    #[test]
    fn opinion_stems() {
        assert!(check(is_opinion_stem, "Hoe tevreden bent u over de levertijd?"));
        assert!(check(is_opinion_stem, "In hoeverre bent u het eens met deze stelling?"));
        assert!(check(is_opinion_stem, "How satisfied are you with our support?"));
        assert!(!check(is_opinion_stem, "Hoe vaak bezoekt u onze winkel?"));
        assert!(!check(is_opinion_stem, "How many people live in your household?"));
    }

    #[test]
    fn sensitive_stems() {
        assert!(check(is_sensitive_stem, "Wat is het netto inkomen van uw huishouden?"));
        assert!(check(is_sensitive_stem, "Op welke partij heeft u gestemd?"));
        assert!(check(is_sensitive_stem, "How would you rate your health in general?"));
        assert!(!check(is_sensitive_stem, "Wat is uw leeftijd?"));
        assert!(!check(is_sensitive_stem, "Which party size did you book for?"));
    }

    #[test]
    fn recommend_and_reason_stems() {
        assert!(check(mentions_recommending, "Hoe waarschijnlijk is het dat u ons aanbeveelt?"));
        assert!(check(mentions_recommending, "Zou u ons aanraden aan vrienden?"));
        assert!(check(mentions_recommending, "How likely are you to recommend us?"));
        assert!(check(asks_reason, "Wat is de belangrijkste reden voor uw score?"));
        assert!(check(asks_reason, "Why did you give this score?"));
        assert!(check(asks_reason, "Wat kunnen we verbeteren?"));
        assert!(check(asks_reason, "What would make you more satisfied with the product?"));
        assert!(!check(asks_reason, "Wat is uw e-mailadres?"));
    }
}
