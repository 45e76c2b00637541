// What the client does with each "not now" or "no" from the server: CONNECTION_LIMIT (reconnect
// after retryAfterMs), TOO_MANY_DEVICES (give up), QUOTA_EXCEEDED (reject the send, no resend),
// STORAGE_UNAVAILABLE (resend or retry after retryAfterMs), and Welcome's send_burst.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, AtollError } from '../../src/client/index.js';
import { FakeServer, nextEvent, waitFor, type FakeConn, type defaultWelcome } from './fake-server.js';

const E = { CONNECTION_LIMIT: 106, INVALID_TOKEN: 202, TOO_MANY_DEVICES: 209, QUOTA_EXCEEDED: 304, STORAGE_UNAVAILABLE: 503 };
const isCode = (code: string) => (err: unknown) => err instanceof AtollError && err.code === code;

function newClient(server: FakeServer, extra: Partial<ConstructorParameters<typeof Client>[0]> = {}): Client {
  return new Client({ server: server.url, user: 'alice', password: 'password1', backoff: { initialMs: 10, jitter: 0 }, ...extra });
}

async function liveClient(server: FakeServer, extra: Partial<ConstructorParameters<typeof Client>[0]> = {}, welcome: Partial<typeof defaultWelcome> = {}): Promise<{ client: Client; conn: FakeConn }> {
  const client = newClient(server, extra);
  const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept({ welcome }); return c; })]);
  return { client, conn };
}

test('CONNECTION_LIMIT on a reconnect: the client waits retryAfterMs, then connects again and resumes', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server);
  try {
    conn.drop();
    const limited = await server.accept();
    const hello = await limited.expect('hello');
    limited.send({ ref: hello.ref, error: { code: E.CONNECTION_LIMIT, message: 'too many connections', fatal: true, retryAfterMs: 300 } });
    const limitedAt = Date.now();
    limited.socket.end();
    const next = await server.accept();
    const waited = Date.now() - limitedAt;
    assert.ok(waited >= 290, `reconnected ${waited} ms after CONNECTION_LIMIT, before its retryAfterMs (back-off alone is 10 ms)`);
    assert.equal((await next.accept()).body, 'resume');
    await waitFor(() => client.state === 'live');
  } finally {
    await client.close();
    await server.close();
  }
});

test('CONNECTION_LIMIT on the first connection: login() rejects with it and its retryAfterMs', async () => {
  const server = await FakeServer.start();
  const client = newClient(server);
  try {
    const login = client.login();
    const conn = await server.accept();
    // Refused at once, before Hello is answered, as a server over its limit does.
    conn.send({ ref: 0, error: { code: E.CONNECTION_LIMIT, message: 'too many connections from 127.0.0.1', fatal: true, retryAfterMs: 500 } });
    conn.socket.end();
    await assert.rejects(login, (err: unknown) => isCode('CONNECTION_LIMIT')(err) && (err as AtollError).retryAfterMs === 500);
    assert.equal(client.state, 'idle');
  } finally {
    await client.close();
    await server.close();
  }
});

test('TOO_MANY_DEVICES: login() rejects; met on a reconnect, the client gives up and reports it', async () => {
  const server = await FakeServer.start();
  const fresh = newClient(server, { device: 'new-phone' });
  try {
    const login = fresh.login();
    const c = await server.accept();
    await c.handshake();
    const req = await c.expect('login');
    c.send({ ref: req.ref, error: { code: E.TOO_MANY_DEVICES, message: 'alice has 10 devices' } });
    await assert.rejects(login, isCode('TOO_MANY_DEVICES'));
  } finally {
    await fresh.close();
  }

  const { client, conn } = await liveClient(server);
  try {
    conn.drop();
    const again = await server.accept();
    await again.handshake();
    const resume = await again.expect('resume');
    const error = nextEvent(client, 'error');
    // The device was forgotten meanwhile: its token is gone and logging it in would add a device.
    again.send({ ref: resume.ref, error: { code: E.INVALID_TOKEN, message: 'revoked' } });
    const login = await again.expect('login');
    again.send({ ref: login.ref, error: { code: E.TOO_MANY_DEVICES, message: 'alice has 10 devices' } });
    assert.equal((await error).code, 'TOO_MANY_DEVICES');
    await waitFor(() => client.state === 'closed', 2000, 'the client to give up');
    assert.equal(server.connections.length, 3, 'no connection after TOO_MANY_DEVICES');
  } finally {
    await client.close();
    await server.close();
  }
});

test('QUOTA_EXCEEDED: the send rejects with the server\'s retryAfterMs and is not resent', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server);
  try {
    const refused = client.send('bob', 'big', { id: 'q1' });
    const f = await conn.expect('send');
    conn.send({ ref: f.ref, error: { code: E.QUOTA_EXCEEDED, message: 'bob has too much undelivered', retryAfterMs: 60_000 } });
    await assert.rejects(refused, (err: unknown) => isCode('QUOTA_EXCEEDED')(err) && (err as AtollError).retryAfterMs === 60_000);
    // Not paused and not resent: the next frame is the next send.
    const next = client.send('carol', 'small', { id: 'q2' });
    const g = await conn.expect('send');
    assert.equal(g.send!.id, 'q2');
    conn.send({ ref: g.ref, sendAck: { id: 'q2', sentAt: 1 } });
    await next;
  } finally {
    await client.close();
    await server.close();
  }
});

test('STORAGE_UNAVAILABLE on a send: resent with its id after retryAfterMs, and on the next connection after a fatal one', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server);
  try {
    const p = client.send('bob', 'hi', { id: 's1' });
    const first = await conn.expect('send');
    const refusedAt = Date.now();
    conn.send({ ref: first.ref, error: { code: E.STORAGE_UNAVAILABLE, message: 'disk full', retryAfterMs: 200 } });
    const second = await conn.expect('send');
    assert.equal(second.send!.id, 's1');
    const waited = Date.now() - refusedAt;
    assert.ok(waited >= 190, `resent after ${waited} ms, before retryAfterMs`);
    conn.send({ ref: second.ref, error: { code: E.STORAGE_UNAVAILABLE, message: 'disk full', fatal: true, retryAfterMs: 100 } });
    conn.socket.end();
    const again = await server.accept();
    await again.accept();
    const third = await again.expect('send');
    assert.equal(third.send!.id, 's1');
    again.send({ ref: third.ref, sendAck: { id: 's1', sentAt: 7 } });
    assert.equal((await p).sentAt, 7);
  } finally {
    await client.close();
    await server.close();
  }
});

test('STORAGE_UNAVAILABLE on other requests: sent again after retryAfterMs, within requestTimeoutMs', async () => {
  const server = await FakeServer.start();
  const client = newClient(server, { requestTimeoutMs: 1000 });
  try {
    const login = client.login();
    const conn = await server.accept();
    await conn.handshake();
    const l1 = await conn.expect('login');
    conn.send({ ref: l1.ref, error: { code: E.STORAGE_UNAVAILABLE, message: 'disk full', retryAfterMs: 100 } });
    const l2 = await conn.expect('login');
    conn.send({ ref: l2.ref, loginOk: { user: 'alice', device: 'default', resumeToken: 't', tokenExpiresAt: 1, ackedSeq: 0, serverTime: 1 } });
    await login;

    const read = client.markRead('bob', ['m1']);
    const r1 = await conn.expect('markRead');
    conn.send({ ref: r1.ref, error: { code: E.STORAGE_UNAVAILABLE, message: 'disk full', retryAfterMs: 100 } });
    const r2 = await conn.expect('markRead');
    assert.deepEqual(r2.markRead!.ids, ['m1']);
    conn.send({ ref: r2.ref, ok: {} });
    await read;

    // A retry that would end past requestTimeoutMs is not made: the caller gets the error.
    const late = client.markRead('bob', ['m2']);
    const r3 = await conn.expect('markRead');
    conn.send({ ref: r3.ref, error: { code: E.STORAGE_UNAVAILABLE, message: 'disk full', retryAfterMs: 5000 } });
    await assert.rejects(late, (err: unknown) => isCode('STORAGE_UNAVAILABLE')(err) && (err as AtollError).retryAfterMs === 5000);
  } finally {
    await client.close();
    await server.close();
  }
});

test('at most Welcome.send_burst sends are in flight at once', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server, {}, { sendBurst: 3 });
  try {
    const sends = Array.from({ length: 6 }, (_, i) => client.send('bob', 'm', { id: `b${i}` }));
    void client.markRead('bob', ['x']); // made after the sends: it overtakes those over the burst
    const frames = [await conn.expect('send'), await conn.expect('send'), await conn.expect('send'), await conn.expect('markRead')];
    assert.deepEqual(frames.map((f) => f.send?.id ?? f.body), ['b0', 'b1', 'b2', 'markRead']);
    conn.send({ ref: frames[3].ref, ok: {} });
    conn.send({ ref: frames[0].ref, sendAck: { id: 'b0', sentAt: 1 } });
    assert.equal((await conn.expect('send')).send!.id, 'b3', 'one acked, one more goes');
    await sends[0];
  } finally {
    await client.close();
    await server.close();
  }
});
