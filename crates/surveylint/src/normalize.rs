//! The matching view of a text unit: lowercase ASCII with folded diacritics,
//! straight quotes and single spaces, plus a map back to the original bytes.
//!
//! Rules are written against this view, so one pattern matches "Één",
//! "een", a curly apostrophe and a question wrapped over two lines alike.
//! Because the view is pure ASCII, the regex engine can use its fastest
//! (DFA) paths with ASCII word boundaries.

use std::ops::Range;

use crate::apposition;
use crate::emphasis::Emphasis;
use crate::language::Language;
use crate::links;
use crate::question_form;
use crate::shorthand;

/// A unit's text as the rules see it.
pub(crate) struct Normalized {
    /// Lowercase ASCII text.
    pub(crate) text: String,
    /// For each byte of `text`, the byte offset in the original of the
    /// character it came from; one extra entry holds where the text ends in
    /// the original (its length, unless the phrase rules' reading cut the
    /// end of the view).
    starts: Vec<u32>,
    /// Paired emphasis markers, read as white space; a span is widened over them.
    emphasis: Emphasis,
}

/// What one original character becomes in the matching view.
enum Fold {
    /// Replaced by these ASCII bytes.
    Ascii(&'static str),
    /// Dropped (zero-width characters, combining accents).
    Nothing,
    /// Treated as white space.
    Space,
}

/// One change to a view: the bytes of `range` become `text` (an empty
/// range inserts, an empty text cuts).
struct Edit {
    range: Range<usize>,
    text: &'static str,
}

impl Edit {
    /// Reads past the bytes of `range`.
    fn cut(range: Range<usize>) -> Edit {
        Edit { range, text: "" }
    }
}

fn fold(c: char) -> Fold {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => Fold::Ascii("a"),
        'æ' => Fold::Ascii("ae"),
        'ç' | 'ć' | 'č' => Fold::Ascii("c"),
        'ď' | 'ð' => Fold::Ascii("d"),
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => Fold::Ascii("e"),
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => Fold::Ascii("i"),
        'ĳ' => Fold::Ascii("ij"),
        'ł' => Fold::Ascii("l"),
        'ñ' | 'ń' | 'ň' => Fold::Ascii("n"),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => Fold::Ascii("o"),
        'œ' => Fold::Ascii("oe"),
        'ř' => Fold::Ascii("r"),
        'ś' | 'š' => Fold::Ascii("s"),
        'ß' => Fold::Ascii("ss"),
        'ť' => Fold::Ascii("t"),
        'þ' => Fold::Ascii("th"),
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => Fold::Ascii("u"),
        'ý' | 'ÿ' => Fold::Ascii("y"),
        'ź' | 'ż' | 'ž' => Fold::Ascii("z"),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => Fold::Ascii("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => Fold::Ascii("\""),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Fold::Ascii("-"),
        '\u{2026}' => Fold::Ascii("..."),
        // A filled star is the rating it draws ("⭐⭐⭐⭐⭐", "5★"): read as the `*` of "5*".
        '\u{2B50}' | '\u{2605}' | '\u{1F31F}' => Fold::Ascii("*"),
        // The keycap ten is the number ("een 🔟"); the keycap mark of "1️⃣0️⃣" keeps its digit.
        '\u{1F51F}' => Fold::Ascii("10"),
        '\u{20E3}' => Fold::Nothing,
        // A currency sign stays a sign: "a €10 voucher" is an amount, not the top
        // answer "a 10" that a dropped sign would leave. `$` is ASCII already.
        '\u{00A2}'..='\u{00A5}' | '\u{20A0}'..='\u{20CF}' => Fold::Ascii("$"),
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{0300}'..='\u{036F}' => Fold::Nothing,
        '\u{FE00}'..='\u{FE0F}' => Fold::Nothing,
        _ if c.is_whitespace() => Fold::Space,
        // A letter of another script still counts as a letter, so word
        // boundaries fall where they should.
        _ if c.is_alphanumeric() => Fold::Ascii("x"),
        // Emoji and other symbols separate words like white space does.
        _ => Fold::Space,
    }
}

impl Normalized {
    /// Builds the matching view of `original`.
    pub(crate) fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len() + 1);
        let mut last_was_space = false;
        let emphasis = Emphasis::find(original);
        let markers = emphasis.markers();
        let mut next_marker = 0;
        for (byte_offset, c) in original.char_indices() {
            let offset = offset_u32(byte_offset);
            while markers.get(next_marker).is_some_and(|marker| marker.end <= byte_offset) {
                next_marker += 1;
            }
            let is_marker = markers.get(next_marker).is_some_and(|marker| marker.contains(&byte_offset));
            if c.is_ascii() {
                if c.is_ascii_whitespace() || is_marker {
                    if !last_was_space {
                        text.push(' ');
                        starts.push(offset);
                        last_was_space = true;
                    }
                } else if c == '.' && is_title_point(original.as_bytes(), byte_offset) {
                    // "Dr. Patel", "dhr. Jansen": the point of a title before a name ends no
                    // sentence, so the view reads "dr patel" and a question about the person
                    // stays one sentence.
                } else if (c == '.' || c == ',') && is_decimal_point(original.as_bytes(), byte_offset) {
                    // "4.7", "9,5" and "10.000" are one number each: their point or comma
                    // reads as `_`, a word character, so a sentence window (`[^.!?]`)
                    // runs on past "4.7" and "4,5 stars" holds no word "5".
                    text.push('_');
                    starts.push(offset);
                    last_was_space = false;
                } else {
                    text.push(c.to_ascii_lowercase());
                    starts.push(offset);
                    last_was_space = false;
                }
                continue;
            }
            for lower in c.to_lowercase() {
                match fold(lower) {
                    Fold::Ascii(replacement) => {
                        text.push_str(replacement);
                        starts.extend(std::iter::repeat_n(offset, replacement.len()));
                        last_was_space = false;
                    }
                    Fold::Nothing => {}
                    Fold::Space => {
                        if !last_was_space {
                            text.push(' ');
                            starts.push(offset);
                            last_was_space = true;
                        }
                    }
                }
            }
        }
        starts.push(offset_u32(original.len()));
        Normalized { text, starts, emphasis }
    }

    /// The view with the chat shorthand of `language` written out ("u" as
    /// "you" in English, "mn" as "mijn" in Dutch; see [`shorthand`]), or
    /// `None` when the view has none. A written-out word maps back to the
    /// shorthand it replaces, so a finding underlines what the author typed.
    pub(crate) fn expand_shorthand(&self, language: Language) -> Option<Normalized> {
        let table = shorthand::table(language);
        let bytes = self.text.as_bytes();
        let mut edits = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            if !shorthand::is_word_byte(bytes[at]) {
                at += 1;
                continue;
            }
            let start = at;
            while bytes.get(at).copied().is_some_and(shorthand::is_word_byte) {
                at += 1;
            }
            let Some(words) = self.text.get(start..at).and_then(|form| table.words_of(form)) else { continue };
            if shorthand::stands_alone(bytes, start, at) {
                edits.push(Edit { range: start..at, text: words });
            }
        }
        (!edits.is_empty()).then(|| self.edited(&edits))
    }

    /// The view as the phrase rules read it: links read as the word "link"
    /// ([`links`]), chat shorthand written out
    /// ([`Normalized::expand_shorthand`]), a company's name after "we" read
    /// past ([`apposition`]), a question number or salutation at its start
    /// and all but one mark of a run like "!!!" read past, as are the spaces
    /// that emoji leave at its end, and the `?` or `.` that ends its last
    /// sentence added when the text has none ([`question_form`]).
    /// `original` is the unit's text. `None` when the rules read the view as
    /// it is.
    pub(crate) fn for_phrase_rules(&self, original: &str, language: Language) -> Option<Normalized> {
        let link_edits: Vec<Edit> =
            links::find(&self.text).into_iter().map(|range| Edit { range, text: links::READ_AS }).collect();
        let without_links = (!link_edits.is_empty()).then(|| self.edited(&link_edits));
        let plain = without_links.as_ref().unwrap_or(self);
        let expanded = plain.expand_shorthand(language).or(without_links);
        let view = expanded.as_ref().unwrap_or(self);
        let lead_in = question_form::lead_in_len(&view.text, language);
        let mut cuts = apposition::names_after_we(&view.text, language, |at| {
            let offset = view.starts.get(at).map_or(original.len(), |&offset| offset as usize);
            // A capital and then a small letter, as in a name; text in
            // capitals names nothing ("WIJ VAN HARTE").
            let mut letters = original.get(offset..).unwrap_or_default().chars();
            letters.next().is_some_and(char::is_uppercase) && letters.next().is_some_and(char::is_lowercase)
        });
        cuts.extend(question_form::repeated_marks(&view.text));
        // A unit ends where its words do: an emoji or a symbol after the
        // last sentence leaves a space that would keep `\z` from its mark.
        let words_end = view.text.trim_end_matches(' ').len();
        if words_end < view.text.len() {
            cuts.push(words_end..view.text.len());
        }
        cuts.retain(|cut| cut.start >= lead_in);
        if lead_in > 0 {
            cuts.push(0..lead_in);
        }
        let mut edits: Vec<Edit> = cuts.into_iter().map(Edit::cut).collect();
        if let Some((at, mark)) = question_form::implied_end(&view.text[lead_in..], language) {
            edits.push(Edit { range: lead_in + at..lead_in + at, text: if mark == '?' { "?" } else { "." } });
        }
        if edits.is_empty() {
            return expanded;
        }
        // In order; an insertion before a cut that starts where it is.
        edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
        Some(view.edited(&edits))
    }

    /// This view without the byte ranges `cuts` (ascending, not
    /// overlapping): a unit read without its asides ([`crate::asides`]) or
    /// its filler words ([`crate::fillers`]).
    pub(crate) fn without(&self, cuts: &[Range<usize>]) -> Normalized {
        let edits: Vec<Edit> = cuts.iter().cloned().map(Edit::cut).collect();
        self.edited(&edits)
    }

    /// This view with `edits` made (in order, not overlapping). Byte `k` of a
    /// replacement comes from character `k` of what it replaces, the surplus
    /// from its last character; an insertion comes from the character before
    /// it, so a span that ends with an added `?` ends where the sentence does.
    fn edited(&self, edits: &[Edit]) -> Normalized {
        let length = self.text.len();
        let mut text = String::with_capacity(length + 8);
        let mut starts = Vec::with_capacity(length + 9);
        // The original offset after the last byte: the original's end, or
        // where a cut at the end of the view began, so a span that ends
        // with the view does not take in what was read past (an emoji).
        let mut end_offset = self.starts[length];
        let mut copied = 0;
        for edit in edits {
            let start = edit.range.start.clamp(copied, length);
            let end = edit.range.end.clamp(start, length);
            text.push_str(&self.text[copied..start]);
            starts.extend_from_slice(&self.starts[copied..start]);
            text.push_str(edit.text);
            if end > start {
                starts.extend((0..edit.text.len()).map(|k| self.starts[(start + k).min(end - 1)]));
            } else {
                starts.extend(std::iter::repeat_n(self.starts[start.saturating_sub(1)], edit.text.len()));
            }
            if end == length && edit.text.is_empty() && end > start {
                end_offset = self.starts[start];
            }
            copied = end;
        }
        text.push_str(&self.text[copied..]);
        starts.extend_from_slice(&self.starts[copied..length]);
        starts.push(end_offset);
        Normalized { text, starts, emphasis: self.emphasis.clone() }
    }

    /// Maps a byte range of the matching view back to the original text.
    /// The result covers whole original characters.
    pub(crate) fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let last = self.starts.len() - 1;
        let start = range.start.min(last);
        let end = range.end.clamp(start, last);
        let original_start = self.starts[start] as usize;
        if end == start {
            return original_start..original_start;
        }
        // The end is the first original character after the one the last
        // matched byte came from; several view bytes can share one character.
        let last_char_start = self.starts[end - 1];
        let original_end =
            self.starts[end..].iter().copied().find(|&offset| offset > last_char_start).unwrap_or(self.starts[last])
                as usize;
        self.emphasis.widen(original_start..original_end)
    }
}

/// Whether the `.` or `,` at `at` stands between two digits, as in "4.7", "9,5" or "10.000".
fn is_decimal_point(bytes: &[u8], at: usize) -> bool {
    let digit_before = at.checked_sub(1).and_then(|before| bytes.get(before)).is_some_and(u8::is_ascii_digit);
    digit_before && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
}

/// Titles written with a point before a person's name, in English and Dutch.
const TITLES: &[&str] = &["dr", "drs", "mr", "mrs", "ms", "mw", "mevr", "dhr", "prof", "ir", "ing", "st"];

/// True when the `.` at `at` closes a title ([`TITLES`], a whole word) and a
/// capitalised word follows after one space: "Dr. Patel", not "Mr. X" or "call the dr." at the end.
pub(crate) fn is_title_point(bytes: &[u8], at: usize) -> bool {
    // The cheap look ahead first: most full stops have no capitalised word after them.
    let name_follows = bytes.get(at + 1) == Some(&b' ')
        && bytes.get(at + 2).is_some_and(u8::is_ascii_uppercase)
        && bytes.get(at + 3).is_some_and(u8::is_ascii_lowercase);
    let Some(before) = bytes.get(..at).filter(|_| name_follows) else { return false };
    let word_start = before.iter().rposition(|byte| !byte.is_ascii_alphabetic()).map_or(0, |index| index + 1);
    TITLES.iter().any(|title| title.as_bytes().eq_ignore_ascii_case(&before[word_start..]))
}

fn offset_u32(offset: usize) -> u32 {
    // Units are capped far below 4 GiB by every reader; saturating keeps a
    // pathological caller from panicking here.
    u32::try_from(offset).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn original_of<'a>(original: &'a str, normalized: &Normalized, needle: &str) -> &'a str {
        let start = normalized.text.find(needle).unwrap_or_else(|| panic!("{needle:?} in {:?}", normalized.text));
        &original[normalized.to_original(start..start + needle.len())]
    }

    #[test]
    fn folds_case_diacritics_quotes_and_spaces() {
        let original = "Één  keer,\n  zo\u{2019}n “Café” 😀 naïef";
        let normalized = Normalized::new(original);
        assert_eq!(normalized.text, "een keer, zo'n \"cafe\" naief");
        assert_eq!(original_of(original, &normalized, "een keer"), "Één  keer");
        assert_eq!(original_of(original, &normalized, "zo'n"), "zo\u{2019}n");
        assert_eq!(original_of(original, &normalized, "naief"), "naïef");
    }

    #[test]
    fn currency_signs_stay_signs_so_an_amount_is_no_score() {
        let original = "een bon van €10, a £10 voucher or ¥500";
        let normalized = Normalized::new(original);
        assert_eq!(normalized.text, "een bon van $10, a $10 voucher or $500");
        assert_eq!(original_of(original, &normalized, "$10 voucher"), "£10 voucher");
    }

    #[test]
    fn a_point_or_comma_between_digits_joins_one_number_and_a_full_stop_stays() {
        let original = "Riders under 4.7 get fewer slots. Een 9,5 of 10.000 keer, 2, 3.";
        let normalized = Normalized::new(original);
        assert_eq!(normalized.text, "riders under 4_7 get fewer slots. een 9_5 of 10_000 keer, 2, 3.");
        assert_eq!(original_of(original, &normalized, "4_7"), "4.7");
    }

    #[test]
    fn the_point_of_a_title_before_a_name_ends_no_sentence() {
        let original = "Rate Dr. Patel and dhr. Jansen. Mr. X stays. Call the dr.";
        let normalized = Normalized::new(original);
        assert_eq!(normalized.text, "rate dr patel and dhr jansen. mr. x stays. call the dr.");
        assert_eq!(original_of(original, &normalized, "dr patel"), "Dr. Patel");
    }

    #[test]
    fn combining_accent_stays_with_its_letter() {
        let original = "cafe\u{301} verdienen";
        let normalized = Normalized::new(original);
        assert_eq!(normalized.text, "cafe verdienen");
        assert_eq!(original_of(original, &normalized, "cafe"), "cafe\u{301}");
        assert_eq!(original_of(original, &normalized, "verdienen"), "verdienen");
    }

    #[test]
    fn expansions_map_to_whole_characters() {
        let original = "Straße";
        let normalized = Normalized::new(original);
        assert_eq!(normalized.text, "strasse");
        assert_eq!(original_of(original, &normalized, "stras"), "Straß");
    }

    #[test]
    fn emphasis_markers_and_keycaps_read_as_the_number() {
        let original = "Geef ons een **10**, een *tien* of een 🔟 of 1\u{FE0F}\u{20E3}0\u{FE0F}\u{20E3}; 5* blijft";
        let normalized = Normalized::new(original);
        assert_eq!(normalized.text, "geef ons een 10 , een tien of een 10 of 10; 5* blijft");
        assert_eq!(original_of(original, &normalized, "een 10 ,"), "een **10**,");
        assert_eq!(original_of(original, &normalized, "een 10 of"), "een 🔟 of");
    }

    #[test]
    fn shorthand_is_written_out_per_language_and_maps_back_to_what_was_typed() {
        let original = "Could U give us a 10 pls, thx! U.S. u-turn";
        let normalized = Normalized::new(original);
        let english = normalized.expand_shorthand(Language::English).unwrap_or_else(|| panic!("no shorthand read"));
        assert_eq!(english.text, "could you give us a 10 please, thanks! u.s. u-turn");
        assert_eq!(original_of(original, &english, "could you give"), "Could U give");
        assert_eq!(original_of(original, &english, "a 10 please"), "a 10 pls");
        assert_eq!(original_of(original, &english, "you"), "U");
        let dutch = normalized.expand_shorthand(Language::Dutch).unwrap_or_else(|| panic!("no shorthand read"));
        assert_eq!(dutch.text, "could u give us a 10 alsjeblieft, bedankt! u.s. u-turn");
        assert!(Normalized::new("Hoe was uw bezoek?").expand_shorthand(Language::Dutch).is_none());
        let dutch = Normalized::new("mn bonus hangt af van t cijfer").expand_shorthand(Language::Dutch);
        assert_eq!(dutch.map(|view| view.text).as_deref(), Some("mijn bonus hangt af van het cijfer"));
    }

    #[test]
    fn phrase_rules_read_past_a_question_number_and_add_the_implied_end() {
        let original = "Vraag 3: Was de kamer schoon en stil 🙏";
        let normalized = Normalized::new(original);
        let read = normalized.for_phrase_rules(original, Language::Dutch).unwrap_or_else(|| panic!("read as it is"));
        assert_eq!(read.text, "was de kamer schoon en stil?");
        assert_eq!(original_of(original, &read, "was de"), "Was de");
        assert_eq!(original_of(original, &read, "en stil?"), "en stil");
        let original = "Q2) could u rate us 5 stars";
        let read = Normalized::new(original).for_phrase_rules(original, Language::English).map(|view| view.text);
        assert_eq!(read.as_deref(), Some("could you rate us 5 stars?"));
        let read = |original: &str, language| Normalized::new(original).for_phrase_rules(original, language);
        assert_eq!(read("Geef ons een 10", Language::Dutch).map(|view| view.text).as_deref(), Some("geef ons een 10."));
        assert!(read("Geef ons een 10!", Language::Dutch).is_none());
    }

    #[test]
    fn phrase_rules_read_a_link_as_one_word_that_maps_back_to_the_address() {
        let original = "Leave a review at www.Example.com/review and get 10% off";
        let read = Normalized::new(original).for_phrase_rules(original, Language::English);
        let read = read.unwrap_or_else(|| panic!("read as it is"));
        assert_eq!(read.text, "leave a review at link and get 10% off.");
        assert_eq!(original_of(original, &read, "at link and"), "at www.Example.com/review and");
    }

    #[test]
    fn phrase_rules_read_we_without_the_company_name_after_it() {
        let original = "Wij van Garage De Vries hopen op een 10!";
        let normalized = Normalized::new(original);
        let read = normalized.for_phrase_rules(original, Language::Dutch).unwrap_or_else(|| panic!("read as it is"));
        assert_eq!(read.text, "wij hopen op een 10!");
        assert_eq!(original_of(original, &read, "wij hopen"), "Wij van Garage De Vries hopen");
        let original = "Question 2: we at Acme Motors'd love a 10";
        let read = Normalized::new(original).for_phrase_rules(original, Language::English).map(|view| view.text);
        assert_eq!(read.as_deref(), Some("we'd love a 10."));
        // A lowercase word after "we at" is no name, nor is text in capitals.
        let original = "We at least tried.";
        assert!(Normalized::new(original).for_phrase_rules(original, Language::English).is_none());
        let original = "WIJ HOUDEN ONS VAN HARTE AANBEVOLEN.";
        assert!(Normalized::new(original).for_phrase_rules(original, Language::Dutch).is_none());
    }

    #[test]
    fn filled_stars_read_as_the_star_of_5_star() {
        let original = "Laat ons ⭐⭐⭐⭐⭐ achter, of 5★ 🌟 ☆";
        let normalized = Normalized::new(original);
        assert_eq!(normalized.text, "laat ons ***** achter, of 5* * ");
        assert_eq!(original_of(original, &normalized, "*****"), "⭐⭐⭐⭐⭐");
        assert_eq!(original_of(original, &normalized, "5*"), "5★");
    }
}
