// The log on a really full disk (a small tmpfs): a batch that meets ENOSPC is cut back off the
// segment and refused with StorageUnavailableError, the appends queued behind it too; the log
// stays open, and once space is freed appends continue with the next LSN. Reopened, it replays
// exactly the acknowledged records: nothing of the refused batch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GroupCommitLog, StorageUnavailableError } from '../../../src/store/log/index.js';
import type { LogEvent } from '../../../src/store/log/index.js';
import { mountTmpfs } from '../../helpers/tmpfs.js';
import { payloadFor, readLog } from './helpers.js';

test('ENOSPC inside a batch: cut back, refused, the log stays open and continues once space is freed', async (t) => {
  const fs = mountTmpfs(4 * 1024 * 1024);
  if (typeof fs === 'string') return t.skip(fs);
  try {
    const dir = join(fs.path, 'log');
    const events: LogEvent[] = [];
    const log = await GroupCommitLog.open(dir, { observer: (e) => events.push(e) });
    const acked: Buffer[] = [];
    for (let i = 0; i < 10; i++) {
      const p = payloadFor(i, 1000);
      assert.equal(await log.append(p), i + 1);
      acked.push(p);
    }
    const segment = join(dir, '00000000000000000001.log');
    const before = (await stat(segment)).size;

    fs.fill(100 * 1024);
    // 4 x 64 KiB cannot fit in 100 KiB; a fifth append made meanwhile is refused with them.
    const big = [0, 1, 2, 3].map((i) => log.append(payloadFor(100 + i, 64 * 1024)));
    await Promise.resolve();
    const queued = log.append(payloadFor(200, 10));
    const settled = await Promise.allSettled([...big, queued]);
    for (const r of settled) {
      assert.equal(r.status, 'rejected');
      assert.ok(r.reason instanceof StorageUnavailableError, `refused as full, not failed: ${String(r.reason)}`);
    }
    assert.equal((await stat(segment)).size, before, 'the segment was cut back to its last durable record');
    assert.equal(log.durableLsn, 10);
    assert.ok(events.some((e) => e.type === 'disk-full'), 'the observer heard of it');

    // Still open: a small append fits in what is left, and LSNs go on without a gap.
    const small = payloadFor(300, 100);
    assert.equal(await log.append(small), 11);
    acked.push(small);

    fs.unfill();
    const after = payloadFor(400, 64 * 1024);
    assert.equal(await log.append(after), 12, 'with space again, a large append goes through');
    acked.push(after);
    await log.close();

    const replayed = await readLog(dir);
    assert.deepEqual(replayed.lsns, acked.map((_, i) => i + 1));
    assert.deepEqual(replayed.payloads.map((p) => Buffer.from(p)), acked, 'exactly the acknowledged records, nothing of the refused batch');
    assert.equal(replayed.result.tail.kind, 'clean', 'no torn tail: nothing half-written was left');
  } finally {
    fs.remove();
  }
});
