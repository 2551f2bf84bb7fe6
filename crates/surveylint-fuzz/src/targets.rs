//! What each fuzz target runs and the invariants it checks. A target
//! returns `Err` with a description when an invariant breaks; a panic is
//! caught by the driver and counts as a finding too.

use std::io::{Cursor, Read, Write};

use surveylint::fix::{apply, fix_until_stable, plan};
use surveylint::{Diagnostic, Document, LintCache, LintOptions, Linter, Span};
use surveylint_formats::InputFormat;

use crate::random::Random;

/// One fuzz target: a reader (or the linter on text) and the seeds it starts from.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub name: &'static str,
    pub format: InputFormat,
    /// Seed files are picked by these extensions.
    pub extensions: &'static [&'static str],
}

/// Every reader in the repository; each run also lints, fixes and re-reads.
pub const TARGETS: &[Target] = &[
    Target { name: "text", format: InputFormat::Text, extensions: &["txt", "md"] },
    Target { name: "markdown", format: InputFormat::Markdown, extensions: &["md", "txt"] },
    Target { name: "surveyjs", format: InputFormat::SurveyJs, extensions: &["json"] },
    Target { name: "qualtrics", format: InputFormat::Qualtrics, extensions: &["qsf"] },
    Target { name: "limesurvey", format: InputFormat::LimeSurveyXml, extensions: &["lss"] },
    Target { name: "limesurvey-tsv", format: InputFormat::LimeSurveyTsv, extensions: &["txt"] },
    Target { name: "xlsform-csv", format: InputFormat::XlsFormCsv, extensions: &["csv"] },
    Target { name: "xlsform", format: InputFormat::XlsForm, extensions: &["xlsx"] },
    Target { name: "formr-csv", format: InputFormat::FormrCsv, extensions: &["csv"] },
    Target { name: "formr", format: InputFormat::Formr, extensions: &["xlsx"] },
    Target { name: "codebook", format: InputFormat::Codebook, extensions: &["csv"] },
    Target { name: "codebook-xlsx", format: InputFormat::CodebookXlsx, extensions: &["xlsx"] },
    Target { name: "redcap", format: InputFormat::RedCap, extensions: &["csv"] },
    Target { name: "docx", format: InputFormat::Docx, extensions: &["docx"] },
    Target { name: "surveydown", format: InputFormat::Surveydown, extensions: &["qmd"] },
    Target { name: "surveydown-yaml", format: InputFormat::SurveydownYaml, extensions: &["yml"] },
    Target { name: "typeform", format: InputFormat::Typeform, extensions: &["json"] },
    Target { name: "google-forms", format: InputFormat::GoogleForms, extensions: &["json"] },
    Target { name: "surveymonkey", format: InputFormat::SurveyMonkey, extensions: &["json"] },
    Target { name: "json", format: InputFormat::Json, extensions: &["json"] },
    Target { name: "yaml", format: InputFormat::Yaml, extensions: &["yaml", "yml"] },
];

impl Target {
    /// Turns a mutant into this target's input: text formats get valid UTF-8
    /// (the CLI refuses anything else before a reader sees it); a workbook
    /// or Word document gets one of its zip entries mutated half the time,
    /// since a mutated zip rarely survives its checksums.
    pub fn prepare(&self, seed: &[u8], mutant: Vec<u8>, others: &[Vec<u8>], random: &mut Random) -> Vec<u8> {
        if self.format.has_text_positions() {
            return String::from_utf8_lossy(&mutant).into_owned().into_bytes();
        }
        if random.one_in(2) {
            return mutant;
        }
        mutate_zip_entry(seed, others, random).unwrap_or(mutant)
    }

    /// Reads, lints and fixes `input`, checking every invariant; `Ok(false)`
    /// when the reader refused the input (a clear error is a fine answer).
    pub fn run(&self, linter: &Linter, input: &[u8]) -> Result<bool, String> {
        let Ok(document) = surveylint_formats::read(self.format, input) else {
            return Ok(false);
        };
        for options in [LintOptions::default(), LintOptions::with_language(Some(surveylint::Language::Dutch))] {
            let diagnostics = linter.lint(&document, &options);
            if self.format.has_text_positions() {
                let text =
                    std::str::from_utf8(input).map_err(|error| format!("a text reader accepted non-UTF-8: {error}"))?;
                check_spans(text, &document, &diagnostics)?;
                check_fixes(self.format, linter, text, &diagnostics, &options)?;
                check_incremental(self.format, linter, text, &document, &diagnostics, &options)?;
            } else {
                check_cell_spans(&document, &diagnostics)?;
            }
        }
        Ok(true)
    }
}

/// Every finding and rewrite lies inside the source, on char boundaries, in a real unit.
fn check_spans(text: &str, document: &Document, diagnostics: &[Diagnostic]) -> Result<(), String> {
    for diagnostic in diagnostics {
        let rule = &diagnostic.rule;
        // A unit index names a real unit; no unit only where there are none.
        let valid = match diagnostic.unit {
            Some(unit) => unit < document.units.len(),
            None => document.units.is_empty(),
        };
        if !valid {
            return Err(format!("{rule}: unit {:?} of {}", diagnostic.unit, document.units.len()));
        }
        check_span(text, diagnostic.span).map_err(|why| format!("{rule}: finding span {why}"))?;
        for suggestion in &diagnostic.suggestions {
            check_span(text, suggestion.span).map_err(|why| format!("{rule}: rewrite span {why}"))?;
        }
    }
    Ok(())
}

fn check_span(text: &str, span: Span) -> Result<(), String> {
    if span.start > span.end || span.end > text.len() {
        return Err(format!("{span:?} outside 0..{}", text.len()));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(format!("{span:?} ends inside a character"));
    }
    Ok(())
}

/// The language server's incremental linter agrees with a lint from
/// scratch: a [`LintCache`] lints the document, then the document with one
/// letter half-way changed (as a keystroke would; in any format, so escaped
/// and moved units are kept too), then the original again.
fn check_incremental(
    format: InputFormat,
    linter: &Linter,
    text: &str,
    document: &Document,
    diagnostics: &[Diagnostic],
    options: &LintOptions,
) -> Result<(), String> {
    let Some(edited) = one_letter_changed(text) else { return Ok(()) };
    let Ok(edited) = surveylint_formats::read(format, edited.as_bytes()) else { return Ok(()) };
    let mut cache = LintCache::new();
    for (step, (version, scratch)) in
        [(document, diagnostics.to_vec()), (&edited, linter.lint(&edited, options)), (document, diagnostics.to_vec())]
            .into_iter()
            .enumerate()
    {
        if cache.lint(linter, version, options) != scratch {
            return Err(format!("the incremental linter differs from a lint from scratch at step {step} of 3"));
        }
    }
    Ok(())
}

/// `text` with the first ASCII lower-case letter from its middle on turned
/// into another one; `None` when there is none.
fn one_letter_changed(text: &str) -> Option<String> {
    let middle = (text.len() / 2..=text.len()).find(|&offset| text.is_char_boundary(offset))?;
    let (offset, letter) = text[middle..].char_indices().find(|(_, c)| c.is_ascii_lowercase())?;
    let mut edited = text.to_owned();
    let at = middle + offset;
    edited.replace_range(at..at + 1, if letter == 'e' { "a" } else { "e" });
    Some(edited)
}

/// In a workbook, spans index the unit's own text.
fn check_cell_spans(document: &Document, diagnostics: &[Diagnostic]) -> Result<(), String> {
    for diagnostic in diagnostics {
        let Some(unit) = diagnostic.unit.and_then(|unit| document.units.get(unit)) else {
            if document.units.is_empty() {
                continue;
            }
            return Err(format!("{}: unit {:?} of {}", diagnostic.rule, diagnostic.unit, document.units.len()));
        };
        check_span(&unit.text, diagnostic.span).map_err(|why| format!("{}: cell span {why}", diagnostic.rule))?;
    }
    Ok(())
}

/// Applying every rewrite changes only the rewritten spans, the result still
/// reads as the same format, and fixing until stable is idempotent.
fn check_fixes(
    format: InputFormat,
    linter: &Linter,
    text: &str,
    diagnostics: &[Diagnostic],
    options: &LintOptions,
) -> Result<(), String> {
    let chosen = plan(text, diagnostics, true);
    let fixed = apply(text, &chosen.edits);
    let mut copied = 0;
    let mut at = 0;
    for edit in &chosen.edits {
        let kept = &text[copied..edit.span.start];
        if fixed.get(at..at + kept.len()) != Some(kept) {
            return Err(format!("text outside the rewrites changed before byte {}", edit.span.start));
        }
        at += kept.len() + edit.replacement.len();
        copied = edit.span.end;
    }
    if fixed.get(at..) != Some(&text[copied..]) {
        return Err("text after the last rewrite changed".to_owned());
    }
    if chosen.edits.is_empty() {
        return Ok(());
    }
    let relint = |candidate: &str| {
        surveylint_formats::read(format, candidate.as_bytes())
            .map(|document| linter.lint(&document, options))
            .map_err(|error| format!("the fixed text no longer reads as {format}: {error}"))
    };
    let first = relint(&fixed)?;
    let stable = fix_until_stable(&fixed, first, true, relint)?;
    let again = relint(&stable.text)?;
    let second = fix_until_stable(&stable.text, again, true, relint)?;
    if second.text != stable.text {
        return Err("fixing is not idempotent: a second run changed the text again".to_owned());
    }
    Ok(())
}

/// Unzips a workbook or Word document, mutates one entry, and zips it again.
fn mutate_zip_entry(seed: &[u8], others: &[Vec<u8>], random: &mut Random) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(seed)).ok()?;
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).ok()?;
        let mut content = Vec::new();
        entry.read_to_end(&mut content).ok()?;
        entries.push((entry.name().to_owned(), content));
    }
    let chosen = random.below(entries.len());
    if let Some((_, content)) = entries.get_mut(chosen) {
        *content = crate::mutate::mutate(content, others, random);
    }
    let mut buffer = Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        writer.start_file(name, options).ok()?;
        writer.write_all(&content).ok()?;
    }
    writer.finish().ok()?;
    Some(buffer.into_inner())
}
