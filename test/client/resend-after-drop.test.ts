// The outbox: sends whose SendAck never came are resent with the same ids, in order, after a
// reconnect; sends made while offline wait; rate limits delay rather than fail; limits are clear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, AtollError } from '../../src/client/index.js';
import { FakeServer, waitFor, type FakeConn } from './fake-server.js';

async function liveClient(server: FakeServer, extra: Partial<ConstructorParameters<typeof Client>[0]> = {}): Promise<{ client: Client; conn: FakeConn }> {
  const client = new Client({ server: server.url, user: 'alice', password: 'password1', backoff: { initialMs: 20, jitter: 0 }, ...extra });
  const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept(); return c; })]);
  return { client, conn };
}

test('unacked sends are resent with the same ids, in order, after the connection drops', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server);
  try {
    const p1 = client.send('bob', 'one', { id: 'id-1' });
    const p2 = client.send('bob', 'two', { id: 'id-2' });
    const p3 = client.send('bob', new Uint8Array([1, 2, 3]));
    const s1 = await conn.expect('send');
    const s2 = await conn.expect('send');
    const s3 = await conn.expect('send');
    assert.deepEqual([s1.send!.id, s2.send!.id], ['id-1', 'id-2']);
    assert.match(s3.send!.id!, /^[0-9a-f]{32}$/, 'generated ids are random hex');
    conn.send({ ref: s1.ref, sendAck: { id: 'id-1', sentAt: 5, duplicate: false } });
    assert.deepEqual(await p1, { id: 'id-1', sentAt: 5, duplicate: false });
    conn.drop();
    // Made while reconnecting: must wait and go out after the older ones.
    const p4 = client.send('carol', 'four', { id: 'id-4' });

    const again = await server.accept();
    await again.accept();
    const resent = [await again.expect('send'), await again.expect('send'), await again.expect('send')];
    assert.deepEqual(resent.map((f) => f.send!.id), ['id-2', s3.send!.id, 'id-4']);
    assert.equal(new TextDecoder().decode(resent[0].send!.body!), 'two');
    assert.deepEqual([...resent[1].send!.body!], [1, 2, 3]);
    for (const f of resent) again.send({ ref: f.ref, sendAck: { id: f.send!.id, sentAt: 9, duplicate: f.send!.id === 'id-2' } });
    assert.deepEqual(await p2, { id: 'id-2', sentAt: 9, duplicate: true });
    assert.equal((await p3).id, s3.send!.id);
    assert.equal((await p4).id, 'id-4');
  } finally {
    await client.close();
    await server.close();
  }
});

test('RATE_LIMITED and SERVER_BUSY sends are retried after retryAfterMs; other errors reject', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server);
  try {
    const p = client.send('bob', 'hi', { id: 'r1' });
    const first = await conn.expect('send');
    const limitedAt = Date.now();
    conn.send({ ref: first.ref, error: { code: 302, message: 'slow down', retryAfterMs: 150 } });
    const second = await conn.expect('send');
    const waited = Date.now() - limitedAt;
    assert.ok(waited >= 140, `retried after ${waited} ms, before retryAfterMs`);
    assert.equal(second.send!.id, 'r1');
    conn.send({ ref: second.ref, error: { code: 500, message: 'busy', retryAfterMs: 60 } });
    const third = await conn.expect('send');
    conn.send({ ref: third.ref, sendAck: { id: 'r1', sentAt: 1 } });
    assert.equal((await p).id, 'r1');

    const bad = client.send('nobody', 'hi', { id: 'u1' });
    const f = await conn.expect('send');
    conn.send({ ref: f.ref, error: { code: 300, message: 'no such user' } });
    await assert.rejects(bad, (err: unknown) => err instanceof AtollError && err.code === 'USER_NOT_FOUND' && !err.fatal);
  } finally {
    await client.close();
    await server.close();
  }
});

test('every rate-limit pause ends, also when its timer fires a fraction of a millisecond early', async () => {
  // Timers run on the event loop's monotonic clock, Date.now() on the wall clock: a timer for
  // retryAfterMs may fire when Date.now() says a millisecond is still left. Each pause here is one
  // such chance (8 clients x 20 pauses); every retry must still come, and never before retryAfterMs.
  const server = await FakeServer.start();
  const pairs: Awaited<ReturnType<typeof liveClient>>[] = [];
  try {
    for (let c = 0; c < 8; c++) pairs.push(await liveClient(server)); // one by one: each conn is its client's
    await Promise.all(pairs.map(async ({ client, conn }, c) => {
      for (let i = 0; i < 20; i++) {
        const id = `pause-${c}-${i}`;
        const p = client.send('bob', 'hi', { id });
        const first = await conn.expect('send');
        const limitedAt = performance.now();
        conn.send({ ref: first.ref, error: { code: 500, message: 'busy', retryAfterMs: 50 } });
        const again = await conn.expect('send', 1000);
        const waited = performance.now() - limitedAt;
        assert.ok(waited >= 49, `${id}: retried after ${waited.toFixed(1)} ms, before retryAfterMs`);
        conn.send({ ref: again.ref, sendAck: { id, sentAt: 1 } });
        assert.equal((await p).id, id);
      }
    }));
  } finally {
    for (const { client } of pairs) await client.close();
    await server.close();
  }
});

test('a body over the server limit is refused before it is sent', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1' });
  const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept({ welcome: { maxBodyBytes: 10 } }); return c; })]);
  try {
    await assert.rejects(client.send('bob', 'x'.repeat(11)), (err: unknown) => err instanceof AtollError && err.code === 'MESSAGE_TOO_LARGE');
    const ok = client.send('bob', 'x'.repeat(10), { id: 'fits' });
    const f = await conn.expect('send');
    conn.send({ ref: f.ref, sendAck: { id: 'fits', sentAt: 1 } });
    await ok;
  } finally {
    await client.close();
    await server.close();
  }
});

test('the offline queue is bounded; close() rejects what is still queued with CLOSED', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server, { backoff: { initialMs: 60_000, jitter: 0 } });
  conn.drop();
  await waitFor(() => client.state === 'reconnecting');
  const queued = Array.from({ length: 10_000 }, (_, i) => client.send('bob', 'm', { id: `q${i}` }));
  await assert.rejects(client.send('bob', 'one too many'), (err: unknown) => err instanceof AtollError && err.code === 'QUEUE_FULL' && /10000 messages/.test(err.message));
  // Re-sending an id that is already queued does not take another slot: it is the same send.
  assert.equal(client.send('bob', 'm', { id: 'q5' }), client.send('bob', 'm', { id: 'q5' }));
  await client.close();
  const results = await Promise.allSettled(queued);
  assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof AtollError && r.reason.code === 'CLOSED'));
  await assert.rejects(client.send('bob', 'late'), (err: unknown) => err instanceof AtollError && err.code === 'CLOSED');
  await server.close();
});

test('in-flight requests on a drop: replayable ones go out again, register rejects with CLOSED', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server);
  try {
    const read = client.markRead('bob', ['a', 'b']);
    const sub = client.subscribe(['bob', 'carol']);
    assert.ok((await conn.expect('markRead')).markRead);
    assert.ok((await conn.expect('subscribe')).subscribe);
    conn.drop();
    const again = await server.accept();
    await again.accept();
    // The presence subscription is renewed on the new connection, then the queued requests replay.
    const frames = [await again.next(), await again.next(), await again.next()];
    assert.deepEqual(frames.map((f) => f.body).sort(), ['markRead', 'subscribe', 'subscribe']);
    for (const f of frames) again.send({ ref: f.ref, ok: {} });
    await read;
    await sub;

    const fresh = new Client({ server: server.url });
    const reg = fresh.register('dave', 'password1');
    const c = await server.accept();
    await c.handshake();
    await c.expect('register');
    c.drop();
    await assert.rejects(reg, (err: unknown) => err instanceof AtollError && err.code === 'CLOSED');
    await waitFor(() => fresh.state === 'idle');
    await fresh.close();
  } finally {
    await client.close();
    await server.close();
  }
});

test('a send with no SendAck within requestTimeoutMs rejects with TIMEOUT and says to resend', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server, { requestTimeoutMs: 150 });
  try {
    const p = client.send('bob', 'hi', { id: 't1' });
    await conn.expect('send');
    await assert.rejects(p, (err: unknown) => err instanceof AtollError && err.code === 'TIMEOUT' && /resend it with the same id/.test(err.message));
  } finally {
    await client.close();
    await server.close();
  }
});
