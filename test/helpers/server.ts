// Starts real Atoll servers for tests: in-process on ephemeral ports with a temp data dir, or as
// a child process running the built CLI (for kill -9 tests).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { resolveConfig, type ServerConfig } from '../../src/config.js';
import { startServer, type AtollServer } from '../../src/server.js';

/** Cheap password hashing: tests log in hundreds of times. */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };
/** The router test servers run on: ATOLL_ROUTER=serializing runs the suite through the serialising router. */
export const TEST_ROUTER: Pick<ServerConfig, 'router'> = { router: process.env.ATOLL_ROUTER === 'serializing' ? 'serializing' : 'local' };

/**
 * Tests open hundreds of connections at once, all from 127.0.0.1: the pre-login caps are raised
 * out of their way (tests of the caps set their own).
 */
export const TEST_PRE_LOGIN = { maxPreLoginPerAddress: 10_000, maxPreLogin: 10_000 };

/**
 * The same for the login and registration rate limits: the suite logs in and registers thousands
 * of times from 127.0.0.1 (tests of the limits set their own).
 */
export const TEST_LOGIN_LIMITS = {
  loginRatePerAddress: 100_000, loginBurstPerAddress: 100_000,
  failedLoginRatePerUser: 100_000, failedLoginBurstPerUser: 100_000,
  registerRatePerAddress: 100_000, registerBurstPerAddress: 100_000,
  maxQueuedAuthPerAddress: 100_000,
};

/** TEST_LOGIN_LIMITS as the ATOLL_* variables of `atoll serve`. */
export function loginLimitsEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(TEST_LOGIN_LIMITS)) env[`ATOLL_${key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`] = String(value);
  return env;
}

export function tempDir(prefix = 'atoll-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestServer extends AtollServer {
  dataDir: string;
  ws: string;
  tcp: string;
  /** Closes the server and removes its data dir. */
  stop(): Promise<void>;
}

export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dir = overrides.dataDir ? null : tempDir();
  const config = resolveConfig({ dataDir: dir?.path, httpPort: 0, tcpPort: 0, scrypt: TEST_SCRYPT, logLevel: 'silent', ...TEST_ROUTER, ...TEST_PRE_LOGIN, ...TEST_LOGIN_LIMITS, ...overrides });
  const server = await startServer(config, { logger: pino({ level: config.logLevel }) });
  return Object.assign(Object.create(server) as AtollServer, server, {
    dataDir: config.dataDir,
    ws: `ws://127.0.0.1:${server.httpPort}/v1/ws`,
    tcp: `tcp://127.0.0.1:${server.tcpPort}`,
    async stop() {
      await server.close();
      dir?.remove();
    },
  });
}

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface ChildServer {
  child: ChildProcess;
  httpPort: number;
  tcpPort: number;
  ws: string;
  tcp: string;
  /** SIGKILL, and wait for the process to be gone. */
  kill9(): Promise<void>;
  /** SIGTERM, and wait for a clean exit. */
  stop(): Promise<number | null>;
  /** Everything the server wrote so far (its JSON log lines, then stderr), and how it exited if it did. */
  output(): string;
}

/** Runs `atoll serve` as a child process on ephemeral ports; resolves once it logs its ports. */
export function startChildServer(dataDir: string, extraArgs: string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, [CLI, 'serve', '--data', dataDir, '--http-port', '0', '--tcp-port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, ATOLL_SCRYPT_N: String(TEST_SCRYPT.N), ATOLL_LOG_LEVEL: 'info',
      ATOLL_MAX_PRE_LOGIN_PER_ADDRESS: String(TEST_PRE_LOGIN.maxPreLoginPerAddress), ATOLL_MAX_PRE_LOGIN: String(TEST_PRE_LOGIN.maxPreLogin),
      ...loginLimitsEnv(),
    },
  });
  let out = '';
  let err = '';
  let status = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      status = `[the server exited: code ${code}, signal ${signal}]\n`;
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start in 15 s: ${out}${err}`)); }, 15_000);
    child.stderr!.on('data', (d) => { err += d; });
    let listening = false;
    child.stdout!.on('data', (d) => {
      out += d;
      if (listening) return;
      for (const line of out.split('\n')) {
        if (!line.includes('"httpPort"')) continue;
        const { httpPort, tcpPort } = JSON.parse(line) as { httpPort: number; tcpPort: number };
        listening = true;
        clearTimeout(timer);
        resolve({
          child, httpPort, tcpPort, output: () => out + (err === '' ? '' : `[stderr]\n${err}`) + status,
          ws: `ws://127.0.0.1:${httpPort}/v1/ws`, tcp: `tcp://127.0.0.1:${tcpPort}`,
          kill9: async () => { child.kill('SIGKILL'); await exited; },
          stop: async () => { child.kill('SIGTERM'); return exited; },
        });
        return;
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code} before listening: ${out}${err}`)); });
  });
}
