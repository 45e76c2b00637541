#!/usr/bin/env node
// The `atoll` command: picks the subcommand, runs it, and turns its outcome into an exit code.
import { fileURLToPath } from 'node:url';
import { CliError, ExitCode } from './errors.js';
import { commandHelp, mainHelp } from './help.js';
import { VERSION } from '../version.js';

type Command = (argv: readonly string[]) => Promise<number>;

// Loaded on demand so `atoll send` does not pay for the server's modules, nor `serve` for the client's.
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  serve: async () => (await import('./serve.js')).serve,
  register: async () => (await import('./client-commands.js')).register,
  send: async () => (await import('./client-commands.js')).send,
  listen: async () => (await import('./client-commands.js')).listen,
  chat: async () => (await import('./chat.js')).chat,
  bench: async () => runBench,
};

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return help(rest[0]);
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const load = COMMANDS[command];
  if (!load) {
    process.stderr.write(`atoll: unknown command "${command}"; commands: ${Object.keys(COMMANDS).join(', ')}, help\n`);
    return ExitCode.usage;
  }
  if (command !== 'bench' && (rest.includes('--help') || rest.includes('-h'))) return help(command);
  try {
    return await (await load())(rest);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`atoll ${command}: unexpected failure: ${(err as Error)?.stack ?? String(err)}\n`);
    return ExitCode.server;
  }
}

function help(command: string | undefined): number {
  if (command === undefined) {
    process.stdout.write(`${mainHelp()}\n`);
    return ExitCode.ok;
  }
  const text = commandHelp(command);
  if (text === undefined) {
    process.stderr.write(`atoll help: unknown command "${command}"\n`);
    return ExitCode.usage;
  }
  process.stdout.write(`${text}\n`);
  return ExitCode.ok;
}

// The load generator lives in src/bench/ (another module, possibly absent from this build).
async function runBench(argv: readonly string[]): Promise<number> {
  const url = new URL('../bench/main.js', import.meta.url);
  const path = fileURLToPath(url);
  let mod: { main?: unknown };
  try {
    mod = (await import(url.href)) as { main?: unknown };
  } catch (err) {
    const missing = (err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(path);
    if (!missing) throw err;
    throw new CliError(`atoll bench: the load generator is not part of this build (${path} is missing)`, ExitCode.usage);
  }
  if (typeof mod.main !== 'function') throw new CliError(`atoll bench: ${path} does not export main(argv)`, ExitCode.usage);
  return (await (mod.main as (argv: string[]) => Promise<number>)([...argv])) ?? ExitCode.ok;
}

process.exit(await main(process.argv.slice(2)));
