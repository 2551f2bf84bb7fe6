//! The `surveylint` command line.

mod check;
mod config_cmd;
mod debug;
mod explain;
mod fix;
mod input;
mod output;
mod positions;
mod progress;
mod report;
mod statistics;
mod test_rules;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use surveylint::{Language, Linter, Severity};

/// Finds manipulative wording in survey questions and invitations (Dutch and English).
#[derive(Parser)]
#[command(name = "surveylint", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files, directories (walked, honouring .gitignore) or standard input (`-`).
    Check(CheckArgs),
    /// Write a review report: one self-contained HTML page with each questionnaire as respondents
    /// see it, the problems marked, explained and rewritten, and a summary to forward.
    Report(ReportArgs),
    /// Start the language server on standard input and output (the same server as `surveylint-lsp`).
    Server,
    /// List every rule.
    Rules {
        /// Print the rules as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Explain a rule: why it matters, how to ask neutrally, examples and sources.
    Explain {
        /// The rule's slug (`score-begging`) or code (`SL001`), in any letter case.
        rule: String,
        /// Only this language's texts.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Show which configuration file applies to a path and every setting's value there.
    Config {
        /// The file or folder to show the settings for.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Use this configuration file instead of searching for one.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Show what the engine sees and does with a text or file: units, language, matching view,
    /// sentences, word classes, and every pattern match with why it was or was not reported.
    Debug {
        /// A file to read, or else the text itself.
        target: String,
        /// Language of the text; `auto` detects it per paragraph.
        #[arg(long, value_enum, default_value_t = LangArg::Auto)]
        lang: LangArg,
        /// Print the trace as JSON.
        #[arg(long)]
        json: bool,
        /// Use this configuration file (and the rule packs its `extra-rules` names) instead of
        /// searching the current folder and its parents.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run the examples of every rule file in a folder (a team's own rules).
    TestRules {
        /// The folder holding the rule files (`*.toml`).
        dir: PathBuf,
    },
}

/// What to read and how: the inputs, their language and configuration. Shared by `check` and `report`.
#[derive(Args)]
pub struct InputArgs {
    /// Files or directories to lint; `-` reads standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Language of the texts; `auto` detects it per paragraph.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    lang: LangArg,
    /// The file name to report (and detect the format from) for standard input.
    #[arg(long)]
    stdin_filename: Option<String>,
    /// Read every input as this format instead of detecting it.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(input::FORMAT_NAMES))]
    input_format: Option<String>,
    /// Use this configuration file instead of searching each file's folder and its parents.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Skip named files that are not surveys surveylint reads (a `package.json`), as a
    /// directory walk does, instead of reporting them; for hooks that pass every changed file.
    #[arg(long)]
    only_surveys: bool,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Exit with 1 when a finding has at least this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// Print how many findings each rule produced.
    #[arg(long)]
    statistics: bool,
    /// Apply the rewrites marked safe, writing the files in place.
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff: also apply rewrites that may change a question's meaning.
    #[arg(long = "unsafe")]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
}

#[derive(Args)]
pub struct ReportArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Where to write the page; `-` writes it to standard output.
    #[arg(long, short, default_value = "surveylint-report.html")]
    output: PathBuf,
    /// Language of the page's labels and verdict; `auto` follows the questionnaires.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    report_lang: LangArg,
    /// Put today's date in the page (left out by default, so the same inputs give the same page).
    #[arg(long)]
    date: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Findings with the source line underlined.
    Human,
    /// One JSON document (see README.md for the schema).
    Json,
    /// One JSON object per finding and line, shaped like the entries of `json`.
    JsonLines,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other dashboards.
    Sarif,
    /// A compact Markdown summary, for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
    Markdown,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Auto,
    Nl,
    En,
}

impl LangArg {
    fn language(self) -> Option<Language> {
        match self {
            LangArg::Auto => None,
            LangArg::Nl => Some(Language::Dutch),
            LangArg::En => Some(Language::English),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(fail_on: FailOn) -> Severity {
        match fail_on {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// The documented exit codes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing at or above `--fail-on`.
    Clean = 0,
    /// Findings at or above `--fail-on`.
    Findings = 1,
    /// A usage error, or an input that could not be read or parsed.
    Error = 2,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            let is_help =
                matches!(error.kind(), clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion);
            return ExitCode::from(if is_help { 0 } else { ExitStatus::Error as u8 });
        }
    };
    match run(cli) {
        Ok(status) => ExitCode::from(status as u8),
        Err(error) => {
            eprintln!("surveylint: {error:#}");
            ExitCode::from(ExitStatus::Error as u8)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Server => surveylint_lsp::run_stdio_blocking().map(|()| ExitStatus::Clean),
        Command::Rules { json } => explain::list_rules(&project_linter()?, json).map(|()| ExitStatus::Clean),
        Command::Explain { rule, lang } => {
            explain::explain(&project_linter()?, &rule, lang.and_then(LangArg::language)).map(|()| ExitStatus::Clean)
        }
        Command::Config { path, config } => config_cmd::run(&path, config.as_deref()).map(|()| ExitStatus::Clean),
        Command::TestRules { dir } => test_rules::run(&dir),
        Command::Debug { target, lang, json, config } => {
            let linter = match config {
                Some(path) => surveylint_config::Config::load(&path)?.linter()?,
                None => project_linter()?,
            };
            debug::run(&linter, &target, lang.language(), json).map(|()| ExitStatus::Clean)
        }
    }
}

/// The rules of the project in the working folder: the built-ins plus the
/// `extra-rules` of its configuration, so `rules` and `explain` know a team's own rules.
fn project_linter() -> anyhow::Result<Linter> {
    match surveylint_config::Config::discover(std::path::Path::new("."))? {
        Some(config) => Ok(config.linter()?),
        None => Ok(Linter::new()),
    }
}
