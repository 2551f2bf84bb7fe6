// The VS Code side of surveylint: find the server, start it over stdio, and
// let vscode-languageclient turn its diagnostics, hovers and quick fixes into
// editor features. All linting knowledge lives in the server; this file only
// wires processes and settings together, and never lets a failure of the
// server take the extension (or the editor) down with it.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

import { surveyDocumentSelector } from './documents';
import { findServer, type ServerLookup } from './serverPath';
import { readServerSettings } from './settings';

/** The configuration section shared with the server. */
const SECTION = 'surveylint';

/** Holds the running client between activation, restarts and deactivation. */
class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  // Restarts are queued so two quick restarts (the command plus a settings
  // change) never run two servers side by side.
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
  ) {}

  /** Stops the current server, if any, and starts a fresh one. */
  restart(): Promise<void> {
    this.pending = this.pending.then(async () => {
      await this.stopClient();
      await this.startClient();
    });
    return this.pending;
  }

  /** Stops the server; used on deactivation. */
  stop(): Promise<void> {
    this.pending = this.pending.then(() => this.stopClient());
    return this.pending;
  }

  dispose(): void {
    void this.stop();
  }

  private async startClient(): Promise<void> {
    const lookup = this.lookupServer();
    for (const attempt of lookup.tried) {
      this.output.appendLine(`Looked for the server (${attempt.source}): ${attempt.path}`);
    }
    if (!lookup.found) {
      this.output.appendLine(lookup.message);
      void showError(lookup.message);
      return;
    }
    this.output.appendLine(`Starting ${lookup.command} ${lookup.args.join(' ')}`.trimEnd());

    const serverOptions: ServerOptions = {
      command: lookup.command,
      args: [...lookup.args],
      transport: TransportKind.stdio,
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: surveyDocumentSelector(),
      diagnosticCollectionName: SECTION,
      // The server asks for the section through `workspace/configuration`;
      // the client answers those requests and announces changes.
      synchronize: { configurationSection: SECTION },
      initializationOptions: this.initialSettings(),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
    };

    const client = new LanguageClient(SECTION, 'surveylint', serverOptions, clientOptions);
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      const message = `surveylint: the server ${lookup.command} could not be started: ${errorText(error)}`;
      this.output.appendLine(message);
      void showError(message);
    }
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) {
      return;
    }
    try {
      // A server that hangs must not block a restart forever.
      await client.dispose(2000);
    } catch (error) {
      this.output.appendLine(`surveylint: stopping the server failed: ${errorText(error)}`);
    }
  }

  private lookupServer(): ServerLookup {
    const config = vscode.workspace.getConfiguration(SECTION);
    return findServer({
      configuredPath: config.get<string>('path'),
      extensionPath: this.context.extensionPath,
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      homeDir: os.homedir(),
      platform: process.platform,
      envPath: process.env.PATH,
      envPathExt: process.env.PATHEXT,
      isExecutable,
    });
  }

  private initialSettings(): object {
    const config = vscode.workspace.getConfiguration(SECTION);
    const { settings, problems } = readServerSettings((key) => config.get(key));
    for (const problem of problems) {
      this.output.appendLine(`Ignored setting ${problem.setting}: ${problem.message}`);
    }
    return settings;
  }
}

/** The running controller, kept so `deactivate` can wait for the server to exit. */
let activeController: ServerController | undefined;

/** Called by VS Code when a survey document is opened. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('surveylint');
  const controller = new ServerController(context, output);
  activeController = controller;
  context.subscriptions.push(
    output,
    controller,
    vscode.commands.registerCommand('surveylint.restartServer', () => controller.restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Other settings reach the running server through `workspace/configuration`;
      // a different binary needs a new process.
      if (event.affectsConfiguration(`${SECTION}.path`)) {
        output.appendLine('surveylint.path changed; restarting the server.');
        void controller.restart();
      }
    }),
  );
  await controller.restart();
}

/** Called by VS Code on shutdown; waits for the server to exit cleanly. */
export function deactivate(): Thenable<void> | undefined {
  const controller = activeController;
  activeController = undefined;
  return controller?.stop();
}

/** True when `file` is a regular file the current user may execute. */
function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    // Windows has no execute bit; existing is enough there.
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function showError(message: string): Promise<void> {
  const openSettings = 'Open settings';
  const choice = await vscode.window.showErrorMessage(message, openSettings);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'surveylint.path');
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
