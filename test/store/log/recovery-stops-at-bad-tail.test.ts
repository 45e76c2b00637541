// Recovery, case by case: each kind of bad tail is cut exactly after the last good record, is
// reported with its reason, and appends continue right behind it.

import assert from 'node:assert/strict';
import { appendFile, readFile, readdir, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { GroupCommitLog } from '../../../src/store/log/index.js';
import type { LogOptions } from '../../../src/store/log/index.js';
import { payloadFor, readLog, replayAll, withTempDir } from './helpers.js';

const seg = (lsn: number) => `${String(lsn).padStart(20, '0')}.log`;
const RECORD = 16 + 84; // header + payload of every record written here

async function writeRecords(dir: string, n: number, options: LogOptions = {}): Promise<void> {
  const log = await GroupCommitLog.open(dir, options);
  for (let i = 0; i < n; i++) await log.append(payloadFor(i, 84));
  await log.close();
}

async function expectRecovered(dir: string, n: number, reason: string | undefined, options: LogOptions = {}): Promise<void> {
  const log = await GroupCommitLog.open(dir, options);
  const { lsns, payloads, result } = await replayAll(log);
  assert.deepEqual(lsns, Array.from({ length: n }, (_, i) => i + 1));
  payloads.forEach((p, i) => assert.deepEqual(p, payloadFor(i, 84)));
  if (reason === undefined) assert.deepEqual(result.tail, { kind: 'clean' });
  else assert.ok(result.tail.kind === 'truncated' && result.tail.reason === reason, `tail ${JSON.stringify(result.tail)}`);
  assert.equal(await log.append(payloadFor(n, 84)), n + 1);
  await log.close();
  const again = await readLog(dir, options);
  assert.deepEqual(again.lsns, Array.from({ length: n + 1 }, (_, i) => i + 1));
  assert.deepEqual(again.result.tail, { kind: 'clean' });
}

test('a torn header at the end is cut', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 5);
    await truncate(join(dir, seg(1)), 4 * RECORD + 9);
    await expectRecovered(dir, 4, 'short-header');
  });
});

test('a torn payload at the end is cut', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 5);
    await truncate(join(dir, seg(1)), 5 * RECORD - 1);
    await expectRecovered(dir, 4, 'short-payload');
    assert.equal((await stat(join(dir, seg(1)))).size, 5 * RECORD);
  });
});

test('a flipped payload byte fails the checksum', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 5);
    const path = join(dir, seg(1));
    const bytes = await readFile(path);
    bytes[3 * RECORD + 50] ^= 1;
    await writeFile(path, bytes);
    await expectRecovered(dir, 3, 'checksum');
  });
});

test('a valid record that does not carry the next LSN is not replayed', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 5);
    const path = join(dir, seg(1));
    const bytes = await readFile(path);
    await appendFile(path, bytes.subarray(4 * RECORD)); // record 5 again: checksum fine, LSN repeats
    await expectRecovered(dir, 5, 'lsn');
  });
});

test('zeroed space after the last record is treated as unused, not damage', async () => {
  await withTempDir(async (dir) => {
    await writeRecords(dir, 5);
    await appendFile(join(dir, seg(1)), Buffer.alloc(4096));
    await expectRecovered(dir, 5, undefined);
  });
});

test('a missing middle segment ends the log there; later segments are set aside, not replayed', async () => {
  await withTempDir(async (dir) => {
    const options = { maxSegmentBytes: 10 * RECORD };
    await writeRecords(dir, 35, options); // segments 1, 11, 21, 31
    await rename(join(dir, seg(11)), join(dir, 'lost'));
    await expectRecovered(dir, 10, 'lsn-gap', options);
    const names = (await readdir(dir)).sort();
    assert.ok(names.includes(`${seg(21)}.damaged`) && names.includes(`${seg(31)}.damaged`), names.join());
    assert.ok(!names.includes(seg(21)));
  });
});

test('damage inside an older segment cuts there and sets the later segments aside', async () => {
  await withTempDir(async (dir) => {
    const options = { maxSegmentBytes: 10 * RECORD };
    await writeRecords(dir, 25, options);
    const path = join(dir, seg(11));
    const bytes = await readFile(path);
    bytes[2 * RECORD + 3] ^= 0x80; // inside the checksum of record 13
    await writeFile(path, bytes);
    await expectRecovered(dir, 12, 'checksum', options);
    assert.ok((await readdir(dir)).includes(`${seg(21)}.damaged`));
  });
});
