//! The two-column word lists of `rules/lexicon/<language>/*.tsv`: one entry a
//! line, a tab, and what the entry stands for; `#` starts a comment line.
//! The plain-language alternatives and the chat shorthand are such lists.

/// The lines of `list` that hold an entry: not blank, not a comment.
pub(crate) fn entry_lines(list: &str) -> impl Iterator<Item = &str> {
    list.lines().filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// Each entry of `list` with what it stands for, both trimmed. A line
/// without a tab is skipped; each list's tests check that none is.
pub(crate) fn pairs(list: &str) -> impl Iterator<Item = (&str, &str)> {
    entry_lines(list)
        .filter_map(|line| line.split_once('\t'))
        .map(|(entry, stands_for)| (entry.trim(), stands_for.trim()))
}
