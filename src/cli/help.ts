// The text of `atoll help`, `atoll help COMMAND` and `atoll --version`.
import { VERSION } from '../version.js';
import { defaultConfig } from '../config.js';
import { listSettings, type Setting } from './config-load.js';

const EXIT_CODES = `Exit codes:
  0  success
  1  usage: bad arguments, bad configuration
  2  server error: the server refused (AUTH_FAILED, USER_NOT_FOUND, USER_EXISTS, ...), or serve could not start
  3  unavailable: the server could not be reached, went away (SHUTTING_DOWN), asked to try again
     later (CONNECTION_LIMIT, SERVER_BUSY, STORAGE_UNAVAILABLE), the connection dropped, or --timeout passed
  130 interrupted (SIGINT)`;

const CLIENT_COMMON = `  --server URL     ws://HOST:PORT (path /v1/ws implied), wss://HOST:PORT, tcp://HOST:PORT or
                   tls://HOST:PORT; default ws://127.0.0.1:5280 (or $ATOLL_SERVER)
  --password PW    the account's password; default $ATOLL_PASSWORD
  --ca FILE        PEM certificate to trust for wss:// and tls:// (e.g. the server's self-signed one)`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  register: `atoll register USER --password PW [--invite CODE] [--server URL] [--timeout SECONDS]
Creates an account. A server with open registration off needs its invite code.
${CLIENT_COMMON}
  --invite CODE    the server's invite code (its inviteCode setting)
  --timeout S      give up after S seconds (default 30)`,
  send: `atoll send TO TEXT --user USER --password PW [--device NAME] [--server URL] [--timeout SECONDS]
Sends TEXT to user TO and exits once the server acknowledged it (stored durably); prints the message id.
${CLIENT_COMMON}
  --device NAME    device to log in as; default "cli-send"
  --timeout S      give up after S seconds (default 30)`,
  listen: `atoll listen --user USER --password PW [--device NAME] [--count N] [--timeout SECONDS] [--json] [--server URL]
Prints each message as it arrives, then acknowledges it (so it is not delivered to this device again).
Exits 3 if the connection is lost (it does not reconnect); messages not yet printed stay queued.
${CLIENT_COMMON}
  --device NAME    device to log in as; default "cli-listen"
  --count N        exit 0 after N messages
  --timeout S      with --count: exit 3 if N messages have not arrived within S seconds;
                   without --count: stop listening after S seconds (exit 0)
  --json           one JSON object per line: id, seq, from, fromDevice, to, text, sentAt, outgoing
                   (outgoing: sent by another device of USER)`,
  chat: `atoll chat --user USER --password PW [--device NAME] [--server URL]
An interactive terminal client. Type a line to send it to the current peer.
  /to USER         talk to USER (and follow their presence)
  /quit            leave (also Ctrl-D, or the end of piped input)
Ticks after your messages: ✓ sent (stored by the server), ✓✓ delivered, ✓✓ read.
Messages that arrived while you were offline are shown first. On leaving, chat waits (up to 30 s)
for the server to confirm the messages still on their way; it exits 0 only if every message it
sent was confirmed (2 if the server refused one, 3 if one could not reach it).
${CLIENT_COMMON}
  --device NAME    device to log in as; default "cli-chat"`,
  bench: `atoll bench ...
Runs the load generator (see its own --help).`,
};

export function mainHelp(): string {
  return `atoll ${VERSION} — a messaging server and its command-line client

Usage:
  atoll serve    [--config FILE] [--data DIR] [--host HOST] [--http-port N] [--tcp-port N] [...settings]
  atoll register USER --password PW [--invite CODE] [--server URL]
  atoll send     TO TEXT --user USER --password PW [--device NAME] [--server URL]
  atoll listen   --user USER --password PW [--device NAME] [--count N] [--timeout SECONDS] [--json] [--server URL]
  atoll chat     --user USER --password PW [--device NAME] [--server URL]
  atoll bench    ...
  atoll help [COMMAND] | --help | --version

${EXIT_CODES}`;
}

export function commandHelp(command: string): string | undefined {
  if (command === 'serve') return serveHelp();
  const text = COMMAND_HELP[command];
  return text === undefined ? undefined : `${text}\n\n${EXIT_CODES}`;
}

function serveHelp(): string {
  const rows = listSettings().map((s) => `  ${flagColumn(s).padEnd(34)} ${s.env.padEnd(28)} ${defaultOf(s)}`);
  return `atoll serve [--config FILE] [flags]
Runs a server node. Settings come from (lowest to highest precedence) the defaults, a JSON file
(--config FILE or $ATOLL_CONFIG, keys as in ServerConfig, e.g. {"httpPort": 5280, "scrypt": {"N": 16384}}),
ATOLL_* environment variables, and flags. --data DIR is short for --data-dir DIR.
Logs JSON lines (pino) to stdout; the "listening" line carries httpPort and tcpPort.
SIGINT/SIGTERM close the server cleanly (exit 0).

  flag                               environment variable         default
${rows.join('\n')}

${EXIT_CODES}`;
}

function flagColumn(s: Setting): string {
  if (s.kind === 'boolean') return `--[no-]${s.flag}`;
  const placeholder = s.choices ? s.choices.join('|') : s.kind === 'number' ? 'N' : 'TEXT';
  return `--${s.flag} ${placeholder}`;
}

function defaultOf(s: Setting): string {
  let value: unknown = defaultConfig;
  for (const key of s.path) value = value === null ? null : (value as Record<string, unknown>)[key];
  return value === null || value === undefined ? '(none)' : String(value);
}
