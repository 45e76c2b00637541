// The coordinator's side of the worker processes: forks them, splits users among them, sends a
// command to all and waits until all have done it, and collects their reports.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command, UserRange, WorkerEvent, WorkerReport, WorkerSetup } from './types.js';

/** Connections one worker holds at most, below the per-process open-files limit. */
export const MAX_CONNS_PER_WORKER = 15_000;
/** Files a worker needs beyond its sockets (node itself, pipes, libuv). */
const FILE_HEADROOM = 200;

/** The soft and hard open-files limits of this process, from /proc (null where unreadable). */
export function fileLimits(): { soft: number; hard: number } | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const m = line ? /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(line) : null;
    if (!m) return null;
    const n = (s: string) => (s === 'unlimited' ? Infinity : Number(s));
    return { soft: n(m[1]), hard: n(m[2]) };
  } catch {
    return null;
  }
}

/** Connections per worker allowed by the file limit (workers inherit ours) and by MAX_CONNS_PER_WORKER. */
export function connsPerWorkerCap(limits: { soft: number } | null): number {
  const byFiles = limits === null ? MAX_CONNS_PER_WORKER : limits.soft - FILE_HEADROOM;
  return Math.max(1, Math.min(MAX_CONNS_PER_WORKER, byFiles));
}

/** Workers needed for `users` connections: at least `asked`, more if the per-worker cap demands it. */
export function workersFor(users: number, asked: number, cap: number): number {
  return Math.max(1, asked, Math.ceil(users / cap));
}

/** Splits users 0..users-1 into `workers` contiguous ranges whose sizes differ by at most one. */
export function splitUsers(users: number, workers: number): UserRange[] {
  const out: UserRange[] = [];
  let first = 0;
  for (let w = 0; w < workers; w++) {
    const count = Math.floor(users / workers) + (w < users % workers ? 1 : 0);
    out.push({ first, count });
    first += count;
  }
  return out;
}

interface Worker {
  child: ChildProcess;
  progress: { connected: number; failed: number; sent: number; received: number };
  /** Who waits for which kind of answer: 'report' can overtake 'done' (workers answer it at once). */
  waiting: Map<string, ((e: WorkerEvent) => void)[]>;
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private failure: Error | null = null;

  private constructor() {}

  /** Forks one process per setup and waits until each has built its connections. */
  static async start(setups: WorkerSetup[], cpuList?: string): Promise<WorkerPool> {
    const pool = new WorkerPool();
    const modulePath = fileURLToPath(new URL('./worker.js', import.meta.url));
    for (const setup of setups) {
      const child = cpuList
        ? fork(modulePath, [], { execPath: 'taskset', execArgv: ['-c', cpuList, process.execPath], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
        : fork(modulePath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const w: Worker = { child, progress: { connected: 0, failed: 0, sent: 0, received: 0 }, waiting: new Map() };
      child.on('message', (e: WorkerEvent) => pool.onEvent(w, e));
      child.on('exit', (code, signal) => {
        if (w.waiting.size > 0 || code !== 0) pool.fail(new Error(`bench worker ${setup.worker} exited (${signal ?? code})`), w);
      });
      pool.workers.push(w);
      child.send({ t: 'setup', setup } satisfies Command);
    }
    await Promise.all(pool.workers.map((w) => pool.next(w, 'ready')));
    return pool;
  }

  get pids(): number[] {
    return this.workers.map((w) => w.child.pid ?? 0);
  }

  private onEvent(w: Worker, e: WorkerEvent): void {
    if (e.t === 'progress') {
      w.progress = { connected: e.connected, failed: e.failed, sent: e.sent, received: e.received };
      return;
    }
    if (e.t === 'fatal') {
      this.fail(new Error(`bench worker failed: ${e.message}`), w);
      return;
    }
    const key = e.t === 'done' ? `done:${e.command}` : e.t;
    const queue = w.waiting.get(key);
    const waiter = queue?.shift();
    if (queue !== undefined && queue.length === 0) w.waiting.delete(key);
    waiter?.(e);
  }

  private fail(err: Error, w: Worker): void {
    this.failure ??= err;
    const queues = [...w.waiting.values()];
    w.waiting.clear();
    for (const q of queues) for (const waiter of q) waiter({ t: 'fatal', message: err.message });
  }

  /** Waits for an event of kind `want` ('done:chat' waits for the end of a chat command). */
  private next(w: Worker, want: string): Promise<WorkerEvent> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const queue = w.waiting.get(want) ?? [];
      w.waiting.set(want, queue);
      queue.push((e) => {
        if (e.t === 'fatal') reject(this.failure ?? new Error(e.message));
        else resolve(e);
      });
    });
  }

  /** Sends a command to every worker (or one per worker, from a function) and waits until all are done. */
  async all(cmd: Command | ((worker: number) => Command)): Promise<void> {
    await Promise.all(
      this.workers.map((w, i) => {
        const c = typeof cmd === 'function' ? cmd(i) : cmd;
        const done = this.next(w, `done:${c.t}`);
        w.child.send(c);
        return done;
      }),
    );
  }

  async reports(): Promise<WorkerReport[]> {
    const got = await Promise.all(
      this.workers.map((w) => {
        const r = this.next(w, 'report');
        w.child.send({ t: 'report' } satisfies Command);
        return r;
      }),
    );
    return got.map((e) => (e as Extract<WorkerEvent, { t: 'report' }>).report);
  }

  progress(): { connected: number; failed: number; sent: number; received: number } {
    const sum = { connected: 0, failed: 0, sent: 0, received: 0 };
    for (const w of this.workers) {
      sum.connected += w.progress.connected;
      sum.failed += w.progress.failed;
      sum.sent += w.progress.sent;
      sum.received += w.progress.received;
    }
    return sum;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
            const t = setTimeout(() => {
              w.child.kill('SIGKILL');
              resolve();
            }, 3000);
            w.child.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            try {
              w.child.send({ t: 'exit' } satisfies Command);
            } catch {
              w.child.kill('SIGTERM');
            }
          }),
      ),
    );
  }
}
