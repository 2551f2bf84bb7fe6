//! Word classes of `rules/lexicon/` for the survey rules: a pattern that
//! names classes (`\b(?:<@time-frame>)\b`) is expanded the way phrase
//! patterns are, compiled once per language and matched against the
//! matching view, so the word lists of the survey rules are data, as those
//! of the phrase rules are.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use regex_automata::meta::Regex;
use regex_automata::util::syntax;

use crate::language::Language;

type Compiled = HashMap<(Language, &'static str), Option<Arc<Regex>>>;

/// The compiled pattern, or `None` when it does not compile (a broken class
/// file; the engine's tests compile every class, so this stays unused).
fn compiled(language: Language, pattern: &'static str) -> Option<Arc<Regex>> {
    static CACHE: OnceLock<Mutex<Compiled>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    // A poisoned lock only means another thread panicked mid-insert; the
    // map itself is still sound.
    let mut cache = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    cache
        .entry((language, pattern))
        .or_insert_with(|| {
            let expanded = crate::engine::expand_placeholders(pattern, language);
            let config = syntax::Config::new().unicode(false).utf8(false);
            Regex::builder().syntax(config).build(&expanded).ok().map(Arc::new)
        })
        .clone()
}

/// Every non-overlapping match of `pattern` (which may name word classes)
/// in `view`, a matching view.
pub(crate) fn find_all(language: Language, pattern: &'static str, view: &str) -> Vec<Range<usize>> {
    compiled(language, pattern)
        .map_or_else(Vec::new, |regex| regex.find_iter(view).map(|found| found.range()).collect())
}

/// True when `pattern` matches anywhere in `view`.
pub(crate) fn matches(language: Language, pattern: &'static str, view: &str) -> bool {
    compiled(language, pattern).is_some_and(|regex| regex.is_match(view))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_expand_in_each_language() {
        assert!(matches(Language::Dutch, r"\b(?:<@time-frame>)\b", "in de afgelopen maand"));
        assert!(!matches(Language::Dutch, r"\b(?:<@time-frame>)\b", "hoe vaak sport u"));
        assert_eq!(find_all(Language::English, r"\b(?:<@time-frame>)\b", "in the past week"), vec![7..11]);
    }
}
