// Decides which surveylint server binary to start.
//
// This module is pure: it never touches the file system or VS Code itself.
// Everything it needs to know about the machine comes in through
// `ServerSearch`, so the search order can be unit-tested with made-up
// machines (Linux and Windows, missing binaries, odd PATHs).

import * as path from 'node:path';

/** The name of the language server binary, without a platform suffix. */
export const SERVER_NAME = 'surveylint-lsp';

/** The name of the command line tool, which starts the same server as `surveylint server`. */
export const CLI_NAME = 'surveylint';

/** Where a candidate binary came from, in the order they are tried. */
export type CandidateSource = 'setting' | 'bundled' | 'path';

/** One place where a server binary was looked for. */
export interface Attempt {
  /** Which step of the search produced this candidate. */
  readonly source: CandidateSource;
  /** The absolute (or as-given) file path that was checked. */
  readonly path: string;
}

/** Everything the search needs to know about the machine it runs on. */
export interface ServerSearch {
  /** The `surveylint.path` setting; empty or blank means "not set". */
  readonly configuredPath: string | undefined;
  /** The folder the extension is installed in; the bundled binary lives in its `server/` folder. */
  readonly extensionPath: string;
  /** The folder relative setting paths are resolved against (the first workspace folder), if any. */
  readonly workspaceFolder: string | undefined;
  /** The user's home folder, used to expand a leading `~/`. */
  readonly homeDir: string;
  /** `process.platform`; decides `.exe` suffixes and the PATH separator. */
  readonly platform: NodeJS.Platform;
  /** The `PATH` environment variable. */
  readonly envPath: string | undefined;
  /** The `PATHEXT` environment variable (Windows only). */
  readonly envPathExt: string | undefined;
  /** True when `file` exists, is a regular file, and may be executed. */
  readonly isExecutable: (file: string) => boolean;
}

/** The outcome of a search: the binary to start, or every place that was tried. */
export type ServerLookup =
  | {
      readonly found: true;
      /** The binary to start. */
      readonly command: string;
      /** Arguments that make it speak LSP on stdio. */
      readonly args: readonly string[];
      /** Which step found it. */
      readonly source: CandidateSource;
      /** Every candidate checked, the winner last. */
      readonly tried: readonly Attempt[];
    }
  | {
      readonly found: false;
      /** Every candidate checked, in order. */
      readonly tried: readonly Attempt[];
      /** A message for the user that names what was tried and how to fix it. */
      readonly message: string;
    };

/**
 * Finds the server binary: the `surveylint.path` setting first, then the
 * binary bundled in the extension's `server/` folder, then `surveylint-lsp`
 * on `PATH`.
 *
 * A setting that points at nothing is an error, not a reason to fall back:
 * the user asked for that binary, and quietly starting another one would hide
 * the mistake (and could run an older server than they think).
 */
export function findServer(search: ServerSearch): ServerLookup {
  const pathModule = search.platform === 'win32' ? path.win32 : path.posix;
  const tried: Attempt[] = [];
  const check = (source: CandidateSource, file: string): boolean => {
    tried.push({ source, path: file });
    return search.isExecutable(file);
  };

  const configured = search.configuredPath?.trim() ?? '';
  if (configured !== '') {
    const file = resolveConfiguredPath(configured, search, pathModule);
    if (check('setting', file)) {
      return { found: true, command: file, args: serverArgs(file, search.platform), source: 'setting', tried };
    }
    return {
      found: false,
      tried,
      message:
        `surveylint: the server binary set in "surveylint.path" was not found or is not executable: ${file}. ` +
        'Fix the path, or clear the setting to use the bundled server or surveylint-lsp on PATH.',
    };
  }

  const bundled = pathModule.join(search.extensionPath, 'server', executableName(SERVER_NAME, search.platform));
  if (check('bundled', bundled)) {
    return { found: true, command: bundled, args: [], source: 'bundled', tried };
  }

  for (const candidate of pathCandidates(search, pathModule)) {
    if (check('path', candidate)) {
      return { found: true, command: candidate, args: [], source: 'path', tried };
    }
  }

  return { found: false, tried, message: missingMessage(tried) };
}

/**
 * The arguments that start the language server. The `surveylint` command
 * line tool needs `server`; the dedicated `surveylint-lsp` binary needs none.
 */
export function serverArgs(file: string, platform: NodeJS.Platform): string[] {
  const pathModule = platform === 'win32' ? path.win32 : path.posix;
  let base = pathModule.basename(file);
  if (platform === 'win32') {
    base = base.toLowerCase().replace(/\.exe$/, '');
  }
  return base === CLI_NAME ? ['server'] : [];
}

/** Expands `~/` and resolves a relative setting against the workspace folder. */
function resolveConfiguredPath(configured: string, search: ServerSearch, pathModule: path.PlatformPath): string {
  if (configured === '~' || configured.startsWith('~/') || configured.startsWith('~\\')) {
    return pathModule.join(search.homeDir, configured.slice(1));
  }
  if (pathModule.isAbsolute(configured) || search.workspaceFolder === undefined) {
    return configured;
  }
  return pathModule.resolve(search.workspaceFolder, configured);
}

/** The binary name as it appears on disk on `platform`. */
function executableName(name: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${name}.exe` : name;
}

/** Every file `surveylint-lsp` could be on PATH, in PATH order, without duplicates. */
function pathCandidates(search: ServerSearch, pathModule: path.PlatformPath): string[] {
  const separator = search.platform === 'win32' ? ';' : ':';
  // On Windows the shell tries every PATHEXT suffix; .exe is what cargo builds, so it goes first.
  const suffixes =
    search.platform === 'win32'
      ? unique([
          '.exe',
          ...(search.envPathExt ?? '.COM;.EXE;.BAT;.CMD').split(';').map((ext) => ext.toLowerCase()),
        ]).filter((ext) => ext !== '')
      : [''];
  const folders = (search.envPath ?? '')
    .split(separator)
    .map((folder) => folder.trim().replace(/^"(.*)"$/, '$1'))
    // An empty PATH entry means "the current folder" to a shell; an editor's
    // current folder is arbitrary, so it is never a sensible place to look.
    .filter((folder) => folder !== '' && pathModule.isAbsolute(folder));
  const candidates: string[] = [];
  for (const folder of unique(folders)) {
    for (const suffix of suffixes) {
      candidates.push(pathModule.join(folder, SERVER_NAME + suffix));
    }
  }
  return candidates;
}

/** The error shown when no binary was found anywhere. */
function missingMessage(tried: readonly Attempt[]): string {
  const bundled = tried.find((attempt) => attempt.source === 'bundled');
  const pathFolders = tried.filter((attempt) => attempt.source === 'path').length;
  const places = [
    bundled === undefined ? undefined : `the bundled server (${bundled.path})`,
    pathFolders === 0
      ? 'PATH (empty)'
      : `${SERVER_NAME} on PATH (${pathFolders} location${pathFolders === 1 ? '' : 's'})`,
  ].filter((place): place is string => place !== undefined);
  return (
    `surveylint: no language server found. Tried ${places.join(' and ')}. ` +
    `Install it with "cargo install --path crates/surveylint-lsp", or set "surveylint.path" to the binary. ` +
    'The "surveylint" output channel lists every path that was checked.'
  );
}

/** `items` without repeats, first occurrence kept. */
function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
