//! JSON or YAML that is no known survey format, read generically: every
//! string value that reads as Dutch or English prose becomes a unit; keys,
//! identifiers, URLs and codes are skipped.
//!
//! A little structure is still recognised, because rules about options
//! need it: an object with a text of its own and a list of items that each
//! have a text (and no deeper list of texts) is a question with options. A
//! map whose keys are language tags (`{"nl-NL": …, "en-US": …}`) gives each
//! text in its language, as does a `language`/`lang`/`locale` member for
//! the object it sits in; texts in other languages are skipped.

use surveylint::{Document, Language, Question, QuestionKind, UnitKind};

use crate::mapped::Mapped;
use crate::tree::{Entry, Node};
use crate::units::{Storage, Units};

/// Reads every prose string of `root`.
pub(crate) fn read(root: &Node, storage: Storage<'_>) -> Document {
    let mut reader = Generic { units: Units::default(), storage };
    reader.visit(root, None);
    reader.units.document
}

struct Generic<'s> {
    units: Units,
    storage: Storage<'s>,
}

/// A text found in an object, before it becomes a unit.
struct Found<'a> {
    text: &'a Mapped,
    language: Option<Language>,
}

impl Generic<'_> {
    fn visit(&mut self, node: &Node, language: Option<Language>) {
        match node {
            Node::Text(text) if reads_as_prose(&text.text) => {
                let kind = kind_of(&text.text);
                if let Some(unit) = self.units.add(text, kind, language, self.storage) {
                    self.question_if_asked(unit, kind, None);
                }
            }
            Node::List(items) => items.iter().for_each(|item| self.visit(item, language)),
            Node::Map(entries) => self.object(node, entries, language),
            _ => {}
        }
    }

    fn object(&mut self, node: &Node, entries: &[Entry], inherited: Option<Language>) {
        let language = declared_language(node).or(inherited);
        let stems = own_texts(entries, language, false);
        let options = entries.iter().find_map(|entry| option_items(&entry.value));
        let name = name_of(node);
        match options {
            Some(items) if !stems.is_empty() => {
                let stem_units: Vec<usize> = stems
                    .iter()
                    .filter_map(|stem| self.units.add(stem.text, UnitKind::Question, stem.language, self.storage))
                    .collect();
                let item_units: Vec<Vec<usize>> = items
                    .iter()
                    .map(|item| {
                        let texts = match item {
                            Node::Text(text) => vec![Found { text, language }],
                            _ => own_texts(item.entries(), declared_language(item).or(language), true),
                        };
                        texts
                            .iter()
                            .filter_map(|found| {
                                self.units.add(found.text, UnitKind::Option, found.language, self.storage)
                            })
                            .collect()
                    })
                    .collect();
                self.questions(&stem_units, &item_units, name);
                for entry in entries {
                    if !std::ptr::eq(entry.value.items().as_ptr(), items.as_ptr()) && !is_language_map(&entry.value) {
                        self.visit_child(&entry.value, language);
                    }
                }
            }
            _ => {
                for stem in &stems {
                    let kind = kind_of(&stem.text.text);
                    if let Some(unit) = self.units.add(stem.text, kind, stem.language, self.storage) {
                        self.question_if_asked(unit, kind, name.clone());
                    }
                }
                for entry in entries.iter().filter(|entry| !is_language_map(&entry.value)) {
                    self.visit_child(&entry.value, language);
                }
            }
        }
    }

    /// Visits a member's value unless it is a text the object already read.
    fn visit_child(&mut self, value: &Node, language: Option<Language>) {
        if matches!(value, Node::Map(_) | Node::List(_)) {
            self.visit(value, language);
        }
    }

    /// One question per language of the stems, with the options in that language.
    fn questions(&mut self, stems: &[usize], items: &[Vec<usize>], name: Option<String>) {
        let language_of = |units: &Units, unit: usize| units.document.units.get(unit).and_then(|unit| unit.language);
        let mut seen = Vec::new();
        for &stem in stems {
            let language = language_of(&self.units, stem);
            if seen.contains(&language) {
                continue;
            }
            seen.push(language);
            let options = items
                .iter()
                .filter_map(|units| {
                    let same = units.iter().find(|&&unit| language_of(&self.units, unit) == language);
                    same.or_else(|| units.iter().find(|&&unit| language_of(&self.units, unit).is_none())).copied()
                })
                .collect();
            let mut question = Question::new(QuestionKind::SingleChoice, stem);
            question.name = name.clone();
            question.options = options;
            self.units.document.push_question(question);
        }
    }

    fn question_if_asked(&mut self, unit: usize, kind: UnitKind, name: Option<String>) {
        if kind == UnitKind::Question {
            let mut question = Question::new(QuestionKind::Open, unit);
            question.name = name;
            self.units.document.push_question(question);
        }
    }
}

/// A text ending in a question mark is a question; anything else free text.
fn kind_of(text: &str) -> UnitKind {
    if text.trim_end().ends_with('?') {
        UnitKind::Question
    } else {
        UnitKind::Text
    }
}

/// The texts an object holds itself: prose members and language maps.
/// `labels` accepts short labels too (the items of an option list).
fn own_texts(entries: &[Entry], language: Option<Language>, labels: bool) -> Vec<Found<'_>> {
    let mut found = Vec::new();
    for entry in entries {
        match &entry.value {
            Node::Text(text)
                if is_text_key(&entry.key)
                    && (reads_as_prose(&text.text) || (labels && reads_as_label(&text.text))) =>
            {
                found.push(Found { text, language });
            }
            value @ Node::Map(members) if is_language_map(value) => {
                for member in members {
                    let Some(text) = member.value.as_mapped() else { continue };
                    let tagged = Language::from_tag(&member.key);
                    let is_default = member.key == "default";
                    if (tagged.is_some() || is_default) && (reads_as_prose(&text.text) || reads_as_label(&text.text)) {
                        found.push(Found { text, language: tagged.or(language) });
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// The items of a list that reads as answer options: at least two, each a
/// label or an object with a text of its own and no list of texts below it.
fn option_items(value: &Node) -> Option<&[Node]> {
    let items = value.items();
    let is_option = |item: &Node| match item {
        Node::Text(text) => reads_as_label(&text.text),
        Node::Map(entries) => {
            !own_texts(entries, None, true).is_empty()
                && !entries.iter().any(|entry| entry.value.items().iter().any(holds_text))
        }
        _ => false,
    };
    (items.len() >= 2 && items.iter().all(is_option)).then_some(items)
}

/// True when an object (or text) has a text of its own.
fn holds_text(node: &Node) -> bool {
    match node {
        Node::Text(text) => reads_as_prose(&text.text),
        Node::Map(entries) => !own_texts(entries, None, true).is_empty(),
        _ => false,
    }
}

/// A map whose keys are all language tags (and maybe `default`), holding texts.
fn is_language_map(node: &Node) -> bool {
    let entries = node.entries();
    !entries.is_empty()
        && entries.iter().any(|entry| Language::from_tag(&entry.key).is_some())
        && entries.iter().all(|entry| {
            matches!(entry.value, Node::Text(_) | Node::Scalar(_))
                && (entry.key == "default" || looks_like_language_tag(&entry.key))
        })
}

/// `nl`, `en`, `de`, `nl-NL`, `en_US`, `pt-BR`: the shape of a language tag.
pub(crate) fn looks_like_language_tag(key: &str) -> bool {
    let mut parts = key.split(['-', '_']);
    let primary = parts.next().unwrap_or_default();
    let region_ok = parts.all(|part| (2..=4).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric()));
    (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase()) && region_ok
}

/// The language an object declares for its own texts (`"language": "nl"`).
fn declared_language(node: &Node) -> Option<Language> {
    ["language", "lang", "locale"].iter().find_map(|key| node.get(key)?.as_str().and_then(Language::from_tag))
}

/// An identifier for a question: its `id`, `name`, `key` or `ref` member, else one named `…_id`/`…Id`.
pub(crate) fn name_of(node: &Node) -> Option<String> {
    let by_name = ["name", "id", "key", "ref", "questionId", "code"].iter().find_map(|key| node.get(key)?.as_str());
    let by_suffix = || {
        let is_id = |key: &str| key.ends_with("_id") || key.ends_with("Id") || key.ends_with("ID");
        node.entries().iter().find(|entry| is_id(&entry.key)).and_then(|entry| entry.value.as_str())
    };
    by_name.or_else(by_suffix).map(str::to_owned)
}

/// Members whose values are never prose, whatever they look like.
fn is_text_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "id" | "type"
            | "url"
            | "href"
            | "uri"
            | "link"
            | "icon"
            | "image"
            | "src"
            | "color"
            | "colour"
            | "style"
            | "class"
            | "css"
            | "format"
            | "pattern"
            | "regex"
            | "expression"
            | "script"
            | "code"
            | "language"
            | "lang"
            | "locale"
            | "version"
            | "date"
            | "created"
            | "modified"
    ) && !lower.ends_with("url")
        && !lower.ends_with("_id")
        && !key.ends_with("Id")
        && !key.ends_with("ID")
}

/// True for text a person wrote to be read: at least two words, mostly
/// letters, and not a URL, e-mail address, path or code.
pub(crate) fn reads_as_prose(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || is_machine_text(text) {
        return false;
    }
    let words = text.split_whitespace().filter(|word| word.chars().filter(|c| c.is_alphabetic()).count() >= 2).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    words >= 2 && letters * 10 >= visible * 6
}

/// True for a short label such as an answer option (`Agree`, `Nee`).
fn reads_as_label(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || is_machine_text(text) || text.contains('_') {
        return false;
    }
    let first_is_capital = text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && (first_is_capital || text.contains(' ') || !text.is_ascii())
}

fn is_machine_text(text: &str) -> bool {
    text.contains("://")
        || text.starts_with("www.")
        || (text.contains('@') && !text.contains(' '))
        || (text.starts_with('/') && !text.contains(' '))
        || text.starts_with("#") && text.len() <= 9 && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_told_from_identifiers_urls_and_codes() {
        for prose in ["Hoe tevreden bent u?", "I am happy with my work", "Mijn werk"] {
            assert!(reads_as_prose(prose), "{prose}");
        }
        for code in ["question_types", "https://example.org/a b", "A-12", "2024-01-01", "info@example.org", "camelCase"]
        {
            assert!(!reads_as_prose(code), "{code}");
        }
        assert!(reads_as_label("Agree") && reads_as_label("Nee") && !reads_as_label("hs_no"));
        assert!(
            looks_like_language_tag("nl-NL") && looks_like_language_tag("en_US") && !looks_like_language_tag("title")
        );
    }
}
