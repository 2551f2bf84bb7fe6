//! The benchmark text shared by `lint.rs` and `stages.rs`: more than 1 MB of
//! mixed Dutch and English questionnaire lines.

/// Questionnaire and invitation lines in both languages, mostly neutral, some
/// manipulative, as real surveys mix them.
const LINES: &[&str] = &[
    "Hoe tevreden of ontevreden bent u over de wachttijd aan de telefoon?",
    "   - Zeer ontevreden\n   - Ontevreden\n   - Neutraal\n   - Tevreden\n   - Zeer tevreden",
    "Welk cijfer van 0 tot 10 geeft u ons voor het onderhoud van uw auto?",
    "Zou u ons aanraden en verdienen we een 9 of 10 op 10?",
    "Wat is de belangrijkste reden voor uw score? Licht uw antwoord graag toe.",
    "Beste klant, bedankt voor uw bezoek aan onze vestiging in Utrecht. Het invullen duurt ongeveer drie minuten.",
    "Hoe tevreden bent u over onze uitstekende service?",
    "Uw mening is van levensbelang voor ons team.",
    "How satisfied or dissatisfied were you with the delivery time?",
    "On a scale from 0 to 10, how likely are you to recommend us to a friend or colleague?",
    "If you were happy, please rate us 5 stars!",
    "What, if anything, nearly stopped you from completing your order?",
    "Thank you for taking part. Your answers are anonymous and are only used to improve our service.",
    "Don't you agree that our new app is much faster?",
    "Hoeveel keer heeft u in de afgelopen vier weken contact opgenomen met de klantenservice?",
    "Which of the following features did you use in the past month? Select all that apply.",
];

pub fn corpus(min_bytes: usize) -> String {
    let mut text = String::with_capacity(min_bytes + 4096);
    let mut number = 1;
    while text.len() < min_bytes {
        for line in LINES {
            if line.starts_with(' ') {
                text.push_str(line);
            } else {
                text.push_str(&format!("{number}. {line}"));
                number += 1;
            }
            text.push_str("\n\n");
        }
    }
    text
}
