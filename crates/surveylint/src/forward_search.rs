//! Whether patterns match, from a forward automaton alone.
//!
//! Most searches of a phrase pattern find nothing: its trigger literals occur,
//! but the words around them are not the rule's; and an exception is only
//! ever asked whether it matches. Answering that needs one automaton read
//! forward. Where a match starts and what its groups hold needs a reverse
//! automaton and the groups besides (a meta [`regex_automata::meta::Regex`]
//! always builds all of it). [`crate::engine::LazyPatterns`] therefore
//! builds this first and the whole regex only once its patterns have
//! matched: a lint builds no reverse automaton for the patterns that run
//! without matching (BENCHMARKS.md has the figures). Which automaton
//! answers never changes what is found: both are built from the same
//! syntax trees.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind};

type CacheFn = Box<dyn Fn() -> Cache + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// A lazy DFA over patterns' syntax trees, with a cache per thread.
pub(crate) struct ForwardSearch {
    dfa: std::sync::Arc<DFA>,
    caches: Pool<Cache, CacheFn>,
}

impl ForwardSearch {
    /// The automaton of `trees`, or `None` when it cannot be built (the
    /// caller then searches with the whole regex).
    pub(crate) fn new(trees: &[regex_syntax::hir::Hir], cache_capacity: usize) -> Option<ForwardSearch> {
        // Groups and UTF-8 checks only matter to the whole regex: the view
        // the patterns read is ASCII.
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(WhichCaptures::None).utf8(false))
            .build_many_from_hir(trees)
            .ok()?;
        let dfa = DFA::builder()
            .configure(DFA::config().match_kind(MatchKind::LeftmostFirst).cache_capacity(cache_capacity))
            .build_from_nfa(nfa)
            .ok()?;
        let dfa = std::sync::Arc::new(dfa);
        let for_caches = std::sync::Arc::clone(&dfa);
        let create: CacheFn = Box::new(move || for_caches.create_cache());
        Some(ForwardSearch { dfa, caches: Pool::new(create) })
    }

    /// Whether a pattern matches in `input`; `None` when the automaton gave
    /// up (the caller then asks the whole regex).
    pub(crate) fn is_match(&self, input: &Input<'_>) -> Option<bool> {
        let input = input.clone().earliest(true);
        let mut cache = self.caches.get();
        self.dfa.try_search_fwd(&mut cache, &input).ok().map(|found| found.is_some())
    }
}
