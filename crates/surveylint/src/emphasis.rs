//! Emphasis markers around words: "een **10**", "a *10*" (chat bold), "_tien_".
//!
//! People stress the score they ask for, and Markdown keeps the markers in the
//! text. The matching view reads a pair of markers as white space, so a rule
//! sees "een 10". Only pairs count: a run of `*`, `_` or `~` that opens before
//! a word and a run of the same character and length that closes after one, on
//! the same line. A lone run is text: the star of "5*", a row "*****", a list
//! bullet, "snake_case".

use std::ops::Range;

/// How many opened runs wait for their closing run at most. Emphasis closes
/// within a few words; a line of thousands of unmatched runs ("**a **a …")
/// must not make every closing run search all of them (linear time).
const MAX_OPEN_RUNS: usize = 8;

/// The paired emphasis markers of one text.
#[derive(Clone, Default)]
pub(crate) struct Emphasis {
    /// Each pair as (opening run, closing run), sorted by where the closing run starts.
    by_close: Vec<(Range<usize>, Range<usize>)>,
    /// The same pairs sorted by where the opening run ends.
    by_open: Vec<(Range<usize>, Range<usize>)>,
}

impl Emphasis {
    /// Finds the paired markers of `original`.
    pub(crate) fn find(original: &str) -> Emphasis {
        let pairs = marker_pairs(original);
        if pairs.is_empty() {
            return Emphasis::default();
        }
        let mut by_close = pairs.clone();
        by_close.sort_by_key(|(_, close)| close.start);
        let mut by_open = pairs;
        by_open.sort_by_key(|(open, _)| open.end);
        Emphasis { by_close, by_open }
    }

    /// Byte ranges of all markers, in order.
    pub(crate) fn markers(&self) -> Vec<Range<usize>> {
        let mut markers: Vec<Range<usize>> =
            self.by_close.iter().flat_map(|(open, close)| [open.clone(), close.clone()]).collect();
        markers.sort_by_key(|range| range.start);
        markers
    }

    /// Widens a span of the original text over the other marker of every pair
    /// it cuts at its edge, so "een **10" becomes "een **10**" and a rewrite of
    /// the span never leaves half a pair behind.
    pub(crate) fn widen(&self, mut range: Range<usize>) -> Range<usize> {
        // Each step moves an edge past one marker, so nesting ("**_10_**") ends.
        loop {
            let closing = self.by_close.partition_point(|(_, close)| close.start < range.end);
            if let Some((open, close)) = self.by_close.get(closing) {
                if close.start == range.end && open.start >= range.start {
                    range.end = close.end;
                    continue;
                }
            }
            let opening = self.by_open.partition_point(|(open, _)| open.end < range.start);
            if let Some((open, close)) = self.by_open.get(opening) {
                if open.end == range.start && close.end <= range.end {
                    range.start = open.start;
                    continue;
                }
            }
            return range;
        }
    }
}

/// Pairs of (opening run, closing run) in `original`.
fn marker_pairs(original: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let bytes = original.as_bytes();
    let mut pairs = Vec::new();
    // Runs that opened on this line and wait for their closing run.
    let mut open: Vec<Range<usize>> = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'\n' {
            open.clear();
            index += 1;
            continue;
        }
        if !matches!(byte, b'*' | b'_' | b'~') {
            index += 1;
            continue;
        }
        let start = index;
        while index < bytes.len() && bytes[index] == byte {
            index += 1;
        }
        let run = start..index;
        let before = original[..start].chars().next_back();
        let after = original[index..].chars().next();
        let closes = before.is_some_and(|c| !c.is_whitespace()) && !after.is_some_and(char::is_alphanumeric);
        let opens = !before.is_some_and(char::is_alphanumeric) && after.is_some_and(|c| !c.is_whitespace());
        let same_run =
            |candidate: &Range<usize>| candidate.len() == run.len() && bytes.get(candidate.start) == Some(&byte);
        if closes {
            if let Some(position) = open.iter().rposition(same_run) {
                pairs.push((open[position].clone(), run));
                open.truncate(position);
                continue;
            }
        }
        if opens {
            if open.len() == MAX_OPEN_RUNS {
                open.remove(0);
            }
            open.push(run);
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(original: &str) -> Vec<&str> {
        Emphasis::find(original).markers().into_iter().map(|range| &original[range]).collect()
    }

    #[test]
    fn pairs_around_words_are_markers() {
        assert_eq!(marked("Geef ons een **10**!"), ["**", "**"]);
        assert_eq!(marked("Give us a *10*, _please_"), ["*", "*", "_", "_"]);
        assert_eq!(marked("**_Tien_** graag"), ["**", "_", "_", "**"]);
        assert_eq!(marked("*Let op:* geef ons een 10"), ["*", "*"]);
    }

    #[test]
    fn lone_runs_and_inner_marks_are_text() {
        assert!(marked("Laat een 5* review achter").is_empty());
        assert!(marked("Geef ons ***** op Google").is_empty());
        assert!(marked("* eerste punt\n* tweede punt").is_empty());
        assert!(marked("zie my_page_1 en 2*3*4").is_empty());
        assert!(marked("een *open\nregel* later").is_empty());
        assert!(marked("**10* of 5*").is_empty());
    }

    #[test]
    fn only_the_latest_open_runs_wait_for_a_close() {
        let many_open = format!("*tien* {}{}", "**a ".repeat(20), "a** ".repeat(20));
        let markers = marked(&many_open);
        // "*tien*" pairs; of the twenty "**" openers only the last eight can close.
        assert_eq!(markers.iter().filter(|marker| **marker == "*").count(), 2);
        assert_eq!(markers.iter().filter(|marker| **marker == "**").count(), 2 * MAX_OPEN_RUNS);
    }

    #[test]
    fn a_span_that_cuts_a_pair_takes_its_other_marker() {
        let original = "Geef ons een **_10_** nu";
        let emphasis = Emphasis::find(original);
        let cut = original.find("Geef").unwrap_or_default()..original.find("10").unwrap_or_default() + 2;
        assert_eq!(&original[emphasis.widen(cut)], "Geef ons een **_10_**");
        let inner = original.find("10").unwrap_or_default()..original.find("10").unwrap_or_default() + 2;
        assert_eq!(&original[emphasis.widen(inner)], "10");
        let opened = original.find("**").unwrap_or_default()..original.find(" nu").unwrap_or_default();
        assert_eq!(&original[emphasis.widen(opened.clone())], &original[opened]);
    }
}
