//! A stress test of the real binary: a few thousand random incremental edits
//! (emoji, combining marks, CRLF and lone CR, ranges past the end of a line
//! or of the text, positions inside a surrogate pair, lone surrogate escapes)
//! against a model of the text kept here. After each batch, the diagnostics
//! the server publishes for the last version must cover exactly the words
//! the core library flags when it lints the model's text itself.
//!
//! Deterministic: a fixed seed drives a small xorshift generator. Set
//! `SURVEYLINT_STRESS_SEED` (and `SURVEYLINT_STRESS_BATCHES`) to explore
//! other sequences locally; a failure prints the seed and the batch.

#![allow(clippy::unwrap_used)]

mod process;

use std::io::Write;

use process::{frame, Process};
use serde_json::{json, Value};
use surveylint::{LintOptions, Linter};
use surveylint_formats::InputFormat;

const URI: &str = "file:///tmp/surveylint-stress/vragenlijst.txt";
const DEFAULT_SEED: u64 = 0x5eed_1e55_c0ff_ee15;
const DEFAULT_BATCHES: usize = 120;
/// `didChange` notifications per batch, each with one to four changes.
const CHANGES_PER_BATCH: usize = 10;
/// Beyond this many bytes, edits mostly delete, so linting stays cheap.
const SOFT_LIMIT: usize = 1_500;

/// Stands in, in the JSON sent, for a lone surrogate escape; the server must
/// read it as U+FFFD, so the model holds U+FFFD.
const LONE_SURROGATE_MARK: char = '\u{E000}';

/// What random edits insert: phrases the rules flag, in both languages, and
/// the characters that break naive position arithmetic.
const PIECES: &[&str] = &[
    "Zou u ons aanraden en verdienen we een 9 of 10?",
    "Geef ons een 10!",
    "Hoe tevreden bent u over onze uitstekende service?",
    "uw mening is van levensbelang",
    "If you were happy, please rate us 5 stars.",
    "How satisfied are you with our amazing staff?",
    "we are counting on you",
    "Wat kunnen we beter doen?",
    "Beste klant,",
    "verdienen",
    "een 9 of 10",
    " ",
    " ",
    "?",
    "!",
    ".",
    "\n",
    "\n",
    "\r\n",
    "\r\n",
    "\r",
    "😀",
    "👍🏽",
    "👩\u{200d}💻",
    "e\u{301}",
    "\u{301}",
    "é",
    "Café",
    "中文",
    "ß",
    "\u{FFFD}",
];

/// xorshift64*: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Each line's content as byte offsets `(start, end)`, its break excluded.
/// Lines end at `\r\n`, `\n` or a lone `\r`, as the LSP specification says.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        let break_len = match (bytes[index], bytes.get(index + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\r' | b'\n', _) => 1,
            _ => 0,
        };
        if break_len > 0 {
            lines.push((start, index));
            index += break_len;
            start = index;
        } else {
            index += 1;
        }
    }
    lines.push((start, text.len()));
    lines
}

/// The byte offset of an LSP position (UTF-16 columns) in `text`, clamped
/// as the server documents: a line past the end is the end of the text, a
/// column past the end of its line is the line's end, and a column inside a
/// surrogate pair is the start of the character.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let lines = lines(text);
    let Some(&(start, end)) = lines.get(line) else { return text.len() };
    let mut units = 0;
    for (index, c) in text[start..end].char_indices() {
        units += c.len_utf16();
        if units > column {
            return start + index;
        }
    }
    end
}

fn position_offset(text: &str, position: &Value) -> usize {
    offset(text, position["line"].as_u64().unwrap() as usize, position["character"].as_u64().unwrap() as usize)
}

/// A random position in `text`: usually on a character, sometimes inside a
/// surrogate pair, past the end of the line, or past the last line.
fn random_position(rng: &mut Rng, text: &str) -> (usize, usize) {
    let lines = lines(text);
    if rng.chance(3) {
        return (lines.len() + rng.below(3), rng.below(8));
    }
    let line = rng.below(lines.len());
    let (start, end) = lines[line];
    let width: usize = text[start..end].chars().map(char::len_utf16).sum();
    if rng.chance(15) {
        return (line, rng.below(width + 6));
    }
    let boundaries: Vec<usize> = text[start..end].char_indices().map(|(index, _)| index).chain([end - start]).collect();
    let boundary = boundaries[rng.below(boundaries.len())];
    (line, text[start..start + boundary].chars().map(char::len_utf16).sum())
}

/// Text to insert, as the model keeps it and as it is sent.
fn random_insert(rng: &mut Rng, text_len: usize) -> (String, String) {
    if text_len > SOFT_LIMIT && rng.chance(80) {
        return (String::new(), String::new());
    }
    if rng.chance(2) {
        return ("\u{FFFD}".to_owned(), LONE_SURROGATE_MARK.to_string());
    }
    let count = 1 + rng.below(3);
    let inserted: String = (0..count).map(|_| PIECES[rng.below(PIECES.len())]).collect();
    (inserted.clone(), inserted)
}

/// One content change: its JSON (as sent) and the model after it.
fn random_change(rng: &mut Rng, text: &mut String) -> Value {
    let (model_text, sent_text) = random_insert(rng, text.len());
    if rng.chance(1) {
        // A whole-document replacement now and then.
        let replacement = format!("{model_text}Beste klant,\r\nGeef ons een 10!\n");
        let sent = format!("{sent_text}Beste klant,\r\nGeef ons een 10!\n");
        *text = replacement;
        return json!({ "text": sent });
    }
    let start = random_position(rng, text);
    let end = if rng.chance(40) {
        start
    } else if rng.chance(85) {
        // A short deletion from the start, possibly across lines.
        let (line, column) = start;
        if rng.chance(20) {
            (line + 1, rng.below(10))
        } else {
            (line, column + 1 + rng.below(12))
        }
    } else {
        random_position(rng, text)
    };
    let from = offset(text, start.0, start.1);
    let to = offset(text, end.0, end.1).max(from);
    text.replace_range(from..to, &model_text);
    json!({
        "range": {
            "start": { "line": start.0, "character": start.1 },
            "end": { "line": end.0, "character": end.1 },
        },
        "text": sent_text,
    })
}

/// `(rule, start, end)` of every finding the core reports on `text`, with
/// an offset between `\r` and `\n` moved before the `\r` (no LSP position
/// can name it).
fn core_findings(linter: &Linter, text: &str) -> Vec<(String, usize, usize)> {
    let document = surveylint_formats::read(InputFormat::Text, text.as_bytes()).unwrap();
    let normalize = |offset: usize| {
        assert!(text.is_char_boundary(offset), "the core reported offset {offset} inside a character of {text:?}");
        if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
            offset - 1
        } else {
            offset
        }
    };
    let mut findings: Vec<(String, usize, usize)> = linter
        .lint(&document, &LintOptions::default())
        .into_iter()
        .filter(|finding| finding.location.is_none())
        .map(|finding| (finding.rule, normalize(finding.span.start), normalize(finding.span.end)))
        .collect();
    findings.sort();
    findings
}

/// The same triples from the server's diagnostics, mapped back into the model.
fn server_findings(text: &str, diagnostics: &Value) -> Vec<(String, usize, usize)> {
    let mut findings: Vec<(String, usize, usize)> = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| {
            let range = &diagnostic["range"];
            let code = diagnostic["code"].as_str().unwrap().to_owned();
            (code, position_offset(text, &range["start"]), position_offset(text, &range["end"]))
        })
        .collect();
    findings.sort();
    findings
}

fn covered(text: &str, findings: &[(String, usize, usize)]) -> Vec<(String, String)> {
    findings.iter().map(|(rule, start, end)| (rule.clone(), text[*start..*end].to_owned())).collect()
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    match value.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => value.parse().ok(),
    }
}

#[test]
fn random_incremental_edits_keep_the_diagnostics_on_the_flagged_words() {
    let seed = env_number("SURVEYLINT_STRESS_SEED").unwrap_or(DEFAULT_SEED);
    let batches = env_number("SURVEYLINT_STRESS_BATCHES").map_or(DEFAULT_BATCHES, |batches| batches as usize);
    let mut rng = Rng(seed.max(1));
    let linter = Linter::new();

    let mut model = String::from(
        "Beste klant,\r\n\r\nBedankt voor uw bezoek 😀.\nZou u ons aanraden en verdienen we een 9 of 10?\n",
    );
    let detected = surveylint_formats::detect(Some(std::path::Path::new("/tmp/vragenlijst.txt")), model.as_bytes());
    assert!(matches!(detected, Ok(InputFormat::Text)), "the server reads the document as plain text: {detected:?}");

    let mut server = Process::start();
    server.initialize();
    server.open(URI, &model);
    let opened = server.diagnostics_at(URI, 1);
    assert_eq!(server_findings(&model, &opened), core_findings(&linter, &model));

    let mut version = 1;
    let mut edits = 0;
    let mut flagged = 0;
    for batch in 0..batches {
        for _ in 0..CHANGES_PER_BATCH {
            version += 1;
            let changes: Vec<Value> = (0..1 + rng.below(4)).map(|_| random_change(&mut rng, &mut model)).collect();
            edits += changes.len();
            let message = json!({
                "jsonrpc": "2.0",
                "method": "textDocument/didChange",
                "params": { "textDocument": { "uri": URI, "version": version }, "contentChanges": changes },
            });
            // serde_json cannot write a lone surrogate: put the escape in by hand.
            let body = message.to_string().replace(LONE_SURROGATE_MARK, "\\ud83d");
            assert!(server.send_raw(&frame(&body)), "the server stopped reading at batch {batch} (seed {seed:#x})");
        }
        let published = server.diagnostics_at(URI, version);
        // Older versions' diagnostics still buffered are of no interest.
        server.forget(|message| message["method"] == "textDocument/publishDiagnostics");
        let expected = core_findings(&linter, &model);
        let got = server_findings(&model, &published);
        assert_eq!(
            covered(&model, &got),
            covered(&model, &expected),
            "batch {batch} (seed {seed:#x}), version {version}, text {model:?}"
        );
        assert_eq!(got, expected, "batch {batch} (seed {seed:#x}), version {version}, text {model:?}");
        flagged += expected.len();
    }
    let complaints: Vec<&Value> =
        server.pending().iter().filter(|message| message["method"] == "window/logMessage").collect();
    assert!(complaints.is_empty(), "the server logged problems: {complaints:?}");
    server.stop();
    let summary = format!(
        "LSP stress: {edits} random edits in {} didChange notifications, {batches} batches checked \
         ({flagged} findings compared), seed {seed:#x}\n",
        batches * CHANGES_PER_BATCH
    );
    // Written to the stderr handle, not with `eprintln!`, which the test
    // harness captures: the counts belong in the CI log of a passing run.
    let _ = std::io::stderr().write_all(summary.as_bytes());
}
