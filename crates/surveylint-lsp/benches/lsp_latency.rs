//! Latency and memory of the real server binary, driven over its stdio like
//! an editor: the time from sending `didChange` on a 1,000-question document
//! to receiving its `publishDiagnostics`, and the resident memory with 21
//! such documents open; then the parts of that time measured alone (client
//! parse, reading the text into units, core lint from scratch and through a
//! `LintCache`, conversion to protocol diagnostics).
//!
//! Run: `cargo bench -p surveylint-lsp --bench lsp_latency`

#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const QUESTIONS: usize = 1_000;
const WARMUP: usize = 20;
const SAMPLES: usize = 300;
const OPEN_DOCUMENTS: usize = 21;

/// A Dutch questionnaire: numbered questions with answer options; every
/// tenth question begs for a top score, so there is something to report.
fn questionnaire() -> String {
    let mut text = String::from("# Klantonderzoek werkplaats\n\nBeste klant, bedankt voor uw bezoek.\n\n");
    for number in 1..=QUESTIONS {
        if number % 10 == 0 {
            text.push_str(&format!("{number}. Verdienen we een 9 of 10 voor onderdeel {number}?\n"));
        } else {
            text.push_str(&format!("{number}. Hoe beoordeelt u onderdeel {number} van uw bezoek?\n"));
        }
        text.push_str("   - Goed\n   - Redelijk\n   - Slecht\n\n");
    }
    text
}

fn send(stdin: &mut ChildStdin, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

fn read_messages(stdout: impl Read, sender: mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = 0;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
            return;
        }
    }
}

fn wait_for(receiver: &mpsc::Receiver<Value>, wanted: impl Fn(&Value) -> bool) -> Value {
    loop {
        let message = receiver.recv_timeout(Duration::from_secs(30)).expect("the server answers");
        if wanted(&message) {
            return message;
        }
    }
}

fn resident_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|number| number.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * fraction).round() as usize]
}

/// The server's own share: converting the findings to protocol diagnostics
/// (positions, data) and serialising the notification.
fn conversion_only(text: &str) -> (Duration, Duration) {
    let linter = surveylint::Linter::new();
    let findings = linter.lint_text(text, surveylint::TextFormat::Markdown, &surveylint::LintOptions::default());
    let mut times: Vec<Duration> = (0..WARMUP + 100)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(surveylint_lsp::diagnostics_json(text, &findings));
            started.elapsed()
        })
        .skip(WARMUP)
        .collect();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

/// What the editor end does with each publish: the size of the
/// notification and the time to parse it (this bench's reader thread parses
/// every message, so it is inside the measured latency too).
fn client_parse(text: &str) -> (usize, Duration, Duration) {
    let linter = surveylint::Linter::new();
    let findings = linter.lint_text(text, surveylint::TextFormat::Markdown, &surveylint::LintOptions::default());
    let json = surveylint_lsp::diagnostics_json(text, &findings);
    let mut times: Vec<Duration> = (0..WARMUP + 100)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(serde_json::from_str::<Value>(&json).unwrap());
            started.elapsed()
        })
        .skip(WARMUP)
        .collect();
    times.sort();
    (json.len(), percentile(&times, 0.5), percentile(&times, 0.99))
}

/// The server's share before linting: reading the whole Markdown text into
/// units again, as every change does.
fn parse_only(text: &str) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..WARMUP + 100)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(surveylint::parse_text(text, surveylint::TextFormat::Markdown));
            started.elapsed()
        })
        .skip(WARMUP)
        .collect();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

/// The core's incremental lint (a [`surveylint::LintCache`]) of the same
/// one-character edit the server gets, on an already parsed document: what
/// the cache leaves of the 13 ms lint from scratch. The bench's edit changes
/// a list number, which no unit holds; this one changes a digit inside the
/// question text, so the edited unit is analysed and matched again.
fn core_incremental(text: &str) -> (Duration, Duration) {
    let linter = surveylint::Linter::new();
    let options = surveylint::LintOptions::default();
    let at = text.find("onderdeel 501 ").unwrap() + "onderdeel 50".len();
    let documents: Vec<surveylint::Document> = ["1", "x"]
        .iter()
        .map(|digit| {
            let mut edited = text.to_owned();
            edited.replace_range(at..at + 1, digit);
            surveylint::parse_text(&edited, surveylint::TextFormat::Markdown)
        })
        .collect();
    let mut cache = surveylint::LintCache::new();
    let mut times: Vec<Duration> = (0..WARMUP + 300)
        .map(|round| {
            let started = Instant::now();
            std::hint::black_box(cache.lint(&linter, &documents[round % 2], &options));
            started.elapsed()
        })
        .skip(WARMUP)
        .collect();
    assert_eq!(cache.stats().matched, 1, "only the edited question is matched again");
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

/// The core alone on the same document, from scratch, to separate linting from protocol overhead.
fn core_only(text: &str) -> (Duration, Duration) {
    let linter = surveylint::Linter::new();
    let options = surveylint::LintOptions::default();
    let mut times: Vec<Duration> = (0..WARMUP + 100)
        .map(|_| {
            let started = Instant::now();
            let found = linter.lint_text(text, surveylint::TextFormat::Markdown, &options);
            std::hint::black_box(found);
            started.elapsed()
        })
        .skip(WARMUP)
        .collect();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

fn main() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_surveylint-lsp"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || read_messages(stdout, sender));

    send(&mut stdin, &json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }));
    wait_for(&receiver, |message| message["id"] == 1);
    send(&mut stdin, &json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    let idle_kib = resident_kib(pid, "VmRSS:");

    let text = questionnaire();
    let mut findings = 0;
    let uri = |index: usize| format!("file:///bench/enquete-{index}.md");
    for index in 0..OPEN_DOCUMENTS {
        send(
            &mut stdin,
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
                "uri": uri(index), "languageId": "markdown", "version": 1, "text": text } } }),
        );
        let published = wait_for(&receiver, |message| {
            message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri(index)
        });
        findings = published["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        assert!(findings >= QUESTIONS / 10, "every begging question is found ({findings} findings)");
    }
    let open_kib = resident_kib(pid, "VmRSS:");

    // Type into the text of question 500 ("… voor onderdeel 500?"): replace
    // the last digit of its part number back and forth, so the edited unit
    // is read, analysed and matched again on every change. (Until the
    // incremental linter this edited the list number "500.", which no unit
    // holds; a full lint took the same time either way.)
    let line = 4 + 499 * 5;
    let question = text.lines().nth(line).unwrap();
    let character = question.rfind("500?").unwrap() + 2;
    let mut latencies = Vec::with_capacity(SAMPLES);
    for round in 0..WARMUP + SAMPLES {
        let version = 2 + round as i64;
        let digit = if round % 2 == 0 { "1" } else { "0" };
        let change = json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": uri(0), "version": version },
            "contentChanges": [{ "range": { "start": { "line": line, "character": character }, "end": { "line": line, "character": character + 1 } }, "text": digit }] } });
        let started = Instant::now();
        send(&mut stdin, &change);
        wait_for(&receiver, |message| {
            message["method"] == "textDocument/publishDiagnostics" && message["params"]["version"] == version
        });
        if round >= WARMUP {
            latencies.push(started.elapsed());
        }
    }
    latencies.sort();
    let peak_kib = resident_kib(pid, "VmHWM:");

    send(&mut stdin, &json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    wait_for(&receiver, |message| message["id"] == 2);
    send(&mut stdin, &json!({ "jsonrpc": "2.0", "method": "exit" }));
    let _ = child.wait();

    println!("document: {QUESTIONS} questions, {} bytes, {findings} findings", text.len());
    let (convert_p50, convert_p99) = conversion_only(&text);
    println!(
        "conversion to protocol + JSON: p50 {:.2} ms, p99 {:.2} ms",
        convert_p50.as_secs_f64() * 1e3,
        convert_p99.as_secs_f64() * 1e3
    );
    let (bytes, parse_p50, parse_p99) = client_parse(&text);
    println!(
        "client side: publishDiagnostics of {bytes} bytes, JSON parse p50 {:.2} ms, p99 {:.2} ms",
        parse_p50.as_secs_f64() * 1e3,
        parse_p99.as_secs_f64() * 1e3
    );
    let (read_p50, read_p99) = parse_only(&text);
    println!(
        "reading the Markdown into units: p50 {:.2} ms, p99 {:.2} ms",
        read_p50.as_secs_f64() * 1e3,
        read_p99.as_secs_f64() * 1e3
    );
    let (core_p50, core_p99) = core_only(&text);
    println!("core lint alone: p50 {:.2} ms, p99 {:.2} ms", core_p50.as_secs_f64() * 1e3, core_p99.as_secs_f64() * 1e3);
    let (cached_p50, cached_p99) = core_incremental(&text);
    println!(
        "core lint through a LintCache after a one-character edit: p50 {:.2} ms, p99 {:.2} ms",
        cached_p50.as_secs_f64() * 1e3,
        cached_p99.as_secs_f64() * 1e3
    );
    println!(
        "didChange -> publishDiagnostics over {SAMPLES} edits: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    println!(
        "resident memory: {:.1} MB idle, {:.1} MB with {OPEN_DOCUMENTS} documents open, {:.1} MB peak",
        idle_kib as f64 / 1024.0,
        open_kib as f64 / 1024.0,
        peak_kib as f64 / 1024.0
    );
}
