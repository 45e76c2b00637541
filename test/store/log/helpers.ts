// Shared helpers for the log tests: temp directories, a seeded PRNG, self-checking payloads.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroupCommitLog } from '../../../src/store/log/index.js';
import type { LogOptions, ReplayResult } from '../../../src/store/log/index.js';

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'atoll-log-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Fuzz runs are reproducible from one seed. */
export { seededRandom as prng } from '../../../src/seeded-random.js';

export function randInt(rand: () => number, lo: number, hiExclusive: number): number {
  return lo + Math.floor(rand() * (hiExclusive - lo));
}

/** Deterministic payload for sequence number `seq`: the bytes are a function of (seq, size). */
export function payloadFor(seq: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let x = (seq * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export interface Replayed {
  lsns: number[];
  payloads: Uint8Array[];
  result: ReplayResult;
}

export async function replayAll(log: GroupCommitLog, fromLsn = 0): Promise<Replayed> {
  const lsns: number[] = [];
  const payloads: Uint8Array[] = [];
  const result = await log.replay(fromLsn, (lsn, payload) => {
    lsns.push(lsn);
    payloads.push(payload);
  });
  return { lsns, payloads, result };
}

/** Opens, replays everything and closes again. */
export async function readLog(dir: string, options: LogOptions = {}): Promise<Replayed> {
  const log = await GroupCommitLog.open(dir, options);
  try {
    return await replayAll(log);
  } finally {
    await log.close();
  }
}
