//! Latency and memory of the real server binary, driven over its stdio like
//! an editor: the time from sending `didChange` on a 1,000-question document
//! to receiving its `publishDiagnostics`, and the resident memory with 20
//! such documents open.
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
const OPEN_DOCUMENTS: usize = 20;

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

/// The core alone on the same document, to separate linting from protocol overhead.
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

    // Type into question 500: replace its number's last digit back and forth.
    let line = 4 + 499 * 5;
    let mut latencies = Vec::with_capacity(SAMPLES);
    for round in 0..WARMUP + SAMPLES {
        let version = 2 + round as i64;
        let digit = if round % 2 == 0 { "1" } else { "0" };
        let change = json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": uri(0), "version": version },
            "contentChanges": [{ "range": { "start": { "line": line, "character": 2 }, "end": { "line": line, "character": 3 } }, "text": digit }] } });
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
    let (core_p50, core_p99) = core_only(&text);
    println!("core lint alone: p50 {:.2} ms, p99 {:.2} ms", core_p50.as_secs_f64() * 1e3, core_p99.as_secs_f64() * 1e3);
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
