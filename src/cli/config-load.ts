// Builds the server's ServerConfig from, lowest to highest precedence: defaults, a JSON file,
// ATOLL_* environment variables and command-line flags. The settings list comes from
// `defaultConfig`, so a new setting in src/config.ts needs no change here.
import { readFileSync } from 'node:fs';
import { ConfigError, defaultConfig, resolveConfig, type ServerConfig } from '../config.js';
import { parseBoolean, parseNumber, type FlagSpecs, type FlagValues } from './args.js';
import { usageError } from './errors.js';

type Kind = 'number' | 'boolean' | 'string';

/** One leaf setting, e.g. `maxFrameBytes` or `scrypt.N`, with its flag and variable names. */
export interface Setting {
  /** Key path in ServerConfig: `['httpPort']` or `['scrypt', 'N']`. */
  path: readonly string[];
  kind: Kind;
  /** Flag name without dashes: `http-port`, `scrypt-n`. */
  flag: string;
  /** Environment variable: `ATOLL_HTTP_PORT`, `ATOLL_SCRYPT_N`. */
  env: string;
  choices?: readonly string[];
}

// Settings whose default is null carry no shape to derive from: name their fields here.
const NULLABLE_GROUPS: Readonly<Record<string, Readonly<Record<string, Kind>>>> = {
  tls: { cert: 'string', key: 'string' },
};

// String settings that take one of a fixed set of words.
const CHOICES: Readonly<Record<string, readonly string[]>> = {
  logLevel: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
  durability: ['log', 'write-through', 'memory'],
  router: ['local', 'serializing'],
};

/** Flags that are shorthands for a setting's own flag. */
const ALIASES: Readonly<Record<string, string>> = { data: 'data-dir' };

/** Variables that are not settings but that `atoll` reads. */
const OTHER_ENV = new Set(['ATOLL_CONFIG', 'ATOLL_PASSWORD', 'ATOLL_SERVER']);

export function kebabCase(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function settingFor(path: string[], kind: Kind): Setting {
  const flag = path.map(kebabCase).join('-');
  const env = `ATOLL_${flag.replace(/-/g, '_').toUpperCase()}`;
  const choices = CHOICES[path.join('.')];
  return choices ? { path, kind, flag, env, choices } : { path, kind, flag, env };
}

function kindOf(value: unknown, where: string): Kind {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return typeof value as Kind;
  throw new Error(`config-load: cannot derive a setting from ${where} (${typeof value}); add it to NULLABLE_GROUPS`);
}

/** Every leaf setting of ServerConfig, in declaration order. */
export function listSettings(): Setting[] {
  const settings: Setting[] = [];
  for (const [key, value] of Object.entries(defaultConfig)) {
    const group = NULLABLE_GROUPS[key];
    if (group) {
      for (const [sub, kind] of Object.entries(group)) settings.push(settingFor([key, sub], kind));
    } else if (value !== null && typeof value === 'object') {
      for (const [sub, subValue] of Object.entries(value)) settings.push(settingFor([key, sub], kindOf(subValue, `${key}.${sub}`)));
    } else {
      settings.push(settingFor([key], kindOf(value, key)));
    }
  }
  return settings;
}

/** The flags `atoll serve` accepts, for the argument parser. */
export function configFlagSpecs(): FlagSpecs {
  const specs: Record<string, 'string' | 'boolean'> = { config: 'string' };
  for (const s of listSettings()) specs[s.flag] = s.kind === 'boolean' ? 'boolean' : 'string';
  for (const [alias, target] of Object.entries(ALIASES)) specs[alias] = specs[target];
  return specs;
}

export interface ConfigSources {
  /** Parsed flags of `atoll serve` (names without dashes). */
  flags: FlagValues;
  env: Readonly<Record<string, string | undefined>>;
}

export interface LoadedConfig {
  config: ServerConfig;
  /** The file that was read, if any. */
  file: string | null;
  /** Things worth logging that are not errors (e.g. an unknown ATOLL_* variable). */
  warnings: string[];
}

/** Reads every source and returns a checked ServerConfig; throws CliError (usage) naming the culprit. */
export function loadConfig(sources: ConfigSources): LoadedConfig {
  const settings = listSettings();
  const overrides: Record<string, unknown> = {};
  const flagFile = sources.flags.config;
  const file = typeof flagFile === 'string' ? flagFile : nonEmpty(sources.env.ATOLL_CONFIG);
  if (file !== undefined) applyFile(overrides, settings, file);
  applyEnv(overrides, settings, sources.env);
  applyFlags(overrides, settings, sources.flags);
  try {
    return { config: resolveConfig(overrides as Partial<ServerConfig>), file: file ?? null, warnings: unknownEnv(settings, sources.env) };
  } catch (err) {
    if (err instanceof ConfigError) throw usageError(`invalid configuration: ${err.message}`);
    throw err;
  }
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

function put(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  if (path.length === 1) {
    target[path[0]] = value;
    return;
  }
  const group = (target[path[0]] ??= {}) as Record<string, unknown>;
  group[path[1]] = value;
}

function convert(setting: Setting, text: string, what: string): unknown {
  if (setting.kind === 'number') return parseNumber(text, what);
  if (setting.kind === 'boolean') return parseBoolean(text, what);
  checkChoice(setting, text, what);
  return text;
}

function checkChoice(setting: Setting, text: string, what: string): void {
  if (setting.choices && !setting.choices.includes(text)) {
    throw usageError(`${what}: expected one of ${setting.choices.join(', ')}, got "${text}"`);
  }
}

function applyEnv(overrides: Record<string, unknown>, settings: Setting[], env: ConfigSources['env']): void {
  for (const s of settings) {
    const text = nonEmpty(env[s.env]);
    if (text !== undefined) put(overrides, s.path, convert(s, text, `environment variable ${s.env}`));
  }
}

function applyFlags(overrides: Record<string, unknown>, settings: Setting[], flags: FlagValues): void {
  const byFlag = new Map(settings.map((s) => [s.flag, s]));
  for (const [name, value] of Object.entries(flags)) {
    const s = byFlag.get(ALIASES[name] ?? name);
    if (!s) continue;
    put(overrides, s.path, typeof value === 'boolean' ? value : convert(s, value, `--${name}`));
  }
}

function applyFile(overrides: Record<string, unknown>, settings: Setting[], file: string): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw usageError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw usageError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!isPlainObject(data)) throw usageError(`config file ${file} must hold a JSON object of settings, e.g. {"httpPort": 5280}`);
  const topKeys = [...new Set(settings.map((s) => s.path[0]))];
  for (const [key, value] of Object.entries(data)) {
    if (!topKeys.includes(key)) throw usageError(`config file ${file}: unknown key "${key}"; known keys: ${topKeys.join(', ')}`);
    const leaves = settings.filter((s) => s.path[0] === key);
    if (leaves.length === 1 && leaves[0].path.length === 1) {
      put(overrides, leaves[0].path, checkFileValue(leaves[0], value, `config file ${file}: "${key}"`));
      continue;
    }
    applyFileGroup(overrides, leaves, key, value, file);
  }
}

function applyFileGroup(overrides: Record<string, unknown>, leaves: Setting[], key: string, value: unknown, file: string): void {
  const subKeys = leaves.map((s) => s.path[1]);
  if (value === null && NULLABLE_GROUPS[key]) {
    overrides[key] = null;
    return;
  }
  if (!isPlainObject(value)) {
    const shape = `{${subKeys.map((k) => `"${k}": …`).join(', ')}}`;
    throw usageError(`config file ${file}: "${key}" must be an object ${shape}${NULLABLE_GROUPS[key] ? ' or null' : ''}`);
  }
  for (const [sub, subValue] of Object.entries(value)) {
    const s = leaves.find((l) => l.path[1] === sub);
    if (!s) throw usageError(`config file ${file}: unknown key "${key}.${sub}"; known keys of "${key}": ${subKeys.join(', ')}`);
    put(overrides, s.path, checkFileValue(s, subValue, `config file ${file}: "${key}.${sub}"`));
  }
}

function checkFileValue(s: Setting, value: unknown, what: string): unknown {
  const ok = s.kind === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === s.kind;
  if (!ok) throw usageError(`${what}: expected a ${s.kind}, got ${JSON.stringify(value)}`);
  if (s.kind === 'string') checkChoice(s, value as string, what);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownEnv(settings: Setting[], env: ConfigSources['env']): string[] {
  const known = new Set([...settings.map((s) => s.env), ...OTHER_ENV]);
  return Object.keys(env)
    .filter((name) => name.startsWith('ATOLL_') && !known.has(name))
    .map((name) => `ignoring environment variable ${name}: not an atoll setting (see atoll help serve)`);
}
