// Misbehaving clients get a clear error code, are closed when they must be, and nobody else notices.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { encodeFrame, wire } from '../../src/protocol/framing.js';
import { RawClient } from '../helpers/raw-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const PW = 'password-1';
const E = wire.ErrorCode;

/** Deterministic pseudo-random bytes, so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s & 0xff;
  };
}

describe('bad input', () => {
  let server: TestServer;
  let bystander: RawClient;
  let sender: RawClient;

  before(async () => {
    server = await startTestServer({ maxFrameBytes: 8 * 1024, maxBodyBytes: 4 * 1024, maxLoginAttempts: 3 });
    bystander = await RawClient.login(server.tcp, 'bystander', PW, 'd', true);
    sender = await RawClient.login(server.ws, 'sender', PW, 'd', true);
  });
  after(async () => {
    // The well-behaved pair still talks after everything below.
    await sender.request({ send: { id: 'still-fine', to: 'bystander', body: Buffer.from('ok') } }, 'sendAck');
    const [m] = await bystander.receive(1);
    assert.equal(m.deliver!.message!.id, 'still-fine');
    bystander.close();
    sender.close();
    await server.stop();
  });

  it('closes a connection that sends random bytes, with BAD_FRAME or FRAME_TOO_LARGE', async () => {
    for (let seed = 1; seed <= 50; seed++) {
      const next = prng(seed);
      const c = await RawClient.connect(server.tcp);
      // More than a maximal frame, so the first frame is always complete (or refused as too large).
      c.write(Uint8Array.from({ length: 20_000 + seed * 13 }, next));
      await c.waitClosed();
      const err = c.frames.find((f) => f.body === 'error');
      assert.ok(err, `seed ${seed}: an error frame before the close`);
      assert.ok([E.BAD_FRAME, E.FRAME_TOO_LARGE, E.HELLO_REQUIRED].includes(err.error!.code!), `seed ${seed}: code ${err.error!.code}`);
      assert.equal(err.error!.fatal, true);
    }
  });

  it('refuses an oversized frame from its length prefix alone', async () => {
    const c = await RawClient.connect(server.tcp);
    c.write(Uint8Array.from([0xff, 0xff, 0xff, 0x7f])); // a 268 MB frame announced, never sent
    await c.waitClosed();
    assert.equal(c.frames[0].error!.code, E.FRAME_TOO_LARGE);
  });

  it('closes a connection whose frame body is not a Frame', async () => {
    const c = await RawClient.connect(server.ws);
    c.write(Uint8Array.from([3, 0xff, 0xff, 0xff]));
    await c.waitClosed();
    assert.equal(c.frames[0].error!.code, E.BAD_FRAME);
  });

  it('waits for the rest of a truncated frame and drops it when the client goes away', async () => {
    const whole = encodeFrame({ ref: 1, hello: { protocolVersion: 1 } });
    const socket = net.connect(server.tcpPort, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(whole.subarray(0, whole.length - 2));
    await new Promise((r) => setTimeout(r, 100));
    socket.write(whole.subarray(whole.length - 2));
    const reply = await new Promise<Buffer>((r) => socket.once('data', r));
    assert.ok(reply.length > 0, 'Welcome after the frame completed');
    socket.write(whole.subarray(0, 3));
    socket.destroy();
  });

  it('requires Hello first and refuses unknown protocol versions', async () => {
    const c = await RawClient.connect(server.tcp);
    c.sendFrame({ login: { user: 'x', password: 'y' } });
    await c.waitClosed();
    assert.equal(c.frames[0].error!.code, E.HELLO_REQUIRED);
    const v = await RawClient.connect(server.tcp);
    v.sendFrame({ hello: { protocolVersion: 99 } });
    await v.waitClosed();
    assert.equal(v.frames[0].error!.code, E.UNSUPPORTED_VERSION);
  });

  it('answers frames before login with NOT_AUTHENTICATED and keeps the connection usable', async () => {
    const c = await RawClient.connect(server.tcp);
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    const err = await c.request({ send: { id: 'a', to: 'bystander', body: Buffer.from('x') } }, 'error');
    assert.equal(err.error!.code, E.NOT_AUTHENTICATED);
    await c.request({ login: { user: 'bystander', password: PW, device: 'second' } }, 'loginOk');
    c.close();
  });

  it('answers an unknown frame type with UNKNOWN_FRAME and keeps the connection', async () => {
    const c = await RawClient.connect(server.tcp);
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    // Field 99, a length-delimited value: a frame type from some future protocol.
    c.write(Uint8Array.from([6, 0x08, 0x05, 0x9a, 0x06, 0x01, 0x00]));
    const err = await c.waitFor((f) => f.ref === 5);
    assert.equal(err.error!.code, E.UNKNOWN_FRAME);
    const srv = await c.request({ welcome: {} }, 'error');
    assert.equal(srv.error!.code, E.UNKNOWN_FRAME);
    await c.request({ ping: { nonce: 1 } }, 'pong');
    c.close();
  });

  it('rejects wrong passwords with AUTH_FAILED, then closes after too many attempts', async () => {
    const c = await RawClient.connect(server.tcp);
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    const e1 = await c.request({ login: { user: 'bystander', password: 'wrong-password', device: 'x' } }, 'error');
    assert.equal(e1.error!.code, E.AUTH_FAILED);
    const e2 = await c.request({ login: { user: 'no-such-user', password: PW, device: 'x' } }, 'error');
    assert.equal(e2.error!.code, E.AUTH_FAILED);
    const e3 = await c.request({ login: { user: 'bystander', password: 'wrong-again', device: 'x' } }, 'error');
    assert.equal(e3.error!.code, E.TOO_MANY_ATTEMPTS);
    assert.equal(e3.error!.fatal, true);
    await c.waitClosed();
  });

  it('rejects invalid and forged resume tokens with INVALID_TOKEN', async () => {
    const c = await RawClient.connect(server.ws);
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    for (const token of ['', 'garbage', 'a.b.c', `${Buffer.from('bystander').toString('base64url')}.${Buffer.from('d').toString('base64url')}.forged`]) {
      const e = await c.request({ resume: { token } }, 'error');
      assert.equal(e.error!.code, E.INVALID_TOKEN, `token ${JSON.stringify(token)}`);
    }
    c.close();
  });

  it('rejects malformed fields with INVALID_ARGUMENT and big bodies with MESSAGE_TOO_LARGE', async () => {
    const bad = [
      { send: { id: '', to: 'bystander', body: Buffer.from('x') } },
      { send: { id: 'ok', to: 'Not A User!', body: Buffer.from('x') } },
      { markRead: { from: 'bystander', ids: [] } },
      { subscribe: { users: ['UPPER'] } },
    ];
    for (const frame of bad) {
      const e = await sender.request(frame, 'error');
      assert.equal(e.error!.code, E.INVALID_ARGUMENT, JSON.stringify(frame));
    }
    const big = await sender.request({ send: { id: 'big', to: 'bystander', body: Buffer.alloc(5000) } }, 'error');
    assert.equal(big.error!.code, E.MESSAGE_TOO_LARGE);
    const reg = await sender.request({ register: { user: 'someone', password: PW } }, 'error');
    assert.equal(reg.error!.code, E.ALREADY_AUTHENTICATED);
  });

  it('refuses registration of a taken name and of bad names', async () => {
    const c = await RawClient.connect(server.tcp);
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    assert.equal((await c.request({ register: { user: 'bystander', password: PW } }, 'error')).error!.code, E.USER_EXISTS);
    assert.equal((await c.request({ register: { user: 'Bad Name', password: PW } }, 'error')).error!.code, E.INVALID_ARGUMENT);
    assert.equal((await c.request({ register: { user: 'shortpw', password: 'x' } }, 'error')).error!.code, E.INVALID_ARGUMENT);
    c.close();
  });

  it('queues sends over the rate in order, and closes a flood that overflows the queue with RATE_LIMITED', async () => {
    const flooder = await RawClient.login(server.tcp, 'flooder', PW, 'd', true);
    const frames = Array.from({ length: 2000 }, (_, i) => ({ ref: 10 + i, send: { id: `f${i}`, to: 'bystander', body: Buffer.from('x') } }));
    flooder.sendFrames(frames);
    await flooder.waitClosed(10_000);
    const errors = flooder.frames.filter((f) => f.body === 'error');
    assert.equal(errors.length, 1, 'nothing is refused before the close');
    assert.equal(errors[0].error!.code, E.RATE_LIMITED);
    assert.equal(errors[0].error!.fatal, true);
    // What was stored is a gap-free prefix of what was sent, in order (its acks may have been cut
    // off by the close); the queued rest was dropped, for the client to resend.
    await new Promise((r) => setTimeout(r, 500));
    const got: string[] = [];
    for (;;) {
      const next = await bystander.waitFor((f) => f.body === 'deliver', 1000).catch(() => null);
      if (!next) break;
      got.push(next.deliver!.message!.id!);
      bystander.sendFrame({ ref: 0, ack: { seq: next.deliver!.seq } });
    }
    assert.ok(got.length >= 300, `stored ${got.length}`);
    assert.deepEqual(got, frames.slice(0, got.length).map((f) => f.send.id));
  });

  it('keeps per-pair order for a pipelined burst over the rate limit, refusing nothing', async () => {
    const slowServer = await startTestServer({ sendBurst: 50, sendRatePerSec: 2000 });
    try {
      const a = await RawClient.login(slowServer.tcp, 'pa', PW, 'd', true);
      const b = await RawClient.login(slowServer.tcp, 'pb', PW, 'd', true);
      const n = 1000;
      // 40 at a time stays under the 50-send queue: the server paces them by reading slower.
      for (let i = 0; i < n; i += 40) {
        a.sendFrames(Array.from({ length: 40 }, (_, j) => ({ ref: 1 + i + j, send: { id: `p${i + j}`, to: 'pb', body: Buffer.from('x') } })));
        await a.waitFor((f) => f.ref === i + 40, 10_000);
      }
      assert.equal(a.frames.filter((f) => f.body === 'error').length, 0);
      const got = await b.receive(n, 20_000);
      assert.deepEqual(got.map((f) => f.deliver!.message!.id), Array.from({ length: n }, (_, i) => `p${i}`));
      a.close();
      b.close();
    } finally {
      await slowServer.stop();
    }
  });
});

describe('idle and slow connections', () => {
  let server: TestServer;
  before(async () => {
    // Windows larger than the kernel's socket buffers, so deliveries to a reader that stops back up in the server.
    server = await startTestServer({ heartbeatMs: 200, idleTimeoutMs: 1000, loginTimeoutMs: 1000, maxOutboundBytes: 64 * 1024, stallTimeoutMs: 500, sendBurst: 2000, sendRatePerSec: 100_000, inboxWindow: 5000, inboxWindowBytes: 64 * 1024 * 1024 });
  });
  after(async () => server.stop());

  it('closes a connection that does not log in within the login timeout, however much it pings', async () => {
    const lurker = await RawClient.connect(server.tcp);
    await lurker.request({ hello: { protocolVersion: 1 } }, 'welcome');
    const timer = setInterval(() => lurker.sendFrame({ ping: { nonce: 1 } }), 200);
    await lurker.waitClosed(4000);
    clearInterval(timer);
    const err = lurker.frames.find((f) => f.body === 'error');
    assert.equal(err!.error!.code, E.IDLE_TIMEOUT);
    assert.match(err!.error!.message!, /not logged in/);
  });

  it('closes a connection that stays silent past the idle timeout, but not one that pings', async () => {
    const silent = await RawClient.connect(server.tcp);
    const pinging = await RawClient.login(server.tcp, 'pinger', PW, 'd', true);
    const timer = setInterval(() => pinging.sendFrame({ ping: { nonce: 1 } }), 200);
    await silent.waitClosed(4000);
    assert.equal(silent.frames[0].error!.code, E.IDLE_TIMEOUT);
    assert.equal(pinging.closed, false);
    clearInterval(timer);
    pinging.close();
  });

  it('disconnects a reader that does not read, keeping its messages queued', async () => {
    const slowSocket = net.connect(server.tcpPort, '127.0.0.1');
    await new Promise((r) => slowSocket.once('connect', r));
    slowSocket.write(encodeFrame({ ref: 1, hello: { protocolVersion: 1 } }));
    slowSocket.write(encodeFrame({ ref: 2, register: { user: 'slow', password: PW } }));
    await new Promise((r) => setTimeout(r, 300));
    slowSocket.write(encodeFrame({ ref: 3, login: { user: 'slow', password: PW, device: 'd' } }));
    await new Promise((r) => setTimeout(r, 300));
    slowSocket.pause(); // stop reading: the kernel's buffers fill, then the server's
    const fast = await RawClient.login(server.tcp, 'fast', PW, 'd', true);
    const body = Buffer.alloc(16 * 1024, 1);
    let acked = 0;
    const slowClosed = async () => (await server.metrics.getSingleMetric('atoll_slow_consumers_total')!.get()).values[0].value >= 1;
    // It keeps writing (so it is not idle), it just never reads.
    const keepAlive = setInterval(() => slowSocket.write(encodeFrame({ ping: { nonce: 1 } })), 200);
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(Array.from({ length: 100 }, (_, i) =>
        fast.request({ send: { id: `s${acked + i}`, to: 'slow', body } }, 'sendAck')));
      acked += 100;
    }
    for (let i = 0; i < 50 && !(await slowClosed()); i++) await new Promise((r) => setTimeout(r, 100));
    clearInterval(keepAlive);
    assert.ok(await slowClosed(), 'the slow reader was disconnected');
    slowSocket.destroy();
    const back = await RawClient.login(server.tcp, 'slow', PW, 'd');
    const got = await back.receive(acked, 20_000);
    assert.equal(got.length, acked);
    assert.equal(got[0].deliver!.message!.id, 's0');
    assert.equal(got.at(-1)!.deliver!.message!.id, `s${acked - 1}`);
    back.close();
    fast.close();
  });
});
