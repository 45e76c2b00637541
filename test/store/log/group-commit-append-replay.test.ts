// GroupCommitLog: appends come back from replay intact and in LSN order, concurrent appends share
// fsyncs, segments roll, reopening continues the LSNs, and misuse is refused with clear errors.

import assert from 'node:assert/strict';
import { readdir, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { GroupCommitLog, LogClosedError, LogFailedError, LogLockedError, LogRecordTooLargeError, crc32c } from '../../../src/store/log/index.js';
import type { LogEvent } from '../../../src/store/log/index.js';
import { payloadFor, readLog, replayAll, withTempDir } from './helpers.js';

const segmentsIn = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.log')).sort();

test('crc32c matches the published check values', () => {
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  const asc = Uint8Array.from({ length: 32 }, (_, i) => i);
  assert.equal(crc32c(asc), 0x46dd794e);
  // a sub-range equals the checksum of the copied bytes
  assert.equal(crc32c(asc, 3, 29), crc32c(asc.slice(3, 29)));
});

test('appended records replay intact, in LSN order, starting at LSN 1', async () => {
  await withTempDir(async (dir) => {
    const log = await GroupCommitLog.open(dir);
    const empty = await replayAll(log);
    assert.deepEqual(empty.lsns, []);
    assert.deepEqual(empty.result.tail, { kind: 'clean' });

    const sizes = [0, 1, 15, 16, 17, 1000, 70_000];
    const lsns: number[] = [];
    for (let i = 0; i < sizes.length; i++) lsns.push(await log.append(payloadFor(i, sizes[i])));
    assert.deepEqual(lsns, [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(log.durableLsn, 7);

    const again = await replayAll(log, 3); // a replay after recovery reads the durable range
    assert.deepEqual(again.lsns, [3, 4, 5, 6, 7]);
    await log.close();

    const read = await readLog(dir);
    assert.deepEqual(read.lsns, lsns);
    read.payloads.forEach((p, i) => assert.deepEqual(p, payloadFor(i, sizes[i])));
    assert.equal(read.result.nextLsn, 8);
  });
});

test('concurrent appends are grouped: many records, few fsyncs, each resolved with its own LSN', async () => {
  await withTempDir(async (dir) => {
    const batches: Extract<LogEvent, { type: 'batch' }>[] = [];
    const log = await GroupCommitLog.open(dir, { observer: (e) => void (e.type === 'batch' && batches.push(e)) });
    await replayAll(log);
    const n = 2000;
    const lsns = await Promise.all(Array.from({ length: n }, (_, i) => log.append(payloadFor(i, 100))));
    // LSNs follow the order of the append calls
    assert.deepEqual(lsns, Array.from({ length: n }, (_, i) => i + 1));
    assert.equal(log.stats.appends, n);
    assert.ok(log.stats.fsyncs <= 5, `expected a handful of fsyncs for ${n} concurrent appends, got ${log.stats.fsyncs}`);
    assert.equal(log.stats.fsyncs, batches.length);
    assert.equal(batches.reduce((s, b) => s + b.records, 0), n);
    assert.equal(log.stats.bytesWritten, n * (16 + 100));
    assert.equal(log.stats.maxBatchRecords, Math.max(...batches.map((b) => b.records)));
    assert.ok(batches.every((b) => b.fsyncMs >= 0 && b.writeMs >= 0));
    assert.ok(log.stats.fsyncMsTotal > 0 && log.stats.lastFsyncMs > 0);

    // appends that arrive while a batch is in flight form the next batch
    const first = log.append(payloadFor(0, 10));
    await Promise.resolve();
    const later = Array.from({ length: 50 }, (_, i) => log.append(payloadFor(i, 10)));
    const before = log.stats.fsyncs;
    await Promise.all([first, ...later]);
    assert.ok(log.stats.fsyncs - before <= 2, `51 appends took ${log.stats.fsyncs - before} fsyncs`);
    await log.close();
  });
});

test('a batch never exceeds maxBatchBytes unless a single record is larger', async () => {
  await withTempDir(async (dir) => {
    const sizes: number[] = [];
    const log = await GroupCommitLog.open(dir, { maxBatchBytes: 4096, observer: (e) => void (e.type === 'batch' && sizes.push(e.bytes)) });
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(payloadFor(i, 84))));
    await log.append(payloadFor(1, 10_000));
    assert.ok(sizes.length >= 5);
    assert.ok(sizes.slice(0, -1).every((b) => b <= 4096), `batch sizes ${sizes}`);
    assert.equal(sizes.at(-1), 10_016);
    await log.close();
  });
});

test('segments roll at maxSegmentBytes, are named by their first LSN, and replay across them', async () => {
  await withTempDir(async (dir) => {
    const log = await GroupCommitLog.open(dir, { maxSegmentBytes: 1000, maxBatchBytes: 300 });
    for (let i = 0; i < 40; i++) await log.append(payloadFor(i, 84)); // 100 bytes per record
    assert.equal(log.stats.segmentsCreated, 4);
    await log.close();
    const names = await segmentsIn(dir);
    assert.deepEqual(names, ['1', '11', '21', '31'].map((l) => `${l.padStart(20, '0')}.log`));
    for (const name of names) assert.equal((await stat(join(dir, name))).size, 1000);
    const read = await readLog(dir);
    assert.deepEqual(read.lsns, Array.from({ length: 40 }, (_, i) => i + 1));
    read.payloads.forEach((p, i) => assert.deepEqual(p, payloadFor(i, 84)));
  });
});

test('reopening continues the LSNs after the last record, also when appending before replay', async () => {
  await withTempDir(async (dir) => {
    const a = await GroupCommitLog.open(dir, { maxSegmentBytes: 500 });
    for (let i = 0; i < 12; i++) await a.append(payloadFor(i, 50));
    await a.close();

    const b = await GroupCommitLog.open(dir, { maxSegmentBytes: 500 });
    assert.equal(await b.append(payloadFor(12, 50)), 13); // recovery runs before the first batch
    const { lsns } = await replayAll(b);
    assert.deepEqual(lsns, Array.from({ length: 13 }, (_, i) => i + 1));
    await b.close();

    const c = await readLog(dir, { maxSegmentBytes: 500 });
    assert.equal(c.result.nextLsn, 14);
    assert.deepEqual(c.payloads[12], payloadFor(12, 50));
  });
});

test('close writes what is queued; appends after close reject with LogClosedError', async () => {
  await withTempDir(async (dir) => {
    const log = await GroupCommitLog.open(dir);
    const pending = Array.from({ length: 100 }, (_, i) => log.append(payloadFor(i, 20)));
    const closed = log.close();
    await assert.rejects(log.append(payloadFor(0, 1)), LogClosedError);
    await closed;
    assert.deepEqual(await Promise.all(pending), Array.from({ length: 100 }, (_, i) => i + 1));
    await assert.rejects(log.append(payloadFor(0, 1)), /is closed/);
    await assert.rejects(log.checkpoint(5), LogClosedError);
    await log.close(); // idempotent
    assert.equal((await readLog(dir)).lsns.length, 100);
  });
});

test('oversized records are refused without disturbing the log', async () => {
  await withTempDir(async (dir) => {
    const log = await GroupCommitLog.open(dir, { maxRecordBytes: 1000 });
    await assert.rejects(log.append(new Uint8Array(1001)), LogRecordTooLargeError);
    assert.equal(await log.append(new Uint8Array(1000)), 1);
    await log.close();
    // a record can never be larger than a segment
    const small = await GroupCommitLog.open(dir, { maxSegmentBytes: 100 });
    await assert.rejects(small.append(new Uint8Array(85)), LogRecordTooLargeError);
    assert.equal(await small.append(new Uint8Array(84)), 2);
    await small.close();
  });
});

test('a directory can be open only once at a time', async () => {
  await withTempDir(async (dir) => {
    const log = await GroupCommitLog.open(dir);
    await assert.rejects(GroupCommitLog.open(dir), LogLockedError);
    await log.close();
    const again = await GroupCommitLog.open(dir);
    await again.close();
  });
});

test('invalid options are rejected', async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(GroupCommitLog.open(dir, { maxSegmentBytes: 0 }), RangeError);
    await assert.rejects(GroupCommitLog.open(dir, { maxBatchBytes: 1.5 }), RangeError);
    await assert.rejects(GroupCommitLog.open(dir, { maxSegmentBytes: 10 }), /header/);
    // the failed opens released the lock
    const log = await GroupCommitLog.open(dir);
    await log.close();
  });
});

test('with preallocation, segments are zero-filled ahead and replay stays exact', async () => {
  await withTempDir(async (dir) => {
    const created: boolean[] = [];
    const opts = { maxSegmentBytes: 64 * 1024, preallocate: true, observer: (e: LogEvent) => void (e.type === 'segment-created' && created.push(e.preallocated)) };
    const log = await GroupCommitLog.open(dir, opts);
    await replayAll(log);
    let seq = 0;
    for (let round = 0; round < 30; round++) {
      await Promise.all(Array.from({ length: 20 }, () => log.append(payloadFor(seq, 100 + (seq++ % 300)))));
      await new Promise((r) => setTimeout(r, 2)); // let the background zero-fill finish now and then
    }
    assert.ok(created.length >= 3, `segments created: ${created.length}`);
    assert.ok(created.slice(1).some((p) => p), 'some rolled segment used the preallocated file');
    assert.ok(log.stats.preallocBytesWritten >= 64 * 1024);
    await log.close();
    const names = await segmentsIn(dir);
    const sizes = await Promise.all(names.map(async (n) => (await stat(join(dir, n))).size));
    assert.ok(sizes.some((s) => s === 64 * 1024), `preallocated segment sizes ${sizes}`);

    const read = await readLog(dir, opts);
    assert.deepEqual(read.lsns, Array.from({ length: seq }, (_, i) => i + 1));
    read.payloads.forEach((p, i) => assert.deepEqual(p, payloadFor(i, 100 + (i % 300))));
    assert.deepEqual(read.result.tail, { kind: 'clean' });
    // appending after reopen continues right after the last record inside the zeroed space
    const again = await GroupCommitLog.open(dir, opts);
    assert.equal(await again.append(payloadFor(seq, 5)), seq + 1);
    await again.close();
    assert.equal((await readLog(dir, opts)).lsns.length, seq + 1);
  });
});

test('a failed write fails the batch, everything queued and every later append', async () => {
  await withTempDir(async (dir) => {
    // A real I/O error: the segment is /dev/full, where every write fails with ENOSPC.
    await symlink('/dev/full', join(dir, `${'1'.padStart(20, '0')}.log`));
    const log = await GroupCommitLog.open(dir);
    assert.equal((await replayAll(log)).lsns.length, 0);
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => log.append(payloadFor(i, 10))));
    assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof LogFailedError), 'all rejected');
    const reason = (results[0] as PromiseRejectedResult).reason as LogFailedError;
    assert.equal((reason.cause as NodeJS.ErrnoException).code, 'ENOSPC');
    await assert.rejects(log.append(payloadFor(0, 1)), LogFailedError);
    assert.equal(log.durableLsn, 0);
    await log.close(); // still closes the files and frees the directory
    await assert.rejects(log.append(payloadFor(0, 1)), LogClosedError);
    const again = await GroupCommitLog.open(dir);
    await again.close();
  });
});

test('payloads handed to replay are copies that stay valid after the reader moves on', async () => {
  await withTempDir(async (dir) => {
    const log = await GroupCommitLog.open(dir);
    const n = 3000; // 3 MB: several refills of the 1 MiB read window
    await Promise.all(Array.from({ length: n }, (_, i) => log.append(payloadFor(i, 1000))));
    await log.close();
    const kept: Uint8Array[] = [];
    const again = await GroupCommitLog.open(dir);
    await again.replay(0, (_lsn, payload) => kept.push(payload));
    await again.replay(0, (_lsn, payload) => payload.fill(0)); // a consumer scribbling on its copy
    await again.close();
    assert.equal(kept.length, n);
    kept.forEach((p, i) => assert.deepEqual(p, payloadFor(i, 1000), `payload ${i + 1}`));
  });
});
