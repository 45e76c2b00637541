// While the intake budget is used up, a connection's sends are parked (a few per connection) and
// its other frames are still read: a device's acks get through while its sends wait, a flood loses
// nothing that was acked, and one flooding connection does not keep others from being served.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RawClient } from '../helpers/raw-client.js';
import { startTestServer } from '../helpers/server.js';
import { metric, waitForMetric } from '../store/engine-node.js';

const PW = 'password-1';

const acked = (c: RawClient, ref: number) => c.frames.some((f) => f.ref === ref && f.body === 'sendAck');

/** Collects the ids of `n` messages delivered to `c`, acking every Deliver (messages and receipts) as it comes. */
async function receiveMessages(c: RawClient, n: number, timeoutMs: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < n) {
    const f = await c.waitFor((x) => x.body === 'deliver', timeoutMs);
    c.sendFrame({ ref: 0, ack: { seq: f.deliver!.seq } });
    if (f.deliver!.message) ids.push(f.deliver!.message.id!);
  }
  return ids;
}

it('reads a device\'s acks while its sends wait for the intake budget', async () => {
  // Four sends fill the budget; a rate of one token per 100 s keeps the two flooders' queued
  // sends (counted in, as read) in it for the whole test, so the budget stays used up.
  const server = await startTestServer({ intakeMaxSends: 4, sendRatePerSec: 0.01, sendBurst: 2, inboxWindow: 1 });
  try {
    const body = Buffer.alloc(100, 3);
    const bob = await RawClient.login(server.tcp, 'bob', PW, 'phone', true);
    const alice = await RawClient.login(server.tcp, 'alice', PW, 'laptop', true);
    // Two messages for bob: with a window of one, the second waits for bob's ack of the first.
    alice.sendFrames([1, 2].map((i) => ({ ref: i, send: { id: `m${i}`, to: 'bob', body } })));
    for (const ref of [1, 2]) assert.equal((await alice.waitFor((f) => f.ref === ref)).body, 'sendAck');
    const first = await bob.waitFor((f) => f.body === 'deliver');
    assert.equal(first.deliver!.message!.id, 'm1');

    const carol = await RawClient.login(server.tcp, 'carol', PW, 'd', true);
    const flooders = await Promise.all(['f1', 'f2'].map((u) => RawClient.login(server.tcp, u, PW, 'd', true)));
    for (const f of flooders) {
      // Two go out on the burst; two wait for the rate, counted against the budget.
      f.sendFrames([1, 2, 3, 4].map((i) => ({ ref: i, send: { id: `x${i}`, to: 'carol', body } })));
      for (const ref of [1, 2]) assert.equal((await f.waitFor((x) => x.ref === ref, 10_000)).body, 'sendAck');
    }
    const cost = body.length + 128;
    await waitForMetric(server.metrics, 'atoll_intake_bytes', (v) => v === 4 * cost);

    // One chunk: a send (parked: the budget is used up), then the ack of m1.
    bob.sendFrames([{ ref: 50, send: { id: 'b1', to: 'alice', body } }, { ref: 0, ack: { seq: first.deliver!.seq } }]);
    const second = await bob.waitFor((f) => f.body === 'deliver', 5000);
    assert.equal(second.deliver!.message!.id, 'm2', 'the ack was read: the next message came');
    assert.equal(acked(bob, 50), false, 'while the send read before it still waits for the budget');

    // The flooders leave: their queued sends are counted out, and bob's parked send goes in.
    for (const f of flooders) f.close();
    assert.equal((await bob.waitFor((f) => f.ref === 50, 10_000)).body, 'sendAck');
    // Alice's window of one holds the receipt of m1 until she acks it.
    await receiveMessages(alice, 1, 5000);
    await waitForMetric(server.metrics, 'atoll_intake_bytes', (v) => v === 0);
    for (const c of [alice, bob, carol]) c.close();
  } finally {
    await server.stop();
  }
});

it('loses nothing acked when every device floods and reads under a small window', async () => {
  const server = await startTestServer({ intakeMaxSends: 8, sendRatePerSec: 100_000, sendBurst: 5000, inboxWindow: 4 });
  try {
    const users = ['u0', 'u1', 'u2', 'u3'];
    const clients = await Promise.all(users.map((u) => RawClient.login(server.tcp, u, PW, 'd', true)));
    const n = 400;
    const body = Buffer.alloc(200, 9);
    // Each user writes all its sends at once, to the next user, and reads (acking) what comes.
    clients.forEach((c, k) => c.sendFrames(Array.from({ length: n }, (_, i) => ({ ref: 1000 + i, send: { id: `${users[k]}-${i}`, to: users[(k + 1) % users.length], body } }))));
    const received = await Promise.all(clients.map((c) => receiveMessages(c, n, 20_000)));
    for (const [k, c] of clients.entries()) {
      for (let i = 0; i < n; i++) assert.equal((await c.waitFor((f) => f.ref === 1000 + i, 20_000)).body, 'sendAck');
      const from = users[(k + users.length - 1) % users.length];
      assert.deepEqual(received[k], Array.from({ length: n }, (_, i) => `${from}-${i}`), 'every acked message arrived once, in order');
    }
    assert.ok(await metric(server.metrics, 'atoll_intake_pauses_total') > 0, 'sends were parked for the budget');
    await waitForMetric(server.metrics, 'atoll_intake_bytes', (v) => v === 0);
    for (const c of clients) c.close();
  } finally {
    await server.stop();
  }
});

it('serves another connection\'s send while one connection floods', async () => {
  const server = await startTestServer({ intakeMaxSends: 16, sendRatePerSec: 100_000, sendBurst: 5000, maxQueuedBytesPerUser: 64 * 1024 * 1024 });
  try {
    const sink = await RawClient.login(server.tcp, 'sink', PW, 'd', true);
    const flooder = await RawClient.login(server.tcp, 'flooder', PW, 'd', true);
    const erin = await RawClient.login(server.tcp, 'erin', PW, 'd', true);
    const frank = await RawClient.login(server.tcp, 'frank', PW, 'd', true);
    const n = 4000;
    const body = Buffer.alloc(100, 1);
    flooder.sendFrames(Array.from({ length: n }, (_, i) => ({ ref: 1 + i, send: { id: `f${i}`, to: 'sink', body } })));
    await flooder.waitFor((f) => f.ref === 1 && f.body === 'sendAck', 10_000);
    erin.sendFrames([{ ref: 7, send: { id: 'e1', to: 'frank', body } }]);
    assert.equal((await erin.waitFor((f) => f.ref === 7, 10_000)).body, 'sendAck');
    assert.equal(acked(flooder, n), false, 'erin was answered before the flood was through');
    await frank.waitFor((f) => f.deliver?.message?.id === 'e1');
    await flooder.waitFor((f) => f.ref === n, 20_000);
    for (const c of [sink, flooder, erin, frank]) c.close();
  } finally {
    await server.stop();
  }
});
