//! The incremental lint state of one open document.
//!
//! Each open document keeps a [`LintCache`] between lints, so a keystroke
//! re-analyses the unit it changed instead of the whole document. The cache
//! is shared between the document's slot and its lint task (which lints on
//! the blocking pool, without the state lock); there is at most one lint
//! task per document, so the lock is never contended. A cache made under
//! another rule set or other settings starts afresh by itself (the core
//! checks); the handlers also give a document a new cache when the
//! configuration changes, so memory held for the old rules is freed.

use std::sync::{Arc, Mutex};

use surveylint::{Diagnostic, Document, LintCache, LintOptions, Linter};

/// A document's [`LintCache`], shared with its lint task.
#[derive(Debug, Clone, Default)]
pub(crate) struct SharedCache(Arc<Mutex<LintCache>>);

impl SharedCache {
    /// Lints `document` through the cache; the result equals `linter.lint`.
    pub(crate) fn lint(&self, linter: &Linter, document: &Document, options: &LintOptions) -> Vec<Diagnostic> {
        let mut cache = match self.0.lock() {
            Ok(cache) => cache,
            Err(poisoned) => {
                // A lint panicked half-way through an update: start afresh
                // rather than trust what it left.
                let mut cache = poisoned.into_inner();
                cache.clear();
                self.0.clear_poison();
                cache
            }
        };
        cache.lint(linter, document, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_poisoned_by_a_panic_starts_afresh() {
        let linter = Linter::new();
        let options = LintOptions::default();
        let document = surveylint::parse_text("Verdienen we een 10?\n", surveylint::TextFormat::Plain);
        let cache = SharedCache::default();
        let expected = linter.lint(&document, &options);
        assert_eq!(cache.lint(&linter, &document, &options), expected);
        let poisoner = cache.clone();
        let panicked = std::thread::spawn(move || {
            let _held = poisoner.0.lock();
            panic!("a rule panicked");
        })
        .join();
        assert!(panicked.is_err());
        assert_eq!(cache.lint(&linter, &document, &options), expected);
        assert!(!cache.0.is_poisoned());
    }
}
