//! A rule explained in one language: the one structure that `surveylint
//! explain`, the language server's hover, the generated rule reference and
//! the browser package render, with the one set of labels they all use, so
//! "Waarom" and "Why" are written here and nowhere else.

use serde::Serialize;

use crate::diagnostic::{Severity, Span};
use crate::language::Language;
use crate::rule::{rule_docs_url, Rule, RuleKind};

/// The words around a rule's texts, in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Labels {
    /// The language's own name: "Nederlands", "English".
    pub language: &'static str,
    /// Before the rationale.
    pub why: &'static str,
    /// Before the advice.
    pub advice: &'static str,
    /// Before the suggested rewrite.
    pub rewrite: &'static str,
    /// Before the examples the rule flags.
    pub flagged: &'static str,
    /// Before the examples it leaves alone.
    pub not_flagged: &'static str,
    /// Before the sources.
    pub sources: &'static str,
    /// The link to the rule's page.
    pub more: &'static str,
}

const DUTCH: Labels = Labels {
    language: "Nederlands",
    why: "Waarom",
    advice: "Neutraal vragen",
    rewrite: "Voorgestelde herformulering",
    flagged: "Wordt gemeld",
    not_flagged: "Blijft stil",
    sources: "Bronnen",
    more: "Meer over deze regel",
};

const ENGLISH: Labels = Labels {
    language: "English",
    why: "Why",
    advice: "Ask neutrally",
    rewrite: "Suggested rewrite",
    flagged: "Flagged",
    not_flagged: "Not flagged",
    sources: "Sources",
    more: "More about this rule",
};

impl Labels {
    /// The labels in `language`.
    pub fn of(language: Language) -> &'static Labels {
        match language {
            Language::Dutch => &DUTCH,
            Language::English => &ENGLISH,
        }
    }
}

/// One must-flag example of a rule file: `[[` and `]]` may mark the flagged
/// words, and ` => ` may follow with the whole text after the rule's
/// preferred rewrite (`"[[Geef ons een 10]]! => Welk cijfer …?"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Example {
    /// The text, without markers or rewrite.
    pub text: String,
    /// The marked words, a byte span of `text`.
    pub flagged: Option<Span>,
    /// The text after the rule's preferred rewrite, when the example gives it.
    pub rewritten: Option<String>,
}

/// What separates an example from its expected rewrite.
const REWRITE_ARROW: &str = " => ";

impl Example {
    /// Reads an example as written in a rule file.
    pub fn parse(written: &str) -> Example {
        let (example, rewritten) = match written.split_once(REWRITE_ARROW) {
            Some((example, rewritten)) => (example, Some(rewritten.to_owned())),
            None => (written, None),
        };
        let (text, flagged) = match (example.find("[["), example.find("]]")) {
            (Some(open), Some(close)) if open < close => {
                let text = format!("{}{}{}", &example[..open], &example[open + 2..close], &example[close + 2..]);
                (text, Some(Span::new(open, close - 2)))
            }
            _ => (example.to_owned(), None),
        };
        Example { text, flagged, rewritten }
    }

    /// The text with the flagged words between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let parts = self.flagged.and_then(|span| {
            Some((self.text.get(..span.start)?, self.text.get(span.start..span.end)?, self.text.get(span.end..)?))
        });
        match parts {
            Some((before, flagged, after)) => format!("{before}{open}{flagged}{close}{after}"),
            None => self.text.clone(),
        }
    }
}

/// A rule explained in one language (see [`Rule::explanation`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Explanation<'a> {
    /// The rule's slug.
    pub slug: &'a str,
    /// The rule's code.
    pub code: &'a str,
    /// The default severity.
    pub severity: Severity,
    /// Phrase or survey rule.
    pub kind: RuleKind,
    /// The language of the texts below.
    pub language: Language,
    /// The words around the texts, in that language.
    pub labels: &'static Labels,
    /// A short name for the rule.
    pub title: &'a str,
    /// One line in English saying what the rule catches.
    pub summary: &'a str,
    /// Why the wording is a problem.
    pub why: &'a str,
    /// How to ask neutrally instead.
    pub advice: &'a str,
    /// The template of the suggested rewrite, if the rule has one.
    pub rewrite: Option<&'a str>,
    /// Texts the rule flags.
    pub flagged: Vec<Example>,
    /// Texts the rule leaves alone.
    pub not_flagged: Vec<&'a str>,
    /// The research and articles the rule rests on.
    pub sources: &'a [String],
    /// The rule's documentation page.
    pub docs_url: String,
}

impl Rule {
    /// The rule explained in `language`.
    pub fn explanation(&self, language: Language) -> Explanation<'_> {
        let text = self.text(language);
        Explanation {
            slug: &self.slug,
            code: &self.code,
            severity: self.severity,
            kind: self.kind,
            language,
            labels: Labels::of(language),
            title: text.title.trim(),
            summary: self.summary.trim(),
            why: text.rationale.trim(),
            advice: text.advice.trim(),
            rewrite: text.replacement.as_deref(),
            flagged: text.must_flag.iter().map(|example| Example::parse(example)).collect(),
            not_flagged: text.must_not_flag.iter().map(String::as_str).collect(),
            sources: &self.sources,
            docs_url: rule_docs_url(&self.slug),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_example_gives_its_marked_words_and_its_rewrite() {
        let example = Example::parse("Zou u [[geef ons een 10]]? => Welk cijfer geeft u?");
        assert_eq!(example.text, "Zou u geef ons een 10?");
        assert_eq!(example.flagged, Some(Span::new(6, 21)));
        assert_eq!(example.rewritten.as_deref(), Some("Welk cijfer geeft u?"));
        assert_eq!(example.marked("**", "**"), "Zou u **geef ons een 10**?");
        let plain = Example::parse("geen markering");
        assert_eq!((plain.text.as_str(), plain.flagged, plain.rewritten), ("geen markering", None, None));
    }

    #[test]
    fn each_language_has_its_labels() {
        assert_eq!(Labels::of(Language::Dutch).why, "Waarom");
        assert_eq!(Labels::of(Language::English).why, "Why");
    }
}
