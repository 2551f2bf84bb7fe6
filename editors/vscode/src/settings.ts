// The `surveylint` settings as the server receives them.
//
// Pure like serverPath.ts: it reads values through a getter so unit tests do
// not need VS Code. The server gets the same section later through
// `workspace/configuration`; this copy goes into `initializationOptions` so
// the very first diagnostics already honour the user's settings.

/** The severities a rule can be set to in `surveylint.severity`; `off` disables the rule. */
export const SEVERITY_LEVELS = ['error', 'warning', 'info', 'hint', 'off'] as const;

/** One entry of `surveylint.severity`. */
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/** The values `surveylint.language` accepts. */
export const LANGUAGES = ['auto', 'nl', 'en'] as const;

/** The language setting: detect per text, or force Dutch or English. */
export type LanguageSetting = (typeof LANGUAGES)[number];

/** The settings object of the server contract. */
export interface ServerSettings {
  /** False: the server reports nothing. */
  readonly enable: boolean;
  /** Which language the texts are in. */
  readonly language: LanguageSetting;
  /** Severity overrides by rule slug. */
  readonly severity: Readonly<Record<string, SeverityLevel>>;
}

/** Reads one key of the `surveylint` section, like `WorkspaceConfiguration.get`. */
export type SettingGetter = (key: string) => unknown;

/** A setting value that could not be used, so the user can be told about it. */
export interface SettingProblem {
  /** The full setting name, e.g. `surveylint.severity.score-begging`. */
  readonly setting: string;
  /** What was wrong and what was used instead. */
  readonly message: string;
}

/** The server settings, plus the values that were ignored because they were invalid. */
export interface ReadSettings {
  /** What the server gets. */
  readonly settings: ServerSettings;
  /** Invalid values that were replaced by their defaults. */
  readonly problems: readonly SettingProblem[];
}

/**
 * Builds the server's settings from the `surveylint` section. VS Code only
 * warns about values that break the schema in package.json, it still hands
 * them over; they are replaced by defaults here and reported, so one typo in
 * settings.json cannot keep the server from starting.
 */
export function readServerSettings(get: SettingGetter): ReadSettings {
  const problems: SettingProblem[] = [];

  const enableValue = get('enable');
  let enable = true;
  if (typeof enableValue === 'boolean') {
    enable = enableValue;
  } else if (enableValue !== undefined && enableValue !== null) {
    problems.push({
      setting: 'surveylint.enable',
      message: `expected true or false, got ${describe(enableValue)}; using true`,
    });
  }

  const languageValue = get('language');
  let language: LanguageSetting = 'auto';
  if (isOneOf(LANGUAGES, languageValue)) {
    language = languageValue;
  } else if (languageValue !== undefined && languageValue !== null) {
    problems.push({
      setting: 'surveylint.language',
      message: `expected "auto", "nl" or "en", got ${describe(languageValue)}; using "auto"`,
    });
  }

  const severityValue = get('severity');
  const severity: Record<string, SeverityLevel> = {};
  if (isPlainObject(severityValue)) {
    for (const [slug, level] of Object.entries(severityValue)) {
      if (isOneOf(SEVERITY_LEVELS, level)) {
        severity[slug] = level;
      } else {
        problems.push({
          setting: `surveylint.severity.${slug}`,
          message: `expected one of ${SEVERITY_LEVELS.join(', ')}, got ${describe(level)}; the rule keeps its own severity`,
        });
      }
    }
  } else if (severityValue !== undefined && severityValue !== null) {
    problems.push({
      setting: 'surveylint.severity',
      message: `expected an object like { "score-begging": "warning" }, got ${describe(severityValue)}; ignored`,
    });
  }

  return { settings: { enable, language, severity }, problems };
}

function isOneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, quoted rendering of a bad value for a message. */
function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
