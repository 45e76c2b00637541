// Connections that have not logged in are cheap to make and prove nothing, so they are capped per
// address and in total, held to small frames and a login deadline, and their Pings are rate
// limited: a flood of them from one address must not slow down a real client from another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { atoll } from '../../src/protocol/generated/atoll.js';
import { addressKey } from '../../src/gateway/pre-login-limits.js';
import { startTestServer } from '../helpers/server.js';
import { RawClient } from '../helpers/raw-client.js';

const E = atoll.v1.ErrorCode;

/** A real user from another address registers and logs in; resolves with the time it took. */
async function realLogin(url: string, user: string): Promise<number> {
  const started = performance.now();
  const c = await RawClient.connect(url, '127.0.0.3');
  try {
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    await c.request({ register: { user, password: 'password-1' } }, 'ok');
    await c.request({ login: { user, password: 'password-1', device: 'd1' } }, 'loginOk');
    return performance.now() - started;
  } finally {
    c.close();
  }
}

test('idle sockets past the per-address cap get CONNECTION_LIMIT; another address still logs in', async () => {
  const server = await startTestServer({ maxPreLoginPerAddress: 20 });
  const idle: RawClient[] = [];
  try {
    for (let i = 0; i < 20; i++) idle.push(await RawClient.connect(server.tcp, '127.0.0.2'));
    const refused = await RawClient.connect(server.tcp, '127.0.0.2');
    const err = await refused.waitFor((f) => f.body === 'error');
    assert.equal(err.error!.code, E.CONNECTION_LIMIT);
    assert.equal(err.error!.fatal, true);
    assert.ok(Number(err.error!.retryAfterMs) > 0, 'says when to retry');
    await refused.waitClosed();
    const ws = await RawClient.connect(server.ws, '127.0.0.2');
    assert.equal((await ws.waitFor((f) => f.body === 'error')).error!.code, E.CONNECTION_LIMIT);
    assert.ok(await realLogin(server.tcp, 'alice') < 1000, 'a real login within 1 s');
    // A slot comes back when a pre-login socket goes away.
    idle.pop()!.close();
    // The /metrics request is itself a pre-login connection (from another address).
    await waitForPreLogin(server.httpPort, 21);
    const again = await RawClient.connect(server.tcp, '127.0.0.2');
    await again.request({ hello: { protocolVersion: 1 } }, 'welcome');
    again.close();
  } finally {
    for (const c of idle) c.close();
    await server.stop();
  }
});

test('a frame larger than the pre-login limit is refused at its length prefix, over TCP and WebSocket', async () => {
  const server = await startTestServer();
  const partial: RawClient[] = [];
  try {
    for (let i = 0; i < 50; i++) {
      const c = await RawClient.connect(server.tcp, '127.0.0.2');
      // A length prefix of 100,000 (varint) and a few bytes of the body: the rest never comes.
      c.write(Uint8Array.from([0xa0, 0x8d, 0x06, 1, 2, 3]));
      partial.push(c);
    }
    for (const c of partial) {
      assert.equal((await c.waitFor((f) => f.body === 'error')).error!.code, E.FRAME_TOO_LARGE);
      await c.waitClosed();
    }
    const ws = await RawClient.connect(server.ws, '127.0.0.2');
    ws.write(new Uint8Array(16 * 1024));
    assert.equal((await ws.waitFor((f) => f.body === 'error')).error!.code, E.FRAME_TOO_LARGE);
    await ws.waitClosed();
    assert.ok(await realLogin(server.ws, 'bob') < 1000, 'a real login within 1 s');
  } finally {
    for (const c of partial) c.close();
    await server.stop();
  }
});

test('a connection that does not log in within loginTimeoutMs is closed with IDLE_TIMEOUT', async () => {
  const server = await startTestServer({ loginTimeoutMs: 1500 });
  try {
    const c = await RawClient.connect(server.tcp);
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    const pingedAt = performance.now();
    c.sendFrame({ ping: { nonce: 1 } });
    const err = await c.waitFor((f) => f.body === 'error', 5000);
    assert.equal(err.error!.code, E.IDLE_TIMEOUT);
    assert.match(err.error!.message!, /loginTimeoutMs/);
    assert.ok(performance.now() - pingedAt < 4000, 'pinging does not extend the login deadline');
    await c.waitClosed();
  } finally {
    await server.stop();
  }
});

test('a Ping flood from sockets that do not read does not delay a real login', async () => {
  const server = await startTestServer();
  const flooders: RawClient[] = [];
  try {
    const burst = [];
    for (let i = 0; i < 20_000; i++) burst.push({ ref: i + 1, ping: { nonce: i } });
    for (let i = 0; i < 10; i++) {
      const c = await RawClient.connect(server.tcp, '127.0.0.2');
      c.reading(false);
      c.sendFrames(burst);
      flooders.push(c);
    }
    assert.ok(await realLogin(server.tcp, 'carol') < 1000, 'a real login within 1 s');
    // The flooders are held, not read at full speed: each stopped at its Ping rate.
    const pauses = (await server.metrics.getSingleMetric('atoll_ping_pauses_total')!.get()).values[0].value;
    assert.ok(pauses >= flooders.length, `every flooder was paused (${pauses} pauses)`);
    assert.ok(flooders.every((c) => !c.closed), 'flooders are slowed, not dropped');
  } finally {
    for (const c of flooders) c.close();
    await server.stop();
  }
});

test('replies to a client that does not read stop its reading, before login too', async () => {
  const server = await startTestServer();
  const flooders: RawClient[] = [];
  try {
    // Each Send before login is answered with NOT_AUTHENTICATED: 20,000 of them is a megabyte of replies.
    const burst = [{ ref: 1, hello: { protocolVersion: 1 } }];
    for (let i = 0; i < 20_000; i++) burst.push({ ref: i + 2, send: { id: `m${i}`, to: 'x', body: new Uint8Array(0) } } as never);
    for (let i = 0; i < 10; i++) {
      const c = await RawClient.connect(server.tcp, '127.0.0.2');
      c.reading(false);
      c.sendFrames(burst);
      flooders.push(c);
    }
    assert.ok(await realLogin(server.tcp, 'erin') < 1000, 'a real login within 1 s');
    const pauses = (await server.metrics.getSingleMetric('atoll_output_pauses_total')!.get()).values[0].value;
    assert.ok(pauses >= flooders.length, `every flooder stopped being read (${pauses} pauses)`);
  } finally {
    for (const c of flooders) c.close();
    await server.stop();
  }
});

test('addresses are counted by IPv4 address and by IPv6 /64', () => {
  assert.equal(addressKey('127.0.0.2'), '127.0.0.2');
  assert.equal(addressKey('::ffff:10.1.2.3'), '10.1.2.3');
  assert.equal(addressKey('2001:db8:0:1::5'), '2001:db8:0:1::/64');
  assert.equal(addressKey('2001:0db8:0000:0001:ffff:1:2:3'), '2001:db8:0:1::/64');
  assert.equal(addressKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
  assert.equal(addressKey('::1'), '0:0:0:0::/64');
});

/** Polls /metrics until fewer than `n` connections are pre-login (the release is asynchronous). */
async function waitForPreLogin(port: number, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const m = /^atoll_connections_pre_login (\d+)/m.exec(text);
    assert.ok(m, 'the pre-login gauge is exported');
    if (Number(m[1]) < n) return;
    assert.ok(Date.now() < deadline, `pre-login connections stayed at ${m[1]}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a partial WebSocket message over the pre-login limit is cut off before it is buffered', async () => {
  const server = await startTestServer();
  const sockets: net.Socket[] = [];
  try {
    const closed: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      const socket = await rawUpgrade(server.httpPort, '127.0.0.2');
      sockets.push(socket);
      closed.push(new Promise((r) => socket.once('close', () => r())));
      // A binary frame announcing 512 KiB, and the first 32 KiB of it: the rest never comes.
      const header = Buffer.from([0x82, 0xff, 0, 0, 0, 0, 0, 0x08, 0, 0, 1, 2, 3, 4]);
      socket.write(Buffer.concat([header, Buffer.alloc(32 * 1024, 7)]));
    }
    await Promise.all(closed);
    const refused = await server.metrics.getSingleMetric('atoll_connections_refused_total')!.get();
    const tooLarge = refused.values.find((v) => v.labels.reason === 'pre_login_frame_too_large');
    assert.equal(tooLarge?.value, 50);
    assert.ok(await realLogin(server.ws, 'dave') < 1000, 'a real login within 1 s');
  } finally {
    for (const s of sockets) s.destroy();
    await server.stop();
  }
});

/** A WebSocket upgrade done by hand, so the test can send a frame the ws client never would. */
async function rawUpgrade(port: number, localAddress: string): Promise<net.Socket> {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress });
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  socket.write(`GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`
    + `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  let head = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`upgrade refused: ${head.slice(0, 80)}`));
    };
    socket.on('data', onData);
  });
  socket.resume();
  return socket;
}
