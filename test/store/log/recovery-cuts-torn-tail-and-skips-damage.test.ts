// Recovery, case by case: a torn tail is cut right after the last good record and appends continue
// behind it; damage with intact records after it is refused (nothing changed but a quarantine
// copy) or, with repair, skipped so every intact record is replayed; damage the checkpoint already
// covers is harmless.

import assert from 'node:assert/strict';
import { appendFile, readFile, readdir, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { GroupCommitLog, LogDamagedError, LogSet } from '../../../src/store/log/index.js';
import type { LogOptions } from '../../../src/store/log/index.js';
import { payloadFor, readLog, replayAll, withTempDir } from './helpers.js';

const seg = (lsn: number) => `${String(lsn).padStart(20, '0')}.log`;
const RECORD = 16 + 84; // header + payload of every record written here
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function writeRecords(dir: string, n: number, options: LogOptions = {}): Promise<void> {
  const log = await GroupCommitLog.open(dir, options);
  for (let i = 0; i < n; i++) await log.append(payloadFor(i, 84));
  await log.close();
}

async function flip(path: string, offset: number, mask = 0x01): Promise<void> {
  const bytes = await readFile(path);
  bytes[offset] ^= mask;
  await writeFile(path, bytes);
}

/** Replays, checks the LSNs and payloads, appends one record and checks it follows `next - 1`. */
async function expectReplay(dir: string, lsns: number[], next: number, options: LogOptions = {}) {
  const log = await GroupCommitLog.open(dir, options);
  const got = await replayAll(log);
  assert.deepEqual(got.lsns, lsns);
  got.payloads.forEach((p, i) => assert.deepEqual(p, payloadFor(lsns[i] - 1, 84), `payload of LSN ${lsns[i]}`));
  assert.equal(got.result.nextLsn, next);
  assert.equal(await log.append(payloadFor(next - 1, 84)), next);
  await log.close();
  return got.result;
}

/** Opening without repair must refuse; returns the damage it reported. */
async function expectRefused(dir: string, options: LogOptions = {}) {
  const log = await GroupCommitLog.open(dir, options);
  try {
    const err = await replayAll(log).then(() => assert.fail('replay should have been refused'), (e: unknown) => e);
    assert.ok(err instanceof LogDamagedError, String(err));
    await assert.rejects(log.append(payloadFor(0, 1)), /failed/);
    return err;
  } finally {
    await log.close();
  }
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.log') || n === 'checkpoint')) {
    out[name] = (await readFile(join(dir, name))).toString('hex');
  }
  return out;
}

test('a torn header at the end is cut', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 5);
    await truncate(join(dir, seg(1)), 4 * RECORD + 9);
    const result = await expectReplay(dir, range(1, 4), 5);
    assert.deepEqual(result.tail, { kind: 'truncated', segment: join(dir, seg(1)), offset: 4 * RECORD, reason: 'short-header', bytesDropped: 9 });
    assert.deepEqual(result.damaged, []);
    assert.deepEqual((await readLog(dir)).lsns, range(1, 5));
  });
});

test('a torn payload at the end is cut', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 5);
    await truncate(join(dir, seg(1)), 5 * RECORD - 1);
    const result = await expectReplay(dir, range(1, 4), 5);
    assert.equal(result.tail.kind === 'truncated' && result.tail.reason, 'short-payload');
    assert.equal((await stat(join(dir, seg(1)))).size, 5 * RECORD);
  });
});

test('damage to the very last record looks like a torn write and is cut', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 5);
    await flip(join(dir, seg(1)), 4 * RECORD + 50);
    const result = await expectReplay(dir, range(1, 4), 5);
    assert.equal(result.tail.kind === 'truncated' && result.tail.reason, 'checksum');
  });
});

test('a valid record that does not carry the next LSN is not replayed', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 5);
    const path = join(dir, seg(1));
    const bytes = await readFile(path);
    await appendFile(path, bytes.subarray(4 * RECORD)); // record 5 again: checksum fine, LSN repeats
    const result = await expectReplay(dir, range(1, 5), 6);
    assert.equal(result.tail.kind === 'truncated' && result.tail.reason, 'lsn');
  });
});

test('zeroed space after the last record is treated as unused, not damage', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 5);
    await appendFile(join(dir, seg(1)), Buffer.alloc(4096));
    const result = await expectReplay(dir, range(1, 5), 6);
    assert.deepEqual(result.tail, { kind: 'clean' });
  });
});

test('a flipped byte in the middle is refused without changing the log, and a copy is quarantined', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 10);
    const path = join(dir, seg(1));
    await flip(path, 3 * RECORD + 50); // inside record 4
    const before = await snapshot(dir);
    const err = await expectRefused(dir);
    assert.equal(err.damage.length, 1);
    const [damage] = err.damage;
    assert.deepEqual(damage.ranges, [{ segment: path, offset: 3 * RECORD, bytes: RECORD, fromLsn: 4, toLsn: 5, reason: 'checksum', needed: true }]);
    const copy = join(dir, 'quarantine', seg(1));
    assert.deepEqual(damage.quarantined, [copy]);
    assert.deepEqual(await readFile(copy), await readFile(path));
    assert.match(err.message, /: 1 needed record is unreadable: LSN 4 in 100 bytes at offset 300 of 00000000000000000001\.log \(checksum mismatch\)/);
    assert.deepEqual(await snapshot(dir), before, 'a refused recovery changes nothing');
    await expectRefused(dir); // and says so again on every open
  });
});

test('with repair every record after the damage is replayed, appends go to a new segment, and a checkpoint past it ends the refusals', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 10);
    await flip(join(dir, seg(1)), 3 * RECORD + 2); // inside record 4's checksum
    const result = await expectReplay(dir, [1, 2, 3, ...range(5, 10)], 11, { repair: true });
    assert.equal(result.damaged.length, 1);
    assert.deepEqual(result.quarantined, [join(dir, 'quarantine', seg(1))]);
    assert.ok((await readdir(dir)).includes(seg(11)), 'the damaged segment is no longer appended to');
    await expectRefused(dir); // the damage still matters: nothing has checkpointed past it

    const log = await GroupCommitLog.open(dir, { repair: true });
    await replayAll(log);
    await log.checkpoint(12);
    await log.close();
    const after = await readLog(dir);
    assert.deepEqual(after.lsns, []);
    assert.deepEqual(after.result.damaged, []);
    assert.deepEqual((await readdir(dir)).filter((n) => n.endsWith('.log')), [seg(11)], 'the checkpoint deleted the damaged segment');
    assert.ok((await readdir(join(dir, 'quarantine'))).includes(seg(1)), 'the copy stays');
  });
});

test('a flip near the start costs one record, not the rest of the log', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 300);
    await flip(join(dir, seg(1)), RECORD + 20);
    const err = await expectRefused(dir);
    assert.deepEqual(err.damage[0].ranges.map((r) => [r.fromLsn, r.toLsn]), [[2, 3]]);
    await expectReplay(dir, [1, ...range(3, 300)], 301, { repair: true });
  });
});

test('a missing middle segment is refused; with repair the later segments are replayed', async () => {
  await withTempDir(async (dir) => {
    const options = { maxSegmentBytes: 10 * RECORD };
    await writeRecords(dir, 35, options); // segments 1, 11, 21, 31
    await rename(join(dir, seg(11)), join(dir, 'lost'));
    const err = await expectRefused(dir, options);
    assert.deepEqual(err.damage[0].ranges, [{ segment: join(dir, seg(11)), offset: 0, bytes: 0, fromLsn: 11, toLsn: 21, reason: 'missing', needed: true }]);
    assert.deepEqual(err.damage[0].quarantined, []);
    assert.match(err.message, /10 needed records are unreadable: LSN 11-20: segment 00000000000000000011\.log is missing or empty/);
    await expectReplay(dir, [...range(1, 10), ...range(21, 35)], 36, { ...options, repair: true });
  });
});

test('damage in an older segment is refused; repair replays the rest of it and every later segment', async () => {
  await withTempDir(async (dir) => {
    const options = { maxSegmentBytes: 10 * RECORD };
    await writeRecords(dir, 25, options);
    await flip(join(dir, seg(11)), 2 * RECORD + 3, 0x80); // inside the checksum of record 13
    const err = await expectRefused(dir, options);
    assert.deepEqual(err.damage[0].ranges.map((r) => [r.segment, r.fromLsn, r.toLsn]), [[join(dir, seg(11)), 13, 14]]);
    await expectReplay(dir, [...range(1, 12), ...range(14, 25)], 26, { ...options, repair: true });
  });
});

test('a segment cut short in the middle of the log loses only what was cut', async () => {
  await withTempDir(async (dir) => {
    const options = { maxSegmentBytes: 10 * RECORD };
    await writeRecords(dir, 25, options);
    await truncate(join(dir, seg(11)), 4 * RECORD + 30); // records 15..20 gone, 21.. intact
    const err = await expectRefused(dir, options);
    assert.deepEqual(err.damage[0].ranges, [{ segment: join(dir, seg(11)), offset: 4 * RECORD, bytes: 30, fromLsn: 15, toLsn: 21, reason: 'short-payload', needed: true }]);
    await expectReplay(dir, [...range(1, 14), ...range(21, 25)], 26, { ...options, repair: true });
  });
});

test('damage below the checkpoint is reported as harmless and does not stop the replay', async () => {
  await withTempDir(async (dir) => {
    const options = { maxSegmentBytes: 10 * RECORD };
    const log = await GroupCommitLog.open(dir, options);
    for (let i = 0; i < 25; i++) await log.append(payloadFor(i, 84));
    await log.checkpoint(15);
    await log.close();
    await flip(join(dir, seg(11)), RECORD + 40); // record 12: already covered
    const result = await expectReplay(dir, range(15, 25), 26, options);
    assert.deepEqual(result.damaged.map((r) => [r.fromLsn, r.toLsn, r.needed]), [[12, 13, false]]);
    assert.deepEqual(result.quarantined, []);
  });
});

test('bad bytes after a closed segment that lose no record are harmless', async () => {
  await withTempDir(async (dir) => {
    const options = { maxSegmentBytes: 10 * RECORD };
    await writeRecords(dir, 15, options);
    await appendFile(join(dir, seg(1)), Buffer.from('not a record, but no record is missing'));
    const result = await expectReplay(dir, range(1, 15), 16, options);
    assert.deepEqual(result.damaged.map((r) => [r.fromLsn, r.toLsn, r.needed]), [[11, 11, false]]);
  });
});

test('a log that ends before its checkpoint is refused; repair continues after the checkpoint', async () => {
  await withTempDir(async (dir) => {
    const options = { maxSegmentBytes: 10 * RECORD };
    const log = await GroupCommitLog.open(dir, options);
    for (let i = 0; i < 25; i++) await log.append(payloadFor(i, 84));
    await log.checkpoint(26);
    await log.close();
    await writeFile(join(dir, seg(21)), Buffer.alloc(0)); // the active segment lost its records
    const err = await expectRefused(dir, options);
    assert.deepEqual(err.damage[0].ranges.map((r) => [r.fromLsn, r.toLsn, r.needed]), [[26, null, true]]);
    assert.match(err.message, /an unknown number of records/);
    await expectReplay(dir, [], 26, { ...options, repair: true });
    assert.deepEqual((await readLog(dir, options)).lsns, [26]);
  });
});

test('several damaged writers of a LogSet are reported together', async () => {
  await withTempDir(async (root) => {
    const dirs = [join(root, 'a'), join(root, 'b')];
    const set = await LogSet.open(dirs);
    for (let i = 0; i < 20; i++) await set.append(i, payloadFor(i, 84));
    await set.close();
    for (const dir of dirs) await flip(join(dir, seg(1)), 2 * RECORD + 60);
    const again = await LogSet.open(dirs);
    const err = await again.replay(() => undefined).then(() => assert.fail('refused'), (e: unknown) => e);
    await again.close();
    assert.ok(err instanceof LogDamagedError);
    assert.deepEqual(err.damage.map((d) => d.dir), dirs);
  });
});
