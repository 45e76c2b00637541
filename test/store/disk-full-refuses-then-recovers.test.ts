// A real server whose data directory is a small tmpfs, driven by the real SDK. Filled below
// storageReserveBytes: sends and logins are refused with STORAGE_UNAVAILABLE (not fatal), /healthz
// says degraded, the gauge says 0, one warn line says why. Space freed: without a restart the
// SDK's retries go through, every message arrives once and in order, and a kill -9 keeps them.
// The second test lets the disk fill for real inside a log batch (reserve 0).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Client, type ReceivedMessage, type SendResult } from '../../src/client/index.js';
import { RawClient } from '../helpers/raw-client.js';
import { startChildServer, tempDir, type ChildServer } from '../helpers/server.js';
import { mountTmpfs, type Tmpfs } from '../helpers/tmpfs.js';
import { waitFor } from '../client/fake-server.js';

const PW = 'password-1';
const MiB = 1024 * 1024;
const fastBackoff = { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.5 };

async function metric(server: ChildServer, name: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${server.httpPort}/metrics`).catch((err: unknown) => {
    throw new Error(`the server does not answer /metrics (${String(err)}); its last output:\n${server.output().slice(-3000)}`);
  });
  const text = await res.text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? NaN : Number(line.split(' ').pop());
}

async function untilMetric(server: ChildServer, name: string, ok: (v: number) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const v = await metric(server, name);
    if (ok(v)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${name} = ${v})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function healthz(server: ChildServer): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${server.httpPort}/healthz`);
  return { status: res.status, body: await res.text() };
}

function client(server: ChildServer, user: string, device: string): Client {
  return new Client({ server: server.ws, user, password: PW, device, backoff: fastBackoff, requestTimeoutMs: 15_000 });
}

/** Logs in bob's offline device after a restart and collects what it is handed. */
async function drainTablet(server: ChildServer, count: number): Promise<string[]> {
  const tablet = client(server, 'bob', 'tablet');
  const got: string[] = [];
  tablet.on('message', (m) => got.push(m.id));
  try {
    await tablet.login();
    await waitFor(() => got.length >= count, 10_000, `${count} messages on the tablet (have ${got.length})`);
    // A Ping answered after the last delivery proves nothing more was queued behind it.
    await waitFor(() => tablet.state === 'live', 2000, 'tablet live');
    return got;
  } finally {
    await tablet.close();
  }
}

async function setUp(server: ChildServer): Promise<{ alice: Client; phone: Client; got: ReceivedMessage[] }> {
  const alice = client(server, 'alice', 'laptop');
  await alice.register('alice', PW);
  await alice.register('bob', PW);
  await alice.register('carol', PW);
  await alice.login();
  // bob's tablet exists but stays offline: its copies stay queued (and reach LMDB).
  const tablet = client(server, 'bob', 'tablet');
  await tablet.login();
  await tablet.close();
  const phone = client(server, 'bob', 'phone');
  const got: ReceivedMessage[] = [];
  phone.on('message', (m) => got.push(m));
  await phone.login();
  return { alice, phone, got };
}

test('below storageReserveBytes: sends wait with STORAGE_UNAVAILABLE, then go through in order once space is freed, and survive kill -9', async (t) => {
  const fs = mountTmpfs(24 * MiB);
  if (typeof fs === 'string') return t.skip(fs);
  const data = join(fs.path, 'data');
  const flags = ['--storage-reserve-bytes', String(4 * MiB)];
  let server = await startChildServer(data, flags);
  const clients: Client[] = [];
  let raw: RawClient | null = null;
  try {
    const { alice, phone, got } = await setUp(server);
    clients.push(alice, phone);
    raw = await RawClient.login(server.tcp, 'alice', PW, 'raw');
    const sends: Promise<SendResult>[] = [];
    for (let i = 0; i < 3; i++) sends.push(alice.send('bob', `before ${i}`, { id: `m${i}` }));
    await Promise.all(sends);
    assert.equal((await healthz(server)).status, 200);
    assert.equal(await metric(server, 'atoll_storage_available'), 1);

    fs.fill(2 * MiB);
    await untilMetric(server, 'atoll_storage_available', (v) => v === 0, 'storage unavailable');
    const health = await healthz(server);
    assert.equal(health.status, 503);
    assert.match(health.body, /degraded: storage unavailable/);
    assert.ok(await metric(server, 'atoll_storage_free_bytes') < 4 * MiB);

    // A send is refused, not fatal, with a jittered retry; a later one on that connection is
    // refused too until the first is offered again.
    const first = await raw.request({ send: { id: 'r0', to: 'carol', body: Buffer.from('r0') } }, 'error');
    assert.equal(first.error!.code, 503, 'STORAGE_UNAVAILABLE');
    assert.ok(!first.error!.fatal, 'not fatal');
    assert.ok(first.error!.retryAfterMs! >= 1000 && first.error!.retryAfterMs! <= 2000, `retry_after_ms ${first.error!.retryAfterMs}`);
    const second = await raw.request({ send: { id: 'r1', to: 'carol', body: Buffer.from('r1') } }, 'error');
    assert.equal(second.error!.code, 503);

    // Login on a full disk (it writes a token): refused the same way, the connection stays.
    const login = await RawClient.connect(server.ws);
    await login.request({ hello: { protocolVersion: 1, client: 'raw-test' } }, 'welcome');
    const refused = await login.request({ login: { user: 'carol', password: PW, device: 'd1' } }, 'error');
    assert.equal(refused.error!.code, 503);
    assert.ok(!refused.error!.fatal);
    await login.request({ ping: { nonce: 7 } }, 'pong');

    const refusedBefore = await metric(server, 'atoll_storage_refused_sends_total');
    let settled = 0;
    for (let i = 3; i < 8; i++) sends.push(alice.send('bob', `during ${i}`, { id: `m${i}` }).finally(() => settled++));
    await untilMetric(server, 'atoll_storage_refused_sends_total', (v) => v > refusedBefore, "the SDK's sends refused");
    assert.equal(settled, 0, 'no refused send was confirmed');
    assert.match(server.output(), /"level":40[^\n]*storage unavailable/);

    fs.unfill();
    await Promise.all(sends);
    assert.equal((await healthz(server)).status, 200);
    assert.equal(await metric(server, 'atoll_storage_available'), 1);
    assert.match(server.output(), /storage available again/);
    assert.equal(server.output().match(/storage unavailable/g)?.length, 1, 'one warn line, not one per request');

    // The raw connection: r1 is still refused until r0 comes again; then both go through.
    assert.equal((await raw.request({ send: { id: 'r1', to: 'carol', body: Buffer.from('r1') } }, 'error')).error!.code, 503);
    await raw.request({ send: { id: 'r0', to: 'carol', body: Buffer.from('r0') } }, 'sendAck');
    await raw.request({ send: { id: 'r1', to: 'carol', body: Buffer.from('r1') } }, 'sendAck');

    const ids = Array.from({ length: 8 }, (_, i) => `m${i}`);
    await waitFor(() => got.length >= 8, 10_000, `8 messages on the phone (have ${got.length})`);
    assert.deepEqual(got.map((m) => m.id), ids, 'each once, in order');
    assert.equal(alice.state, 'live', 'the sender never lost its connection');

    await server.kill9();
    server = await startChildServer(data, flags);
    assert.deepEqual(await drainTablet(server, 8), ids, 'after kill -9: every acked message, once, in order');
  } finally {
    raw?.close();
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
    fs.remove();
  }
});

test('a device ack made on a full disk waits in RAM and is stored once space is freed: after kill -9 the acked messages are not delivered again', async (t) => {
  const fs = mountTmpfs(24 * MiB);
  if (typeof fs === 'string') return t.skip(fs);
  const data = join(fs.path, 'data');
  // Reserve 0: the ack's own log append meets the full disk.
  const flags = ['--storage-reserve-bytes', '0'];
  let server = await startChildServer(data, flags);
  const clients: Client[] = [];
  let phone: RawClient | null = null;
  try {
    const alice = client(server, 'alice', 'laptop');
    clients.push(alice);
    await alice.register('alice', PW);
    await alice.register('bob', PW);
    await alice.login();
    phone = await RawClient.login(server.tcp, 'bob', PW, 'phone');
    // Long ids: the ack's record (it marks every message delivered) spans several pages, so
    // it needs space that the full disk no longer has.
    const COUNT = 60;
    const ids = Array.from({ length: COUNT }, (_, i) => `${String(i).padStart(3, '0')}-${'x'.repeat(58)}`);
    await Promise.all(ids.map((id) => alice.send('bob', id, { id })));
    let last = 0;
    for (let i = 0; i < COUNT; i++) last = Number((await phone.waitFor((f) => f.body === 'deliver')).deliver!.seq);

    fs.fill(0);
    phone.sendFrame({ ref: 0, ack: { seq: last } });
    await untilMetric(server, 'atoll_inbox_writes_waiting_for_storage', (v) => v === 1, 'the ack waiting for storage');
    fs.unfill();
    await untilMetric(server, 'atoll_inbox_writes_waiting_for_storage', (v) => v === 0, 'the ack stored');
    phone.close();

    await server.kill9();
    server = await startChildServer(data, flags);
    phone = await RawClient.login(server.tcp, 'bob', PW, 'phone');
    const again = client(server, 'alice', 'laptop');
    clients.push(again);
    await again.login();
    await again.send('bob', 'after', { id: 'm3' });
    const first = await phone.waitFor((f) => f.body === 'deliver');
    assert.equal(first.deliver!.message!.id, 'm3', 'the first delivery after the restart is the new message, not an acked one');
    assert.doesNotMatch(server.output(), /unhandled promise rejection|request failed/);
  } finally {
    phone?.close();
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
    fs.remove();
  }
});

test('the disk fills for real inside a log batch (reserve 0): the batch is cut back and refused, nothing half-written is replayed', async (t) => {
  const fs = mountTmpfs(12 * MiB);
  if (typeof fs === 'string') return t.skip(fs);
  const data = join(fs.path, 'data');
  const flags = ['--storage-reserve-bytes', '0', '--sync-delay-ms', '300', '--checkpoint-interval-ms', '200'];
  let server = await startChildServer(data, flags);
  const clients: Client[] = [];
  try {
    const { alice, phone, got } = await setUp(server);
    clients.push(alice, phone);
    const delivered = new Set<string>();
    alice.on('receipt', (r) => { if (r.kind === 'delivered') for (const id of r.ids) delivered.add(id); });
    fs.fill(400 * 1024);
    const COUNT = 40;
    const body = Buffer.alloc(48 * 1024, 0x61);
    const ids = Array.from({ length: COUNT }, (_, i) => `big${i}`);
    const sends = ids.map((id) => alice.send('bob', body, { id }));
    await untilMetric(server, 'atoll_log_disk_full_batches_total', (v) => v >= 1, 'a batch refused for a full disk');
    await untilMetric(server, 'atoll_storage_available', (v) => v === 0, 'storage unavailable after ENOSPC');
    assert.match(server.output(), /storage unavailable[^\n]*a write failed[^\n]*No space left|"reason":"a write failed[^"]*"[^\n]*storage unavailable/);

    fs.unfill();
    await Promise.all(sends);
    await waitFor(() => got.length >= COUNT, 10_000, `${COUNT} messages on the phone (have ${got.length})`);
    assert.deepEqual(got.map((m) => m.id), ids, 'each once, in order');
    // Receipts made while the log refused writes wait for room: none is lost.
    await waitFor(() => delivered.size >= COUNT, 10_000, `${COUNT} delivered receipts at the sender (have ${delivered.size})`);
    assert.doesNotMatch(server.output(), /unhandled promise rejection|session failed|request failed/);

    await server.kill9();
    server = await startChildServer(data, flags);
    assert.doesNotMatch(server.output(), /torn log tail/, 'the refused batch left no bytes behind');
    assert.deepEqual(await drainTablet(server, COUNT), ids, 'after kill -9: every acked message, once, in order, nothing else');
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
    fs.remove();
  }
});

/**
 * A server whose data directory is a small tmpfs and whose log is on another filesystem, so only
 * LMDB's write-back meets the full disk. Sends made just before the disk fills are acked (the log
 * has room) and reach their write-back a sync delay later, on the full disk: the round waits for
 * room instead of starting, and storage is unavailable, so later sends are refused (as the first
 * test shows).
 */
async function onWriteBackDisk(t: TestContext, run: (env: { fs: Tmpfs; restart(whileDown?: () => void): Promise<ChildServer>; server(): ChildServer; clients: Client[] }) => Promise<void>): Promise<void> {
  const fs = mountTmpfs(16 * MiB);
  if (typeof fs === 'string') return t.skip(fs);
  const logs = tempDir('atoll-disk-full-log-');
  const data = join(fs.path, 'data');
  const flags = ['--storage-reserve-bytes', '0', '--sync-delay-ms', '1500', '--checkpoint-interval-ms', '100', '--log-dirs', logs.path];
  let server = await startChildServer(data, flags);
  const clients: Client[] = [];
  /** kill -9, then `whileDown`, then a new server on the same directories. */
  const restart = async (whileDown = () => undefined) => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server.kill9();
    whileDown();
    return (server = await startChildServer(data, flags));
  };
  try {
    await run({ fs, restart, server: () => server, clients });
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
    fs.remove();
    logs.remove();
  }
}

const writeBackBody = Buffer.alloc(16 * 1024, 0x62);

test('LMDB write-back on a full disk waits for room, and the log keeps what it covers across kill -9', async (t) => {
  await onWriteBackDisk(t, async ({ fs, restart, server, clients }) => {
    const { alice, phone } = await setUp(server());
    clients.push(alice, phone);
    const before = ['w0', 'w1', 'w2'];
    await Promise.all(before.map((id) => alice.send('bob', writeBackBody, { id })));
    // The offline tablet's copies linger past the sync delay and reach LMDB.
    await untilMetric(server(), 'atoll_inbox_flushed_items_total', (v) => v >= before.length, 'the first copies written back');

    const during = Array.from({ length: 20 }, (_, i) => `f${i}`);
    await Promise.all(during.map((id) => alice.send('bob', writeBackBody, { id })));
    fs.fill(0);
    await untilMetric(server(), 'atoll_storage_available', (v) => v === 0, 'storage unavailable');
    await untilMetric(server(), 'atoll_inbox_write_back_deferred_rounds_total', (v) => v >= 1, 'a write-back round waiting for room');
    assert.match(server().output(), /"level":40[^\n]*write-back to atoll.mdb waits/, "one warn line in the JSON log");

    // Killed while LMDB lacks them: the log must still hold every copy (no checkpoint passed them).
    await restart(() => fs.unfill());
    const all = [...before, ...during];
    assert.deepEqual(await drainTablet(server(), all.length), all, 'after kill -9 on a full disk: every acked message, once, in order');
  });
});

test('LMDB write-back on a full disk resumes without a restart once there is space', async (t) => {
  await onWriteBackDisk(t, async ({ fs, restart, server, clients }) => {
    const { alice, phone } = await setUp(server());
    clients.push(alice, phone);
    await phone.close();
    const later = Array.from({ length: 20 }, (_, i) => `g${i}`);
    await Promise.all(later.map((id) => alice.send('bob', writeBackBody, { id })));
    fs.fill(0);
    await untilMetric(server(), 'atoll_inbox_write_back_deferred_rounds_total', (v) => v >= 1, 'a write-back round waiting for room');
    const stuck = await metric(server(), 'atoll_inbox_flushed_items_total');
    assert.ok(stuck < later.length, 'not all of them were written before the disk filled');
    fs.unfill();
    await untilMetric(server(), 'atoll_storage_available', (v) => v === 1, 'storage available again');
    await untilMetric(server(), 'atoll_inbox_flushed_items_total', (v) => v >= later.length, 'the waiting copies written');
    assert.match(server().output(), /write-back to atoll.mdb resumes/);
    assert.doesNotMatch(server().output(), /unhandled promise rejection|a flush failed/);
    await restart();
    assert.deepEqual(await drainTablet(server(), later.length), later, 'after the reissue and kill -9: every acked message, once, in order');
  });
});
