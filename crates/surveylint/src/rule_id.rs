//! Rule identity: a rule is named by its slug (`score-begging`) or its code
//! (`SL001`), in any letter case. Names are resolved to a [`RuleId`] once,
//! by [`RuleNames`], and everything after that compares ids.

use std::collections::HashMap;

/// A rule of one [`crate::Linter`]: its place in [`crate::Linter::rules`].
///
/// Get it from [`crate::Linter::rule_id`], which accepts a slug or a code in
/// any letter case. An id is only meaningful for the linter that made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(u32);

impl RuleId {
    /// The id of the rule at `index` in its linter's rule list.
    pub(crate) fn from_index(index: usize) -> RuleId {
        // A linter holds hundreds of rules, never four billion.
        RuleId(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// The rule's index in [`crate::Linter::rules`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Which rules a suppression or a configured `[[ignore-findings]]` entry
/// names, resolved against one linter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleScope {
    /// No rule was named: every rule.
    Every,
    /// The named rules that exist. Names no rule answers to are left out,
    /// so a scope naming only unknown rules covers nothing (it never
    /// widens to every rule).
    Only(Vec<RuleId>),
}

impl RuleScope {
    /// True when the scope includes `rule`.
    pub fn includes(&self, rule: RuleId) -> bool {
        match self {
            RuleScope::Every => true,
            RuleScope::Only(rules) => rules.contains(&rule),
        }
    }
}

/// Every name of every rule of a linter (slugs and codes, lowercase), built
/// once with the linter: the one place a name becomes a [`RuleId`].
#[derive(Debug, Clone, Default)]
pub(crate) struct RuleNames {
    ids: HashMap<String, RuleId>,
}

impl RuleNames {
    /// The index of rules given as `(slug, code)` in linter order.
    pub(crate) fn new<'a>(rules: impl IntoIterator<Item = (&'a str, &'a str)>) -> RuleNames {
        let mut ids = HashMap::new();
        for (index, (slug, code)) in rules.into_iter().enumerate() {
            let id = RuleId::from_index(index);
            ids.insert(canonical(slug), id);
            ids.insert(canonical(code), id);
        }
        RuleNames { ids }
    }

    /// The rule `name` (slug or code, any letter case, surrounding white
    /// space ignored) stands for.
    pub(crate) fn resolve(&self, name: &str) -> Option<RuleId> {
        self.ids.get(&canonical(name)).copied()
    }

    /// The rules `names` stand for: [`RuleScope::Every`] when there are none.
    pub(crate) fn scope<S: AsRef<str>>(&self, names: &[S]) -> RuleScope {
        if names.is_empty() {
            return RuleScope::Every;
        }
        let mut ids: Vec<RuleId> = names.iter().filter_map(|name| self.resolve(name.as_ref())).collect();
        ids.sort_unstable();
        ids.dedup();
        RuleScope::Only(ids)
    }
}

/// The form names are compared in: `sl001`, `SL001` and ` Score-Begging `
/// are one name.
fn canonical(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

/// True when `name` names the rule with this slug and code, by the same
/// policy as [`RuleNames::resolve`]; for callers that hold a single rule
/// rather than a linter ([`crate::Rule::is_named`], [`crate::Diagnostic::is_rule`]).
pub(crate) fn names_rule(name: &str, slug: &str, code: &str) -> bool {
    let name = name.trim();
    slug.eq_ignore_ascii_case(name) || code.eq_ignore_ascii_case(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> RuleNames {
        RuleNames::new([("guilt-appeal", "SL003"), ("score-begging", "SL001")])
    }

    #[test]
    fn slug_and_code_resolve_to_one_id_in_any_case() {
        let names = names();
        let expected = Some(RuleId::from_index(1));
        for name in ["sl001", "SL001", "Sl001", "score-begging", "Score-Begging", " SCORE-BEGGING "] {
            assert_eq!(names.resolve(name), expected, "{name}");
            assert!(names_rule(name, "score-begging", "SL001"), "{name}");
        }
        assert_eq!(names.resolve("score-beging"), None);
        assert_eq!(names.resolve(""), None);
    }

    #[test]
    fn a_scope_of_unknown_names_covers_nothing() {
        let names = names();
        assert_eq!(names.scope::<&str>(&[]), RuleScope::Every);
        assert_eq!(names.scope(&["bogus"]), RuleScope::Only(vec![]));
        assert_eq!(
            names.scope(&["SL001", "score-begging", "sl003"]),
            RuleScope::Only(vec![RuleId::from_index(0), RuleId::from_index(1)])
        );
        assert!(!names.scope(&["bogus"]).includes(RuleId::from_index(0)));
        assert!(RuleScope::Every.includes(RuleId::from_index(0)));
    }
}
