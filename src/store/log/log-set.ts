// Several group-commit logs written in parallel, one per directory (e.g. one per disk). A key
// (a fragment number) always maps to the same writer, so one fragment's records stay in order.

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LogDamagedError, LogSetLayoutError } from './errors.js';
import { writeFileAtomic } from './fsutil.js';
import { GroupCommitLog } from './group-commit-log.js';
import type { LogObserver, LogOptions, ReplayResult } from './group-commit-log.js';

const LAYOUT_FILE = 'logset.json';

export interface LogSetOptions extends Omit<LogOptions, 'observer'> {
  /** Observer for writer `index`; lets metrics carry a writer label. */
  observerFor?: (index: number) => LogObserver | undefined;
}

/** Gets each record; a returned promise holds that writer's replay until it settles. */
export type SetRecordHandler = (writer: number, lsn: number, payload: Uint8Array) => unknown;

interface Layout {
  writer: number;
  writers: number;
}

export class LogSet {
  private constructor(readonly logs: readonly GroupCommitLog[]) {}

  /**
   * Opens one log per directory. Each directory remembers its place in the set; reopening with
   * the directories in another order or another count is refused, because keys would then map to
   * other writers and records of one key could be replayed out of order. To change the layout,
   * stop cleanly with everything checkpointed and start from empty directories.
   */
  static async open(dirs: readonly string[], options: LogSetOptions = {}): Promise<LogSet> {
    if (dirs.length === 0) throw new RangeError('a LogSet needs at least one directory');
    if (new Set(dirs.map((d) => resolve(d))).size !== dirs.length) throw new RangeError('LogSet directories must be distinct');
    const { observerFor, ...logOptions } = options;
    const logs: GroupCommitLog[] = [];
    try {
      for (let i = 0; i < dirs.length; i++) {
        const log = await GroupCommitLog.open(dirs[i], { ...logOptions, observer: observerFor?.(i) });
        logs.push(log);
        await checkLayout(dirs[i], { writer: i, writers: dirs.length });
      }
    } catch (err) {
      await Promise.all(logs.map((l) => l.close()));
      throw err;
    }
    return new LogSet(logs);
  }

  get writers(): number {
    return this.logs.length;
  }

  /** The writer a key (a non-negative integer such as a fragment number) is logged by. */
  writerFor(key: number): number {
    if (!Number.isSafeInteger(key) || key < 0) throw new RangeError(`log key must be a non-negative integer, got ${key}`);
    return key % this.logs.length;
  }

  /** Appends to the key's writer; resolves with the LSN within that writer once durable. */
  append(key: number, record: Uint8Array): Promise<number> {
    return this.logs[this.writerFor(key)].append(record);
  }

  /**
   * Replays all writers concurrently (and recovers them on the first call). Within a writer
   * records arrive in LSN order; records of different writers interleave. `fromLsns[i]` is where
   * writer i starts (default: its checkpoint). Damage in several writers makes one LogDamagedError.
   */
  async replay(onRecord: SetRecordHandler, fromLsns: readonly number[] = []): Promise<ReplayResult[]> {
    const settled = await Promise.allSettled(this.logs.map((log, i) => log.replay(fromLsns[i] ?? 0, (lsn, payload) => onRecord(i, lsn, payload))));
    const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    if (failed.length === 0) return settled.map((s) => (s as PromiseFulfilledResult<ReplayResult>).value);
    // Report the damage of every writer at once, unless something worse happened.
    const other = failed.find((err) => !(err instanceof LogDamagedError));
    if (other !== undefined) throw other;
    throw new LogDamagedError(failed.flatMap((err) => (err as LogDamagedError).damage));
  }

  checkpoint(writer: number, lsn: number): Promise<void> {
    const log = this.logs[writer];
    if (!log) throw new RangeError(`no log writer ${writer}`);
    return log.checkpoint(lsn);
  }

  async close(): Promise<void> {
    await Promise.all(this.logs.map((l) => l.close()));
  }
}

async function checkLayout(dir: string, want: Layout): Promise<void> {
  const path = join(dir, LAYOUT_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await writeFileAtomic(dir, path, Buffer.from(JSON.stringify(want)));
    return;
  }
  let have: Partial<Layout> = {};
  try {
    have = JSON.parse(text) as Partial<Layout>;
  } catch {
    // fall through: reported below as a mismatch
  }
  if (have.writer !== want.writer || have.writers !== want.writers) {
    throw new LogSetLayoutError(
      `log directory ${dir} belongs to writer ${have.writer} of ${have.writers}, but is opened as writer ${want.writer} of ${want.writers}`,
    );
  }
}
