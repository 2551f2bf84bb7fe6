//! The `surveylint` command line.

mod check;
mod explain;
mod input;
mod output;
mod positions;

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
    /// List every rule.
    Rules {
        /// Print the rules as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Explain a rule: why it matters, how to ask neutrally, examples and sources.
    Explain {
        /// The rule's slug (`score-begging`) or code (`SL001`).
        rule: String,
        /// Only this language's texts.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
}

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories to lint; `-` reads standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Language of the texts; `auto` detects it per paragraph.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    lang: LangArg,
    /// Exit with 1 when a finding has at least this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// The file name to report (and detect the format from) for standard input.
    #[arg(long)]
    stdin_filename: Option<String>,
    /// Read every input as this format instead of detecting it.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(input::FORMAT_NAMES))]
    input_format: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Findings with the source line underlined.
    Human,
    /// One JSON document (see README.md for the schema).
    Json,
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
    let linter = Linter::new();
    match cli.command {
        Command::Check(args) => check::run(&args, &linter),
        Command::Rules { json } => explain::list_rules(&linter, json).map(|()| ExitStatus::Clean),
        Command::Explain { rule, lang } => {
            explain::explain(&linter, &rule, lang.and_then(LangArg::language)).map(|()| ExitStatus::Clean)
        }
    }
}
