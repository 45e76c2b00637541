// A byte flipped in the log of a real server (300 messages queued for an offline user, then
// kill -9): the next start is refused with the damage named; a start with --repair delivers every
// message whose record is intact, reports the loss in the log and a metric, and after it the
// server starts normally again.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { decodeOps } from '../../src/store/inbox-ops.js';
import { FAST_SERVER_FLAGS, parseJson, runCli, startServe } from '../cli/cli-harness.js';
import { RawClient } from '../helpers/raw-client.js';

const root = mkdtempSync(join(tmpdir(), 'atoll-damaged-log-'));
after(() => rmSync(root, { recursive: true, force: true }));

const PW = 'password-1';
const N = 300;
const SEGMENT = '00000000000000000001.log';
const serveFlags = (data: string) => [...FAST_SERVER_FLAGS, '--data', data];

/** Queues N messages for offline bob through a real server, then kills it with SIGKILL. */
async function queueAndKill(data: string): Promise<void> {
  // Items stay in RAM and the log however slow the machine: no checkpoint can pass the damage.
  const server = await startServe([...serveFlags(data), '--send-burst', '1000', '--sync-delay-ms', '600000']);
  try {
    const tcp = `tcp://127.0.0.1:${server.tcpPort}`;
    (await RawClient.login(tcp, 'bob', PW, 'phone', true)).close();
    const alice = await RawClient.login(tcp, 'alice', PW, 'laptop', true);
    await Promise.all(Array.from({ length: N }, (_, i) => alice.request({ send: { id: `m${i}`, to: 'bob', body: Buffer.from(`msg ${i}`) } }, 'sendAck')));
  } finally {
    await server.proc.stop('SIGKILL');
  }
}

interface Rec { lsn: number; start: number; end: number; ids: string[] }

/** The records of a segment, by the log's format: 16-byte header (CRC, length, LSN), then the payload. */
function recordsOf(bytes: Buffer): Rec[] {
  const out: Rec[] = [];
  for (let at = 0; at + 16 <= bytes.length;) {
    const len = bytes.readUInt32LE(at + 4);
    const ops = decodeOps(bytes.subarray(at + 16, at + 16 + len));
    const ids = ops.flatMap((op) => (op.t === 'item' && op.item.kind === 'message' ? [op.item.id] : []));
    out.push({ lsn: bytes.readUInt32LE(at + 12), start: at, end: at + 16 + len, ids });
    at += 16 + len;
  }
  return out;
}

/** Flips a byte in the middle of the record holding message `id`; returns that record. */
function flipInRecordOf(data: string, id: string): Rec {
  const path = join(data, 'log', SEGMENT);
  const bytes = readFileSync(path);
  const rec = recordsOf(bytes).find((r) => r.ids.includes(id));
  assert.ok(rec, `a record holds ${id}`);
  bytes[Math.floor((rec.start + rec.end) / 2)] ^= 0x20;
  writeFileSync(path, bytes);
  return rec;
}

async function metric(httpPort: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  assert.ok(line, `metric ${name} is exported`);
  return Number(line.split(' ').at(-1));
}

async function damagedStartThenRepair(data: string, lostId: string): Promise<void> {
  await queueAndKill(data);
  const damaged = flipInRecordOf(data, lostId);
  const before = readFileSync(join(data, 'log', SEGMENT));

  const refused = await runCli(['serve', ...serveFlags(data)]);
  assert.equal(refused.signal, null);
  assert.equal(refused.code, 2, refused.stderr);
  const quarantined = join(data, 'log', 'quarantine', SEGMENT);
  assert.match(refused.stderr, new RegExp(`^atoll serve: cannot start: log .*: 1 needed record is unreadable( \\(needed: at or above the checkpoint, LSN \\d+\\))?: `
    + `LSN ${damaged.lsn} in ${damaged.end - damaged.start} bytes at offset ${damaged.start} of ${SEGMENT} \\(checksum mismatch\\); `
    + `copies of the damaged segments are in ${quarantined}\\. .*--repair.*skips the unreadable ones`));
  assert.ok(readFileSync(join(data, 'log', SEGMENT)).equals(before), 'the refused start changed nothing in the log');
  assert.ok(readFileSync(quarantined).equals(before), 'the quarantined copy is the damaged segment');

  const repaired = await startServe([...serveFlags(data), '--repair']);
  try {
    const report = repaired.proc.lines.map(parseJson).find((e) => e?.level === 50 && String(e.msg).startsWith('storage repaired: log records lost'));
    assert.ok(report, `an error-level report of the loss; log:\n${repaired.proc.lines.join('\n')}`);
    assert.deepEqual([report.segment, report.offset, report.fromLsn, report.toLsn], [join(data, 'log', SEGMENT), damaged.start, damaged.lsn, damaged.lsn + 1]);
    assert.equal(await metric(repaired.httpPort, 'atoll_log_recovery_lost_records_total'), 1);

    const tcp = `tcp://127.0.0.1:${repaired.tcpPort}`;
    const bob = await RawClient.login(tcp, 'bob', PW, 'phone');
    const want = Array.from({ length: N }, (_, i) => `m${i}`).filter((id) => id !== lostId);
    const got = await bob.receive(want.length, 15_000);
    assert.deepEqual(got.map((f) => f.deliver!.message!.id), want, 'every message whose record is intact, in order');
    // Items are delivered in order: the next one must be a message sent now, not a stray old one.
    const alice = await RawClient.login(tcp, 'alice', PW, 'laptop');
    await alice.request({ send: { id: 'after', to: 'bob', body: Buffer.from('after the repair') } }, 'sendAck');
    assert.equal((await bob.receive(1))[0].deliver!.message!.id, 'after');
    bob.close();
    alice.close();
  } finally {
    assert.equal((await repaired.proc.stop('SIGTERM')).code, 0);
  }
  // The repair checkpointed past the damage: a plain start is no longer refused.
  const again = await startServe(serveFlags(data));
  assert.equal((await again.proc.stop('SIGTERM')).code, 0);
  assert.ok(existsSync(quarantined), 'the copy outlives the repair');
}

test('a byte flipped in the middle of a log segment: start refused, then --repair delivers every intact message', async () => {
  await damagedStartThenRepair(join(root, 'middle'), 'm150');
});

test('a byte flipped near the start of a log segment costs one message, not the rest', async () => {
  await damagedStartThenRepair(join(root, 'start'), 'm3');
});
