// `atoll register`, `atoll send` and `atoll listen`: one-shot clients built on the SDK.
import { AtollError, Client, type ReceivedMessage } from '../client/index.js';
import { parseArgs, parseNumber, type FlagValues } from './args.js';
import { ExitCode, usageError } from './errors.js';
import { CONNECTION_FLAGS, clientOptions, describeFailure, withDeadline } from './client-session.js';

const DEFAULT_TIMEOUT_S = 30;

export async function register(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { ...CONNECTION_FLAGS, timeout: 'string', invite: 'string' }, 'register');
  const user = onePositional(positionals, 'register', 'USER');
  const options = clientOptions({ ...flags, user }, 'register', 'cli-register');
  const client = new Client({ ...options, reconnect: false, autoAck: false });
  try {
    await withDeadline(timeoutMs(flags, 'register') ?? DEFAULT_TIMEOUT_S * 1000, 'register', async () => {
      await client.connect();
      await client.register(user, options.password, { inviteCode: typeof flags.invite === 'string' ? flags.invite : undefined });
    });
  } catch (err) {
    throw describeFailure(err, 'register', options.server);
  } finally {
    await closeQuietly(client);
  }
  process.stdout.write(`registered ${user}\n`);
  return ExitCode.ok;
}

export async function send(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, clientFlags(), 'send');
  if (positionals.length !== 2) throw usageError(`atoll send: expected TO and TEXT, got ${positionals.length} argument(s) (see atoll help send)`);
  const [to, text] = positionals;
  const options = clientOptions(flags, 'send', 'cli-send');
  // This device only sends: leave anything queued for it unacknowledged rather than dropping it unseen.
  const client = new Client({ ...options, reconnect: false, autoAck: false });
  let id: string;
  try {
    id = await withDeadline(timeoutMs(flags, 'send') ?? DEFAULT_TIMEOUT_S * 1000, 'send', async () => {
      await client.connect();
      await client.login();
      return (await client.send(to, text)).id;
    });
  } catch (err) {
    throw describeFailure(err, 'send', options.server);
  } finally {
    await closeQuietly(client);
  }
  process.stdout.write(`${id}\n`);
  return ExitCode.ok;
}

export async function listen(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { ...clientFlags(), count: 'string', json: 'boolean' }, 'listen');
  if (positionals.length > 0) throw usageError(`atoll listen: unexpected argument "${positionals[0]}" (see atoll help listen)`);
  const count = flags.count === undefined ? undefined : positiveInteger(String(flags.count), '--count');
  const deadline = timeoutMs(flags, 'listen');
  const options = clientOptions(flags, 'listen', 'cli-listen');
  const json = flags.json === true;
  // Acks are sent by hand, after printing, and only for printed messages: what is not shown stays queued.
  const client = new Client({ ...options, reconnect: false, autoAck: false });
  let received = 0;
  let finish: (outcome: number | Error) => void = () => {};
  const done = new Promise<number | Error>((resolve) => (finish = resolve));
  const counting = () => count === undefined || received < count;
  client.on('message', (m: ReceivedMessage) => {
    if (!counting()) return;
    received++;
    process.stdout.write(`${json ? formatJson(m) : formatText(m)}\n`);
    client.ack(m.seq);
    if (received === count) finish(ExitCode.ok);
  });
  // Receipts for USER's own sends mean nothing here, but unacked they would fill the device's window.
  client.on('receipt', (r) => {
    if (counting()) client.ack(r.seq);
  });
  let lastError: AtollError | undefined;
  client.on('error', (err) => (lastError = err));
  // Without reconnect the client closes itself when the connection is lost or the server ends it.
  client.on('state', (state) => {
    if (state === 'closed') finish(lastError ?? new AtollError('CLOSED', 'the server closed the connection'));
  });
  const onSigint = () => finish(ExitCode.interrupted);
  process.once('SIGINT', onSigint);
  const started = Date.now();
  try {
    await withDeadline(Math.min(deadline ?? Infinity, DEFAULT_TIMEOUT_S * 1000), 'listen', async () => {
      await client.connect();
      await client.login();
    });
    const outcome = await waitUntil(done, deadline === undefined ? undefined : deadline - (Date.now() - started));
    if (outcome === 'timeout') return timedOut(count, received, deadline ?? 0);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  } catch (err) {
    throw describeFailure(err, 'listen', options.server);
  } finally {
    process.off('SIGINT', onSigint);
    finish(ExitCode.ok); // our own close below must not count as a failure
    await closeQuietly(client);
  }
}

function timedOut(count: number | undefined, received: number, ms: number): number {
  if (count === undefined) return ExitCode.ok;
  process.stderr.write(`atoll listen: timed out after ${ms / 1000}s with ${received} of ${count} message(s)\n`);
  return ExitCode.unavailable;
}

function waitUntil<T>(done: Promise<T>, ms: number | undefined): Promise<T | 'timeout'> {
  if (ms === undefined) return done;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([done, timeout]).finally(() => clearTimeout(timer));
}

function clientFlags() {
  return { ...CONNECTION_FLAGS, user: 'string', device: 'string', timeout: 'string' } as const;
}

function onePositional(positionals: string[], command: string, name: string): string {
  if (positionals.length !== 1) throw usageError(`atoll ${command}: expected ${name}, got ${positionals.length} argument(s) (see atoll help ${command})`);
  return positionals[0];
}

function timeoutMs(flags: FlagValues, command: string): number | undefined {
  if (flags.timeout === undefined) return undefined;
  const seconds = parseNumber(String(flags.timeout), `atoll ${command}: --timeout`);
  if (seconds <= 0) throw usageError(`atoll ${command}: --timeout must be a positive number of seconds, got ${seconds}`);
  return seconds * 1000;
}

function positiveInteger(text: string, what: string): number {
  const n = parseNumber(text, `atoll listen: ${what}`);
  if (!Number.isInteger(n) || n < 1) throw usageError(`atoll listen: ${what} must be a whole number of at least 1, got ${text}`);
  return n;
}

function formatJson(m: ReceivedMessage): string {
  return JSON.stringify({ id: m.id, seq: m.seq, from: m.from, fromDevice: m.fromDevice, to: m.to, text: m.text, sentAt: m.sentAt, outgoing: m.outgoing });
}

function formatText(m: ReceivedMessage): string {
  const when = new Date(m.sentAt).toISOString();
  return m.outgoing ? `${when} ${m.from} (${m.fromDevice}) → ${m.to}: ${m.text}` : `${when} ${m.from} → ${m.to}: ${m.text}`;
}

async function closeQuietly(client: Client): Promise<void> {
  try {
    await client.close();
  } catch {
    // already closed or never connected: nothing to release
  }
}
