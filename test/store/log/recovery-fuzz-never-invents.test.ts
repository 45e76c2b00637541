// Fuzzing recovery: segments are truncated, bytes flipped and garbage appended at random offsets
// (seeded; the seed is printed). Recovery must never throw, never return a record that was not
// appended, and must return exactly the written records before the first damaged one; appends
// after recovery must continue right behind them.

import assert from 'node:assert/strict';
import { cp, mkdtemp, open, readdir, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { GroupCommitLog } from '../../../src/store/log/index.js';
import type { LogOptions } from '../../../src/store/log/index.js';
import { payloadFor, prng, randInt, readLog, replayAll, withTempDir } from './helpers.js';

const HEADER = 16;
const RECORDS = 300;
const ITERATIONS = 150; // per variant; each one copies, damages, recovers (and every 5th appends again)

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

/** Applies one random damage; returns the first LSN it destroys (Infinity if none). */
async function damage(dir: string, layout: Layout, sizes: number[], rand: () => number, log: Damage[]): Promise<number> {
  const segment = randInt(rand, 0, sizes.length);
  const path = join(dir, layout.segments[segment].name);
  const r = rand();
  const kind: Damage['kind'] = r < 0.4 ? 'truncate' : r < 0.85 ? 'flip' : r < 0.95 ? 'garbage' : 'zeros';
  const lsnsIn = layout.seg.flatMap((s, lsn) => (s === segment ? [lsn] : []));
  if (kind === 'truncate') {
    const offset = randInt(rand, 0, sizes[segment] + 1);
    await truncate(path, offset);
    sizes[segment] = Math.min(sizes[segment], offset);
    log.push({ kind, segment, offset });
    return Math.min(Infinity, ...lsnsIn.filter((lsn) => layout.end[lsn] > offset));
  }
  if (kind === 'flip') {
    if (sizes[segment] === 0) return Infinity;
    const offset = randInt(rand, 0, sizes[segment]);
    const fh = await open(path, 'r+');
    const b = Buffer.alloc(1);
    await fh.read(b, 0, 1, offset);
    b[0] ^= randInt(rand, 1, 256);
    await fh.write(b, 0, 1, offset);
    await fh.close();
    log.push({ kind, segment, offset });
    return Math.min(Infinity, ...lsnsIn.filter((lsn) => layout.start[lsn] <= offset && offset < layout.end[lsn]));
  }
  // bytes added after the end of the file: a torn write of garbage, or preallocation-like zeros
  const extra = Buffer.alloc(randInt(rand, 1, 200));
  if (kind === 'garbage') for (let i = 0; i < extra.length; i++) extra[i] = randInt(rand, 0, 256);
  const fh = await open(path, 'a');
  await fh.write(extra);
  await fh.close();
  log.push({ kind, segment, offset: sizes[segment] });
  sizes[segment] += extra.length;
  return Infinity;
}

for (const preallocate of [false, true]) {
  test(`recovery of a damaged log returns exactly the undamaged prefix (preallocate=${preallocate})`, async (t) => {
    const seed = Number(process.env.LOG_FUZZ_SEED ?? Date.now() % 1_000_000_007);
    t.diagnostic(`seed ${seed} (rerun with LOG_FUZZ_SEED=${seed})`);
    const rand = prng(seed);
    const options: LogOptions = { maxSegmentBytes: 8 * 1024, preallocate };
    await withTempDir(async (root) => {
      const pristine = join(root, 'pristine');
      const written = await writePristine(pristine, options, rand);
      const layout = await layoutOf(pristine, written);
      assert.ok(layout.segments.length >= 5, `want several segments, got ${layout.segments.length}`);
      if (preallocate) assert.ok(layout.segments.some((s) => s.size === 8 * 1024), 'some segment was preallocated');

      for (let iter = 0; iter < ITERATIONS; iter++) {
        const dir = await mkdtemp(join(root, 'case-'));
        await cp(pristine, dir, { recursive: true });
        const sizes = layout.segments.map((s) => s.size);
        const applied: Damage[] = [];
        let firstLost = Infinity;
        const n = randInt(rand, 1, 4);
        for (let k = 0; k < n; k++) firstLost = Math.min(firstLost, await damage(dir, layout, sizes, rand, applied));
        const keep = Math.min(written.length, firstLost - 1);
        const where = `seed ${seed}, iteration ${iter}, damage ${JSON.stringify(applied)}`;

        let got;
        try {
          got = await readLog(dir, options);
        } catch (err) {
          assert.fail(`recovery threw (${where}): ${(err as Error).stack}`);
        }
        assert.equal(got.lsns.length, keep, `records recovered (${where})`);
        for (let i = 0; i < keep; i++) {
          assert.equal(got.lsns[i], i + 1, where);
          assert.ok(written[i].equals(got.payloads[i]), `payload of LSN ${i + 1} (${where})`);
        }
        assert.equal(got.result.nextLsn, keep + 1, where);

        if (iter % 5 === 0) {
          // appends continue right behind the last good record and survive another recovery
          const log = await GroupCommitLog.open(dir, options);
          const extra = [payloadFor(10_000 + iter, 33), payloadFor(20_000 + iter, 0)];
          assert.deepEqual(await Promise.all(extra.map((p) => log.append(p))), [keep + 1, keep + 2], where);
          await log.close();
          const again = await readLog(dir, options);
          assert.equal(again.lsns.length, keep + 2, where);
          assert.ok(extra[0].equals(again.payloads[keep]) && extra[1].equals(again.payloads[keep + 1]), where);
          assert.deepEqual(again.result.tail, { kind: 'clean' }, where);
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
    const got = await readLog(dir);
    assert.deepEqual(got.lsns, []);
    assert.equal(got.result.nextLsn, 1);
    assert.equal(got.result.tail.kind, 'truncated');
    const rest = (await readdir(dir)).sort();
    assert.ok(rest.includes(`${'5'.padStart(20, '0')}.log.damaged`), `quarantined: ${rest}`);
    assert.equal((await stat(join(dir, `${'1'.padStart(20, '0')}.log`))).size, 0);
  });
});
