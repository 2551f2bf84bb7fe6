// The document selector, held against the activation events in package.json.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { SURVEY_FILE_PATTERNS, SURVEY_LANGUAGES, surveyDocumentSelector } from '../../src/documents';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const activationEvents: string[] = manifest.activationEvents;

describe('surveyDocumentSelector', () => {
  test('selects text and Markdown by language, survey formats by file pattern', () => {
    assert.deepEqual(surveyDocumentSelector(), [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', pattern: '**/*.json' },
      { scheme: 'file', pattern: '**/*.qsf' },
      { scheme: 'file', pattern: '**/*.lss' },
      { scheme: 'file', pattern: '**/*.csv' },
      { scheme: 'file', pattern: '**/*.qmd' },
      { scheme: 'file', pattern: '**/*.yml' },
      { scheme: 'file', pattern: '**/*.yaml' },
    ]);
  });

  test('every selected language activates the extension', () => {
    for (const language of SURVEY_LANGUAGES) {
      assert.ok(activationEvents.includes(`onLanguage:${language}`), language);
    }
  });

  test('every file pattern activates the extension', () => {
    // VS Code knows no language for .qsf and .lss, so they open as plaintext;
    // workspaceContains activates as soon as a folder holds one anyway.
    const activatedBy: Record<string, string> = {
      '**/*.json': 'onLanguage:json',
      '**/*.qsf': 'workspaceContains:**/*.qsf',
      '**/*.lss': 'workspaceContains:**/*.lss',
      '**/*.csv': 'onLanguage:csv',
      '**/*.qmd': 'workspaceContains:**/*.qmd',
      '**/*.yml': 'onLanguage:yaml',
      '**/*.yaml': 'onLanguage:yaml',
    };
    assert.deepEqual(Object.keys(activatedBy), [...SURVEY_FILE_PATTERNS]);
    for (const event of Object.values(activatedBy)) {
      assert.ok(activationEvents.includes(event), event);
    }
  });
});
