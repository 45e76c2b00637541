// Starts an Atoll server for a bench run (`--spawn-server`): `atoll serve` from this very build,
// on free loopback ports, with a temporary data directory that is removed afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** scrypt cost the spawned server uses, so that registering thousands of users takes seconds. */
export const BENCH_SCRYPT_N = 1024;
/** Pre-login caps of the spawned server: above any fleet a bench opens (one process holds at most 20,000 sockets). */
export const BENCH_MAX_PRE_LOGIN = 100_000;
/**
 * V8 flags of the spawned server, as docs/operations.md recommends for production. With the
 * default 16 MiB semi-space, scavenges took 26 % of the server's time at 5,000 msgs/s (each message
 * keeps a few dozen short-lived objects alive across an fdatasync, so they survive and are copied):
 * 64 MiB cut GC from 3.2 s to 0.5 s per 12 s (docs/benchmarks.md, "latency at low load").
 * No concurrent marking: a server pinned to one core has no core for V8's marking threads, and
 * their turns with the event loop stalled it for 100-400 ms at every major GC ("Major GC on one core").
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64', '--no-concurrent-marking'];
/**
 * Login and registration limits of the spawned server: a bench registers and logs in thousands of
 * users from each 127.0.0.x source (and again after every drop in the reconnect scenario).
 */
const BENCH_LOGIN_LIMITS_ENV = Object.fromEntries(['LOGIN_RATE_PER_ADDRESS', 'LOGIN_BURST_PER_ADDRESS', 'FAILED_LOGIN_RATE_PER_USER',
  'FAILED_LOGIN_BURST_PER_USER', 'REGISTER_RATE_PER_ADDRESS', 'REGISTER_BURST_PER_ADDRESS', 'MAX_QUEUED_AUTH_PER_ADDRESS'].map((name) => [`ATOLL_${name}`, '100000']));

export interface SpawnedServer {
  pid: number;
  tcpPort: number;
  httpPort: number;
  dataDir: string;
  /** Stops the server and starts it again on the same data directory and ports (`pid` changes). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A port that was free a moment ago (the kernel picks it; we close and hand it on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves when `port` accepts a TCP connection; rejects after `timeoutMs` or if the child exits. */
function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`atoll serve exited early (${child.exitCode ?? child.signalCode})`));
      if (Date.now() > deadline) return reject(new Error(`atoll serve did not listen on port ${port} within ${timeoutMs} ms`));
      const s = net.connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export async function spawnServer(opts: { cpu?: string; log: (line: string) => void }): Promise<SpawnedServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'atoll-bench-'));
  const [tcpPort, httpPort] = [await freePort(), await freePort()];
  let proc: Launched;
  try {
    proc = await launch(dataDir, tcpPort, httpPort, opts.cpu);
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  opts.log(`started atoll serve (pid ${proc.pid}) on tcp ${tcpPort}, http ${httpPort}, data ${dataDir}, ATOLL_SCRYPT_N=${BENCH_SCRYPT_N}${opts.cpu ? `, cpu ${opts.cpu}` : ''}`);
  const server: SpawnedServer = {
    pid: proc.pid, tcpPort, httpPort, dataDir,
    async restart() {
      await proc.stop();
      proc = await launch(dataDir, tcpPort, httpPort, opts.cpu);
      server.pid = proc.pid;
      opts.log(`restarted atoll serve (pid ${proc.pid}) on the same ports and data`);
    },
    async stop() {
      await proc.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

interface Launched {
  pid: number;
  /** SIGTERM (SIGKILL after 10 s) and wait for the exit. */
  stop(): Promise<void>;
}

/** Runs `atoll serve` on `dataDir` and the given ports; resolves once it accepts TCP connections. */
async function launch(dataDir: string, tcpPort: number, httpPort: number, cpu: string | undefined): Promise<Launched> {
  const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
  const args = [...SERVER_NODE_FLAGS, cli, 'serve', '--data', dataDir, '--host', '127.0.0.1', '--http-port', String(httpPort), '--tcp-port', String(tcpPort)];
  // A bench logs in hundreds of users at once from each source address (and all of them in the
  // reconnect scenario): the pre-login caps would turn most away, so the spawned server lifts them.
  const env = {
    ...process.env, ATOLL_SCRYPT_N: String(BENCH_SCRYPT_N), ATOLL_LOG_LEVEL: process.env.ATOLL_LOG_LEVEL ?? 'warn',
    ATOLL_MAX_PRE_LOGIN_PER_ADDRESS: String(BENCH_MAX_PRE_LOGIN), ATOLL_MAX_PRE_LOGIN: String(BENCH_MAX_PRE_LOGIN),
    ...BENCH_LOGIN_LIMITS_ENV,
  };
  const child = cpu
    ? spawn('taskset', ['-c', cpu, process.execPath, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForPort(tcpPort, child, 20_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}${stderr ? `; its stderr:\n${stderr}` : ''}`);
  }
  return { pid: child.pid!, stop };
}
