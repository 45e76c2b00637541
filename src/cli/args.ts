// A small command-line parser: `--name value`, `--name=value`, boolean `--name` / `--no-name`,
// positionals, and `--` to end flags. Unknown flags are errors, never silently ignored.
import { usageError } from './errors.js';

export type FlagKind = 'string' | 'boolean';
export type FlagSpecs = Readonly<Record<string, FlagKind>>;
export type FlagValues = Record<string, string | boolean>;

export interface ParsedArgs {
  positionals: string[];
  flags: FlagValues;
}

/** Parses `argv` against the flags a command accepts; `command` names it in error messages. */
export function parseArgs(argv: readonly string[], specs: FlagSpecs, command: string): ParsedArgs {
  const positionals: string[] = [];
  const flags: FlagValues = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      if (arg.length > 1 && arg.startsWith('-') && !/^-\d/.test(arg)) throw unknownFlag(arg, specs, command);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if (name === 'help') {
      flags.help = true;
      continue;
    }
    const kind = specs[name];
    if (kind === 'boolean') {
      flags[name] = inline === undefined ? true : parseBoolean(inline, `--${name}`);
      continue;
    }
    if (kind === 'string') {
      if (inline !== undefined) {
        flags[name] = inline;
        continue;
      }
      if (i + 1 >= argv.length) throw usageError(`atoll ${command}: --${name} needs a value`);
      flags[name] = argv[++i];
      continue;
    }
    const negated = name.startsWith('no-') ? name.slice(3) : undefined;
    if (negated !== undefined && specs[negated] === 'boolean' && inline === undefined) {
      flags[negated] = false;
      continue;
    }
    throw unknownFlag(`--${name}`, specs, command);
  }
  return { positionals, flags };
}

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

/** Reads a boolean written by a person; `what` names the flag or variable in the error. */
export function parseBoolean(text: string, what: string): boolean {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  throw usageError(`${what}: expected true or false (also 1/0, yes/no, on/off), got "${text}"`);
}

/** Reads a finite number; `what` names the flag or variable in the error. */
export function parseNumber(text: string, what: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw usageError(`${what}: expected a number, got "${text}"`);
  return value;
}

function unknownFlag(flag: string, specs: FlagSpecs, command: string) {
  const known = Object.keys(specs).map((k) => `--${k}`);
  const near = known.filter((k) => editDistance(k, flag) <= 2);
  const hint = near.length > 0 ? `; did you mean ${near.join(' or ')}?` : known.length <= 8 && known.length > 0 ? `; accepted: ${known.join(', ')}` : '';
  return usageError(`atoll ${command}: unknown flag ${flag}${hint} (see atoll help ${command})`);
}

/** Levenshtein distance, for "did you mean" hints on mistyped flags. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
