//! The words of numeric answer ranges in Dutch and English: units, number
//! words, and the words around a number that make it a bound ("meer dan 50",
//! "65 en ouder", "12 tot 20"). Kept apart from the parser in
//! [`super::ranges`] so the vocabulary is easy to review and extend.

/// Whether a bound's own value is part of the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Inclusion {
    /// "18-24", "65+", "t/m 18": the value is in.
    Inclusive,
    /// "under 18", "meer dan 50": the value is out.
    Exclusive,
    /// "tot 20", "over 65": read both ways.
    Either,
}

/// Unit words and the unit they name.
pub(super) const UNITS: &[(&str, &str)] = &[
    ("jaar", "year"),
    ("jaren", "year"),
    ("jr", "year"),
    ("year", "year"),
    ("years", "year"),
    ("yr", "year"),
    ("yrs", "year"),
    ("maand", "month"),
    ("maanden", "month"),
    ("month", "month"),
    ("months", "month"),
    ("week", "week"),
    ("weken", "week"),
    ("weeks", "week"),
    ("dag", "day"),
    ("dagen", "day"),
    ("day", "day"),
    ("days", "day"),
    ("uur", "hour"),
    ("uren", "hour"),
    ("hour", "hour"),
    ("hours", "hour"),
    ("minuut", "minute"),
    ("minuten", "minute"),
    ("minute", "minute"),
    ("minutes", "minute"),
    ("min", "minute"),
    ("eur", "money"),
    ("euro", "money"),
    ("euros", "money"),
    ("usd", "money"),
    ("dollar", "money"),
    ("dollars", "money"),
    ("gbp", "money"),
    ("pound", "money"),
    ("pounds", "money"),
    ("procent", "percent"),
    ("percent", "percent"),
    ("%", "percent"),
    ("km", "distance"),
    ("kilometer", "distance"),
    ("kilometers", "distance"),
    ("kg", "weight"),
    ("kilo", "weight"),
    ("personen", "people"),
    ("persons", "people"),
    ("people", "people"),
    ("mensen", "people"),
    ("medewerkers", "employees"),
    ("werknemers", "employees"),
    ("employees", "employees"),
];

/// The unit of an option that names two different units ("6 maanden - 1 jaar"):
/// its numbers cannot be compared directly, so it is not read as a range.
pub(super) const MIXED_UNITS: &str = "mixed";

/// Number words that stand for a bound ("minder dan een jaar", "more than two years").
pub(super) const NUMBER_WORDS: &[(&str, i64)] = &[
    ("geen", 0),
    ("nul", 0),
    ("none", 0),
    ("zero", 0),
    ("een", 1),
    ("one", 1),
    ("twee", 2),
    ("two", 2),
    ("drie", 3),
    ("three", 3),
    ("vier", 4),
    ("four", 4),
    ("vijf", 5),
    ("five", 5),
    ("zes", 6),
    ("six", 6),
    ("tien", 10),
    ("ten", 10),
];

/// Words before a number that make it an upper bound.
pub(super) const UPPER_OPENINGS: &[(&[&str], Inclusion)] = &[
    (&["minder", "dan"], Inclusion::Exclusive),
    (&["less", "than"], Inclusion::Exclusive),
    (&["fewer", "than"], Inclusion::Exclusive),
    (&["jonger", "dan"], Inclusion::Exclusive),
    (&["younger", "than"], Inclusion::Exclusive),
    (&["korter", "dan"], Inclusion::Exclusive),
    (&["shorter", "than"], Inclusion::Exclusive),
    (&["lager", "dan"], Inclusion::Exclusive),
    (&["lower", "than"], Inclusion::Exclusive),
    (&["under"], Inclusion::Exclusive),
    (&["onder"], Inclusion::Exclusive),
    (&["below"], Inclusion::Exclusive),
    (&["voor"], Inclusion::Exclusive),
    (&["before"], Inclusion::Exclusive),
    (&["<", "="], Inclusion::Inclusive),
    (&["<"], Inclusion::Exclusive),
    (&["tot", "en", "met"], Inclusion::Inclusive),
    (&["t/m"], Inclusion::Inclusive),
    (&["tot"], Inclusion::Either),
    (&["up", "to"], Inclusion::Inclusive),
    (&["maximaal"], Inclusion::Inclusive),
    (&["maximum"], Inclusion::Inclusive),
    (&["max"], Inclusion::Inclusive),
    (&["hoogstens"], Inclusion::Inclusive),
    (&["at", "most"], Inclusion::Inclusive),
    (&["niet", "meer", "dan"], Inclusion::Inclusive),
    (&["no", "more", "than"], Inclusion::Inclusive),
];

/// Words before a number that make it a lower bound.
pub(super) const LOWER_OPENINGS: &[(&[&str], Inclusion)] = &[
    (&["meer", "dan"], Inclusion::Exclusive),
    (&["more", "than"], Inclusion::Exclusive),
    (&["ouder", "dan"], Inclusion::Exclusive),
    (&["older", "than"], Inclusion::Exclusive),
    (&["langer", "dan"], Inclusion::Exclusive),
    (&["longer", "than"], Inclusion::Exclusive),
    (&["hoger", "dan"], Inclusion::Exclusive),
    (&["higher", "than"], Inclusion::Exclusive),
    (&["boven"], Inclusion::Exclusive),
    (&["above"], Inclusion::Exclusive),
    (&["na"], Inclusion::Exclusive),
    (&["after"], Inclusion::Exclusive),
    (&[">", "="], Inclusion::Inclusive),
    (&[">"], Inclusion::Exclusive),
    (&["over"], Inclusion::Either),
    (&["vanaf"], Inclusion::Inclusive),
    (&["minimaal"], Inclusion::Inclusive),
    (&["minstens"], Inclusion::Inclusive),
    (&["ten", "minste"], Inclusion::Inclusive),
    (&["at", "least"], Inclusion::Inclusive),
];

/// Words after a number that make it a lower bound ("65 en ouder"). A bare
/// "+" reads both ways: "50+" after "35-49" starts at 50, but "5+" after an
/// option "5" plainly means "more than 5".
pub(super) const LOWER_CLOSINGS: &[(&[&str], Inclusion)] = &[
    (&["+"], Inclusion::Either),
    (&["of", "meer"], Inclusion::Inclusive),
    (&["en", "meer"], Inclusion::Inclusive),
    (&["or", "more"], Inclusion::Inclusive),
    (&["en", "ouder"], Inclusion::Inclusive),
    (&["of", "ouder"], Inclusion::Inclusive),
    (&["and", "older"], Inclusion::Inclusive),
    (&["or", "older"], Inclusion::Inclusive),
    (&["and", "over"], Inclusion::Inclusive),
    (&["or", "over"], Inclusion::Inclusive),
    (&["and", "above"], Inclusion::Inclusive),
    (&["or", "above"], Inclusion::Inclusive),
    (&["en", "hoger"], Inclusion::Inclusive),
    (&["of", "hoger"], Inclusion::Inclusive),
    (&["or", "higher"], Inclusion::Inclusive),
    (&["and", "higher"], Inclusion::Inclusive),
    (&["of", "groter"], Inclusion::Inclusive),
    (&["or", "greater"], Inclusion::Inclusive),
    (&["and", "greater"], Inclusion::Inclusive),
    (&["and", "up"], Inclusion::Inclusive),
    (&["of", "langer"], Inclusion::Inclusive),
    (&["or", "longer"], Inclusion::Inclusive),
    (&["en", "langer"], Inclusion::Inclusive),
];

/// Words after a number that make it an upper bound ("18 of jonger").
pub(super) const UPPER_CLOSINGS: &[&[&str]] = &[
    &["of", "minder"],
    &["or", "less"],
    &["or", "fewer"],
    &["of", "jonger"],
    &["en", "jonger"],
    &["or", "younger"],
    &["and", "younger"],
    &["and", "under"],
    &["or", "under"],
    &["of", "korter"],
    &["or", "shorter"],
];

/// Words between two numbers and how they bind the second one.
pub(super) const INFIXES: &[(&[&str], Inclusion)] = &[
    (&["-"], Inclusion::Inclusive),
    (&["tot", "en", "met"], Inclusion::Inclusive),
    (&["t/m"], Inclusion::Inclusive),
    (&["tm"], Inclusion::Inclusive),
    (&["tot"], Inclusion::Either),
    // English "to" is as loose as Dutch "tot": "3% to 6%, 6% to 9%" is
    // usually meant without the upper bound.
    (&["to"], Inclusion::Either),
    (&["until"], Inclusion::Either),
    (&["through"], Inclusion::Inclusive),
    (&["thru"], Inclusion::Inclusive),
    (&["en"], Inclusion::Inclusive),
    (&["and"], Inclusion::Inclusive),
];
