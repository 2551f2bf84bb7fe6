//! A small LSP client that talks to the server over an in-memory pipe.
//!
//! It frames JSON-RPC messages itself (no LSP library on this side, so a bug
//! in the server's use of one cannot hide behind the same bug here), answers
//! the server's own requests (`workspace/configuration`,
//! `client/registerCapability`), and records them for assertions.

#![allow(dead_code, clippy::unwrap_used)]

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Guards against a hung server; no test waits this long when it passes.
const PATIENCE: Duration = Duration::from_secs(20);

type Writer = Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>;

/// The client end of a running server.
pub struct TestClient {
    writer: Writer,
    incoming: mpsc::UnboundedReceiver<Value>,
    buffered: VecDeque<Value>,
    next_id: i64,
    /// What `workspace/configuration` answers for every item (`null`: nothing set).
    pub settings: Arc<Mutex<Value>>,
    /// Every request the server sent to the client, in order.
    pub server_requests: Arc<Mutex<Vec<Value>>>,
    server: JoinHandle<Result<(), surveylint_lsp::TransportError>>,
    /// A fresh workspace folder on disk.
    pub root: PathBuf,
}

/// Writes one framed message.
async fn send(writer: &Writer, message: &Value) {
    let body = serde_json::to_string(message).unwrap();
    let mut writer = writer.lock().await;
    writer.write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).await.unwrap();
    writer.flush().await.unwrap();
}

/// Reads one framed message; `None` when the server closed the pipe.
async fn receive(reader: &mut BufReader<ReadHalf<DuplexStream>>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

impl TestClient {
    /// Starts a server and a fresh, empty workspace folder named after the test.
    pub fn start(test_name: &str) -> TestClient {
        let root = std::env::temp_dir().join(format!("surveylint-lsp-{test_name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(surveylint_lsp::serve(server_read, server_write));
        let (client_read, client_write) = tokio::io::split(client_end);
        let writer: Writer = Arc::new(tokio::sync::Mutex::new(client_write));
        let settings = Arc::new(Mutex::new(Value::Null));
        let server_requests = Arc::new(Mutex::new(Vec::new()));
        let (sender, incoming) = mpsc::unbounded_channel();
        let reader_writer = Arc::clone(&writer);
        let reader_settings = Arc::clone(&settings);
        let reader_requests = Arc::clone(&server_requests);
        tokio::spawn(async move {
            let mut reader = BufReader::new(client_read);
            while let Some(message) = receive(&mut reader).await {
                let is_server_request = message.get("method").is_some() && message.get("id").is_some();
                if !is_server_request {
                    let _ = sender.send(message);
                    continue;
                }
                reader_requests.lock().unwrap().push(message.clone());
                let result = match message["method"].as_str() {
                    Some("workspace/configuration") => {
                        let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                        let value = reader_settings.lock().unwrap().clone();
                        Value::Array(vec![value; items])
                    }
                    Some("workspace/applyEdit") => json!({ "applied": true }),
                    _ => Value::Null,
                };
                send(&reader_writer, &json!({ "jsonrpc": "2.0", "id": message["id"], "result": result })).await;
            }
        });
        TestClient { writer, incoming, buffered: VecDeque::new(), next_id: 0, settings, server_requests, server, root }
    }

    /// The `file://` URI of a path under the workspace folder.
    pub fn uri(&self, relative: &str) -> String {
        file_uri(&self.root.join(relative))
    }

    /// The workspace folder's URI.
    pub fn root_uri(&self) -> String {
        file_uri(&self.root)
    }

    /// Writes a file into the workspace folder.
    pub fn write_file(&self, relative: &str, text: &str) {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Sends a request and waits for its response (the whole message, so
    /// tests can assert on `result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        send(&self.writer, &json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })).await;
        self.wait_for(|message| message.get("id") == Some(&json!(id)) && message.get("method").is_none()).await
    }

    /// Sends a request and returns its `result`, failing the test on an error.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// Sends a notification.
    pub async fn notify(&mut self, method: &str, params: Value) {
        send(&self.writer, &json!({ "jsonrpc": "2.0", "method": method, "params": params })).await;
    }

    /// Waits for the next message that satisfies `wanted`, keeping the others.
    async fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.buffered.iter().position(&wanted) {
            return self.buffered.remove(index).unwrap();
        }
        loop {
            let message = tokio::time::timeout(PATIENCE, self.incoming.recv())
                .await
                .expect("the server answered in time")
                .expect("the server is still running");
            if wanted(&message) {
                return message;
            }
            self.buffered.push_back(message);
        }
    }

    /// The next `publishDiagnostics` for `uri`: `(version, diagnostics)`.
    pub async fn diagnostics(&mut self, uri: &str) -> (Value, Value) {
        let message = self
            .wait_for(|message| {
                message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
            })
            .await;
        (message["params"]["version"].clone(), message["params"]["diagnostics"].clone())
    }

    /// Waits for diagnostics of `uri` that `accept` takes (given version and
    /// diagnostics), skipping others. A server may publish the same version
    /// twice (a re-lint after `initialized` racing a `didOpen`), so tests
    /// that change settings wait for the state they expect; if it never
    /// comes, the test fails showing the last diagnostics seen.
    pub async fn diagnostics_where(&mut self, uri: &str, accept: impl Fn(&Value, &Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        let mut last = Value::Null;
        loop {
            let message = tokio::time::timeout_at(
                deadline,
                self.wait_for(|message| {
                    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
                }),
            )
            .await;
            let Ok(message) = message else { panic!("expected diagnostics never came; last seen: {last}") };
            let (version, diagnostics) = (&message["params"]["version"], &message["params"]["diagnostics"]);
            if accept(version, diagnostics) {
                return diagnostics.clone();
            }
            last = message["params"].clone();
        }
    }

    /// The parameters of the next notification called `method`.
    pub async fn wait_for_notification(&mut self, method: &str) -> Value {
        self.wait_for(|message| message["method"] == method && message.get("id").is_none()).await["params"].clone()
    }

    /// The first `publishDiagnostics` for `uri` at `version`, skipping older ones.
    pub async fn diagnostics_at(&mut self, uri: &str, version: i64) -> Value {
        self.diagnostics_where(uri, |published, _| published == &json!(version)).await
    }

    /// Initializes with the given client capabilities and options, with the
    /// workspace folder as the only folder, and sends `initialized`.
    pub async fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let root = self.root_uri();
        let result = self
            .call(
                "initialize",
                json!({
                    "processId": null,
                    "capabilities": capabilities,
                    "initializationOptions": options,
                    "workspaceFolders": [{ "uri": root, "name": "enquetes" }],
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result
    }

    /// Opens a document and returns the diagnostics of its first version.
    pub async fn open(&mut self, relative: &str, language_id: &str, text: &str) -> Value {
        let uri = self.uri(relative);
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language_id, "version": 1, "text": text } }),
        )
        .await;
        self.diagnostics_at(&uri, 1).await
    }

    /// Shuts down and exits, and checks the server stopped by itself.
    pub async fn stop(mut self) {
        let response = self.request("shutdown", Value::Null).await;
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null).await;
        let outcome = tokio::time::timeout(PATIENCE, self.server).await.expect("the server exits").expect("no panic");
        assert!(outcome.is_ok(), "the input was never lost: {outcome:?}");
        let _ = std::fs::remove_dir_all(&self.root);
    }

    /// Replaces the workspace path in a value with `<root>`, so snapshots do
    /// not depend on the temporary directory.
    pub fn redact(&self, value: &Value) -> Value {
        let text = serde_json::to_string(value).unwrap();
        let text = text.replace(&self.root_uri(), "file:///<root>").replace(&self.root.display().to_string(), "<root>");
        serde_json::from_str(&text).unwrap()
    }
}

/// `file://` plus the path, percent-encoding what a URI path may not hold.
pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.display().to_string().bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// Applies LSP text edits to `text`, counting characters in `encoding`
/// (`"utf-16"` or `"utf-8"`). Written independently of the server's own
/// conversion so a mistake there shows up here.
pub fn apply_edits(text: &str, edits: &[Value], encoding: &str) -> String {
    let mut resolved: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|edit| {
            let start = offset(text, &edit["range"]["start"], encoding);
            let end = offset(text, &edit["range"]["end"], encoding);
            (start, end, edit["newText"].as_str().unwrap().to_owned())
        })
        .collect();
    // Apply from the back so earlier offsets stay valid.
    resolved.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut result = text.to_owned();
    for (start, end, new_text) in resolved {
        result.replace_range(start..end, &new_text);
    }
    result
}

/// The byte offset of an LSP position in `text` (lines end with `\n`).
pub fn offset(text: &str, position: &Value, encoding: &str) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (index, c) in text[line_start..].char_indices() {
        if units >= character || c == '\n' {
            return line_start + index;
        }
        units += if encoding == "utf-8" { c.len_utf8() } else { c.len_utf16() };
    }
    text.len()
}

/// The text a diagnostic's range covers.
pub fn covered<'a>(text: &'a str, range: &Value, encoding: &str) -> &'a str {
    &text[offset(text, &range["start"], encoding)..offset(text, &range["end"], encoding)]
}
