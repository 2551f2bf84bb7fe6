//! `surveylint check`: find the inputs and their configuration, lint them in
//! parallel, apply fixes, report, pick the exit code.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Result;
use surveylint::{Diagnostic, LintOptions, Linter, Rule, Severity};
use surveylint_config::{Config, LoadedConfig};

use crate::input::{self, InputError, SourceFile, MAX_INPUT_BYTES};
use crate::output::{self, human::Style, FileReport};
use crate::progress::Progress;
use crate::{fix, statistics, CheckArgs, ExitStatus, InputArgs, OutputFormat};

/// One input to lint: a file, or standard input.
enum Target {
    File(PathBuf),
    Stdin,
}

/// The linter and configuration that apply to some files.
pub struct Setup {
    /// `None` when no configuration file was found: built-in defaults.
    config: Option<LoadedConfig>,
    pub linter: Linter,
}

/// A target with everything needed to lint it on any thread.
pub struct Job {
    target: Target,
    pub setup: Arc<Setup>,
    /// Standard input, read up front on the main thread.
    stdin: Option<Vec<u8>>,
}

/// Every input linted: each read input with its job, in input order, and
/// which inputs could not be read (already reported on standard error).
pub struct Linted {
    pub setups: Setups,
    pub files: Vec<(Job, FileReport)>,
    pub failures: Vec<(String, String)>,
}

/// Finds the inputs and their configuration and lints them in parallel; an
/// input that cannot be read is named on standard error and left out.
pub fn lint_inputs(input: &InputArgs) -> Result<Linted> {
    let mut failures = Vec::new();
    let mut report_error = |path: &str, message: &str| {
        eprintln!("surveylint: {path}: {message}");
        failures.push((path.to_owned(), message.to_owned()));
    };
    let targets = collect_targets(&input.paths, input.only_surveys, input.config.as_deref(), &mut report_error);
    let mut setups = Setups::new(input.config.as_deref())?;
    let mut jobs = Vec::with_capacity(targets.len());
    for target in targets {
        let config_start = match &target {
            Target::File(path) => path.clone(),
            Target::Stdin => input.stdin_filename.as_deref().map_or_else(|| PathBuf::from("."), PathBuf::from),
        };
        // A broken configuration is fatal: linting with half of it would be worse.
        let setup = setups.for_path(&config_start)?;
        let stdin = match target {
            Target::Stdin => match read_stdin(input) {
                Ok(bytes) => Some(bytes),
                Err((path, message)) => {
                    report_error(&path, &message);
                    continue;
                }
            },
            Target::File(_) => None,
        };
        jobs.push(Job { target, setup, stdin });
    }

    let progress = Progress::new(jobs.len());
    let outcomes = parallel_map(&jobs, |job| lint_job(job, input), &progress);
    progress.finish();

    let mut files = Vec::with_capacity(outcomes.len());
    for (job, outcome) in jobs.into_iter().zip(outcomes) {
        match outcome {
            Ok(report) => {
                if let Some(notice) = &report.source.notice {
                    eprintln!("surveylint: {}: {notice}", report.path);
                }
                files.push((job, report));
            }
            Err((path, message)) => report_error(&path, &message),
        }
    }
    Ok(Linted { setups, files, failures })
}

pub fn run(args: &CheckArgs) -> Result<ExitStatus> {
    let Linted { setups, files, failures } = lint_inputs(&args.input)?;
    let mut input_failed = !failures.is_empty();
    let mut report_error = |path: &str, message: &str| {
        input_failed = true;
        eprintln!("surveylint: {path}: {message}");
    };
    let (fixable, mut reports): (Vec<Job>, Vec<FileReport>) = files.into_iter().unzip();

    let stdout = io::stdout();
    // Buffered: line-by-line writes cost one system call per line of pretty JSON.
    let mut out = io::BufWriter::new(stdout.lock());
    if args.fix || args.diff {
        let (summary, changed_files) = apply_fixes(args, &fixable, &mut reports, &mut out, &mut report_error)?;
        eprintln!("surveylint: {summary}");
        if args.diff {
            // Like `git diff --exit-code`: 1 tells CI that fixes are waiting.
            out.flush()?;
            return Ok(if input_failed {
                ExitStatus::Error
            } else if changed_files > 0 {
                ExitStatus::Findings
            } else {
                ExitStatus::Clean
            });
        }
    }

    match args.format {
        OutputFormat::Human => {
            let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            if !args.statistics {
                output::human::render(&reports, Style { color }, &mut out)?;
            }
        }
        OutputFormat::Json => output::json::render(&reports, &mut out)?,
        OutputFormat::JsonLines => output::json_lines::render(&reports, &mut out)?,
        OutputFormat::Github => output::github::render(&reports, &mut out)?,
        OutputFormat::Sarif => output::sarif::render(&reports, &setups.rules(), &mut out)?,
        OutputFormat::Markdown => output::markdown::render(&reports, &setups.rules(), &mut out)?,
    }
    if args.statistics {
        // Machine-readable formats keep standard output to themselves.
        if args.format == OutputFormat::Human {
            statistics::render(&reports, &mut out)?;
        } else {
            statistics::render(&reports, &mut io::stderr().lock())?;
        }
    }
    out.flush()?;
    // The process ends after this: freeing each linter's compiled patterns one
    // by one would cost about as much as linting a small file (issue 9).
    std::mem::forget(setups);

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

/// Finds and caches the configuration (and the linter built from it) for each folder.
pub struct Setups {
    explicit: Option<Arc<Setup>>,
    by_config: HashMap<PathBuf, Arc<Setup>>,
    by_folder: HashMap<PathBuf, Arc<Setup>>,
    default: Option<Arc<Setup>>,
}

impl Setups {
    /// `--config PATH` applies to every file; without it each file's folder
    /// is searched upwards.
    fn new(explicit: Option<&Path>) -> Result<Setups> {
        let explicit = match explicit {
            Some(path) => {
                let loaded = Config::load(path)?;
                let linter = loaded.linter()?;
                Some(Arc::new(Setup { config: Some(loaded), linter }))
            }
            None => None,
        };
        Ok(Setups { explicit, by_config: HashMap::new(), by_folder: HashMap::new(), default: None })
    }

    fn for_path(&mut self, path: &Path) -> Result<Arc<Setup>> {
        if let Some(explicit) = &self.explicit {
            return Ok(Arc::clone(explicit));
        }
        let folder =
            if path.is_dir() { path.to_path_buf() } else { path.parent().unwrap_or(Path::new("")).to_path_buf() };
        if let Some(setup) = self.by_folder.get(&folder) {
            return Ok(Arc::clone(setup));
        }
        let setup = match Config::discover(path)? {
            Some(loaded) => match self.by_config.get(loaded.path()) {
                Some(setup) => Arc::clone(setup),
                None => {
                    let linter = loaded.linter()?;
                    let config_path = loaded.path().to_path_buf();
                    let setup = Arc::new(Setup { config: Some(loaded), linter });
                    self.by_config.insert(config_path, Arc::clone(&setup));
                    setup
                }
            },
            None => {
                Arc::clone(self.default.get_or_insert_with(|| Arc::new(Setup { config: None, linter: Linter::new() })))
            }
        };
        self.by_folder.insert(folder, Arc::clone(&setup));
        Ok(setup)
    }

    /// Every rule any of the linters knows, once, in code order (for SARIF).
    pub fn rules(&self) -> Vec<&Rule> {
        let setups = self.explicit.iter().chain(self.by_config.values()).chain(self.default.iter());
        let mut rules: Vec<&Rule> = setups.flat_map(|setup| setup.linter.rules()).collect();
        rules.sort_by(|a, b| (&a.code, &a.slug).cmp(&(&b.code, &b.slug)));
        rules.dedup_by(|a, b| a.slug == b.slug);
        rules
    }
}

impl Job {
    /// The options this job's input was linted with.
    pub fn options(&self, input: &InputArgs) -> LintOptions {
        let name = match &self.target {
            Target::File(path) => path.clone(),
            Target::Stdin => input.stdin_filename.as_ref().map_or_else(|| PathBuf::from("."), PathBuf::from),
        };
        options_for(input, &self.setup, &name)
    }
}

/// The options for one input: its configuration's, with `--lang` on top.
fn options_for(args: &InputArgs, setup: &Setup, path: &Path) -> LintOptions {
    let mut options = match &setup.config {
        Some(config) => config.lint_options_for(path),
        None => LintOptions::default(),
    };
    if let Some(language) = args.lang.language() {
        options.language = Some(language);
    }
    options
}

/// Reads, parses and lints one job. Runs on a worker thread.
fn lint_job(job: &Job, args: &InputArgs) -> Result<FileReport, (String, String)> {
    let (path, bytes, name) = match (&job.target, &job.stdin) {
        (Target::File(file), _) => {
            let (path, bytes) = read_file(file)?;
            (path, bytes, Some(file.clone()))
        }
        (Target::Stdin, stdin) => {
            let path = args.stdin_filename.clone().unwrap_or_else(|| "<stdin>".to_owned());
            (path, stdin.clone().unwrap_or_default(), args.stdin_filename.as_ref().map(PathBuf::from))
        }
    };
    let source =
        parse(name.as_deref(), bytes, args, &job.setup).map_err(|InputError(message)| (path.clone(), message))?;
    let diagnostics = lint_source(&job.setup, args, name.as_deref(), &source);
    Ok(FileReport::new(path, source, diagnostics))
}

fn parse(name: Option<&Path>, bytes: Vec<u8>, args: &InputArgs, setup: &Setup) -> Result<SourceFile, InputError> {
    // `[[formats.custom]]` in the file's configuration says how to read it.
    let configured = setup.config.as_ref().and_then(|config| {
        let entry = config.format_for(name?)?;
        Some(input::Configured { entry, config: config.path() })
    });
    input::parse(name, bytes, args.input_format.as_deref(), configured.as_ref())
}

fn lint_source(setup: &Setup, args: &InputArgs, name: Option<&Path>, source: &SourceFile) -> Vec<Diagnostic> {
    let path = name.unwrap_or(Path::new("."));
    let options = options_for(args, setup, path);
    let diagnostics = setup.linter.lint(&source.document, &options);
    match &setup.config {
        Some(config) => config.apply_ignored_findings(path, &source.document, diagnostics, &setup.linter, &options),
        None => diagnostics,
    }
}

/// Runs `work` on every item on all cores; results come back in item order,
/// so the output does not depend on thread timing.
fn parallel_map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync, progress: &Progress) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(items.len()).max(1);
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(index) else { break };
                let result = work(item);
                if let Ok(mut slot) = slots[index].lock() {
                    *slot = Some(result);
                }
                progress.tick();
            });
        }
    });
    slots.into_iter().filter_map(|slot| slot.into_inner().ok().flatten()).collect()
}

/// Applies (`--fix`) or prints (`--diff`) the fixes; returns the summary
/// line and how many files changed (or would change).
fn apply_fixes(
    args: &CheckArgs,
    jobs: &[Job],
    reports: &mut [FileReport],
    out: &mut dyn Write,
    report_error: &mut impl FnMut(&str, &str),
) -> Result<(String, usize)> {
    let (mut fixed, mut files, mut overlapping, mut in_cells, mut unsafe_left) = (0, 0, 0, 0, 0);
    for (job, report) in jobs.iter().zip(reports.iter_mut()) {
        let Target::File(path) = &job.target else {
            if report.diagnostics.iter().any(|d| !d.suggestions.is_empty()) {
                report_error(&report.path, "--fix and --diff do not apply to standard input");
            }
            continue;
        };
        let Some(original) = report.source.text.clone() else {
            in_cells += fix::plan("", &report.diagnostics, args.unsafe_fixes).in_cells;
            continue;
        };
        let diagnostics = std::mem::take(&mut report.diagnostics);
        let mut reparsed = None;
        let outcome = fix::fix_until_stable(&original, diagnostics, args.unsafe_fixes, |text| {
            let parsed = parse(Some(path), text.as_bytes().to_vec(), &args.input, &job.setup)?;
            let diagnostics = lint_source(&job.setup, &args.input, Some(path), &parsed);
            reparsed = Some(parsed);
            Ok::<_, InputError>(diagnostics)
        });
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(InputError(message)) => {
                report_error(&report.path, &format!("the fixed text no longer parses ({message}); not written"));
                report.diagnostics = lint_source(&job.setup, &args.input, Some(path), &report.source);
                continue;
            }
        };
        overlapping += outcome.overlapping;
        in_cells += outcome.in_cells;
        unsafe_left += outcome.diagnostics.iter().filter(|d| d.suggestions.first().is_some_and(|s| !s.safe)).count();
        let text = outcome.text;
        if text == original {
            report.diagnostics = outcome.diagnostics;
            continue;
        }
        if args.diff {
            if let Some(diff) = fix::unified_diff(&report.path, &original, &text) {
                out.write_all(diff.as_bytes())?;
            }
        } else if let Err(error) = fix::write_atomically(path, &text) {
            report_error(&report.path, &format!("cannot write the fixed file ({error}); the original is unchanged"));
            report.diagnostics = lint_source(&job.setup, &args.input, Some(path), &report.source);
            continue;
        }
        fixed += outcome.applied;
        files += 1;
        report.diagnostics = outcome.diagnostics;
        if let Some(source) = reparsed {
            report.source = source;
        }
    }
    let verb = if args.diff { "would fix" } else { "fixed" };
    let mut summary = format!("{verb} {fixed} finding(s) in {files} file(s)");
    if overlapping > 0 {
        summary.push_str(&format!("; {overlapping} overlapping suggestion(s) skipped"));
    }
    if in_cells > 0 {
        summary.push_str(&format!(
            "; {in_cells} finding(s) in spreadsheet cells or Word paragraphs cannot be fixed automatically"
        ));
    }
    if unsafe_left > 0 && !args.unsafe_fixes {
        summary.push_str(&format!("; {unsafe_left} more with --unsafe (review those rewrites)"));
    }
    Ok((summary, files))
}

/// Expands the given paths: files as given, directories walked (honouring
/// `.gitignore`) for the file types surveylint reads, `-` for stdin. With
/// `only_surveys`, named files are filtered like walked ones.
fn collect_targets(
    paths: &[PathBuf],
    only_surveys: bool,
    config: Option<&Path>,
    report_error: &mut impl FnMut(&str, &str),
) -> Vec<Target> {
    let mut configured = ConfiguredFiles { explicit: config, by_folder: HashMap::new() };
    let mut is_lintable =
        |path: &Path| (input::is_lintable(path) && !configured.is_rule_data(path)) || configured.names(path);
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
                        if is_file && is_lintable(entry.path()) {
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
            if !only_surveys || is_lintable(path) {
                targets.push(Target::File(path.clone()));
            }
        } else {
            report_error(&path.display().to_string(), "no such file or directory");
        }
    }
    targets
}

/// Finds, for a directory walk, the JSON and YAML files a `[[formats.custom]]`
/// entry names (their content alone would not be picked up), and the word
/// classes of an `extra-rules` pack (text files that are rule data, not
/// surveys). A broken configuration counts as naming nothing here; linting
/// reports it.
struct ConfiguredFiles<'a> {
    explicit: Option<&'a Path>,
    by_folder: HashMap<PathBuf, Option<LoadedConfig>>,
}

impl ConfiguredFiles<'_> {
    fn names(&mut self, path: &Path) -> bool {
        let extension = path.extension().and_then(|extension| extension.to_str()).unwrap_or_default();
        if !["json", "yml", "yaml"].iter().any(|wanted| extension.eq_ignore_ascii_case(wanted)) {
            return false;
        }
        self.config_for(path).is_some_and(|config| config.format_for(path).is_some())
    }

    /// Whether `path` is a class file in the `lexicon/` of one of its
    /// configuration's `extra-rules` folders. Only paths through a folder
    /// named `lexicon` are looked up, so a walk pays nothing for the rest.
    fn is_rule_data(&mut self, path: &Path) -> bool {
        if !path.components().any(|component| component.as_os_str() == "lexicon") {
            return false;
        }
        let Ok(file) = std::fs::canonicalize(path) else { return false };
        let Some(config) = self.config_for(path) else { return false };
        config
            .config()
            .extra_rules
            .iter()
            .any(|(_, dir)| std::fs::canonicalize(dir).is_ok_and(|dir| file.starts_with(dir.join("lexicon"))))
    }

    /// The configuration that governs `path` (loaded once per folder).
    fn config_for(&mut self, path: &Path) -> Option<&LoadedConfig> {
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let explicit = self.explicit;
        let config = self.by_folder.entry(folder).or_insert_with(|| match explicit {
            Some(config) => Config::load(config).ok(),
            None => Config::discover(path).ok().flatten(),
        });
        config.as_ref()
    }
}

/// Reads standard input, refusing anything over [`MAX_INPUT_BYTES`].
fn read_stdin(args: &InputArgs) -> Result<Vec<u8>, (String, String)> {
    let name = args.stdin_filename.clone().unwrap_or_else(|| "<stdin>".to_owned());
    match input::read_capped(io::stdin().lock()) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err((name, too_large())),
        Err(error) => Err((name, format!("cannot read standard input: {error}"))),
    }
}

/// Reads a file, refusing anything over [`MAX_INPUT_BYTES`] (checked while
/// reading, not from metadata: FIFOs and devices report a size of 0).
fn read_file(path: &Path) -> Result<(String, Vec<u8>), (String, String)> {
    let name = path.display().to_string();
    let read = std::fs::File::open(path).and_then(input::read_capped);
    match read {
        Ok(Some(bytes)) => Ok((name, bytes)),
        Ok(None) => Err((name, too_large())),
        Err(error) => Err((name, format!("cannot read: {error}"))),
    }
}

fn too_large() -> String {
    format!("is larger than {} MiB; surveylint reads questionnaires, not data exports", MAX_INPUT_BYTES / 1024 / 1024)
}
