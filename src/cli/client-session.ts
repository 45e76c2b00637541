// What the client commands share: reading --server/--user/--password/--device, deadlines, and
// turning SDK errors into one stderr line with the right exit code.
import { readFileSync } from 'node:fs';
import { parseServerUrl } from '../client/index.js';
import { wire } from '../protocol/framing.js';
import type { FlagValues } from './args.js';
import { CliError, ExitCode, usageError } from './errors.js';

export const DEFAULT_SERVER = 'ws://127.0.0.1:5280';

export interface ClientIdentity {
  server: string;
  user: string;
  password: string;
  device: string;
  /** Trusted CA for wss:// and tls:// (e.g. a self-signed server certificate). */
  tls?: { ca: string };
}

/** Flags every client command takes. */
export const CONNECTION_FLAGS = { server: 'string', password: 'string', ca: 'string' } as const;

/** Reads the connection flags, falling back to ATOLL_SERVER / ATOLL_PASSWORD and the command's device. */
export function clientOptions(flags: FlagValues, command: string, defaultDevice: string): ClientIdentity {
  const server = stringFlag(flags, 'server') ?? nonEmpty(process.env.ATOLL_SERVER) ?? DEFAULT_SERVER;
  try {
    parseServerUrl(server);
  } catch (err) {
    throw usageError(`atoll ${command}: bad --server "${server}": ${(err as Error).message}`);
  }
  const user = stringFlag(flags, 'user');
  if (user === undefined || user === '') throw usageError(`atoll ${command}: --user USER is required (see atoll help ${command})`);
  const password = stringFlag(flags, 'password') ?? nonEmpty(process.env.ATOLL_PASSWORD);
  if (password === undefined) throw usageError(`atoll ${command}: a password is required: --password PW or the ATOLL_PASSWORD environment variable`);
  const device = stringFlag(flags, 'device') ?? defaultDevice;
  if (device === '') throw usageError(`atoll ${command}: --device must not be empty`);
  const caFile = stringFlag(flags, 'ca');
  return caFile === undefined ? { server, user, password, device } : { server, user, password, device, tls: { ca: readCa(caFile, command) } };
}

function readCa(file: string, command: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw usageError(`atoll ${command}: cannot read --ca ${file}: ${(err as Error).message}`);
  }
}

function stringFlag(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

/** Runs `work`; if it has not settled within `ms`, fails with a timeout (exit 3). */
export async function withDeadline<T>(ms: number, command: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CliError(`atoll ${command}: timed out after ${ms / 1000}s`, ExitCode.unavailable)), ms);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const SERVER_CODES = new Set(Object.keys(wire.ErrorCode));
/**
 * Server codes that mean "the server went away" or "not now, try again later", not "the server
 * refused": exit 3, like a lost connection.
 */
const GONE_CODES = new Set(['SHUTTING_DOWN', 'IDLE_TIMEOUT', 'CONNECTION_LIMIT', 'SERVER_BUSY', 'STORAGE_UNAVAILABLE']);

/** The protocol error name of an SDK error (`AUTH_FAILED`), or undefined for a transport failure. */
export function serverErrorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  const name = typeof code === 'number' ? (wire.ErrorCode as unknown as Record<number, string>)[code] : code;
  return typeof name === 'string' && SERVER_CODES.has(name) ? name : undefined;
}

/** One clear line and an exit code: 2 when the server said no, 3 when it could not be reached. */
export function describeFailure(err: unknown, command: string, server: string): CliError {
  if (err instanceof CliError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // PROTOCOL: the server sent something this client cannot understand; retrying will not help.
  const code = serverErrorCode(err) ?? ((err as { code?: unknown } | null)?.code === 'PROTOCOL' ? 'PROTOCOL' : undefined);
  if (code !== undefined && !GONE_CODES.has(code)) {
    const text = message.startsWith(code) ? message : `${code}: ${message}`;
    return new CliError(`atoll ${command}: ${text}`, ExitCode.server);
  }
  // The SDK's transport errors already name the URL; anything else gets it added.
  const text = code !== undefined || message.includes(server) || /^(cannot connect to|connection to) /.test(message) ? message : `cannot talk to ${server}: ${message}`;
  return new CliError(`atoll ${command}: ${text}`, ExitCode.unavailable);
}
