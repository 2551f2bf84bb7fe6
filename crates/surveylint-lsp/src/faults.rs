//! Faults the tests inject into the real binary, to check that the server
//! survives a panicking lint or handler and that typing does not queue lints.
//!
//! Set through `SURVEYLINT_LSP_FAULTS`, a `;`-separated list of
//! `panic=MARKER` (a lint, or a hover, of a text containing MARKER panics)
//! and `slow-lint-ms=N` (every lint first sleeps N milliseconds). Only debug
//! builds read the variable: a release build has no faults to inject.

use std::time::Duration;

/// The environment variable the tests set.
const VARIABLE: &str = "SURVEYLINT_LSP_FAULTS";

/// The faults in force; by default none.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Faults {
    panic_marker: Option<String>,
    slow_lint: Option<Duration>,
}

impl Faults {
    /// The faults the environment asks for, in a debug build.
    pub(crate) fn from_env() -> Faults {
        if !cfg!(debug_assertions) {
            return Faults::default();
        }
        std::env::var(VARIABLE).map(|spec| Faults::parse(&spec)).unwrap_or_default()
    }

    fn parse(spec: &str) -> Faults {
        let mut faults = Faults::default();
        for item in spec.split(';') {
            match item.split_once('=') {
                Some(("panic", marker)) if !marker.is_empty() => faults.panic_marker = Some(marker.to_owned()),
                Some(("slow-lint-ms", millis)) => faults.slow_lint = millis.parse().ok().map(Duration::from_millis),
                _ => {}
            }
        }
        faults
    }

    /// Called on the blocking pool before a document is linted.
    pub(crate) fn before_lint(&self, text: &str) {
        if let Some(delay) = self.slow_lint {
            // Said on stderr so a test can count the lints that ran.
            eprintln!("surveylint-lsp: injected fault: a lint delayed by {} ms", delay.as_millis());
            std::thread::sleep(delay);
        }
        self.panic_if_marked(text, "lint");
    }

    /// Called before a hover over a document is answered.
    pub(crate) fn before_hover(&self, text: &str) {
        self.panic_if_marked(text, "hover");
    }

    fn panic_if_marked(&self, text: &str, what: &str) {
        if let Some(marker) = &self.panic_marker {
            #[allow(clippy::panic)]
            if text.contains(marker.as_str()) {
                panic!("injected fault: {what} of a text containing {marker:?}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_specification_is_parsed_and_mistakes_ignored() {
        let faults = Faults::parse("panic=BOOM;slow-lint-ms=20;unknown=1;panic=");
        assert_eq!(faults.panic_marker.as_deref(), Some("BOOM"));
        assert_eq!(faults.slow_lint, Some(Duration::from_millis(20)));
        assert_eq!(Faults::parse(""), Faults::default());
        assert!(std::panic::catch_unwind(|| faults.before_hover("a BOOM b")).is_err());
        faults.before_hover("nothing marked");
    }
}
