// LogSet: keys map to writers stably, each writer logs to its own directory, all writers replay on
// start, and reopening with a different layout is refused.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { LogSet, LogSetLayoutError } from '../../../src/store/log/index.js';
import { createLogMetrics } from '../../../src/store/log/metrics.js';
import { payloadFor, readLog, withTempDir } from './helpers.js';

test('records of a key go to one writer and replay in order after reopening', async () => {
  await withTempDir(async (root) => {
    const dirs = [join(root, 'disk0'), join(root, 'disk1'), join(root, 'disk2')];
    const set = await LogSet.open(dirs);
    assert.equal(set.writers, 3);
    assert.deepEqual([0, 1, 2, 3, 4, 299].map((k) => set.writerFor(k)), [0, 1, 2, 0, 1, 2]);
    assert.throws(() => set.writerFor(-1), RangeError);
    assert.throws(() => set.writerFor(1.5), RangeError);
    await set.replay(() => assert.fail('empty set has no records'));

    const written = new Map<number, number[]>(); // key -> seqs in append order
    const appends: Promise<number>[] = [];
    for (let seq = 0; seq < 600; seq++) {
      const key = seq % 17;
      written.set(key, [...(written.get(key) ?? []), seq]);
      const payload = Buffer.concat([Buffer.from([key]), Buffer.alloc(4), payloadFor(seq, 40)]);
      payload.writeUInt32LE(seq, 1);
      appends.push(set.append(key, payload));
    }
    await Promise.all(appends);
    // each writer got a share and batched it
    for (const log of set.logs) {
      assert.ok(log.stats.appends > 150, `writer share ${log.stats.appends}`);
      assert.ok(log.stats.fsyncs < log.stats.appends / 10);
    }
    await set.close();

    const again = await LogSet.open(dirs);
    const seen = new Map<number, number[]>();
    const lastLsn = [0, 0, 0];
    const results = await again.replay((writer, lsn, payload) => {
      assert.ok(lsn > lastLsn[writer], 'LSNs increase within a writer');
      lastLsn[writer] = lsn;
      const key = payload[0];
      const seq = Buffer.from(payload).readUInt32LE(1);
      assert.equal(writer, again.writerFor(key));
      assert.deepEqual(Buffer.from(payload.subarray(5)), payloadFor(seq, 40));
      seen.set(key, [...(seen.get(key) ?? []), seq]);
    });
    assert.equal(results.reduce((s, r) => s + r.records, 0), 600);
    assert.deepEqual(seen, written); // per-key order holds

    await again.checkpoint(1, lastLsn[1] + 1);
    assert.equal((await again.logs[1].replay(0, () => assert.fail('all checkpointed'))).records, 0);
    assert.throws(() => again.checkpoint(7, 1), RangeError);
    await again.close();
    assert.equal((await readLog(dirs[1])).lsns.length, 0);
    assert.ok((await readLog(dirs[0])).lsns.length > 150);
  });
});

test('a LogSet refuses a different number or order of directories', async () => {
  await withTempDir(async (root) => {
    const dirs = [join(root, 'a'), join(root, 'b')];
    await (await LogSet.open(dirs)).close();
    await assert.rejects(LogSet.open([dirs[1], dirs[0]]), LogSetLayoutError);
    await assert.rejects(LogSet.open([...dirs, join(root, 'c')]), LogSetLayoutError);
    await assert.rejects(LogSet.open([dirs[0], dirs[0]]), /distinct/);
    await assert.rejects(LogSet.open([]), RangeError);
    // the refused opens released every directory they had locked
    await (await LogSet.open(dirs)).close();
  });
});

test('prom-client metrics observe batches, fsync latency and bytes per writer', async () => {
  await withTempDir(async (root) => {
    const registry = new Registry();
    const observerFor = createLogMetrics({ registry });
    const set = await LogSet.open([join(root, 'a'), join(root, 'b')], { observerFor });
    await Promise.all(Array.from({ length: 100 }, (_, i) => set.append(i, payloadFor(i, 84))));
    await set.close();
    const text = await registry.metrics();
    assert.match(text, /atoll_log_written_bytes_total\{writer="0"\} 5000/);
    assert.match(text, /atoll_log_written_bytes_total\{writer="1"\} 5000/);
    assert.match(text, /atoll_log_batch_records_sum\{writer="0"\} 50/);
    assert.match(text, /atoll_log_fsync_seconds_count\{writer="1"\} [1-9]/);
    assert.match(text, /atoll_log_segments_created_total\{writer="0"\} 1/);
  });
});
