//! CLI tests as data: every `tests/cli/*.toml` file names the arguments (and
//! optional standard input) of one `surveylint` run; the exit status, stdout
//! and stderr are compared with an insta snapshot. Add a case by adding a file.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    stdin: Option<String>,
}

fn run_case(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let case: Case = toml::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    // Run from the workspace root so paths in the output are short and stable.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_surveylint"))
        .args(&case.args)
        .current_dir(&root)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start surveylint: {error}"));
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(case.stdin.unwrap_or_default().as_bytes());
    }
    let output = child.wait_with_output().unwrap_or_else(|error| panic!("surveylint did not finish: {error}"));
    format!(
        "args: {:?}\nstatus: {}\n--- stdout\n{}--- stderr\n{}",
        case.args,
        output.status.code().map_or("signal".to_owned(), |code| code.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn cli_cases() {
    insta::glob!("cli/*.toml", |path| {
        insta::assert_snapshot!(run_case(path));
    });
}
