//! One file, four front ends, the same positions. The fixture starts with a
//! byte-order mark, ends its first line with CRLF and its second with a lone
//! CR, and has emoji before a finding. `surveylint check --format json`
//! (columns in characters), `--format sarif` (columns in UTF-16 code units),
//! the language server (`surveylint server`, 0-based UTF-16 positions) and
//! the WebAssembly package's `lint` (called natively: UTF-16 string offsets
//! and 1-based UTF-16 columns) must put every finding and every rewrite where
//! the table below says, which a person can check by counting.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

/// The fixture: `BOM "Enquête 🚗 over uw bezoek" CRLF "Geef ons een 10!" CR
/// "Hoe tevreden bent u? 😀 Verdienen we een 9 of 10?" LF`.
const FIXTURE: &str = "tests/fixtures/positions/bom-crlf-cr-emoji-nl.txt";

/// A place in the fixture, counted every way a front end counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    /// 1-based line.
    line: usize,
    /// 1-based column in characters (the terminal and JSON).
    column: usize,
    /// 1-based column in UTF-16 code units (SARIF, LSP + 1, WASM).
    utf16_column: usize,
    /// UTF-16 code units from the start of the file, the BOM included (JavaScript's `slice`).
    js_offset: usize,
}

const fn at(line: usize, column: usize, utf16_column: usize, js_offset: usize) -> Place {
    Place { line, column, utf16_column, js_offset }
}

/// A finding: its rule, the flagged words and the span of its first rewrite.
struct Expected {
    rule: &'static str,
    flagged: (Place, Place),
    rewrite: (Place, Place),
}

/// Counted by hand from the fixture. Line 1's rewrite starts after the BOM,
/// which is no column; the first rewrite runs over the CRLF; line 3 starts
/// after the lone CR; the emoji on line 3 is one character but two UTF-16 units.
const EXPECTED: &[Expected] = &[
    Expected {
        rule: "score-begging",
        flagged: (at(2, 1, 1, 28), at(2, 16, 16, 43)),
        rewrite: (at(1, 1, 1, 1), at(2, 17, 17, 44)),
    },
    Expected {
        rule: "one-sided-question",
        flagged: (at(3, 1, 1, 45), at(3, 13, 13, 57)),
        rewrite: (at(3, 1, 1, 45), at(3, 13, 13, 57)),
    },
    Expected {
        rule: "score-begging",
        flagged: (at(3, 24, 25, 69), at(3, 48, 49, 93)),
        rewrite: (at(3, 24, 25, 69), at(3, 49, 50, 94)),
    },
];

/// A finding as one front end places it: rule, then the flagged words and
/// the first rewrite as 1-based (line, column) pairs in that front end's unit.
type Placed = (String, [(usize, usize); 2], [(usize, usize); 2]);

fn expected(column: impl Fn(&Place) -> usize) -> Vec<Placed> {
    let pair = |place: &Place| (place.line, column(place));
    EXPECTED
        .iter()
        .map(|finding| {
            (
                finding.rule.to_owned(),
                [pair(&finding.flagged.0), pair(&finding.flagged.1)],
                [pair(&finding.rewrite.0), pair(&finding.rewrite.1)],
            )
        })
        .collect()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture_text() -> String {
    let path = root().join(FIXTURE);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn check(format: &str) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_surveylint"))
        .args(["check", "--format", format, FIXTURE])
        .current_dir(root())
        .output()
        .unwrap_or_else(|error| panic!("cannot run surveylint: {error}"));
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{format}: {error}; stderr: {}", String::from_utf8_lossy(&output.stderr)))
}

fn number(value: &Value) -> usize {
    value.as_u64().and_then(|number| usize::try_from(number).ok()).unwrap_or_else(|| panic!("not a position: {value}"))
}

fn json_placed() -> Vec<Placed> {
    let pair = |value: &Value| (number(&value["line"]), number(&value["column"]));
    let output = check("json");
    let diagnostics = output["diagnostics"].as_array().cloned().unwrap_or_default();
    diagnostics
        .iter()
        .map(|finding| {
            let rewrite = &finding["suggestions"][0];
            (
                finding["rule"].as_str().unwrap_or_default().to_owned(),
                [pair(&finding["start"]), pair(&finding["end"])],
                [pair(&rewrite["start"]), pair(&rewrite["end"])],
            )
        })
        .collect()
}

fn sarif_placed() -> Vec<Placed> {
    let output = check("sarif");
    let run = &output["runs"][0];
    let region = |region: &Value| {
        [
            (number(&region["startLine"]), number(&region["startColumn"])),
            (number(&region["endLine"]), number(&region["endColumn"])),
        ]
    };
    let results = run["results"].as_array().cloned().unwrap_or_default();
    results
        .iter()
        .map(|result| {
            let code = &result["ruleId"];
            let rules = run["tool"]["driver"]["rules"].as_array().cloned().unwrap_or_default();
            let slug = rules.iter().find(|rule| &rule["id"] == code).map(|rule| rule["name"].clone());
            (
                slug.and_then(|slug| slug.as_str().map(str::to_owned)).unwrap_or_default(),
                region(&result["locations"][0]["physicalLocation"]["region"]),
                region(&result["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]),
            )
        })
        .collect()
}

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Reads framed messages until the server closes its output.
fn read_messages(stdout: impl Read, sender: mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = 0;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            match line.trim_end().strip_prefix("Content-Length: ") {
                Some(value) => length = value.parse().unwrap_or(0),
                None if line.trim_end().is_empty() => break,
                None => {}
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let Ok(message) = serde_json::from_slice(&body) else { return };
        if sender.send(message).is_err() {
            return;
        }
    }
}

/// Opens the fixture in `surveylint server`, as an editor that keeps the BOM
/// in the document's text would, and returns the published diagnostics.
fn server_diagnostics(text: &str) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_surveylint"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start surveylint server: {error}"));
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        panic!("the server's standard streams are not piped");
    };
    let (sender, incoming) = mpsc::channel();
    std::thread::spawn(move || read_messages(stdout, sender));
    let mut send = |message: Value| {
        stdin.write_all(&frame(&message)).and_then(|()| stdin.flush()).unwrap_or_else(|error| panic!("{error}"))
    };
    // Only a hung server makes a wait run out; a passing test never waits this long.
    let next = || {
        incoming.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|error| panic!("the server went quiet: {error}"))
    };
    let initialize = json!({ "processId": null, "rootUri": null, "capabilities": {} });
    send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": initialize }));
    // As the protocol says, nothing more is sent before the answer to `initialize`.
    while next()["id"] != 1 {}
    send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    let uri = format!("file://{}", root().join(FIXTURE).display());
    let document = json!({ "uri": uri, "languageId": "plaintext", "version": 1, "text": text });
    send(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": document } }));
    let diagnostics = loop {
        let message = next();
        if message.get("method").is_some() && message.get("id").is_some() {
            send(json!({ "jsonrpc": "2.0", "id": message["id"], "result": null }));
        }
        if message["method"] == "textDocument/publishDiagnostics" && message["params"]["version"] == 1 {
            break message["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
        }
    };
    send(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null }));
    send(json!({ "jsonrpc": "2.0", "method": "exit", "params": null }));
    drop(stdin);
    let _ = child.wait();
    diagnostics
}

fn server_placed(text: &str) -> Vec<Placed> {
    // LSP positions are 0-based; UTF-16 is the default encoding.
    let range = |range: &Value| {
        [
            (number(&range["start"]["line"]) + 1, number(&range["start"]["character"]) + 1),
            (number(&range["end"]["line"]) + 1, number(&range["end"]["character"]) + 1),
        ]
    };
    let mut placed: Vec<Placed> = server_diagnostics(text)
        .iter()
        .map(|diagnostic| {
            let rule = diagnostic["code"].as_str().unwrap_or_default().to_owned();
            (rule, range(&diagnostic["range"]), range(&diagnostic["data"]["fixes"][0]["edit"]["range"]))
        })
        .collect();
    // The protocol does not promise an order; the other front ends report in source order.
    placed.sort_by_key(|(_, flagged, _)| flagged[0]);
    placed
}

fn wasm_lint(text: &str) -> Vec<surveylint_wasm::JsDiagnostic> {
    surveylint_wasm::lint_source(&surveylint::Linter::new(), text, &surveylint_wasm::LintRequest::default())
        .unwrap_or_else(|error| panic!("{error:?}"))
}

#[test]
fn the_fixture_has_a_bom_crlf_a_lone_cr_and_emoji() {
    let text = fixture_text();
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(text.matches("\r\n").count(), 1);
    assert_eq!(text.matches('\r').count(), 2);
    assert_eq!(text.chars().filter(|c| c.len_utf16() == 2).count(), 2);
}

/// The WebAssembly package gives a finding's line and column, and string
/// offsets for it and its rewrite.
type JsPlaced = (String, [(usize, usize); 2], [usize; 4]);

fn wasm_placed(text: &str) -> Vec<JsPlaced> {
    wasm_lint(text)
        .iter()
        .map(|finding| {
            let rewrite = &finding.suggestions[0];
            let flagged = [(finding.line, finding.column), (finding.end_line, finding.end_column)];
            (finding.rule.clone(), flagged, [finding.start, finding.end, rewrite.start, rewrite.end])
        })
        .collect()
}

fn wasm_expected() -> Vec<JsPlaced> {
    EXPECTED
        .iter()
        .map(|finding| {
            let (start, end) = finding.flagged;
            let places = [start, end, finding.rewrite.0, finding.rewrite.1];
            let flagged = [(start.line, start.utf16_column), (end.line, end.utf16_column)];
            (finding.rule.to_owned(), flagged, places.map(|place| place.js_offset))
        })
        .collect()
}

#[test]
fn every_front_end_puts_every_finding_and_rewrite_in_the_same_place() {
    let text = fixture_text();
    assert_eq!(json_placed(), expected(|place| place.column), "surveylint check --format json");
    assert_eq!(sarif_placed(), expected(|place| place.utf16_column), "surveylint check --format sarif");
    assert_eq!(server_placed(&text), expected(|place| place.utf16_column), "surveylint server");
    assert_eq!(wasm_placed(&text), wasm_expected(), "surveylint-wasm lint");
}
