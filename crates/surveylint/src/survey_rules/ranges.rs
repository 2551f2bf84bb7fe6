//! Reads numeric answer ranges such as "0-12", "12 tot 20 jaar", "50+",
//! "meer dan 50", "€ 1.000 - € 2.000" or "under 18", and finds where a list
//! of them overlaps or leaves a gap.
//!
//! Values are kept in hundredths, so cents and one-decimal hours compare
//! exactly. Wording that is read two ways gets both readings: Dutch "tot"
//! ("12 tot 20") is "up to but not including" in formal Dutch and "up to and
//! including" in everyday use, and English "over 65" is used for both "66 and
//! up" and "65 and up". An overlap is reported only when even the narrowest
//! readings overlap, and a gap only when even the widest readings leave one,
//! so loose but common wording never raises a false alarm.

use crate::language::Language;

use super::range_words::{
    Inclusion, INFIXES, LOWER_CLOSINGS, LOWER_OPENINGS, MIXED_UNITS, NUMBER_WORDS, UNITS, UPPER_CLOSINGS,
    UPPER_OPENINGS,
};
use super::words::matching_view;

/// One end of a range as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bound {
    /// The value in hundredths.
    value: i64,
    /// Whether the value itself belongs to the range.
    inclusion: Inclusion,
}

/// A numeric answer option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NumericRange {
    /// The lowest value, `None` for "under 18".
    low: Option<Bound>,
    /// The highest value, `None` for "50+".
    high: Option<Bound>,
    /// The most decimals any of its numbers has; decides the step between answers.
    decimals: u32,
    /// The unit it is in ("year", "money"), when it names one.
    pub(crate) unit: Option<&'static str>,
}

impl NumericRange {
    /// True for a range of more than one value or an open-ended one; false
    /// for a bare number such as the "3" of a rating scale.
    pub(crate) fn is_interval(&self) -> bool {
        match (self.low, self.high) {
            (Some(low), Some(high)) => low.value != high.value,
            _ => true,
        }
    }
}

/// Where two neighbouring options do not meet properly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RangeIssue {
    /// The index of the option that comes first in numeric order.
    pub(crate) earlier: usize,
    /// The index of the option after it, the one the finding points at.
    pub(crate) later: usize,
    /// What is wrong.
    pub(crate) kind: IssueKind,
    /// The first value concerned, in hundredths.
    from: i64,
    /// The first value no longer concerned, in hundredths; `None` when open-ended.
    to: Option<i64>,
}

/// Overlap or gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IssueKind {
    /// Some values fit both options.
    Overlap,
    /// Some values fit neither.
    Gap,
}

/// A token of an option's matching view.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A number in hundredths, with its number of decimals.
    Number(i64, u32),
    /// A run of letters (with `/` and `'`, so "t/m" and "don't" stay whole), or "%".
    Word(String),
    /// One of `- + < > =`.
    Symbol(char),
}

/// Trailing words an option may have after its range ("per maand", "geleden",
/// "bruto"), as long as there are few of them.
const MAX_TRAILING_WORDS: usize = 4;

/// Reads an answer option as a numeric range, or `None` when it is not one.
/// [`parse_range`] of a unit, remembered per unit text.
pub(crate) static NUMERIC_RANGE: super::Fact<Option<NumericRange>> = super::Fact::new(|text, _, _| parse_range(text));

pub(crate) fn parse_range(text: &str) -> Option<NumericRange> {
    let tokens = tokenize(text)?;
    let mut parser = Parser { tokens: &tokens, at: 0, decimals: 0, unit: None };
    let range = parser.range()?;
    parser.trailing_words()?;
    if parser.unit == Some(MIXED_UNITS) {
        return None;
    }
    Some(NumericRange { decimals: parser.decimals, unit: parser.unit, ..range })
}

/// Splits the option into numbers, words and symbols. `None` when it holds
/// something a range never does, such as a time ("08:00").
fn tokenize(text: &str) -> Option<Vec<Token>> {
    // Currency and comparison signs would become spaces in the matching view.
    let spelled = text.replace('€', " eur ").replace('$', " usd ").replace('£', " gbp ");
    let spelled = spelled.replace('≥', " >= ").replace('≤', " <= ");
    let view = matching_view(&spelled);
    let bytes = view.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii_digit() {
            let (token, next) = number(&view, at)?;
            tokens.push(token);
            at = next;
        } else if byte.is_ascii_alphabetic() {
            let end = view[at..]
                .find(|c: char| !(c.is_ascii_alphabetic() || c == '/' || c == '\''))
                .map_or(view.len(), |len| at + len);
            tokens.push(Token::Word(view[at..end].to_owned()));
            at = end;
        } else if b"-+<>=%".contains(&byte) {
            tokens.push(if byte == b'%' { Token::Word("%".to_owned()) } else { Token::Symbol(byte as char) });
            at += 1;
        } else if b" .,()".contains(&byte) {
            at += 1;
        } else {
            return None;
        }
    }
    Some(tokens)
}

/// Reads the number at `start`: digits with `.` or `,` as thousands
/// separators ("1.000", "1,000") or decimal marks ("1,5", "2.25"), which
/// the matching view writes as `_` when a digit stands on both sides, an
/// optional ",-" for whole euros, and an optional "k" for thousands.
fn number(view: &str, start: usize) -> Option<(Token, usize)> {
    let bytes = view.as_bytes();
    let mut end = start;
    while end < bytes.len() && (bytes[end].is_ascii_digit() || b".,_".contains(&bytes[end])) {
        end += 1;
    }
    // A trailing separator is punctuation, not part of the number.
    let mut raw = &view[start..end];
    while raw.ends_with(['.', ',']) {
        raw = &raw[..raw.len() - 1];
    }
    let mut next = start + raw.len();
    let groups: Vec<&str> = raw.split(['.', ',', '_']).collect();
    let mut whole = String::new();
    let mut fraction = "";
    for (index, group) in groups.iter().enumerate() {
        let is_last = index + 1 == groups.len();
        if index == 0 || group.len() == 3 {
            whole.push_str(group);
        } else if is_last && group.len() <= 2 {
            fraction = group;
        } else {
            return None;
        }
    }
    let whole: i64 = whole.parse().ok()?;
    let decimals = u32::try_from(fraction.len()).ok()?;
    let fraction_value: i64 = if fraction.is_empty() { 0 } else { fraction.parse().ok()? };
    let mut value = whole.checked_mul(100)?.checked_add(fraction_value * if decimals == 1 { 10 } else { 1 })?;
    let rest = &view[next..];
    if rest.starts_with(",-") || rest.starts_with(".-") {
        next += 2;
    } else if rest.starts_with('k') && !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        value = value.checked_mul(1000)?;
        next += 1;
    }
    Some((Token::Number(value, decimals), next))
}

/// Reads one option's tokens from left to right.
struct Parser<'a> {
    tokens: &'a [Token],
    /// The index of the next token to read.
    at: usize,
    /// The most decimals seen in a number so far.
    decimals: u32,
    /// The unit named so far, or [`MIXED_UNITS`] after two different ones.
    unit: Option<&'static str>,
}

impl Parser<'_> {
    /// Reads the range itself.
    fn range(&mut self) -> Option<NumericRange> {
        let bounded = |low, high| NumericRange { low, high, decimals: 0, unit: None };
        for (opening, inclusion) in UPPER_OPENINGS {
            if self.eat_words(opening) {
                let value = self.value(true)?;
                return Some(bounded(None, Some(Bound { value, inclusion: *inclusion })));
            }
        }
        for (opening, inclusion) in LOWER_OPENINGS {
            if self.eat_words(opening) {
                let value = self.value(true)?;
                return Some(bounded(Some(Bound { value, inclusion: *inclusion }), None));
            }
        }
        // "tussen 18 en 24", "van 18 tot 24", "from 18 to 24", "between 18 and 24"
        let _ = self.eat_words(&["tussen"])
            || self.eat_words(&["between"])
            || self.eat_words(&["van"])
            || self.eat_words(&["from"]);
        let first = self.value(false)?;
        let low = Some(Bound { value: first, inclusion: Inclusion::Inclusive });
        for (closing, inclusion) in LOWER_CLOSINGS {
            if self.eat_words(closing) {
                return Some(bounded(Some(Bound { value: first, inclusion: *inclusion }), None));
            }
        }
        for closing in UPPER_CLOSINGS {
            if self.eat_words(closing) {
                return Some(bounded(None, Some(Bound { value: first, inclusion: Inclusion::Inclusive })));
            }
        }
        for (infix, inclusion) in INFIXES {
            let before = self.at;
            if self.eat_words(infix) {
                if let Some(second) = self.value(false) {
                    if second < first {
                        return None;
                    }
                    return Some(bounded(low, Some(Bound { value: second, inclusion: *inclusion })));
                }
                self.at = before;
            }
        }
        Some(bounded(low, Some(Bound { value: first, inclusion: Inclusion::Inclusive })))
    }

    /// Reads a number with an optional currency before it and unit after it.
    /// With `words`, a number word counts too ("minder dan een jaar").
    fn value(&mut self, words: bool) -> Option<i64> {
        self.unit_word();
        let value = match self.tokens.get(self.at)? {
            Token::Number(value, decimals) => {
                self.decimals = self.decimals.max(*decimals);
                *value
            }
            Token::Word(word) if words => {
                let number = NUMBER_WORDS.iter().find(|(name, _)| name == word).map(|(_, number)| *number * 100);
                // "a year", "an hour": the article is one of the unit.
                let article = matches!(word.as_str(), "a" | "an")
                    && matches!(self.tokens.get(self.at + 1), Some(Token::Word(next)) if unit_of(next).is_some());
                if article {
                    100
                } else {
                    number?
                }
            }
            // "Geen" or "None" as an answer of its own is the value 0
            // ("Hoeveel kinderen? Geen, 1-2, 3 of meer"). Other number words
            // at the start are mostly articles ("Een keer per week").
            Token::Word(word) if matches!(word.as_str(), "geen" | "nul" | "none" | "zero") => 0,
            _ => return None,
        };
        self.at += 1;
        self.unit_word();
        Some(value)
    }

    /// Consumes a unit word if one comes next, remembering its unit.
    /// A second, different unit ("6 maanden - 1 jaar") makes the option
    /// unreadable, since its numbers cannot be compared directly.
    fn unit_word(&mut self) -> Option<()> {
        if let Some(Token::Word(word)) = self.tokens.get(self.at) {
            if let Some(unit) = unit_of(word) {
                if self.unit.is_some_and(|seen| seen != unit) {
                    self.unit = Some(MIXED_UNITS);
                } else {
                    self.unit = Some(unit);
                }
                self.at += 1;
            }
        }
        Some(())
    }

    /// Consumes `words` if they come next.
    fn eat_words(&mut self, words: &[&str]) -> bool {
        let matches = words.iter().enumerate().all(|(offset, expected)| match self.tokens.get(self.at + offset) {
            Some(Token::Word(word)) => word == expected,
            Some(Token::Symbol(symbol)) => expected.len() == 1 && expected.starts_with(*symbol),
            _ => false,
        });
        if matches {
            self.at += words.len();
        }
        matches
    }

    /// Accepts a few trailing words ("per maand", "oud", "geleden"), but no
    /// numbers or symbols: "1 - Zeer slecht" is a scale label, not a range.
    fn trailing_words(&mut self) -> Option<()> {
        let rest = &self.tokens[self.at.min(self.tokens.len())..];
        // A unit or number word after the range means a second value the
        // parser did not understand ("6 maanden tot een jaar").
        // A unit right after "per" or "a" is a rate ("per maand", "a week"), not a value.
        let only_words = rest.iter().enumerate().all(|(index, token)| match token {
            Token::Word(word) => {
                let rate = index > 0
                    && matches!(&rest[index - 1], Token::Word(before) if matches!(before.as_str(), "per" | "a" | "an" | "each" | "every"));
                (rate || unit_of(word).is_none()) && !NUMBER_WORDS.iter().any(|(name, _)| name == word)
            }
            _ => false,
        });
        (only_words && rest.len() <= MAX_TRAILING_WORDS).then_some(())
    }
}

fn unit_of(word: &str) -> Option<&'static str> {
    UNITS.iter().find(|(name, _)| *name == word).map(|(_, unit)| *unit)
}

/// Half-open readings of a range in hundredths, given the step between answers.
struct Readings {
    /// The highest start any reading gives.
    low_inner: i64,
    /// The lowest start any reading gives.
    low_outer: i64,
    /// The lowest exclusive end any reading gives.
    high_inner: i64,
    /// The highest exclusive end any reading gives.
    high_outer: i64,
}

fn readings(range: &NumericRange, step: i64) -> Readings {
    let (low_inner, low_outer) = match range.low {
        None => (i64::MIN, i64::MIN),
        Some(Bound { value, inclusion: Inclusion::Inclusive }) => (value, value),
        Some(Bound { value, inclusion: Inclusion::Exclusive }) => {
            (value.saturating_add(step), value.saturating_add(step))
        }
        Some(Bound { value, inclusion: Inclusion::Either }) => (value.saturating_add(step), value),
    };
    let (high_inner, high_outer) = match range.high {
        None => (i64::MAX, i64::MAX),
        Some(Bound { value, inclusion: Inclusion::Inclusive }) => {
            (value.saturating_add(step), value.saturating_add(step))
        }
        Some(Bound { value, inclusion: Inclusion::Exclusive }) => (value, value),
        Some(Bound { value, inclusion: Inclusion::Either }) => (value, value.saturating_add(step)),
    };
    Readings { low_inner, low_outer, high_inner, high_outer }
}

/// The step between two possible answers, in hundredths: 1 for whole
/// numbers, 0.1 when some option has one decimal, 0.01 for cents.
fn step_of(ranges: &[NumericRange]) -> i64 {
    match ranges.iter().map(|range| range.decimals).max().unwrap_or(0) {
        0 => 100,
        1 => 10,
        _ => 1,
    }
}

/// Finds overlaps and gaps between options that are neighbours in numeric order.
pub(crate) fn find_issues(ranges: &[NumericRange]) -> Vec<RangeIssue> {
    let step = step_of(ranges);
    let mut order: Vec<(usize, Readings)> =
        ranges.iter().enumerate().map(|(index, range)| (index, readings(range, step))).collect();
    order.sort_by_key(|(index, reading)| (reading.low_outer, reading.high_outer, *index));
    let mut issues = Vec::new();
    for pair in order.windows(2) {
        let [(earlier, before), (later, after)] = pair else { continue };
        if after.low_inner < before.high_inner {
            let to = before.high_inner.min(after.high_inner);
            let from = after.low_inner.max(before.low_inner);
            issues.push(RangeIssue {
                earlier: *earlier,
                later: *later,
                kind: IssueKind::Overlap,
                from,
                to: (to != i64::MAX).then_some(to),
            });
        } else if after.low_outer > before.high_outer {
            issues.push(RangeIssue {
                earlier: *earlier,
                later: *later,
                kind: IssueKind::Gap,
                from: before.high_outer,
                to: Some(after.low_outer),
            });
        }
    }
    issues
}

impl RangeIssue {
    /// The values concerned, in words: "12", "20 tot en met 25", "€ 2.000", "50 and above".
    pub(crate) fn values(&self, ranges: &[NumericRange], language: Language) -> String {
        let step = step_of(ranges);
        let money = ranges.iter().any(|range| range.unit == Some("money"));
        let format = |value: i64| format_value(value, step, money, language);
        // `i64::MIN` stands for "no lower bound" (two "less than" options overlap below the smaller one).
        match self.to {
            Some(to) if self.from == i64::MIN => match language {
                Language::Dutch => format!("minder dan {}", format(to)),
                Language::English => format!("below {}", format(to)),
            },
            Some(to) if to.saturating_sub(self.from) <= step => format(self.from),
            Some(to) => match language {
                Language::Dutch => format!("{} tot en met {}", format(self.from), format(to.saturating_sub(step))),
                Language::English => format!("{} to {}", format(self.from), format(to.saturating_sub(step))),
            },
            None if self.from == i64::MIN => match language {
                Language::Dutch => "elke waarde".to_owned(),
                Language::English => "any value".to_owned(),
            },
            None => match language {
                Language::Dutch => format!("{} en hoger", format(self.from)),
                Language::English => format!("{} and above", format(self.from)),
            },
        }
    }
}

/// Writes a value in hundredths the way the language does: "€ 1.000,50" or "€1,000.50".
fn format_value(value: i64, step: i64, money: bool, language: Language) -> String {
    let (thousands, decimal) = match language {
        Language::Dutch => ('.', ','),
        Language::English => (',', '.'),
    };
    let whole = (value / 100).unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        // Years ("2020") stay ungrouped; sums of money and large counts are grouped.
        if index > 0 && (whole.len() - index) % 3 == 0 && (money || whole.len() > 4) {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    if value < 0 {
        grouped.insert(0, '-');
    }
    let cents = (value % 100).abs();
    match step {
        10 => grouped.push_str(&format!("{decimal}{}", cents / 10)),
        1 => grouped.push_str(&format!("{decimal}{cents:02}")),
        _ => {}
    }
    if money {
        match language {
            Language::Dutch => format!("€ {grouped}"),
            Language::English => format!("€{grouped}"),
        }
    } else {
        grouped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bound as (whole value, inclusion).
    type WholeBound = Option<(i64, Inclusion)>;

    fn bounds(text: &str) -> Option<(WholeBound, WholeBound, Option<&'static str>)> {
        let range = parse_range(text)?;
        let pair = |bound: Option<Bound>| bound.map(|bound| (bound.value / 100, bound.inclusion));
        Some((pair(range.low), pair(range.high), range.unit))
    }

    use Inclusion::{Either, Exclusive, Inclusive};

    #[test]
    fn reads_closed_ranges() {
        assert_eq!(bounds("0-12"), Some((Some((0, Inclusive)), Some((12, Inclusive)), None)));
        assert_eq!(bounds("12 tot 20 jaar"), Some((Some((12, Inclusive)), Some((20, Either)), Some("year"))));
        assert_eq!(bounds("18 – 24 years old"), Some((Some((18, Inclusive)), Some((24, Inclusive)), Some("year"))));
        assert_eq!(bounds("Tussen 18 en 24 jaar"), Some((Some((18, Inclusive)), Some((24, Inclusive)), Some("year"))));
        assert_eq!(
            bounds("€ 1.000 - € 2.000"),
            Some((Some((1000, Inclusive)), Some((2000, Inclusive)), Some("money")))
        );
        assert_eq!(
            bounds("€1,000 to €1,999 per month"),
            Some((Some((1000, Inclusive)), Some((1999, Either)), Some("money")))
        );
        assert_eq!(bounds("1 t/m 3 uur"), Some((Some((1, Inclusive)), Some((3, Inclusive)), Some("hour"))));
    }

    #[test]
    fn reads_open_ranges() {
        assert_eq!(bounds("50+"), Some((Some((50, Either)), None, None)));
        assert_eq!(bounds("12.0% or greater"), Some((Some((12, Inclusive)), None, Some("percent"))));
        assert_eq!(bounds("Meer dan 50"), Some((Some((50, Exclusive)), None, None)));
        assert_eq!(bounds("65 jaar en ouder"), Some((Some((65, Inclusive)), None, Some("year"))));
        assert_eq!(bounds("Over 65"), Some((Some((65, Either)), None, None)));
        assert_eq!(bounds("Under 18"), Some((None, Some((18, Exclusive)), None)));
        assert_eq!(bounds("Minder dan een jaar"), Some((None, Some((1, Exclusive)), Some("year"))));
        assert_eq!(bounds("Less than a year"), Some((None, Some((1, Exclusive)), Some("year"))));
        assert_eq!(bounds("18 of jonger"), Some((None, Some((18, Inclusive)), None)));
        assert_eq!(bounds("≥ 65"), Some((Some((65, Inclusive)), None, None)));
    }

    #[test]
    fn reads_money_with_decimals_and_whole_euro_dashes() {
        let range = parse_range("€ 1.000,50 - € 2.000,-");
        assert_eq!(
            range.map(|range| (range.low, range.decimals)),
            Some((Some(Bound { value: 100_050, inclusion: Inclusive }), 2))
        );
        assert_eq!(bounds("€20k - €30k"), Some((Some((20_000, Inclusive)), Some((30_000, Inclusive)), Some("money"))));
    }

    #[test]
    fn rejects_what_is_not_a_range() {
        for text in [
            "1 - Zeer slecht",
            "Zeer tevreden",
            "08:00 - 12:00",
            "Ja",
            "20 - 10",
            "6 maanden - 1 jaar",
            "Anders, namelijk",
        ] {
            assert_eq!(parse_range(text), None, "{text}");
        }
    }

    fn issues(options: &[&str]) -> Vec<(usize, IssueKind, String)> {
        let ranges: Vec<NumericRange> = options.iter().filter_map(|option| parse_range(option)).collect();
        assert_eq!(ranges.len(), options.len(), "every option parses");
        find_issues(&ranges)
            .into_iter()
            .map(|issue| (issue.later, issue.kind, issue.values(&ranges, Language::English)))
            .collect()
    }

    #[test]
    fn finds_overlaps_and_gaps() {
        assert_eq!(
            issues(&["0-12", "12-20", "20-35", "50+"]),
            vec![
                (1, IssueKind::Overlap, "12".to_owned()),
                (2, IssueKind::Overlap, "20".to_owned()),
                (3, IssueKind::Gap, "36 to 49".to_owned())
            ]
        );
        assert_eq!(
            issues(&["€ 1.000 - € 2.000", "€ 2.000 - € 3.000"]),
            vec![(1, IssueKind::Overlap, "€2,000".to_owned())]
        );
    }

    #[test]
    fn proper_ranges_have_no_issues() {
        assert_eq!(issues(&["Under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65 or older"]), vec![]);
        assert_eq!(issues(&["0 tot 12 jaar", "12 tot 20 jaar", "20 jaar of ouder"]), vec![]);
        assert_eq!(issues(&["18 tot 24", "25 tot 34", "35 of meer"]), vec![]);
        assert_eq!(issues(&["Minder dan 1 uur", "1-2 uur", "Meer dan 2 uur"]), vec![]);
        assert_eq!(issues(&["0 - 0,5", "0,6 - 1", "meer dan 1"]), vec![]);
        assert_eq!(issues(&["65+", "45-64", "18-44"]), vec![]);
        assert_eq!(issues(&["1", "2", "3", "4", "5", "5+"]), vec![]);
        assert_eq!(issues(&["Geen", "1-2", "3 of meer"]), vec![]);
        assert_eq!(issues(&["None", "2-3", "4 or more"]), vec![(1, IssueKind::Gap, "1".to_owned())]);
        assert_eq!(
            issues(&["less than 3.0%", "3.0% to 6.0%", "6.0% to 9.0%", "9.0% to 12.0%", "12.0% or greater"]),
            vec![]
        );
    }

    #[test]
    fn two_open_lower_ranges_overlap_below_the_smaller_bound() {
        // Used to overflow (`to - i64::MIN`): a panic in debug builds, "-92.233.720.368.547.758" in release.
        assert_eq!(
            issues(&["less than 10 hours", "less than 20 hours", "20 hours or more"]),
            vec![(1, IssueKind::Overlap, "below 10".to_owned())]
        );
        let ranges: Vec<NumericRange> = ["minder dan 10 uur", "minder dan 20 uur", "20 uur of meer"]
            .iter()
            .filter_map(|o| parse_range(o))
            .collect();
        let issues = find_issues(&ranges);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].values(&ranges, Language::Dutch), "minder dan 10");
    }

    #[test]
    fn huge_values_do_not_overflow() {
        // The largest value the parser accepts, so `value + step` would pass i64::MAX.
        let huge = format!("meer dan {}", i64::MAX / 100);
        let ranges: Vec<NumericRange> = ["minder dan 5", "5 - 10", huge.as_str(), "20 - 30"]
            .iter()
            .filter_map(|option| parse_range(option))
            .collect();
        for issue in find_issues(&ranges) {
            assert!(!issue.values(&ranges, Language::Dutch).contains('-'));
        }
        assert_eq!(ranges.len(), 4);
    }

    #[test]
    fn values_are_written_per_language() {
        assert_eq!(format_value(1_234_500, 100, true, Language::Dutch), "€ 12.345");
        assert_eq!(format_value(150, 10, false, Language::Dutch), "1,5");
        assert_eq!(format_value(200_000, 100, true, Language::English), "€2,000");
    }
}
