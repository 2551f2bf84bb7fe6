//! `surveylint-fuzz`: mutation fuzzing on stable Rust.
//!
//! No nightly toolchain (and so no libFuzzer) is available where surveylint
//! is built, so this driver mutates seed files itself (byte changes plus a
//! dictionary of escapes, markup and multi-byte characters), runs every
//! reader, the linter and the fixer on each mutant, and checks invariants,
//! not only crashes: spans inside the source and on char boundaries, valid
//! unit indexes, fixes that change only their spans, re-read cleanly and are
//! idempotent, and the language server's incremental linter (`LintCache`)
//! agreeing with a lint from scratch across a one-letter edit. A finding is written to the failures folder and the run
//! exits with 1; `--replay FILE` runs one saved input again.
//!
//! ```sh
//! cargo run -p surveylint-fuzz -- --seconds 60            # every target, a minute each (CI)
//! cargo run --release -p surveylint-fuzz -- --seconds 3600 limesurvey   # a long local run
//! ```

mod mutate;
mod random;
mod targets;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use surveylint::Linter;

use random::Random;
use targets::{Target, TARGETS};

/// Mutants above this size are dropped: the targets are about structure, and
/// linear-time behaviour on large inputs is measured by the benchmarks.
const MAX_INPUT: usize = 256 * 1024;
/// One execution slower than this counts as a finding (a hang on small input).
const SLOW: Duration = Duration::from_secs(5);
/// How many grown inputs a target keeps beside its seeds.
const POOL: usize = 256;

struct Args {
    seconds: u64,
    seed: u64,
    seed_dirs: Vec<PathBuf>,
    failures: PathBuf,
    replay: Option<PathBuf>,
    targets: Vec<String>,
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        seconds: 60,
        seed: 1,
        seed_dirs: Vec::new(),
        failures: PathBuf::from("target/fuzz-failures"),
        replay: None,
        targets: Vec::new(),
    };
    let mut words = std::env::args().skip(1);
    while let Some(word) = words.next() {
        let mut value = |name: &str| words.next().with_context(|| format!("{name} needs a value"));
        match word.as_str() {
            "--seconds" => args.seconds = value("--seconds")?.parse().context("--seconds takes a number")?,
            "--seed" => args.seed = value("--seed")?.parse().context("--seed takes a number")?,
            "--seeds" => args.seed_dirs.push(PathBuf::from(value("--seeds")?)),
            "--failures" => args.failures = PathBuf::from(value("--failures")?),
            "--replay" => args.replay = Some(PathBuf::from(value("--replay")?)),
            "-h" | "--help" => {
                eprintln!("usage: surveylint-fuzz [--seconds N] [--seed N] [--seeds DIR]... [--failures DIR] [--replay FILE] [TARGET]...");
                eprintln!("targets: {}", TARGETS.iter().map(|target| target.name).collect::<Vec<_>>().join(", "));
                std::process::exit(0);
            }
            name if !name.starts_with('-') => args.targets.push(name.to_owned()),
            other => bail!("unknown option {other}"),
        }
    }
    if args.seed_dirs.is_empty() {
        args.seed_dirs = vec![PathBuf::from("tests/fixtures"), PathBuf::from("examples")];
        // The real questionnaires beside the clone, when the caller points at them.
        if let Some(corpus) = std::env::var_os("SURVEYLINT_CORPUS") {
            args.seed_dirs.push(PathBuf::from(corpus));
        }
    }
    Ok(args)
}

/// The message of the last panic, kept by a silent hook so a caught panic
/// becomes a finding instead of noise on stderr.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> Result<()> {
    let args = parse_args()?;
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(info.to_string());
        }
    }));
    let selected: Vec<&Target> = if args.targets.is_empty() {
        TARGETS.iter().collect()
    } else {
        args.targets
            .iter()
            .map(|name| {
                TARGETS.iter().find(|target| target.name == name).with_context(|| format!("no target `{name}`"))
            })
            .collect::<Result<_>>()?
    };
    let linter = Linter::new();
    if let Some(replay) = &args.replay {
        let input = std::fs::read(replay).with_context(|| format!("cannot read {}", replay.display()))?;
        let mut failed = false;
        for target in selected {
            if let Err(why) = execute(target, &linter, &input).map(|_| ()) {
                eprintln!("{}: {why}", target.name);
                failed = true;
            }
        }
        if failed {
            std::process::exit(1);
        }
        eprintln!("no finding");
        return Ok(());
    }
    let mut findings = 0;
    for target in selected {
        findings += fuzz(target, &linter, &args)?;
    }
    if findings > 0 {
        eprintln!("surveylint-fuzz: {findings} finding(s); inputs in {}", args.failures.display());
        std::process::exit(1);
    }
    Ok(())
}

/// Runs one input, turning a panic or a slow run into a finding; `Ok(true)`
/// when the input was read (and so is worth mutating further).
fn execute(target: &Target, linter: &Linter, input: &[u8]) -> Result<bool, String> {
    let started = Instant::now();
    let outcome = std::panic::catch_unwind(|| target.run(linter, input));
    let result = match outcome {
        Ok(result) => result,
        Err(_) => {
            let message = LAST_PANIC.lock().ok().and_then(|mut last| last.take()).unwrap_or_default();
            Err(format!("panic: {message}"))
        }
    };
    let elapsed = started.elapsed();
    if result.is_ok() && elapsed > SLOW {
        return Err(format!("took {elapsed:?} on {} bytes", input.len()));
    }
    result
}

/// Fuzzes one target for the configured time; returns the number of findings.
fn fuzz(target: &Target, linter: &Linter, args: &Args) -> Result<usize> {
    let seeds = load_seeds(&args.seed_dirs, target.extensions)?;
    if seeds.is_empty() {
        bail!("target {}: no seed files with extension {:?} in {:?}", target.name, target.extensions, args.seed_dirs);
    }
    let mut random = Random::new(args.seed ^ fxhash(target.name.as_bytes()));
    let mut pool: Vec<Vec<u8>> = seeds.clone();
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let (mut executions, mut findings) = (0u64, 0usize);
    let mut slowest = Duration::ZERO;
    // Every seed once as it is, then mutants until the deadline.
    let mut queue: Vec<Vec<u8>> = seeds.clone();
    while !queue.is_empty() || Instant::now() < deadline {
        let input = match queue.pop() {
            Some(seed) => seed,
            None => {
                let index = random.below(pool.len());
                let mutant = mutate::mutate(&pool[index], &seeds, &mut random);
                target.prepare(&pool[index], mutant, &seeds, &mut random)
            }
        };
        if input.len() > MAX_INPUT {
            continue;
        }
        let started = Instant::now();
        let result = execute(target, linter, &input);
        slowest = slowest.max(started.elapsed());
        executions += 1;
        match result {
            Ok(read) => {
                // Keep some mutants the reader accepted, so changes pile up over generations.
                if read && random.one_in(8) {
                    if pool.len() < seeds.len() + POOL {
                        pool.push(input);
                    } else {
                        let slot = seeds.len() + random.below(POOL);
                        pool[slot] = input;
                    }
                }
            }
            Err(why) => {
                findings += 1;
                let path = save_failure(&args.failures, target.name, &input)?;
                eprintln!("fuzz {}: FINDING: {why}\n  input: {}", target.name, path.display());
                if findings >= 5 {
                    break;
                }
            }
        }
    }
    eprintln!(
        "fuzz {}: {executions} executions in {}s from {} seeds, slowest {:.0?}, {findings} finding(s)",
        target.name,
        args.seconds,
        seeds.len(),
        slowest
    );
    Ok(findings)
}

fn load_seeds(dirs: &[PathBuf], extensions: &[&str]) -> Result<Vec<Vec<u8>>> {
    let mut files = Vec::new();
    for dir in dirs {
        collect_files(dir, extensions, &mut files)
            .with_context(|| format!("cannot read seeds in {}", dir.display()))?;
    }
    files.sort();
    files.iter().map(|path| std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))).collect()
}

fn collect_files(dir: &Path, extensions: &[&str], files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, extensions, files)?;
        } else if path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| extensions.iter().any(|wanted| extension.eq_ignore_ascii_case(wanted)))
        {
            files.push(path);
        }
    }
    Ok(())
}

fn save_failure(folder: &Path, target: &str, input: &[u8]) -> Result<PathBuf> {
    std::fs::create_dir_all(folder).with_context(|| format!("cannot create {}", folder.display()))?;
    let path = folder.join(format!("{target}-{:016x}", fxhash(input)));
    std::fs::write(&path, input).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// A stable hash for file names and per-target seeds (FNV-1a).
fn fxhash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}
