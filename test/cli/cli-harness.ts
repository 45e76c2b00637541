// Runs the built `atoll` command as child processes for the CLI tests: a server it started
// with `atoll serve` (ports read from its log), and one-shot commands with their exit code.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** dist/src/cli/main.js of the same build as this compiled test. */
export const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** Login and registration limits out of the way of tests that log in many times from 127.0.0.1. */
const HIGH_LOGIN_LIMITS = ['login-rate-per-address', 'login-burst-per-address', 'failed-login-rate-per-user', 'failed-login-burst-per-user',
  'register-rate-per-address', 'register-burst-per-address', 'max-queued-auth-per-address'].flatMap((flag) => [`--${flag}`, '100000']);

/** Flags that keep a test server fast: cheap password hashing, high login limits. */
export const FAST_SERVER_FLAGS = ['--host', '127.0.0.1', '--http-port', '0', '--tcp-port', '0', '--scrypt-n', '1024', '--log-level', 'info', ...HIGH_LOGIN_LIMITS];

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment without ATOLL_* from the developer's shell, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('ATOLL_') && v !== undefined) env[k] = v;
  return { ...env, ...extra };
}

/** Runs `atoll ...args` to completion (killed after `timeoutMs`). */
export function runCli(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  return runCliAt(MAIN, args, options);
}

/** Runs the `atoll` entry point at `main` (a copy of the build, for instance). */
export async function runCliAt(main: string, args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [main, ...args], { env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  return { code, signal, stdout, stderr };
}

/** A long-running `atoll` child whose output lines can be awaited. */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[] = [];
  stderr = '';
  private buffered = '';
  private waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** `main`: the script node runs (the built CLI unless a test wraps it). */
  constructor(args: string[], env: Record<string, string> = cleanEnv(), main = MAIN) {
    this.child = spawn(process.execPath, [main, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => this.onData(d));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.exited = once(this.child, 'close').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    let nl: number;
    while ((nl = this.buffered.indexOf('\n')) !== -1) {
      const line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      this.lines.push(line);
      this.waiters = this.waiters.filter((w) => (w.test(line) ? (w.resolve(line), false) : true));
    }
  }

  /** Resolves with the first line (already seen or future) matching `pattern`. */
  waitFor(pattern: RegExp | ((line: string) => boolean), timeoutMs = 10_000): Promise<string> {
    const test = typeof pattern === 'function' ? pattern : (line: string) => pattern.test(line);
    const seen = this.lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no line matching ${String(pattern)} within ${timeoutMs}ms; stdout:\n${this.lines.join('\n')}\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      const done = (line: string) => {
        clearTimeout(timer);
        resolve(line);
      };
      this.waiters.push({ test, resolve: done });
    });
  }

  write(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Sends `signal` and waits for the exit; SIGKILLs it if it does not exit in time. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}

/** Starts `atoll serve` and waits for its "listening" log line. */
export async function startServe(args: string[], env?: Record<string, string>): Promise<{ proc: CliProcess; httpPort: number; tcpPort: number }> {
  const proc = new CliProcess(['serve', ...args], env);
  const listening = proc.waitFor((line) => {
    const entry = parseJson(line);
    return typeof entry?.httpPort === 'number' && typeof entry.tcpPort === 'number';
  }, 15_000);
  const exited = proc.exited.then((r) => {
    throw new Error(`atoll serve exited early (${r.code ?? r.signal}): ${proc.stderr}\n${proc.lines.join('\n')}`);
  });
  try {
    const entry = parseJson(await Promise.race([listening, exited])) as { httpPort: number; tcpPort: number };
    return { proc, httpPort: entry.httpPort, tcpPort: entry.tcpPort };
  } catch (err) {
    await proc.stop('SIGKILL');
    throw err;
  }
}

export function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A loopback port with nothing listening on it (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}
