//! `--fix`, `--fix --unsafe` and `--diff`: the core chooses and applies the
//! rewrites ([`surveylint::fix`]); this module writes the result back safely
//! and renders diffs.

use std::io::Write;
use std::path::Path;

pub use surveylint::fix::{fix_until_stable, plan};

/// The prefix of the temporary files a fix writes; the process id follows it,
/// so a later run can tell a stale one (its process is gone) from a live one.
const TEMPORARY_PREFIX: &str = ".surveylint-fix-";

/// Replaces `path` with `contents` without ever leaving it half-written: the
/// text goes to a temporary file in the same folder (same file system), gets
/// the original's permissions and owner, is flushed, and is renamed over the
/// original.
///
/// A symbolic link is followed, so the file it points to is fixed and the
/// link stays a link. A file with more than one hard link is refused, since
/// a rename would leave the other names holding the old text.
pub fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let metadata = std::fs::metadata(&target)?;
    refuse_hard_links(&metadata)?;
    remove_stale_temporaries(folder);
    let prefix = format!("{TEMPORARY_PREFIX}{}-", std::process::id());
    let mut temporary = tempfile::Builder::new().prefix(&prefix).tempfile_in(folder)?;
    temporary.write_all(contents.as_bytes())?;
    keep_owner(temporary.as_file(), &metadata)?;
    temporary.as_file().sync_all()?;
    std::fs::set_permissions(temporary.path(), metadata.permissions())?;
    temporary.persist(&target).map_err(|error| error.error)?;
    Ok(())
}

#[cfg(unix)]
fn refuse_hard_links(metadata: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    if metadata.nlink() > 1 {
        return Err(std::io::Error::other(format!(
            "it has {} hard links, and replacing it would leave the others unfixed; fix a copy or remove the extra links",
            metadata.nlink()
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_hard_links(_metadata: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

/// Gives the new file the original's owner and group. Only root may give a
/// file away, so for someone else's file this fails and the original stays.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, original: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let created = file.metadata()?;
    if (created.uid(), created.gid()) == (original.uid(), original.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid())).map_err(|error| {
        std::io::Error::new(
            error.kind(),
            format!("cannot keep the file's owner {}:{} ({error})", original.uid(), original.gid()),
        )
    })
}

#[cfg(not(unix))]
fn keep_owner(_file: &std::fs::File, _original: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

/// Removes temporary files left by a fix that was killed (`SIGKILL`, a power
/// cut): those whose process no longer runs. Only where `/proc` tells.
fn remove_stale_temporaries(folder: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|name| name.strip_prefix(TEMPORARY_PREFIX)) else { continue };
        let Some(pid) = rest.split('-').next().and_then(|pid| pid.parse::<u32>().ok()) else { continue };
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_file && pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A unified diff of a fix, or `None` when nothing changes.
pub fn unified_diff(path: &str, before: &str, after: &str) -> Option<String> {
    if before == after {
        return None;
    }
    let diff = similar::TextDiff::from_lines(before, after);
    let text = diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string();
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use surveylint::fix::apply;
    use surveylint::{Diagnostic, LintOptions, Linter, Span, TextFormat};

    fn fix_text(linter: &Linter, text: &str, include_unsafe: bool) -> String {
        let diagnostics = linter.lint_text(text, TextFormat::Markdown, &LintOptions::default());
        apply(text, &plan(text, &diagnostics, include_unsafe).edits)
    }

    #[test]
    fn safe_fix_removes_unused_suppression_and_keeps_crlf_and_bom() {
        let linter = Linter::new();
        let text = "\u{feff}é🙂 intro\r\n<!-- surveylint-disable-next-line score-begging -->\r\nHoe was uw bezoek?\r\n";
        let fixed = fix_text(&linter, text, false);
        assert_eq!(fixed, "\u{feff}é🙂 intro\r\nHoe was uw bezoek?\r\n");
        assert_eq!(fix_text(&linter, &fixed, false), fixed);
    }

    #[test]
    fn overlapping_suggestions_keep_the_first() {
        let text = "abcdef";
        let diagnostic = |start, end, replacement: &str| Diagnostic {
            rule: "r".into(),
            code: "X".into(),
            severity: surveylint::Severity::Warning,
            language: surveylint::Language::English,
            message: String::new(),
            span: Span::new(start, end),
            location: None,
            unit: Some(0),
            suggestions: vec![surveylint::Suggestion {
                span: Span::new(start, end),
                replacement: replacement.into(),
                safe: true,
            }],
        };
        let findings = vec![diagnostic(1, 3, "X"), diagnostic(2, 4, "Y"), diagnostic(4, 5, "Z")];
        let plan = plan(text, &findings, false);
        assert_eq!(plan.overlapping, 1);
        assert_eq!(apply(text, &plan.edits), "aXdZf");
    }

    #[test]
    fn cells_are_counted_not_fixed() {
        let mut diagnostic = Linter::new()
            .lint_text(
                "// surveylint-disable-next-line\nHoe was uw bezoek?\n",
                TextFormat::Plain,
                &LintOptions::default(),
            )
            .remove(0);
        diagnostic.location = Some("survey!C7".into());
        let plan = plan("irrelevant", &[diagnostic], true);
        assert_eq!((plan.edits.len(), plan.in_cells), (0, 1));
    }

    #[test]
    fn diff_is_unified() {
        let diff = unified_diff("a.md", "one\ntwo\n", "one\n2\n").unwrap_or_default();
        assert_eq!(diff, "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n");
        assert_eq!(unified_diff("a.md", "same", "same"), None);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_permissions() -> std::io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("survey.md");
        std::fs::write(&path, "old")?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640))?;
        write_atomically(&path, "new")?;
        assert_eq!(std::fs::read_to_string(&path)?, "new");
        assert_eq!(std::fs::metadata(&path)?.permissions().mode() & 0o777, 0o640);
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1, "no temporary file is left behind");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_follows_a_symlink_and_keeps_it() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("survey.md");
        let link = dir.path().join("link.md");
        std::fs::write(&target, "old")?;
        std::os::unix::fs::symlink("survey.md", &link)?;
        write_atomically(&link, "new")?;
        assert!(std::fs::symlink_metadata(&link)?.file_type().is_symlink(), "the link is still a link");
        assert_eq!(std::fs::read_to_string(&target)?, "new");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_refuses_a_file_with_hard_links() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("survey.md");
        std::fs::write(&path, "old")?;
        std::fs::hard_link(&path, dir.path().join("other-name.md"))?;
        let error = write_atomically(&path, "new").err().map(|error| error.to_string()).unwrap_or_default();
        assert!(error.contains("2 hard links"), "{error}");
        assert_eq!(std::fs::read_to_string(&path)?, "old");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 2, "no temporary file is left behind");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_the_owner() -> std::io::Result<()> {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("survey.md");
        std::fs::write(&path, "old")?;
        // Only root can hand a file to someone else; as anyone else the owner is already ours.
        let other = 4242;
        let is_root = std::os::unix::fs::chown(&path, Some(other), Some(other)).is_ok();
        write_atomically(&path, "new")?;
        assert_eq!(std::fs::read_to_string(&path)?, "new");
        if is_root {
            let metadata = std::fs::metadata(&path)?;
            assert_eq!((metadata.uid(), metadata.gid()), (other, other), "the fixed file keeps its owner");
        }
        Ok(())
    }

    #[test]
    fn atomic_write_removes_temporaries_of_dead_runs_only() -> std::io::Result<()> {
        if !Path::new("/proc/self").exists() {
            return Ok(());
        }
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("survey.md");
        std::fs::write(&path, "old")?;
        // No process has the largest pid; the current one is alive.
        let stale = dir.path().join(format!("{TEMPORARY_PREFIX}{}-abc", u32::MAX));
        let live = dir.path().join(format!("{TEMPORARY_PREFIX}{}-def", std::process::id()));
        std::fs::write(&stale, "half")?;
        std::fs::write(&live, "busy")?;
        write_atomically(&path, "new")?;
        assert!(!stale.exists());
        assert!(live.exists());
        Ok(())
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Pieces questionnaires are made of: flagged and neutral wording,
        /// suppressions (used and stale), multi-byte characters next to
        /// flagged words, list items and blank lines.
        const PIECES: &[&str] = &[
            "Hoe tevreden bent u over onze service?",
            "Hoe tevreden of ontevreden bent u?",
            "How satisfied are you with our support?",
            "Verdienen we een 10?",
            "Wat kunnen we verbeteren aan onze uitstekende service?",
            "<!-- surveylint-disable-next-line score-begging -->",
            "<!-- surveylint-disable-next-line -->",
            "// surveylint-disable-next-line SL002",
            "<!-- surveylint-disable SL001 -->",
            "<!-- surveylint-enable -->",
            "- Zeer tevreden",
            "é🙂",
            "😀 Café: verdienen we een 9 of 10?",
            "Bedankt!",
            "",
        ];

        fn document() -> impl Strategy<Value = (String, bool, bool)> {
            (proptest::collection::vec(proptest::sample::select(PIECES), 0..12), any::<bool>(), any::<bool>()).prop_map(
                |(pieces, crlf, bom)| {
                    let ending = if crlf { "\r\n" } else { "\n" };
                    let body: String = pieces.iter().map(|piece| format!("{piece}{ending}")).collect();
                    let text = if bom { format!("\u{feff}{body}") } else { body };
                    (text, crlf, bom)
                },
            )
        }

        fn lint(linter: &Linter, text: &str) -> Vec<Diagnostic> {
            linter.lint_text(text, TextFormat::Markdown, &LintOptions::default())
        }

        fn fix_all(linter: &Linter, text: &str, include_unsafe: bool) -> String {
            let outcome = fix_until_stable(text, lint(linter, text), include_unsafe, |fixed| {
                Ok::<_, std::convert::Infallible>(lint(linter, fixed))
            });
            match outcome {
                Ok(outcome) => outcome.text,
                Err(never) => match never {},
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

            #[test]
            fn fixing_is_idempotent_and_keeps_line_endings_and_bom(
                (text, crlf, bom) in document(),
                include_unsafe in any::<bool>(),
            ) {
                let linter = Linter::new();
                for diagnostic in lint(&linter, &text) {
                    for suggestion in &diagnostic.suggestions {
                        prop_assert!(text.is_char_boundary(suggestion.span.start));
                        prop_assert!(text.is_char_boundary(suggestion.span.end));
                    }
                }
                let fixed = fix_all(&linter, &text, include_unsafe);
                prop_assert!(std::str::from_utf8(fixed.as_bytes()).is_ok());
                prop_assert_eq!(fix_all(&linter, &fixed, include_unsafe), fixed.clone());
                prop_assert_eq!(fixed.starts_with('\u{feff}'), bom);
                if crlf {
                    prop_assert_eq!(fixed.matches('\n').count(), fixed.matches("\r\n").count());
                } else {
                    prop_assert!(!fixed.contains('\r'));
                }
            }
        }
    }
}
