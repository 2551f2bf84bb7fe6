//! JSON or YAML read through selectors a team configures
//! (`[[formats.custom]]` in `surveylint.toml`).
//!
//! Every `question` match is a question stem, every `options` match an
//! option of the question it sits under (the question whose match shares
//! the nearest enclosing object or list, in the same language), every
//! `text` match free text. A match under a language-tag key (`nl-NL`,
//! `en`) is in that language; otherwise the configured language holds. A
//! selector that matches no text in the file is an error naming it, since
//! a typo would otherwise lint nothing without a word.

use std::collections::HashMap;

use surveylint::{Document, Language, Question, QuestionKind, UnitKind};

use crate::error::FormatError;
use crate::generic;
use crate::selectors::{Found, Matches, Selector};
use crate::tree::Node;
use crate::units::{Storage, Units};

/// A JSON or YAML format described by selectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomFormat {
    /// Selectors of question stems (`question`); at least one.
    pub questions: Vec<Selector>,
    /// Selectors of answer options (`options`).
    pub options: Vec<Selector>,
    /// Selectors of free text: titles, introductions, closing texts (`text`).
    pub texts: Vec<Selector>,
    /// The language of texts that sit under no language-tag key.
    pub language: CustomLanguage,
}

/// Where a configured format's language comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomLanguage {
    /// Detected per text.
    Detect,
    /// Every text is in this language.
    Fixed(Language),
    /// The first text this selector matches is a language tag (`nl`, `en-GB`).
    Selector(Selector),
}

/// Reads `root` (parsed from the file) through `format`'s selectors.
pub(crate) fn read(format: &CustomFormat, root: &Node, storage: Storage<'_>) -> Result<Document, FormatError> {
    let file_language = match &format.language {
        CustomLanguage::Detect => None,
        CustomLanguage::Fixed(language) => Some(*language),
        CustomLanguage::Selector(selector) => {
            let matches = find(selector, root, "language")?;
            let tag = matches.found.iter().find_map(|found| found.node.as_str()).unwrap_or_default();
            Some(Language::from_tag(tag).ok_or_else(|| FormatError::InvalidEntry {
                place: format!("selector `{}` (language)", selector.as_str()),
                message: format!("`{tag}` is not Dutch or English"),
            })?)
        }
    };
    let mut units = Units::default();
    // Question stems: (unit, language, source position), and the objects above each.
    let mut stems = Vec::new();
    let mut owners: HashMap<(*const Node, Option<Language>), Vec<usize>> = HashMap::new();
    for selector in &format.questions {
        let matches = find(selector, root, "question")?;
        for &found in &matches.found {
            let Some((text, language)) = text_of(&matches, found, file_language) else { continue };
            let Some(unit) = units.add(text, UnitKind::Question, language, storage) else { continue };
            let index = stems.len();
            stems.push((unit, language, text.source_range(0..0).start, name_above(&matches, found)));
            for ancestor in matches.ancestors(found).filter(|node| !std::ptr::eq(*node, root)) {
                if language.is_some() {
                    owners.entry((ancestor as *const Node, language)).or_default().push(index);
                }
                owners.entry((ancestor as *const Node, None)).or_default().push(index);
            }
        }
    }
    // Several question selectors: keep each list in source order for the search below.
    for candidates in owners.values_mut() {
        candidates.sort_by_key(|&stem| stems[stem].2);
    }
    let mut options: Vec<Vec<usize>> = vec![Vec::new(); stems.len()];
    for selector in &format.options {
        let matches = find(selector, root, "options")?;
        for &found in &matches.found {
            let Some((text, language)) = text_of(&matches, found, file_language) else { continue };
            let Some(unit) = units.add(text, UnitKind::Option, language, storage) else { continue };
            let position = text.source_range(0..0).start;
            let owner = matches.ancestors(found).find_map(|ancestor| {
                let candidates = owners
                    .get(&(ancestor as *const Node, language))
                    .or_else(|| owners.get(&(ancestor as *const Node, None)))?;
                // The last stem before the option, else the first.
                let before = candidates.partition_point(|&stem| stems[stem].2 <= position);
                candidates.get(before.saturating_sub(1)).copied()
            });
            if let Some(owner) = owner {
                options[owner].push(unit);
            }
        }
    }
    for selector in &format.texts {
        let matches = find(selector, root, "text")?;
        for &found in &matches.found {
            if let Some((text, language)) = text_of(&matches, found, file_language) {
                units.add(text, UnitKind::Text, language, storage);
            }
        }
    }
    for ((unit, _, _, name), options) in stems.into_iter().zip(options) {
        let kind = if options.is_empty() { QuestionKind::Open } else { QuestionKind::SingleChoice };
        let mut question = Question::new(kind, unit);
        question.name = name;
        question.options = options;
        units.document.push_question(question);
    }
    Ok(units.document)
}

/// The selector's matches; an error when none of them is text.
fn find<'a>(selector: &Selector, root: &'a Node, role: &str) -> Result<Matches<'a>, FormatError> {
    let place = || format!("selector `{}` ({role})", selector.as_str());
    let matches =
        selector.find(root).map_err(|error| FormatError::InvalidEntry { place: place(), message: error.message })?;
    if !matches.found.iter().any(|found| found.node.as_str().is_some()) {
        let message = match matches.found.len() {
            0 => "matches nothing in this file".to_owned(),
            count => format!("matches {count} value(s) in this file, but none is a text"),
        };
        return Err(FormatError::InvalidEntry { place: place(), message });
    }
    Ok(matches)
}

/// The text of a match and its language: the language-tag key it sits
/// under, else the file's. `None` for non-text and other languages.
fn text_of<'a>(
    matches: &Matches<'a>,
    found: Found<'a>,
    file_language: Option<Language>,
) -> Option<(&'a crate::mapped::Mapped, Option<Language>)> {
    let text = found.node.as_mapped()?;
    let key = matches.key(found).filter(|key| generic::looks_like_language_tag(key));
    match key {
        Some(key) => Language::from_tag(key).map(|language| (text, Some(language))),
        None => Some((text, file_language)),
    }
}

/// The `id`, `name` or `ref` of the nearest object above a stem (up to three levels).
fn name_above<'a>(matches: &Matches<'a>, found: Found<'a>) -> Option<String> {
    matches.ancestors(found).take(3).find_map(generic::name_of)
}
