// The server search order, on made-up Linux and Windows machines.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { findServer, serverArgs, type ServerSearch } from '../../src/serverPath';

/** A Linux machine where exactly the files in `executables` exist and are executable. */
function linux(executables: string[], overrides: Partial<ServerSearch> = {}): ServerSearch {
  const present = new Set(executables);
  return {
    configuredPath: undefined,
    extensionPath: '/home/anna/.vscode/extensions/surveylint.surveylint-0.1.0',
    workspaceFolder: '/home/anna/enquetes',
    homeDir: '/home/anna',
    platform: 'linux',
    envPath: '/usr/local/bin:/usr/bin:/home/anna/.cargo/bin',
    envPathExt: undefined,
    isExecutable: (file) => present.has(file),
    ...overrides,
  };
}

const BUNDLED = '/home/anna/.vscode/extensions/surveylint.surveylint-0.1.0/server/surveylint-lsp';

describe('findServer', () => {
  test('the setting wins over the bundled binary and PATH', () => {
    const lookup = findServer(
      linux(['/opt/sl/surveylint-lsp', BUNDLED, '/usr/bin/surveylint-lsp'], {
        configuredPath: '/opt/sl/surveylint-lsp',
      }),
    );
    assert.deepEqual(lookup, {
      found: true,
      command: '/opt/sl/surveylint-lsp',
      args: [],
      source: 'setting',
      tried: [{ source: 'setting', path: '/opt/sl/surveylint-lsp' }],
    });
  });

  test('the bundled binary wins over PATH when the setting is empty or blank', () => {
    for (const configuredPath of [undefined, '', '   ']) {
      const lookup = findServer(linux([BUNDLED, '/usr/bin/surveylint-lsp'], { configuredPath }));
      assert.equal(lookup.found && lookup.command, BUNDLED, `setting ${JSON.stringify(configuredPath)}`);
      assert.equal(lookup.found && lookup.source, 'bundled');
    }
  });

  test('PATH is searched in order after the bundled binary', () => {
    const lookup = findServer(linux(['/usr/bin/surveylint-lsp', '/home/anna/.cargo/bin/surveylint-lsp']));
    assert.deepEqual(lookup, {
      found: true,
      command: '/usr/bin/surveylint-lsp',
      args: [],
      source: 'path',
      tried: [
        { source: 'bundled', path: BUNDLED },
        { source: 'path', path: '/usr/local/bin/surveylint-lsp' },
        { source: 'path', path: '/usr/bin/surveylint-lsp' },
      ],
    });
  });

  test('nothing found: the message names the bundled path and PATH, and every path is listed', () => {
    const lookup = findServer(linux([]));
    assert.equal(lookup.found, false);
    assert.deepEqual(
      lookup.tried.map((attempt) => attempt.path),
      [BUNDLED, '/usr/local/bin/surveylint-lsp', '/usr/bin/surveylint-lsp', '/home/anna/.cargo/bin/surveylint-lsp'],
    );
    assert.equal(
      !lookup.found && lookup.message,
      `surveylint: no language server found. Tried the bundled server (${BUNDLED}) and surveylint-lsp on PATH ` +
        '(3 locations). Install it with "cargo install --path crates/surveylint-lsp", or set "surveylint.path" to ' +
        'the binary. The "surveylint" output channel lists every path that was checked.',
    );
  });

  test('an empty PATH is reported as such', () => {
    const lookup = findServer(linux([], { envPath: undefined }));
    assert.equal(lookup.found, false);
    assert.match(!lookup.found ? lookup.message : '', /Tried the bundled server \(.*\) and PATH \(empty\)\./);
  });

  test('a setting that points at nothing is an error, without falling back', () => {
    const lookup = findServer(
      linux([BUNDLED, '/usr/bin/surveylint-lsp'], { configuredPath: '/opt/typo/surveylint-lsp' }),
    );
    assert.deepEqual(lookup.tried, [{ source: 'setting', path: '/opt/typo/surveylint-lsp' }]);
    assert.equal(
      !lookup.found && lookup.message,
      'surveylint: the server binary set in "surveylint.path" was not found or is not executable: ' +
        '/opt/typo/surveylint-lsp. Fix the path, or clear the setting to use the bundled server or surveylint-lsp on PATH.',
    );
  });

  test('the setting expands ~/ and resolves relative paths against the workspace folder', () => {
    const home = findServer(linux(['/home/anna/bin/surveylint-lsp'], { configuredPath: '~/bin/surveylint-lsp' }));
    assert.equal(home.found && home.command, '/home/anna/bin/surveylint-lsp');

    const relative = findServer(
      linux(['/home/anna/enquetes/target/release/surveylint-lsp'], {
        configuredPath: './target/release/surveylint-lsp',
      }),
    );
    assert.equal(relative.found && relative.command, '/home/anna/enquetes/target/release/surveylint-lsp');

    // Without a workspace folder there is nothing to resolve against; the path is tried as given.
    const noFolder = findServer(linux([], { configuredPath: 'bin/surveylint-lsp', workspaceFolder: undefined }));
    assert.deepEqual(noFolder.tried, [{ source: 'setting', path: 'bin/surveylint-lsp' }]);
  });

  test('the command line tool in the setting is started as `surveylint server`', () => {
    const lookup = findServer(linux(['/usr/local/bin/surveylint'], { configuredPath: '/usr/local/bin/surveylint' }));
    assert.deepEqual(lookup.found && lookup.args, ['server']);
  });

  test('empty and relative PATH entries are skipped, duplicates checked once', () => {
    const lookup = findServer(linux([], { envPath: ':bin:/usr/bin::/usr/bin:.' }));
    assert.deepEqual(
      lookup.tried.map((attempt) => attempt.path),
      [BUNDLED, '/usr/bin/surveylint-lsp'],
    );
  });

  test('Windows: .exe suffixes, ; separators, quoted PATH entries and PATHEXT', () => {
    const extension = 'C:\\Users\\anna\\.vscode\\extensions\\surveylint.surveylint-0.1.0';
    const search: ServerSearch = {
      configuredPath: undefined,
      extensionPath: extension,
      workspaceFolder: 'C:\\enquetes',
      homeDir: 'C:\\Users\\anna',
      platform: 'win32',
      envPath: 'C:\\Windows;"C:\\Program Files\\surveylint"',
      envPathExt: '.COM;.EXE;.BAT',
      isExecutable: (file) => file === 'C:\\Program Files\\surveylint\\surveylint-lsp.bat',
    };
    const lookup = findServer(search);
    assert.deepEqual(
      lookup.tried.map((attempt) => attempt.path),
      [
        `${extension}\\server\\surveylint-lsp.exe`,
        'C:\\Windows\\surveylint-lsp.exe',
        'C:\\Windows\\surveylint-lsp.com',
        'C:\\Windows\\surveylint-lsp.bat',
        'C:\\Program Files\\surveylint\\surveylint-lsp.exe',
        'C:\\Program Files\\surveylint\\surveylint-lsp.com',
        'C:\\Program Files\\surveylint\\surveylint-lsp.bat',
      ],
    );
    assert.equal(lookup.found && lookup.source, 'path');
  });
});

describe('serverArgs', () => {
  test('only the command line tool needs the `server` subcommand', () => {
    assert.deepEqual(serverArgs('/usr/bin/surveylint', 'linux'), ['server']);
    assert.deepEqual(serverArgs('/usr/bin/surveylint-lsp', 'linux'), []);
    assert.deepEqual(serverArgs('C:\\tools\\SurveyLint.EXE', 'win32'), ['server']);
    assert.deepEqual(serverArgs('C:\\tools\\surveylint-lsp.exe', 'win32'), []);
    // Linux file names are case-sensitive: this is some other program.
    assert.deepEqual(serverArgs('/usr/bin/SurveyLint', 'linux'), []);
  });
});
