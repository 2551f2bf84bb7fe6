//! A client that drives the real `surveylint-lsp` executable over its stdio,
//! as an editor does. It can send raw bytes (broken frames, invalid JSON),
//! so the tests exercise the transport the binary really uses, not the
//! in-memory pipe of `tests/common`.

#![allow(dead_code, clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Guards against a hung server; no test waits this long when it passes.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// The client end of a running server process.
pub struct Process {
    child: Child,
    /// `None` once closed; shared with the reader thread, which answers server requests.
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    incoming: mpsc::Receiver<Value>,
    buffered: Vec<Value>,
    stderr: Option<JoinHandle<String>>,
    next_id: i64,
}

/// Writes bytes and flushes; `false` when the server closed its input.
fn write(stdin: &Mutex<Option<ChildStdin>>, bytes: &[u8]) -> bool {
    let mut stdin = stdin.lock().unwrap();
    let Some(stdin) = stdin.as_mut() else { return false };
    stdin.write_all(bytes).and_then(|()| stdin.flush()).is_ok()
}

/// A message framed as the protocol says.
pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Reads framed messages until the server closes its output. Requests from
/// the server (`workspace/configuration`, `client/registerCapability`) are
/// answered with `null` so the server never waits on this client.
fn read_messages(stdout: impl Read, stdin: Arc<Mutex<Option<ChildStdin>>>, sender: mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
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
                length = value.parse::<usize>().ok();
            }
        }
        let Some(length) = length else { panic!("the server sent a frame without Content-Length") };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let message: Value = serde_json::from_slice(&body).expect("the server sends valid JSON");
        if message.get("method").is_some() && message.get("id").is_some() {
            let reply = json!({ "jsonrpc": "2.0", "id": message["id"], "result": null });
            write(&stdin, &frame(&reply.to_string()));
        }
        if sender.send(message).is_err() {
            return;
        }
    }
}

impl Process {
    /// Starts the binary Cargo built for this package.
    pub fn start() -> Process {
        Process::start_with_env(&[])
    }

    /// Starts the binary with extra environment variables.
    pub fn start_with_env(env: &[(&str, &str)]) -> Process {
        let mut command = Command::new(env!("CARGO_BIN_EXE_surveylint-lsp"));
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("the server binary starts");
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let (sender, incoming) = mpsc::channel();
        let reader_stdin = Arc::clone(&stdin);
        std::thread::spawn(move || read_messages(stdout, reader_stdin, sender));
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        Process { child, stdin, incoming, buffered: Vec::new(), stderr: Some(stderr), next_id: 0 }
    }

    /// Sends raw bytes; `false` when the server no longer reads.
    pub fn send_raw(&mut self, bytes: &[u8]) -> bool {
        write(&self.stdin, bytes)
    }

    /// Sends one message, framed.
    pub fn send(&mut self, message: &Value) {
        assert!(self.send_raw(&frame(&message.to_string())), "the server stopped reading");
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Sends a request and waits for its response (the whole message).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// The response to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(|message| message.get("method").is_none() && message["id"] == json!(id))
    }

    /// Waits for the next message that satisfies `wanted`, keeping the others.
    pub fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.buffered.iter().position(&wanted) {
            return self.buffered.remove(index);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(message) => message,
                Err(error) => {
                    let stderr = self.kill_and_stderr();
                    panic!("no expected message from the server ({error}); its stderr:\n{stderr}");
                }
            };
            if wanted(&message) {
                return message;
            }
            self.buffered.push(message);
        }
    }

    /// Drops the messages received but not yet waited for that `unwanted` matches.
    pub fn forget(&mut self, unwanted: impl Fn(&Value) -> bool) {
        while let Ok(message) = self.incoming.try_recv() {
            self.buffered.push(message);
        }
        self.buffered.retain(|message| !unwanted(message));
    }

    /// The messages received but not yet waited for.
    pub fn pending(&mut self) -> &[Value] {
        while let Ok(message) = self.incoming.try_recv() {
            self.buffered.push(message);
        }
        &self.buffered
    }

    /// The first `publishDiagnostics` for `uri` at `version`, skipping others.
    pub fn diagnostics_at(&mut self, uri: &str, version: i64) -> Value {
        self.wait_for(|message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == json!(version)
        })["params"]["diagnostics"]
            .clone()
    }

    /// Initializes (UTF-16, no workspace folder, nothing dynamic) and sends `initialized`.
    pub fn initialize(&mut self) -> Value {
        let response = self.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": { "general": { "positionEncodings": ["utf-16"] } } }),
        );
        assert!(response.get("result").is_some(), "initialize failed: {response}");
        self.notify("initialized", json!({}));
        response["result"].clone()
    }

    /// Opens a plain-text document at version 1.
    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
        );
    }

    /// Waits for the process to exit by itself and returns its status and stderr.
    pub fn wait_exit(&mut self) -> (ExitStatus, String) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.close_input();
                let stderr = self.stderr.take().map(|handle| handle.join().unwrap()).unwrap_or_default();
                return (status, stderr);
            }
            if Instant::now() > deadline {
                let stderr = self.kill_and_stderr();
                panic!("the server did not exit; its stderr:\n{stderr}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Closes the server's standard input, as a client that goes away does.
    pub fn close_input(&mut self) {
        self.stdin.lock().unwrap().take();
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Shuts down and exits as an editor does, and checks the exit is clean.
    pub fn stop(mut self) -> String {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        let (status, stderr) = self.wait_exit();
        assert!(status.success(), "exit status {status}; stderr:\n{stderr}");
        stderr
    }

    fn kill_and_stderr(&mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.close_input();
        self.stderr.take().map(|handle| handle.join().unwrap_or_default()).unwrap_or_default()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        // A failed test must not leave a server running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
