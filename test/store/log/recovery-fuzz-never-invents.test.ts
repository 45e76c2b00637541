// Fuzzing recovery: segments are truncated, bytes flipped and garbage appended at random offsets
// (seeded; the seed is printed). Recovery must never throw anything but LogDamagedError, never
// return a record that was not appended, and must return exactly the records an independent
// reading of the damaged bytes finds intact. It is refused exactly when a record below the end
// of the log is lost, naming exactly those; with repair, appends continue after the highest LSN
// and a checkpoint past the damage makes the log clean again.

import assert from 'node:assert/strict';
import { cp, mkdtemp, open, readFile, readdir, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { GroupCommitLog, LogDamagedError } from '../../../src/store/log/index.js';
import type { LogOptions } from '../../../src/store/log/index.js';
import { payloadFor, prng, randInt, readLog, replayAll, withTempDir } from './helpers.js';

const HEADER = 16;
const RECORDS = 300;
const ITERATIONS = 40; // per variant: each copies, damages, recovers with and without repair (every 5th appends again); the seed varies per run

interface Layout {
  segments: { name: string; firstLsn: number; size: number }[];
  /** index by LSN: segment index, start and end offset of the record */
  seg: number[];
  start: number[];
  end: number[];
}

async function writePristine(dir: string, options: LogOptions, rand: () => number): Promise<Buffer[]> {
  const log = await GroupCommitLog.open(dir, options);
  await replayAll(log);
  const written: Buffer[] = [];
  while (written.length < RECORDS) {
    const burst = randInt(rand, 1, 8);
    const batch: Promise<number>[] = [];
    for (let i = 0; i < burst && written.length < RECORDS; i++) {
      const p = payloadFor(written.length + 1, randInt(rand, 0, 600));
      written.push(p);
      batch.push(log.append(p));
    }
    await Promise.all(batch);
    if (options.preallocate && rand() < 0.3) await new Promise((r) => setTimeout(r, 1));
  }
  await log.close();
  return written;
}

/** Where each record lies, derived from the format alone: segments named by first LSN, records back to back. */
async function layoutOf(dir: string, written: Buffer[]): Promise<Layout> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.log')).sort();
  const segments = await Promise.all(names.map(async (name) => ({ name, firstLsn: Number(name.slice(0, 20)), size: (await stat(join(dir, name))).size })));
  const layout: Layout = { segments, seg: [], start: [], end: [] };
  segments.forEach((s, i) => {
    const next = segments[i + 1]?.firstLsn ?? written.length + 1;
    let off = 0;
    for (let lsn = s.firstLsn; lsn < next; lsn++) {
      layout.seg[lsn] = i;
      layout.start[lsn] = off;
      off += HEADER + written[lsn - 1].length;
      layout.end[lsn] = off;
    }
    assert.ok(off <= s.size, `segment ${s.name} holds its records`);
  });
  return layout;
}

type Damage = { kind: 'truncate' | 'flip' | 'garbage' | 'zeros'; segment: number; offset: number };

/** Applies one random damage. */
async function damage(dir: string, layout: Layout, sizes: number[], rand: () => number, log: Damage[]): Promise<void> {
  const segment = randInt(rand, 0, sizes.length);
  const path = join(dir, layout.segments[segment].name);
  const r = rand();
  const kind: Damage['kind'] = r < 0.4 ? 'truncate' : r < 0.85 ? 'flip' : r < 0.95 ? 'garbage' : 'zeros';
  if (kind === 'truncate') {
    const offset = randInt(rand, 0, sizes[segment] + 1);
    await truncate(path, offset);
    sizes[segment] = Math.min(sizes[segment], offset);
    log.push({ kind, segment, offset });
    return;
  }
  if (kind === 'flip') {
    if (sizes[segment] === 0) return;
    const offset = randInt(rand, 0, sizes[segment]);
    const fh = await open(path, 'r+');
    const b = Buffer.alloc(1);
    await fh.read(b, 0, 1, offset);
    b[0] ^= randInt(rand, 1, 256);
    await fh.write(b, 0, 1, offset);
    await fh.close();
    log.push({ kind, segment, offset });
    return;
  }
  // bytes added after the end of the file: a torn write of garbage, or preallocation-like zeros
  const extra = Buffer.alloc(randInt(rand, 1, 200));
  if (kind === 'garbage') for (let i = 0; i < extra.length; i++) extra[i] = randInt(rand, 0, 256);
  const fh = await open(path, 'a');
  await fh.write(extra);
  await fh.close();
  log.push({ kind, segment, offset: sizes[segment] });
  sizes[segment] += extra.length;
}

/** Whether bytes [from, end of file) are all zero. */
const zerosFrom = (file: Buffer, from: number) => file.subarray(from).every((b) => b === 0);

/**
 * The records recovery must return, read from the damaged files and the pristine layout alone: in
 * each segment, records in sequence while intact; past a damaged one, the next intact record that
 * is followed by an intact record, the end of the file or zeros (the scan's resync rule); a damaged
 * record followed only by zeros ends the segment.
 */
async function expectedRecords(dir: string, layout: Layout, written: Buffer[], originals: Buffer[]): Promise<{ lsns: number[]; nextLsn: number }> {
  const lsns: number[] = [];
  let nextLsn = 1;
  for (const [i, s] of layout.segments.entries()) {
    const file = await readFile(join(dir, s.name));
    const recs = layout.seg.flatMap((segIndex, lsn) => (segIndex === i ? [lsn] : []));
    const intact = (lsn: number) => layout.end[lsn] <= file.length
      && file.subarray(layout.start[lsn], layout.end[lsn]).equals(originals[i].subarray(layout.start[lsn], layout.end[lsn]));
    const wellFollowed = (k: number) => {
      const end = layout.end[recs[k]];
      if (end === file.length || zerosFrom(file, end)) return true;
      return k + 1 < recs.length && intact(recs[k + 1]);
    };
    let last = 0;
    let synced = true;
    for (let k = 0; k < recs.length; k++) {
      const lsn = recs[k];
      if (!intact(lsn)) {
        if (synced && zerosFrom(file, layout.start[lsn])) break;
        synced = false;
        continue;
      }
      if (!synced && !wellFollowed(k)) continue;
      synced = true;
      lsns.push(lsn);
      last = lsn;
    }
    nextLsn = i === layout.segments.length - 1 ? Math.max(s.firstLsn, last + 1) : nextLsn;
  }
  assert.ok(lsns.every((lsn) => written[lsn - 1] !== undefined));
  return { lsns, nextLsn };
}

for (const preallocate of [false, true]) {
  test(`recovery of a damaged log returns exactly the intact records and refuses exactly when some are lost (preallocate=${preallocate})`, async (t) => {
    const seed = Number(process.env.LOG_FUZZ_SEED ?? Date.now() % 1_000_000_007);
    t.diagnostic(`seed ${seed} (rerun with LOG_FUZZ_SEED=${seed})`);
    const rand = prng(seed);
    const options: LogOptions = { maxSegmentBytes: 8 * 1024, preallocate };
    await withTempDir(async (root) => {
      const pristine = join(root, 'pristine');
      const written = await writePristine(pristine, options, rand);
      const layout = await layoutOf(pristine, written);
      const originals = await Promise.all(layout.segments.map((seg) => readFile(join(pristine, seg.name))));
      assert.ok(layout.segments.length >= 5, `want several segments, got ${layout.segments.length}`);
      if (preallocate) assert.ok(layout.segments.some((s) => s.size === 8 * 1024), 'some segment was preallocated');

      for (let iter = 0; iter < ITERATIONS; iter++) {
        const dir = await mkdtemp(join(root, 'case-'));
        await cp(pristine, dir, { recursive: true });
        const sizes = layout.segments.map((s) => s.size);
        const applied: Damage[] = [];
        const n = randInt(rand, 1, 4);
        for (let k = 0; k < n; k++) await damage(dir, layout, sizes, rand, applied);
        const where = `seed ${seed}, iteration ${iter}, damage ${JSON.stringify(applied)}`;
        const want = await expectedRecords(dir, layout, written, originals);
        const lost = Array.from({ length: want.nextLsn - 1 }, (_, i) => i + 1).filter((lsn) => !want.lsns.includes(lsn));

        const refused = await readLog(dir, options).then((got) => got, (err: unknown) => err);
        if (lost.length > 0) {
          assert.ok(refused instanceof LogDamagedError, `refused (${where}): ${String(refused)}`);
          const reported = refused.damage[0].ranges.filter((r) => r.needed).flatMap((r) => Array.from({ length: (r.toLsn ?? 0) - r.fromLsn }, (_, i) => r.fromLsn + i));
          assert.deepEqual(reported, lost, `lost LSNs reported (${where})`);
        } else if (!(refused instanceof LogDamagedError)) {
          assert.ok(!(refused instanceof Error), `recovery threw (${where}): ${(refused as Error)?.stack}`);
        } else {
          assert.fail(`refused although nothing below the end was lost (${where}): ${refused.message}`);
        }

        let got;
        try {
          got = await readLog(dir, { ...options, repair: true });
        } catch (err) {
          assert.fail(`recovery with repair threw (${where}): ${(err as Error).stack}`);
        }
        assert.deepEqual(got.lsns, want.lsns, `records recovered (${where})`);
        got.lsns.forEach((lsn, i) => assert.ok(written[lsn - 1].equals(got.payloads[i]), `payload of LSN ${lsn} (${where})`));
        assert.equal(got.result.nextLsn, want.nextLsn, where);

        if (iter % 5 === 0) {
          // appends continue after the highest LSN; a checkpoint past the damage makes the log clean
          const log = await GroupCommitLog.open(dir, { ...options, repair: true });
          const extra = [payloadFor(10_000 + iter, 33), payloadFor(20_000 + iter, 0)];
          assert.deepEqual(await Promise.all(extra.map((p) => log.append(p))), [want.nextLsn, want.nextLsn + 1], where);
          await log.checkpoint(want.nextLsn);
          await log.close();
          const again = await readLog(dir, options);
          assert.deepEqual(again.lsns, [want.nextLsn, want.nextLsn + 1], where);
          assert.ok(extra[0].equals(again.payloads[0]) && extra[1].equals(again.payloads[1]), where);
          assert.deepEqual(again.result.tail, { kind: 'clean' }, where);
          assert.ok(again.result.damaged.every((r) => !r.needed), where);
        }
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}

test('recovery never throws on a directory of pure garbage segments', async () => {
  const rand = prng(7);
  await withTempDir(async (dir) => {
    for (const lsn of [1, 5, 9]) {
      const bytes = Buffer.alloc(randInt(rand, 0, 3000));
      for (let i = 0; i < bytes.length; i++) bytes[i] = randInt(rand, 0, 256);
      const fh = await open(join(dir, `${String(lsn).padStart(20, '0')}.log`), 'w');
      await fh.write(bytes);
      await fh.close();
    }
    await assert.rejects(readLog(dir), (err: unknown) => err instanceof LogDamagedError && /8 needed records are unreadable/.test(err.message));
    const got = await readLog(dir, { repair: true });
    assert.deepEqual(got.lsns, []);
    assert.equal(got.result.nextLsn, 9);
    assert.equal(got.result.tail.kind, 'truncated');
    for (const copy of got.result.quarantined) {
      assert.deepEqual(await readFile(copy), await readFile(join(dir, copy.slice(copy.lastIndexOf('/') + 1))), 'the copy equals the damaged segment');
    }
    assert.ok(got.result.quarantined.length > 0);
    assert.equal((await stat(join(dir, `${'9'.padStart(20, '0')}.log`))).size, 0, 'the torn last segment is cut');
  });
});
