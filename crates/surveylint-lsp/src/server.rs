//! The protocol handlers: the only code that talks to the client.
//!
//! State lives behind a plain mutex that is never held across an `.await`
//! (nor while reading a file), so a notification's edit is applied in the
//! order the client sent it, and no handler can deadlock another.
//!
//! Linting runs on the blocking pool, in at most one task per document that
//! lints until it has caught up with the newest text: a change made while a
//! lint runs makes that lint stale, its result is dropped and the task lints
//! the newest text next. Handlers return without waiting for lints, so
//! typing never queues work, however slow a lint is.
//!
//! Every handler and every lint runs behind a panic boundary: a panic is
//! logged with the document's URI, a request gets an internal error as its
//! answer, and the server keeps serving.

use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde_json::Value;
use surveylint::{LintOptions, Linter};
use surveylint_config::{Config, LoadedConfig};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability, CodeActionResponse,
    ConfigurationItem, DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidChangeWorkspaceFoldersParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, FileSystemWatcher, GlobPattern, Hover, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, InitializedParams, MessageType, OneOf, ResourceOperationKind,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
    WorkspaceFoldersServerCapabilities, WorkspaceServerCapabilities,
};
use tower_lsp_server::{Client, LanguageServer};

use crate::actions::WorkspaceTarget;
use crate::config::{self, ClientSettings, Effective};
use crate::convert::{self, Encoding};
use crate::document::OpenDocument;
use crate::faults::Faults;
use crate::formats;
use crate::hover;
use crate::incremental::SharedCache;
use crate::panics;

/// The section of `workspace/configuration` the server asks for.
pub(crate) const SETTINGS_SECTION: &str = "surveylint";

/// The language server. Clones share everything: a lint task holds one.
#[derive(Debug, Clone)]
pub(crate) struct Backend {
    client: Client,
    linter: Arc<Linter>,
    state: Arc<Mutex<State>>,
    /// Held from a lint's decision to publish until it has published, and by
    /// `didClose`, so a lint finishing as its document closes cannot publish
    /// after the close's empty list.
    publishing: Arc<tokio::sync::Mutex<()>>,
    faults: Arc<Faults>,
}

/// Everything the server knows between messages.
#[derive(Debug, Default)]
struct State {
    encoding: Encoding,
    client: ClientFeatures,
    documents: HashMap<Uri, DocumentSlot>,
    /// Workspace folders, longest path first so the innermost folder wins.
    folders: Vec<Folder>,
    /// Settings not tied to a folder: `initializationOptions`, pushed or pulled.
    settings: ClientSettings,
    /// The last number handed out by [`State::next_number`].
    last_number: u64,
}

/// An open document and the state of its linting.
#[derive(Debug)]
struct DocumentSlot {
    document: OpenDocument,
    /// Which `didOpen` made this slot: a lint task of an earlier opening of
    /// the same URI stops when it sees another number.
    opened: u64,
    /// Renumbered by every change of the text or of the settings; a lint
    /// publishes only if it linted the current generation.
    generation: u64,
    /// True while a lint task runs for this document. It lints again until
    /// it has linted the current generation, so a change never starts a
    /// second task.
    linting: bool,
    /// What the latest lint found per unit, so the next one redoes only
    /// the units a change touched. Dropped with the slot on `didClose`.
    cache: SharedCache,
}

/// What the client said it can do.
#[derive(Debug, Default, Clone, Copy)]
struct ClientFeatures {
    pull_configuration: bool,
    watch_files_dynamically: bool,
    configuration_dynamically: bool,
    create_files_in_edits: bool,
}

/// A workspace folder and its configuration.
#[derive(Debug, Clone)]
struct Folder {
    uri: Uri,
    path: PathBuf,
    /// The team configuration that applies to the folder, if any.
    config: Option<Arc<LoadedConfig>>,
    /// The linter with the configuration's extra rules; `None` uses the built-in one.
    linter: Option<Arc<Linter>>,
    /// The folder's own client settings, when the client scopes them.
    settings: Option<ClientSettings>,
}

/// Everything one lint of one document needs, taken out of the state so
/// linting runs without holding the lock.
struct LintJob {
    enabled: bool,
    options: LintOptions,
    linter: Arc<Linter>,
    /// The configuration and the document's path, for `[[ignore-findings]]`.
    config: Option<(Arc<LoadedConfig>, PathBuf)>,
    /// The document's incremental lint state.
    cache: SharedCache,
}

impl Backend {
    /// A server that talks to `client`, with the built-in rules.
    pub(crate) fn new(client: Client) -> Backend {
        Backend {
            client,
            linter: Arc::new(Linter::new()),
            state: Arc::new(Mutex::new(State::default())),
            publishing: Arc::new(tokio::sync::Mutex::new(())),
            faults: Arc::new(Faults::from_env()),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while the lock was held leaves consistent data (every
        // update is a single assignment), so keep serving instead of failing.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes the current lint of a document stale and makes sure a lint
    /// task will lint its newest text. Returns at once: the task publishes.
    fn schedule_lint(&self, uri: Uri) {
        let opened = {
            let mut state = self.state();
            let generation = state.next_number();
            let Some(slot) = state.documents.get_mut(&uri) else { return };
            slot.generation = generation;
            if slot.linting {
                // The running task sees the new generation when its lint ends.
                return;
            }
            slot.linting = true;
            slot.opened
        };
        let backend = self.clone();
        tokio::spawn(async move {
            if let Err(panic) = panics::catch_unwind(backend.lint_until_current(&uri, opened)).await {
                // Outside the lint itself (converting, publishing): let the
                // next change start a new task instead of waiting on this one.
                if let Some(slot) = backend.state().documents.get_mut(&uri).filter(|slot| slot.opened == opened) {
                    slot.linting = false;
                }
                log(&format!("publishing diagnostics for {} panicked: {panic}", uri.as_str()));
            }
        });
    }

    /// The lint task of one document: lints and publishes, again and again
    /// until no change came in while it linted.
    async fn lint_until_current(&self, uri: &Uri, opened: u64) {
        loop {
            let (generation, version, text, lines, format, encoding, job) = {
                let state = self.state();
                let Some(slot) = state.documents.get(uri).filter(|slot| slot.opened == opened) else { return };
                let document = &slot.document;
                let text: Arc<str> = Arc::from(document.text.as_str());
                let job = state.lint_job(uri, &self.linter, &slot.cache);
                (slot.generation, document.version, text, document.lines.clone(), document.format, state.encoding, job)
            };
            let outcome = if job.enabled { self.lint(Arc::clone(&text), format, job).await } else { Ok(Vec::new()) };
            let (findings, failure) = match outcome {
                Ok(findings) => (findings, None),
                // The document gets no diagnostics rather than stale ones;
                // the next change lints again.
                Err(failure) => (Vec::new(), Some(failure)),
            };
            if self.state().documents.get(uri).is_some_and(|slot| slot.generation != generation) {
                // Already stale: not worth converting.
                continue;
            }
            // Converted from this task's copy of the text, before taking the
            // lock: with a thousand findings on a long line this is the costly
            // part of publishing, and every handler needs the lock. (On the
            // blocking pool it would cost 10 MB more resident memory in the
            // latency bench, for about 2 ms of this thread per publish.)
            let diagnostics = convert::diagnostics_of(&text, &lines, &findings, encoding);
            let _publishing = self.publishing.lock().await;
            {
                let mut state = self.state();
                let Some(slot) = state.documents.get_mut(uri).filter(|slot| slot.opened == opened) else { return };
                if slot.generation != generation {
                    // Stale: the text or the settings changed while linting.
                    continue;
                }
                slot.linting = false;
                slot.document.findings = findings;
            }
            if let Some(failure) = failure {
                let message = format!("linting {} failed: {failure}", uri.as_str());
                log(&message);
                self.client.log_message(MessageType::ERROR, format!("surveylint: {message}")).await;
            }
            self.client.publish_diagnostics(uri.clone(), diagnostics, Some(version)).await;
            return;
        }
    }

    /// Lints one text on the blocking pool; a panic in a rule or a reader
    /// becomes an `Err` with its message.
    async fn lint(
        &self,
        text: Arc<str>,
        format: formats::SourceFormat,
        job: LintJob,
    ) -> std::result::Result<Vec<surveylint::Diagnostic>, String> {
        let faults = Arc::clone(&self.faults);
        let lint = move || {
            std::panic::catch_unwind(AssertUnwindSafe(|| {
                faults.before_lint(&text);
                // A file that cannot be read right now (half-typed JSON)
                // simply has no findings; the editor's own JSON or XML
                // support reports the syntax error.
                let configured = job.config.as_ref().and_then(|(config, path)| Some((config.format_for(path)?, path)));
                let document = match configured {
                    Some((entry, path)) => formats::parse_configured(&entry.format, path, &text),
                    None => formats::parse(format, &text),
                };
                let Ok(document) = document else { return Vec::new() };
                let findings = job.cache.lint(&job.linter, &document, &job.options);
                match &job.config {
                    Some((config, path)) => {
                        config.apply_ignored_findings(path, &document, findings, &job.linter, &job.options)
                    }
                    None => findings,
                }
            }))
            .map_err(|payload| format!("panicked: {}", panics::message(payload.as_ref())))
        };
        match tokio::task::spawn_blocking(lint).await {
            Ok(outcome) => outcome,
            Err(error) => Err(error.to_string()),
        }
    }

    /// Lints every open document again after the settings, the
    /// configuration or the rules changed. Each gets a new, empty cache: the
    /// core would notice new rules or settings itself, but the old cache's
    /// memory is freed now (a lint still running keeps its own until it ends).
    fn lint_all(&self) {
        let uris: Vec<Uri> = {
            let mut state = self.state();
            for slot in state.documents.values_mut() {
                slot.cache = SharedCache::default();
            }
            state.documents.keys().cloned().collect()
        };
        for uri in uris {
            self.schedule_lint(uri);
        }
    }

    /// Runs a request handler behind a panic boundary: a panic is logged
    /// with the document's URI and answered with an internal error.
    async fn guard<T>(&self, method: &str, uri: Option<&Uri>, handler: impl Future<Output = Result<T>>) -> Result<T> {
        match panics::catch_unwind(handler).await {
            Ok(answer) => answer,
            Err(panic) => {
                let on = uri.map(|uri| format!(" on {}", uri.as_str())).unwrap_or_default();
                let message = format!("{method}{on} panicked: {panic}");
                log(&message);
                self.client.log_message(MessageType::ERROR, format!("surveylint: {message}")).await;
                Err(Error { code: ErrorCode::InternalError, message: message.into(), data: None })
            }
        }
    }

    /// Runs a notification handler behind a panic boundary: a panic is
    /// logged, with the document's URI when there is one.
    async fn guard_notification(&self, method: &str, uri: Option<&Uri>, handler: impl Future<Output = ()>) {
        if let Err(panic) = panics::catch_unwind(handler).await {
            let on = uri.map(|uri| format!(" on {}", uri.as_str())).unwrap_or_default();
            let message = format!("{method}{on} panicked: {panic}");
            log(&message);
            self.client.log_message(MessageType::ERROR, format!("surveylint: {message}")).await;
        }
    }

    /// Re-reads every folder's configuration, reporting broken files. A
    /// folder whose configuration cannot be read is linted with the defaults
    /// rather than not at all.
    async fn reload_config_files(&self) {
        let paths: Vec<PathBuf> = self.state().folders.iter().map(|folder| folder.path.clone()).collect();
        let mut loaded = Vec::new();
        let mut problems = Vec::new();
        for path in paths {
            let (config, linter) = match Config::discover(&path) {
                Ok(None) => (None, None),
                Ok(Some(config)) => {
                    let linter = self.folder_linter(&config, &mut problems);
                    (Some(Arc::new(config)), linter)
                }
                Err(error) => {
                    problems.push(error.to_string());
                    (None, None)
                }
            };
            loaded.push((path, config, linter));
        }
        {
            let mut state = self.state();
            for (path, config, linter) in loaded {
                if let Some(folder) = state.folders.iter_mut().find(|folder| folder.path == path) {
                    folder.config = config;
                    folder.linter = linter;
                }
            }
        }
        for problem in problems {
            log(&problem);
            self.client.show_message(MessageType::WARNING, format!("surveylint: {problem}")).await;
        }
    }

    /// The linter for a configuration: the built-in one, or one with the
    /// configuration's extra rules. Unknown rule names are reported but do
    /// not stop linting, so a typo in `ignore` does not blank the editor.
    fn folder_linter(&self, config: &LoadedConfig, problems: &mut Vec<String>) -> Option<Arc<Linter>> {
        if config.rule_files().is_empty() {
            if let Err(error) = config.check_rule_names(&self.linter) {
                problems.push(error.to_string());
            }
            return None;
        }
        match config.linter() {
            Ok(linter) => Some(Arc::new(linter)),
            Err(error) => {
                problems.push(error.to_string());
                None
            }
        }
    }

    /// Asks the client for its settings: once without scope, once per folder.
    async fn pull_settings(&self) {
        let (pull, folders) = {
            let state = self.state();
            let folders: Vec<Uri> = state.folders.iter().map(|folder| folder.uri.clone()).collect();
            (state.client.pull_configuration, folders)
        };
        if !pull {
            return;
        }
        let items = std::iter::once(None)
            .chain(folders.iter().cloned().map(Some))
            .map(|scope_uri| ConfigurationItem { scope_uri, section: Some(SETTINGS_SECTION.to_owned()) })
            .collect();
        let values = match self.client.configuration(items).await {
            Ok(values) => values,
            Err(error) => {
                log(&format!("workspace/configuration failed: {error}"));
                return;
            }
        };
        let mut parsed = values.iter().map(|value| self.settings_or_report(value));
        let global = parsed.next().flatten();
        let scoped: Vec<Option<ClientSettings>> = parsed.collect();
        let mut state = self.state();
        if let Some(global) = global {
            state.settings = global;
        }
        for (uri, settings) in folders.iter().zip(scoped) {
            if let Some(folder) = state.folders.iter_mut().find(|folder| &folder.uri == uri) {
                folder.settings = settings;
            }
        }
    }

    /// Parses settings; a broken value is logged and ignored (`None`).
    fn settings_or_report(&self, value: &Value) -> Option<ClientSettings> {
        match ClientSettings::from_json(value) {
            Ok(settings) => Some(settings),
            Err(problem) => {
                log(&problem);
                let client = self.client.clone();
                tokio::spawn(async move {
                    client.show_message(MessageType::WARNING, format!("surveylint: {problem}")).await;
                });
                None
            }
        }
    }

    async fn register_watchers(&self) {
        let features = self.state().client;
        let mut registrations = Vec::new();
        if features.watch_files_dynamically {
            let watchers = surveylint_config::CONFIG_FILE_NAMES
                .iter()
                .map(|name| FileSystemWatcher { glob_pattern: GlobPattern::String(format!("**/{name}")), kind: None })
                .collect();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            registrations.push(tower_lsp_server::ls_types::Registration {
                id: "surveylint-config-files".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(options).ok(),
            });
        }
        if features.configuration_dynamically {
            registrations.push(tower_lsp_server::ls_types::Registration {
                id: "surveylint-settings".to_owned(),
                method: "workspace/didChangeConfiguration".to_owned(),
                register_options: Some(serde_json::json!({ "section": SETTINGS_SECTION })),
            });
        }
        if registrations.is_empty() {
            return;
        }
        if let Err(error) = self.client.register_capability(registrations).await {
            log(&format!("client/registerCapability failed: {error}"));
        }
    }

    fn document_error(uri: &Uri) -> Error {
        Error::invalid_params(format!("unknown document {}: open it with textDocument/didOpen first", uri.as_str()))
    }
}

impl State {
    /// A number never handed out before, for openings and generations.
    fn next_number(&mut self) -> u64 {
        self.last_number += 1;
        self.last_number
    }

    fn folder_of(&self, uri: &Uri) -> Option<&Folder> {
        let path = uri.to_file_path()?;
        self.folders.iter().find(|folder| path.starts_with(&folder.path))
    }

    /// The linter, options and configuration a document is linted with.
    fn lint_job(&self, uri: &Uri, builtin: &Arc<Linter>, cache: &SharedCache) -> LintJob {
        let folder = self.folder_of(uri);
        let settings = folder.and_then(|folder| folder.settings.as_ref()).unwrap_or(&self.settings);
        let path = uri.to_file_path().map(|path| path.into_owned());
        let config = folder.and_then(|folder| folder.config.clone()).zip(path);
        let file_options = config.as_ref().map(|(config, path)| config.lint_options_for(path)).unwrap_or_default();
        let Effective { enabled, options } = config::layer(file_options, settings);
        let linter = folder.and_then(|folder| folder.linter.clone()).unwrap_or_else(|| Arc::clone(builtin));
        LintJob { enabled, options, linter, config, cache: cache.clone() }
    }

    /// The linter a document is linted with, for rule texts on hover.
    fn linter_for(&self, uri: &Uri, builtin: &Arc<Linter>) -> Arc<Linter> {
        self.folder_of(uri).and_then(|folder| folder.linter.clone()).unwrap_or_else(|| Arc::clone(builtin))
    }

    fn set_folders(&mut self, folders: impl IntoIterator<Item = Uri>) {
        for uri in folders {
            let Some(path) = uri.to_file_path().map(|path| path.into_owned()) else { continue };
            if self.folders.iter().any(|folder| folder.path == path) {
                continue;
            }
            self.folders.push(Folder { uri, path, config: None, linter: None, settings: None });
        }
        self.folders.sort_by_key(|folder| std::cmp::Reverse(folder.path.as_os_str().len()));
    }

    /// Where "disable for the workspace" writes for a document: the
    /// configuration file in force if it is a `surveylint.toml`, else a new
    /// one in the document's folder (or its own directory when the editor
    /// opened a single file). `None` when the team keeps its settings in
    /// `pyproject.toml`, which a new `surveylint.toml` would silently override.
    /// The file's text is read later, by [`TargetPlan::resolve`], without the lock.
    fn workspace_target(&self, uri: &Uri) -> Option<TargetPlan> {
        let folder = self.folder_of(uri);
        let in_force = folder.and_then(|folder| folder.config.as_ref()).map(|config| config.path().to_path_buf());
        let editable = |path: &Path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| config::EDITABLE_CONFIG_FILE_NAMES.contains(&name))
        };
        let directory = match (&in_force, folder) {
            (Some(path), _) if !editable(path) => return None,
            (Some(path), _) => path.parent()?.to_path_buf(),
            (None, Some(folder)) => folder.path.clone(),
            (None, None) => uri.to_file_path()?.parent()?.to_path_buf(),
        };
        let existing = in_force.filter(|path| editable(path)).map(|path| {
            // Prefer the editor's unsaved text when the file is open. Found
            // by path, since making the file's URI may touch the file system.
            let open = self
                .documents
                .values()
                .find(|slot| Path::new(&slot.document.path) == path)
                .map(|slot| slot.document.text.clone());
            (path, open)
        });
        Some(TargetPlan { folder: directory, existing, can_create_files: self.client.create_files_in_edits })
    }
}

/// A [`WorkspaceTarget`] whose configuration file may still have to be read.
struct TargetPlan {
    folder: PathBuf,
    /// The configuration file, with its text when the editor has it open.
    existing: Option<(PathBuf, Option<String>)>,
    can_create_files: bool,
}

impl TargetPlan {
    /// Reads the configuration file if the editor does not have it open.
    /// Called without the state lock: a slow disk must not stall other handlers.
    fn resolve(self) -> WorkspaceTarget {
        let existing = self.existing.and_then(|(path, open)| {
            let text = open.or_else(|| std::fs::read_to_string(&path).ok())?;
            Some((path, text))
        });
        WorkspaceTarget { folder: self.folder, existing, can_create_files: self.can_create_files }
    }
}

/// The handlers themselves; [`LanguageServer`] runs each behind a panic boundary.
impl Backend {
    async fn on_initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let capabilities = &params.capabilities;
        let encoding = Encoding::negotiate(
            capabilities.general.as_ref().and_then(|general| general.position_encodings.as_deref()),
        );
        let workspace = capabilities.workspace.as_ref();
        let edits = workspace.and_then(|workspace| workspace.workspace_edit.as_ref());
        let features = ClientFeatures {
            pull_configuration: workspace.and_then(|workspace| workspace.configuration).unwrap_or(false),
            watch_files_dynamically: workspace
                .and_then(|workspace| workspace.did_change_watched_files.as_ref())
                .and_then(|watch| watch.dynamic_registration)
                .unwrap_or(false),
            configuration_dynamically: workspace
                .and_then(|workspace| workspace.did_change_configuration.as_ref())
                .and_then(|change| change.dynamic_registration)
                .unwrap_or(false),
            create_files_in_edits: edits.and_then(|edits| edits.document_changes).unwrap_or(false)
                && edits
                    .and_then(|edits| edits.resource_operations.as_ref())
                    .is_some_and(|operations| operations.contains(&ResourceOperationKind::Create)),
        };
        #[allow(deprecated)]
        let folders: Vec<Uri> = match (&params.workspace_folders, &params.root_uri) {
            (Some(folders), _) if !folders.is_empty() => folders.iter().map(|folder| folder.uri.clone()).collect(),
            (_, Some(root)) => vec![root.clone()],
            _ => Vec::new(),
        };
        let settings = params.initialization_options.as_ref().and_then(|value| self.settings_or_report(value));
        {
            let mut state = self.state();
            state.encoding = encoding;
            state.client = features;
            state.set_folders(folders);
            if let Some(settings) = settings {
                state.settings = settings;
            }
        }
        self.reload_config_files().await;
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                    ..CodeActionOptions::default()
                })),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "surveylint-lsp".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn on_initialized(&self, _: InitializedParams) {
        self.register_watchers().await;
        self.pull_settings().await;
        self.lint_all();
    }

    async fn on_shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn on_did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let uri = document.uri.clone();
        let path = convert::document_path(&document.uri);
        let open = OpenDocument::new(path, document.version, document.text, document.language_id);
        {
            let mut state = self.state();
            let opened = state.next_number();
            // A lint task of an earlier opening of this URI sees the new
            // number and stops; this opening gets its own.
            let slot = DocumentSlot {
                document: open,
                opened,
                generation: opened,
                linting: false,
                cache: SharedCache::default(),
            };
            state.documents.insert(uri.clone(), slot);
        }
        self.schedule_lint(uri);
    }

    async fn on_did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let mut state = self.state();
            let encoding = state.encoding;
            let Some(slot) = state.documents.get_mut(&uri) else {
                log(&format!("didChange for {}, which is not open; ignored", uri.as_str()));
                return;
            };
            convert::apply_changes(&mut slot.document, params.text_document.version, params.content_changes, encoding);
        }
        self.schedule_lint(uri);
    }

    async fn on_did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let _publishing = self.publishing.lock().await;
        self.state().documents.remove(&uri);
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn on_did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pull = self.state().client.pull_configuration;
        if pull {
            self.pull_settings().await;
        } else if let Some(settings) = self.settings_or_report(&params.settings) {
            self.state().settings = settings;
        }
        self.lint_all();
    }

    async fn on_did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let touches_config = params.changes.iter().any(|change| {
            let path = change.uri.path().as_str();
            surveylint_config::CONFIG_FILE_NAMES.iter().any(|name| path.ends_with(&format!("/{name}")))
        });
        if touches_config {
            self.reload_config_files().await;
            self.lint_all();
        }
    }

    async fn on_did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut state = self.state();
            let removed: Vec<Uri> = params.event.removed.into_iter().map(|folder| folder.uri).collect();
            state.folders.retain(|folder| !removed.contains(&folder.uri));
            state.set_folders(params.event.added.into_iter().map(|folder| folder.uri));
        }
        self.reload_config_files().await;
        self.pull_settings().await;
        self.lint_all();
    }

    async fn on_hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let state = self.state();
        let slot = state
            .documents
            .get(&position.text_document.uri)
            .ok_or_else(|| Self::document_error(&position.text_document.uri))?;
        let document = &slot.document;
        self.faults.before_hover(&document.text);
        let offset = convert::offset(&document.lines, &document.text, position.position, state.encoding);
        let linter = state.linter_for(&position.text_document.uri, &self.linter);
        Ok(hover::hover(&linter, document, offset).map(|text| convert::hover(document, text, state.encoding)))
    }

    async fn on_code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let plan = {
            let state = self.state();
            state.documents.get(&uri).ok_or_else(|| Self::document_error(&uri))?;
            state.workspace_target(&uri)
        };
        // The configuration file is read between the two locks.
        let target = plan.map(TargetPlan::resolve);
        let state = self.state();
        let slot = state.documents.get(&uri).ok_or_else(|| Self::document_error(&uri))?;
        let document = &slot.document;
        let start = convert::offset(&document.lines, &document.text, params.range.start, state.encoding);
        let end = convert::offset(&document.lines, &document.text, params.range.end, state.encoding).max(start);
        let actions = convert::code_actions(&uri, document, start, end, state.encoding, target.as_ref());
        Ok(Some(actions))
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        self.guard("initialize", None, self.on_initialize(params)).await
    }

    async fn initialized(&self, params: InitializedParams) {
        self.guard_notification("initialized", None, self.on_initialized(params)).await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.guard("shutdown", None, self.on_shutdown()).await
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        self.guard_notification("textDocument/didOpen", Some(&uri), self.on_did_open(params)).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        self.guard_notification("textDocument/didChange", Some(&uri), self.on_did_change(params)).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        self.guard_notification("textDocument/didClose", Some(&uri), self.on_did_close(params)).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let handler = self.on_did_change_configuration(params);
        self.guard_notification("workspace/didChangeConfiguration", None, handler).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let handler = self.on_did_change_watched_files(params);
        self.guard_notification("workspace/didChangeWatchedFiles", None, handler).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let handler = self.on_did_change_workspace_folders(params);
        self.guard_notification("workspace/didChangeWorkspaceFolders", None, handler).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri.clone();
        self.guard("textDocument/hover", Some(&uri), self.on_hover(params)).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        self.guard("textDocument/codeAction", Some(&uri), self.on_code_action(params)).await
    }
}

/// Writes a line to stderr; stdout carries the protocol and nothing else.
pub(crate) fn log(message: &str) {
    eprintln!("surveylint-lsp: {message}");
}
