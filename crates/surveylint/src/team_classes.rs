//! Word classes of a team's own rule pack: `lexicon/<language>/<name>.txt`
//! beside its rule files, in the format of the built-in classes (one regex
//! fragment per line, `#` comments). A team's patterns name them as
//! `<@name>`, like the built-in classes.
//!
//! The built-in classes are compiled once and shared between patterns
//! ([`crate::class_trees`]); a team's classes are few and small, so its
//! patterns get their entries pasted in when the linter is built, before the
//! patterns are checked. A team class may name built-in classes and other
//! classes of its pack; it may not take the name of a built-in class, which
//! would silently change what the built-in rules find.

use crate::engine;
use crate::language::Language;
use crate::placeholders::{class_entry_lines, expand_with, MAX_CLASS_DEPTH};
use crate::Error;

/// One class file of a rule pack, as the caller read it.
#[derive(Debug, Clone)]
pub(crate) struct TeamClassFile {
    pub(crate) language: Language,
    pub(crate) name: String,
    /// Usually the path; names the file in errors.
    pub(crate) origin: String,
    pub(crate) source: String,
}

/// A class with its entries and the lines they stand on.
struct TeamClass {
    language: Language,
    name: String,
    origin: String,
    entries: Vec<(String, usize)>,
}

/// The checked classes of every rule pack given to the builder.
pub(crate) struct TeamClasses {
    classes: Vec<TeamClass>,
}

/// A team class as `surveylint debug` looks for it in a text: its entries
/// pasted into one alternation, built-in classes still named.
#[derive(Debug, Clone)]
pub(crate) struct TracedClass {
    pub(crate) language: Language,
    pub(crate) name: String,
    pub(crate) pattern: String,
}

impl TeamClasses {
    /// Reads and checks every class file: a valid name, not a built-in class
    /// and not given twice, entries that do not end in a space (reading trims
    /// it) and that are plain ASCII and valid regex fragments. Errors name
    /// the class file and line.
    pub(crate) fn new(files: &[TeamClassFile]) -> Result<TeamClasses, Error> {
        let mut classes: Vec<TeamClass> = Vec::with_capacity(files.len());
        for file in files {
            let fail = |line: usize, message: String| Error::RuleFile {
                origin: file.origin.clone(),
                line,
                column: 1,
                message,
            };
            let name_is_valid = !file.name.is_empty()
                && file.name.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-');
            if !name_is_valid {
                return Err(fail(
                    1,
                    format!("`{}` is not a class name: use lowercase letters, digits and `-`", file.name),
                ));
            }
            if engine::class_entries(file.language, &file.name).is_some() {
                return Err(fail(
                    1,
                    format!(
                        "`<@{}>` is a built-in word class of {}; give the team's class another name, so the \
                         built-in rules keep finding what they found",
                        file.name,
                        file.language.code()
                    ),
                ));
            }
            if let Some(twin) = classes.iter().find(|class| class.language == file.language && class.name == file.name)
            {
                return Err(fail(1, format!("word class `<@{}>` is already defined in {}", file.name, twin.origin)));
            }
            let mut entries = Vec::new();
            for line in class_entry_lines(&file.source) {
                if line.loses_a_space {
                    return Err(fail(
                        line.number,
                        "an entry ends in a space, which reading the file trims; write the space in the \
                         pattern that names the class instead"
                            .to_owned(),
                    ));
                }
                engine::check_view_characters(line.entry).map_err(|message| fail(line.number, message))?;
                entries.push((line.entry.to_owned(), line.number));
            }
            if entries.is_empty() {
                return Err(fail(1, format!("word class `<@{}>` has no entries", file.name)));
            }
            classes.push(TeamClass {
                language: file.language,
                name: file.name.clone(),
                origin: file.origin.clone(),
                entries,
            });
        }
        let team = TeamClasses { classes };
        team.check_entries()?;
        Ok(team)
    }

    /// Whether no rule pack brought classes.
    pub(crate) fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }

    /// `pattern` with every team class of `language` replaced by the
    /// alternation of its entries (which may name further team classes);
    /// built-in classes and other placeholders stay as written.
    pub(crate) fn expand(&self, pattern: &str, language: Language) -> Result<String, String> {
        self.expand_at_depth(pattern, language, 0)
    }

    fn expand_at_depth(&self, pattern: &str, language: Language, depth: usize) -> Result<String, String> {
        let mut failure = None;
        let expanded = expand_with(pattern, language.code(), &mut |name| {
            let class = self.classes.iter().find(|class| class.language == language && class.name == name)?;
            if depth >= MAX_CLASS_DEPTH {
                failure = Some(format!("word class `<@{name}>` nests more than {MAX_CLASS_DEPTH} classes deep"));
                return None;
            }
            let mut alternatives = Vec::with_capacity(class.entries.len());
            for (entry, _) in &class.entries {
                match self.expand_at_depth(entry, language, depth + 1) {
                    Ok(text) => alternatives.push(text),
                    Err(message) => failure = Some(message),
                }
            }
            Some(format!("(?:{})", alternatives.join("|")))
        });
        failure.map_or(Ok(expanded), Err)
    }

    /// Every class with its entries pasted in, for `surveylint debug`.
    pub(crate) fn traced(&self) -> Vec<TracedClass> {
        self.classes
            .iter()
            .filter_map(|class| {
                // The classes were checked when they were read, so expanding cannot fail here.
                let pattern = self.expand(&format!("<@{}>", class.name), class.language).ok()?;
                Some(TracedClass { language: class.language, name: class.name.clone(), pattern })
            })
            .collect()
    }

    /// Compiles each entry on its own, so a broken entry is reported with
    /// its class file and line rather than inside every pattern naming it.
    fn check_entries(&self) -> Result<(), Error> {
        for class in &self.classes {
            for (entry, line) in &class.entries {
                let fail = |message: String| Error::RuleFile {
                    origin: class.origin.clone(),
                    line: *line,
                    column: 1,
                    message: format!("invalid entry of word class `<@{}>`: {message}", class.name),
                };
                let expanded = self.expand(entry, class.language).map_err(fail)?;
                let located = [(format!("(?:{expanded})"), *line, class.origin.as_str())];
                engine::LazyPatterns::new(&located, class.language)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(language: Language, name: &str, source: &str) -> TeamClassFile {
        TeamClassFile {
            language,
            name: name.to_owned(),
            origin: format!("team/lexicon/{}/{name}.txt", language.code()),
            source: source.to_owned(),
        }
    }

    fn error_of(files: &[TeamClassFile]) -> String {
        match TeamClasses::new(files) {
            Ok(_) => panic!("the class files should be refused"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn a_class_expands_to_its_entries_and_leaves_built_in_classes_in_place() {
        let files = [
            file(Language::Dutch, "prize", "# Wat een verloting belooft.\niPad|cadeaubon\n<@amount-word>\n"),
            file(Language::Dutch, "amount-word", "\\d+ euro\n"),
        ];
        let classes = TeamClasses::new(&files).unwrap_or_else(|error| panic!("{error}"));
        let expanded = classes.expand(r"\bwin (?:een )?<@prize> <@you>", Language::Dutch);
        assert_eq!(expanded, Ok(r"\bwin (?:een )?(?:iPad|cadeaubon|(?:\d+ euro)) <@you>".to_owned()));
        // The class is Dutch: an English pattern keeps the placeholder (and is
        // then reported as an unknown class when the patterns are checked).
        assert_eq!(classes.expand("<@prize>", Language::English), Ok("<@prize>".to_owned()));
    }

    #[test]
    fn an_entry_that_ends_in_a_space_is_refused_with_its_line() {
        let error = error_of(&[file(Language::English, "prize", "# Prizes.\nan iPad\na voucher \n")]);
        assert_eq!(
            error,
            "team/lexicon/en/prize.txt:3:1: an entry ends in a space, which reading the file trims; write the \
             space in the pattern that names the class instead"
        );
    }

    #[test]
    fn a_built_in_class_name_or_a_class_given_twice_is_refused() {
        let error = error_of(&[file(Language::English, "top-answer", "a 10\n")]);
        assert!(
            error.starts_with("team/lexicon/en/top-answer.txt:1:1: `<@top-answer>` is a built-in word class of en"),
            "{error}"
        );
        let twice = [file(Language::English, "prize", "ipad\n"), file(Language::English, "prize", "voucher\n")];
        assert_eq!(
            error_of(&twice),
            "team/lexicon/en/prize.txt:1:1: word class `<@prize>` is already defined in team/lexicon/en/prize.txt"
        );
        assert!(error_of(&[file(Language::English, "Prize", "ipad\n")]).contains("is not a class name"));
        assert!(error_of(&[file(Language::English, "prize", "# only a comment\n")]).contains("has no entries"));
    }

    #[test]
    fn a_broken_entry_is_reported_at_its_own_line() {
        let error = error_of(&[file(Language::Dutch, "prize", "ipad\n(?:cadeau\n")]);
        assert!(error.starts_with("team/lexicon/nl/prize.txt:2:"), "{error}");
        let error = error_of(&[file(Language::Dutch, "prize", "caf\u{e9}\n")]);
        assert!(error.starts_with("team/lexicon/nl/prize.txt:1:1:") && error.contains("can never match"), "{error}");
    }

    #[test]
    fn a_class_that_names_itself_is_refused() {
        let error = error_of(&[file(Language::English, "loop", "x <@loop>\n")]);
        assert!(error.contains("nests more than 5 classes deep"), "{error}");
    }
}
