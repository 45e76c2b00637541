// Checkpoints: segments wholly below the checkpoint are deleted, replay starts at the checkpoint,
// the checkpoint survives reopening, and a damaged or stale checkpoint file cannot lose records.

import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { GroupCommitLog, LogDamagedError } from '../../../src/store/log/index.js';
import { payloadFor, readLog, replayAll, withTempDir } from './helpers.js';

const opts = { maxSegmentBytes: 1000 }; // 10 records of 84 payload bytes per segment
const segmentLsns = async (dir: string) =>
  (await readdir(dir))
    .filter((n) => n.endsWith('.log'))
    .map((n) => Number(n.slice(0, 20)))
    .sort((a, b) => a - b);

async function logWith(dir: string, n: number): Promise<GroupCommitLog> {
  const log = await GroupCommitLog.open(dir, opts);
  await replayAll(log);
  for (let i = 0; i < n; i++) await log.append(payloadFor(i, 84));
  return log;
}

test('checkpoint deletes exactly the segments whose records are all below it', async () => {
  await withTempDir(async (dir) => {
    const log = await logWith(dir, 45); // segments start at 1, 11, 21, 31, 41
    assert.deepEqual(await segmentLsns(dir), [1, 11, 21, 31, 41]);

    await log.checkpoint(21); // records 1..20 done: segments 1 and 11 go
    assert.deepEqual(await segmentLsns(dir), [21, 31, 41]);
    assert.equal(log.checkpointLsn, 21);
    assert.equal(log.stats.segmentsDeleted, 2);

    await log.checkpoint(30); // 21..29 done, but record 30 is still needed: segment 21 stays
    assert.deepEqual(await segmentLsns(dir), [21, 31, 41]);

    await log.checkpoint(10); // going backwards is ignored
    assert.equal(log.checkpointLsn, 30);

    const after = await replayAll(log);
    assert.deepEqual(after.lsns, Array.from({ length: 16 }, (_, i) => i + 30));
    assert.equal(after.result.fromLsn, 30);
    await log.close();

    const reopened = await readLog(dir, opts);
    assert.deepEqual(reopened.lsns, Array.from({ length: 16 }, (_, i) => i + 30));
    reopened.payloads.forEach((p, i) => assert.deepEqual(p, payloadFor(i + 29, 84)));
  });
});

test('the active segment is never deleted and LSNs continue after a checkpoint at the end', async () => {
  await withTempDir(async (dir) => {
    const log = await logWith(dir, 25);
    await log.checkpoint(1_000_000); // clamped to the durable end: 26
    assert.equal(log.checkpointLsn, 26);
    assert.deepEqual(await segmentLsns(dir), [21]);
    assert.equal((await replayAll(log)).lsns.length, 0);
    await log.close();

    const again = await GroupCommitLog.open(dir, opts);
    const { lsns, result } = await replayAll(again);
    assert.deepEqual(lsns, []);
    assert.equal(result.nextLsn, 26);
    assert.equal(await again.append(payloadFor(99, 84)), 26);
    await again.close();
    assert.deepEqual((await readLog(dir, opts)).lsns, [26]);
  });
});

test('replay(fromLsn) skips records below fromLsn without touching the checkpoint', async () => {
  await withTempDir(async (dir) => {
    await (await logWith(dir, 30)).close();
    const log = await GroupCommitLog.open(dir, opts);
    const { lsns } = await replayAll(log, 17);
    assert.deepEqual(lsns, Array.from({ length: 14 }, (_, i) => i + 17));
    assert.equal(log.checkpointLsn, 0);
    await log.close();
  });
});

test('segments left behind by a crash between checkpoint and delete are removed on recovery', async () => {
  await withTempDir(async (dir) => {
    const log = await logWith(dir, 35);
    await log.close();
    // What a crash right after the checkpoint rename would leave: new checkpoint, old segments.
    const writer = await GroupCommitLog.open(join(dir, 'scratch'), opts);
    await replayAll(writer);
    for (let i = 0; i < 25; i++) await writer.append(payloadFor(i, 84));
    await writer.checkpoint(23);
    await writer.close();
    await writeFile(join(dir, 'checkpoint'), await readFile(join(dir, 'scratch', 'checkpoint')));

    const read = await readLog(dir, opts);
    assert.deepEqual(read.lsns, Array.from({ length: 13 }, (_, i) => i + 23));
    assert.deepEqual(await segmentLsns(dir), [21, 31]);
  });
});

test('a corrupt checkpoint file is ignored: replay starts at the first segment, nothing is lost', async () => {
  await withTempDir(async (dir) => {
    const log = await logWith(dir, 25);
    await log.checkpoint(15);
    await log.close();
    const cp = await readFile(join(dir, 'checkpoint'));
    cp[6] ^= 0x40;
    await writeFile(join(dir, 'checkpoint'), cp);
    const read = await readLog(dir, opts);
    assert.deepEqual(read.lsns, Array.from({ length: 15 }, (_, i) => i + 11)); // segment 11 onwards

    await writeFile(join(dir, 'checkpoint'), 'garbage of the wrong length');
    assert.equal((await readLog(dir, opts)).lsns.length, 15);
  });
});

test('a checkpoint beyond the records that survived is damage; repair continues after it and never reuses an LSN', async () => {
  await withTempDir(async (dir) => {
    const log = await logWith(dir, 25);
    await log.checkpoint(26);
    await log.close();
    // lose the tail: the last segment (21..25) is emptied, as if its writes never reached disk
    await writeFile(join(dir, `${'21'.padStart(20, '0')}.log`), Buffer.alloc(0));
    await assert.rejects(readLog(dir, opts), LogDamagedError);
    const again = await GroupCommitLog.open(dir, { ...opts, repair: true });
    const first = await replayAll(again);
    assert.deepEqual(first.lsns, []);
    assert.equal(first.result.nextLsn, 26);
    assert.equal(again.checkpointLsn, 26);
    assert.equal(await again.append(payloadFor(1, 84)), 26);
    await again.close();
    const read = await readLog(dir, opts);
    assert.deepEqual(read.lsns, [26]);
    assert.deepEqual(read.result.damaged, [], 'what is missing lies below the checkpoint now');
  });
});
