//! `surveylint check`: find the inputs, lint them, report, pick the exit code.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use surveylint::{LintOptions, Linter, Severity};

use crate::input::{self, InputError, MAX_INPUT_BYTES};
use crate::output::{self, human::Style, FileReport};
use crate::{CheckArgs, ExitStatus, OutputFormat};

/// One input to lint: a file, or standard input.
enum Target {
    File(PathBuf),
    Stdin,
}

pub fn run(args: &CheckArgs, linter: &Linter) -> Result<ExitStatus> {
    let mut input_failed = false;
    let mut report_error = |path: &str, message: &str| {
        input_failed = true;
        eprintln!("surveylint: {path}: {message}");
    };
    let targets = collect_targets(&args.paths, &mut report_error);
    let options = LintOptions::with_language(args.lang.language());
    let mut reports = Vec::with_capacity(targets.len());
    for target in targets {
        let (path, bytes) = match read_target(&target, args) {
            Ok(read) => read,
            Err((path, message)) => {
                report_error(&path, &message);
                continue;
            }
        };
        let name = match &target {
            Target::File(file) => Some(file.as_path()),
            Target::Stdin => args.stdin_filename.as_deref().map(Path::new),
        };
        match input::parse(name, bytes, args.input_format.as_deref()) {
            Ok(source) => {
                let diagnostics = linter.lint(&source.document, &options);
                reports.push(FileReport { path, source, diagnostics });
            }
            Err(InputError(message)) => report_error(&path, &message),
        }
    }

    let stdout = io::stdout();
    let mut out = stdout.lock();
    match args.format {
        OutputFormat::Human => {
            let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            output::human::render(&reports, Style { color }, &mut out)?;
        }
        OutputFormat::Json => output::json::render(&reports, &mut out)?,
    }
    out.flush()?;

    let threshold: Severity = args.fail_on.into();
    let failing = reports.iter().flat_map(|report| &report.diagnostics).any(|d| d.severity >= threshold);
    Ok(if input_failed {
        ExitStatus::Error
    } else if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}

/// Expands the given paths: files as given, directories walked (honouring
/// `.gitignore`) for the file types surveylint reads, `-` for stdin.
fn collect_targets(paths: &[PathBuf], report_error: &mut impl FnMut(&str, &str)) -> Vec<Target> {
    let mut targets = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            targets.push(Target::Stdin);
        } else if path.is_dir() {
            let mut found: Vec<PathBuf> = Vec::new();
            for entry in ignore::WalkBuilder::new(path).build() {
                match entry {
                    Ok(entry) => {
                        let is_file = entry.file_type().is_some_and(|kind| kind.is_file());
                        if is_file && input::is_lintable(entry.path()) {
                            found.push(entry.into_path());
                        }
                    }
                    Err(error) => report_error(&path.display().to_string(), &error.to_string()),
                }
            }
            // Walk order depends on the file system; sorting keeps output stable.
            found.sort();
            targets.extend(found.into_iter().map(Target::File));
        } else if path.exists() {
            targets.push(Target::File(path.clone()));
        } else {
            report_error(&path.display().to_string(), "no such file or directory");
        }
    }
    targets
}

/// Reads a target, refusing anything over [`MAX_INPUT_BYTES`] before reading it.
fn read_target(target: &Target, args: &CheckArgs) -> Result<(String, Vec<u8>), (String, String)> {
    match target {
        Target::Stdin => {
            let name = args.stdin_filename.clone().unwrap_or_else(|| "<stdin>".to_owned());
            let mut bytes = Vec::new();
            let read = io::stdin().lock().take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes);
            match read {
                Ok(_) if bytes.len() as u64 > MAX_INPUT_BYTES => Err((name, too_large())),
                Ok(_) => Ok((name, bytes)),
                Err(error) => Err((name, format!("cannot read standard input: {error}"))),
            }
        }
        Target::File(path) => {
            let name = path.display().to_string();
            let size = std::fs::metadata(path).map(|metadata| metadata.len()).unwrap_or(0);
            if size > MAX_INPUT_BYTES {
                return Err((name, too_large()));
            }
            std::fs::read(path)
                .map(|bytes| (name.clone(), bytes))
                .map_err(|error| (name, format!("cannot read: {error}")))
        }
    }
}

fn too_large() -> String {
    format!("is larger than {} MiB; surveylint reads questionnaires, not data exports", MAX_INPUT_BYTES / 1024 / 1024)
}
