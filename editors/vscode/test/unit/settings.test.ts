// The settings object sent as initializationOptions, and its agreement with package.json.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { LANGUAGES, readServerSettings, SEVERITY_LEVELS } from '../../src/settings';

/** A getter over a plain object, like `WorkspaceConfiguration.get` over settings.json. */
function from(values: Record<string, unknown>) {
  return (key: string) => values[key];
}

// Tests run from out/test/unit; package.json sits three folders up.
const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;

describe('readServerSettings', () => {
  test('nothing set: the contract defaults', () => {
    assert.deepEqual(readServerSettings(from({})), {
      settings: { enable: true, language: 'auto', severity: {} },
      problems: [],
    });
  });

  test('valid values pass through unchanged', () => {
    const read = readServerSettings(
      from({ enable: false, language: 'nl', severity: { 'score-begging': 'warning', 'leading-question': 'off' } }),
    );
    assert.deepEqual(read, {
      settings: { enable: false, language: 'nl', severity: { 'score-begging': 'warning', 'leading-question': 'off' } },
      problems: [],
    });
  });

  test('invalid values fall back to defaults and are reported by setting name', () => {
    const read = readServerSettings(
      from({ enable: 'yes', language: 'de', severity: { 'score-begging': 'fatal', 'guilt-appeal': 'hint' } }),
    );
    assert.deepEqual(read.settings, { enable: true, language: 'auto', severity: { 'guilt-appeal': 'hint' } });
    assert.deepEqual(read.problems, [
      { setting: 'surveylint.enable', message: 'expected true or false, got "yes"; using true' },
      { setting: 'surveylint.language', message: 'expected "auto", "nl" or "en", got "de"; using "auto"' },
      {
        setting: 'surveylint.severity.score-begging',
        message: 'expected one of error, warning, info, hint, off, got "fatal"; the rule keeps its own severity',
      },
    ]);
  });

  test('a severity that is not an object is ignored as a whole', () => {
    const read = readServerSettings(from({ severity: ['score-begging'] }));
    assert.deepEqual(read.settings.severity, {});
    assert.equal(read.problems[0]?.setting, 'surveylint.severity');
  });
});

describe('package.json settings', () => {
  test('mirror the server contract with its defaults', () => {
    assert.equal(properties['surveylint.enable'].default, true);
    assert.deepEqual(properties['surveylint.language'].enum, [...LANGUAGES]);
    assert.equal(properties['surveylint.language'].default, 'auto');
    assert.deepEqual(properties['surveylint.severity'].additionalProperties.enum, [...SEVERITY_LEVELS]);
    assert.deepEqual(properties['surveylint.severity'].default, {});
    assert.deepEqual(properties['surveylint.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.equal(properties['surveylint.path'].default, '');
  });

  test('every setting has a description', () => {
    for (const [name, property] of Object.entries<Record<string, unknown>>(properties)) {
      const description = property.description ?? property.markdownDescription;
      assert.equal(typeof description, 'string', name);
      assert.ok((description as string).length > 20, name);
    }
  });

  test('the binary path cannot be chosen by an untrusted workspace', () => {
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['surveylint.path']);
  });

  test('the restart command is contributed and titled "surveylint: Restart server"', () => {
    const restart = manifest.contributes.commands.find(
      (command: { command: string }) => command.command === 'surveylint.restartServer',
    );
    assert.equal(`${restart.category}: ${restart.title}`, 'surveylint: Restart server');
  });
});
