// Heartbeats: the client pings when a direction is quiet for heartbeatMs, stays connected while
// pongs come back, and treats a server silent for idleTimeoutMs as dead (then reconnects).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../../src/client/index.js';
import { FakeServer, waitFor } from './fake-server.js';

const welcome = { heartbeatMs: 80, idleTimeoutMs: 300 };

test('pings keep a quiet connection alive while the server answers them', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1' });
  try {
    const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept({ welcome }); return c; })]);
    // Answer pings for 700 ms (over twice the idle timeout).
    const until = Date.now() + 700;
    let pings = 0;
    while (Date.now() < until) {
      const frame = await conn.next(500, []);
      assert.equal(frame.body, 'ping', `only pings expected on a quiet connection, got ${frame.body}`);
      assert.notEqual(frame.ref, 0, 'a Ping carries a ref');
      pings++;
      conn.send({ ref: frame.ref, pong: { nonce: frame.ping!.nonce } });
    }
    assert.ok(pings >= 5 && pings <= 15, `expected a ping about every 80 ms, saw ${pings} in 700 ms`);
    assert.equal(client.state, 'live');
    assert.equal(server.connections.length, 1, 'no reconnect');
  } finally {
    await client.close();
    await server.close();
  }
});

test('a server silent for idleTimeoutMs is treated as dead: the client reconnects and resumes', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1', backoff: { initialMs: 10, jitter: 0 } });
  const states: string[] = [];
  client.on('state', (s) => states.push(s));
  try {
    const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept({ welcome }); return c; })]);
    const silentSince = Date.now();
    // Swallow pings without answering.
    const second = await server.accept(3000);
    const gaveUpAfter = Date.now() - silentSince;
    assert.ok(gaveUpAfter >= 280, `gave up after ${gaveUpAfter} ms, before idleTimeoutMs`);
    assert.ok(gaveUpAfter < 1500, `gave up only after ${gaveUpAfter} ms`);
    assert.ok(conn.received.some((f) => f.ping), 'pinged before giving up');
    await conn.closedPromise;
    const resume = await second.accept({ welcome });
    assert.equal(resume.body, 'resume');
    await waitFor(() => client.state === 'live');
    assert.deepEqual(states.slice(states.indexOf('live') + 1), ['reconnecting', 'connecting', 'authenticating', 'live']);
  } finally {
    await client.close();
    await server.close();
  }
});

test('the server\'s Ping is answered with a Pong carrying its nonce', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1' });
  try {
    const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept(); return c; })]);
    conn.send({ ref: 77, ping: { nonce: 123456789 } });
    const pong = await conn.expect('pong');
    assert.equal(pong.ref, 77);
    assert.equal(pong.pong!.nonce, 123456789);
  } finally {
    await client.close();
    await server.close();
  }
});
