// When the client gives up for good and when it keeps trying: SESSION_REPLACED, a password that
// stopped working, reconnect turned off; and INVALID_TOKEN falls back to the password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, AtollError } from '../../src/client/index.js';
import { FakeServer, nextEvent, waitFor } from './fake-server.js';

const E = { INVALID_TOKEN: 202, AUTH_FAILED: 201, SESSION_REPLACED: 207, SHUTTING_DOWN: 501 };

test('SESSION_REPLACED: the error is reported, nothing reconnects, pending sends reject', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1', backoff: { initialMs: 10, jitter: 0 } });
  try {
    const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept(); return c; })]);
    const pending = client.send('bob', 'hi');
    await conn.expect('send');
    const error = nextEvent(client, 'error');
    conn.send({ ref: 0, error: { code: E.SESSION_REPLACED, message: 'logged in elsewhere', fatal: true } });
    conn.socket.end();
    const err = await error;
    assert.equal(err.code, 'SESSION_REPLACED');
    assert.equal(err.fatal, true);
    await waitFor(() => client.state === 'closed');
    await assert.rejects(pending, (e: unknown) => e instanceof AtollError && e.code === 'CLOSED');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(server.connections.length, 1, 'no reconnect after SESSION_REPLACED');
  } finally {
    await client.close();
    await server.close();
  }
});

test('SHUTTING_DOWN: reported, then the client reconnects and resumes', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1', backoff: { initialMs: 10, jitter: 0 } });
  try {
    const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept(); return c; })]);
    const error = nextEvent(client, 'error');
    conn.send({ ref: 0, error: { code: E.SHUTTING_DOWN, message: 'draining', fatal: true } });
    conn.socket.end();
    assert.equal((await error).code, 'SHUTTING_DOWN');
    const next = await server.accept();
    assert.equal((await next.accept()).body, 'resume');
    await waitFor(() => client.state === 'live');
  } finally {
    await client.close();
    await server.close();
  }
});

test('INVALID_TOKEN on resume falls back to the password; AUTH_FAILED then stops for good', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1', device: 'laptop', backoff: { initialMs: 10, jitter: 0 } });
  try {
    const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept(); return c; })]);
    conn.drop();
    const second = await server.accept();
    await second.handshake();
    const resume = await second.expect('resume');
    second.send({ ref: resume.ref, error: { code: E.INVALID_TOKEN, message: 'expired' } });
    const login = await second.expect('login');
    assert.deepEqual({ ...login.login }, { user: 'alice', password: 'password1', device: 'laptop' });
    second.send({ ref: login.ref, loginOk: { user: 'alice', device: 'laptop', resumeToken: 'tok-2', ackedSeq: 0 } });
    await waitFor(() => client.state === 'live');
    assert.equal(client.resumeToken, 'tok-2');

    // Now the password changed while we were away.
    second.drop();
    const third = await server.accept();
    await third.handshake();
    const r2 = await third.expect('resume');
    third.send({ ref: r2.ref, error: { code: E.INVALID_TOKEN, message: 'revoked' } });
    const l2 = await third.expect('login');
    const error = nextEvent(client, 'error');
    third.send({ ref: l2.ref, error: { code: E.AUTH_FAILED, message: 'wrong password' } });
    assert.equal((await error).code, 'AUTH_FAILED');
    await waitFor(() => client.state === 'closed');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(server.connections.length, 3, 'no more attempts after AUTH_FAILED');
  } finally {
    await client.close();
    await server.close();
  }
});

test('with reconnect off, a drop closes the client and reports why', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1', reconnect: false });
  try {
    const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept(); return c; })]);
    const error = nextEvent(client, 'error');
    conn.drop();
    const err = await error;
    assert.equal(err.code, 'CLOSED');
    assert.match(err.message, /reconnect is off/);
    assert.equal(client.state, 'closed');
  } finally {
    await client.close();
    await server.close();
  }
});

test('connect() to a port nobody listens on fails with TRANSPORT and leaves the client idle', async () => {
  const server = await FakeServer.start();
  const url = server.url;
  await server.close();
  const client = new Client({ server: url, user: 'alice', password: 'password1', connectTimeoutMs: 2000 });
  await assert.rejects(client.login(), (e: unknown) => e instanceof AtollError && e.code === 'TRANSPORT' && e.message.includes(url));
  assert.equal(client.state, 'idle');
  await assert.rejects(client.send('bob', 'x'), (e: unknown) => e instanceof AtollError && e.code === 'NOT_AUTHENTICATED');
  await client.close();
});

test('a server that never answers Hello fails connect() with TIMEOUT after connectTimeoutMs', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, connectTimeoutMs: 200 });
  const started = Date.now();
  await assert.rejects(client.connect(), (e: unknown) => e instanceof AtollError && e.code === 'TIMEOUT');
  const took = Date.now() - started;
  assert.ok(took >= 190 && took < 1000, `took ${took} ms`);
  await client.close();
  await server.close();
});
