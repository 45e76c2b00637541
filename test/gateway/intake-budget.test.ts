// The intake budget bounds the bodies read from sockets and not yet durable: past it, connections
// that send stop being read until half of it is free, nothing is refused or reordered, and the
// bytes of a connection that closes with sends still waiting are given back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { IntakeBudget, RESUME_PER_TURN, type IntakeWaiter } from '../../src/gateway/intake-budget.js';
import { RawClient } from '../helpers/raw-client.js';
import { startTestServer } from '../helpers/server.js';
import { metric, waitForMetric } from '../store/engine-node.js';

const PW = 'password-1';

function waiter(): IntakeWaiter & { freed: number } {
  return { freed: 0, intakeFreed() { this.freed++; } };
}

describe('IntakeBudget', () => {
  it('is exhausted at its limit and frees its waiters only once half is free', async () => {
    const b = new IntakeBudget(1000);
    const w = waiter();
    b.take(600);
    assert.equal(b.exhausted, false);
    b.take(400);
    assert.equal(b.exhausted, true);
    b.wait(w);
    b.give(400);
    assert.equal(b.exhausted, true, '600 of 1000 is still above half');
    assert.equal(w.freed, 0);
    b.give(100);
    assert.equal(b.exhausted, false);
    await turn();
    assert.equal(w.freed, 1);
    b.take(600);
    b.give(600);
    await turn();
    assert.equal(w.freed, 1, 'a waiter is told once');
    assert.equal(b.bytes, 500);
  });

  it('does not tell a waiter that was cancelled', async () => {
    const b = new IntakeBudget(10);
    const gone = waiter();
    const kept = waiter();
    b.take(10);
    b.wait(gone);
    b.wait(kept);
    b.cancel(gone);
    b.give(10);
    await turn();
    assert.deepEqual([gone.freed, kept.freed], [0, 1]);
  });

  it('bounds the number of sends as well as their bytes', async () => {
    const b = new IntakeBudget(1_000_000, 4);
    const w = waiter();
    for (let i = 0; i < 4; i++) b.take(10);
    assert.equal(b.exhausted, true, '4 sends of 10 bytes reach the count bound');
    b.wait(w);
    b.give(10);
    assert.equal(b.exhausted, true, '3 of 4 is still above half');
    b.give(10);
    assert.equal(b.exhausted, false);
    await turn();
    assert.equal(w.freed, 1);
    assert.equal(b.count, 2);
  });

  it('resumes paused connections a few per turn, oldest first, and stops once the bound is reached again', async () => {
    const b = new IntakeBudget(1000);
    const order: number[] = [];
    const waiters = Array.from({ length: RESUME_PER_TURN * 2 + 5 }, (_, i) => ({
      intakeFreed: (): void => {
        order.push(i);
      },
    }));
    b.take(1000);
    for (const w of waiters) b.wait(w);
    b.give(600);
    await turn();
    assert.deepEqual(order, Array.from({ length: RESUME_PER_TURN }, (_, i) => i), 'the first turn resumes the oldest, a bounded number');
    await turn();
    assert.equal(order.length, RESUME_PER_TURN * 2);
    // the next resumed connection reads a burst that fills the budget again: the rest stay paused
    waiters[RESUME_PER_TURN * 2].intakeFreed = () => {
      order.push(RESUME_PER_TURN * 2);
      b.take(700);
    };
    await turn();
    assert.equal(order.length, RESUME_PER_TURN * 2 + 1);
    assert.equal(b.exhausted, true);
    await turn();
    assert.equal(order.length, RESUME_PER_TURN * 2 + 1, 'nobody else is resumed while the budget is full');
    b.give(700);
    await turn();
    assert.deepEqual(order.slice(-4), [RESUME_PER_TURN * 2 + 1, RESUME_PER_TURN * 2 + 2, RESUME_PER_TURN * 2 + 3, RESUME_PER_TURN * 2 + 4]);
  });
});

describe('the intake budget in the gateway', () => {
  it('pauses senders past the budget and still accepts every message, in order', async () => {
    const server = await startTestServer({ intakeBudgetBytes: 4096, sendRatePerSec: 100_000, sendBurst: 5000 });
    try {
      const bob = await RawClient.login(server.tcp, 'bob', PW, 'phone', true);
      const alice = await RawClient.login(server.tcp, 'alice', PW, 'laptop', true);
      const carol = await RawClient.login(server.ws, 'carol', PW, 'tablet', true);
      const body = Buffer.alloc(1024, 7);
      const n = 300;
      // Each sender writes all its sends at once: only the budget stops the server from reading them all.
      for (const [who, c] of [['a', alice], ['c', carol]] as const) {
        c.sendFrames(Array.from({ length: n }, (_, i) => ({ ref: 1000 + i, send: { id: `${who}${i}`, to: 'bob', body } })));
      }
      for (const c of [alice, carol]) {
        for (let i = 0; i < n; i++) {
          const ack = await c.waitFor((f) => f.ref === 1000 + i, 10_000);
          assert.equal(ack.body, 'sendAck', `send ${i} was acked`);
        }
      }
      const got = await bob.receive(2 * n);
      const ids = got.map((f) => f.deliver!.message!.id);
      for (const who of ['a', 'c']) {
        assert.deepEqual(ids.filter((id) => id!.startsWith(who)), Array.from({ length: n }, (_, i) => `${who}${i}`), 'per-sender order holds');
      }
      assert.ok(await metric(server.metrics, 'atoll_intake_pauses_total') > 0, 'the budget paused a sender');
      assert.equal(await metric(server.metrics, 'atoll_intake_bytes'), 0, 'every body was counted out');
      for (const c of [alice, bob, carol]) c.close();
    } finally {
      await server.stop();
    }
  });

  it('holds the rest of a read chunk once paused: at most one body per sender past the budget', async () => {
    const budget = 256 * 1024;
    // 33.6 MB for one user who reads only at the end: past the default inbox quota, which is not under test here.
    const server = await startTestServer({ intakeBudgetBytes: budget, sendRatePerSec: 100_000, sendBurst: 5000, maxQueuedBytesPerUser: 64 * 1024 * 1024 });
    try {
      const bob = await RawClient.login(server.tcp, 'bob', PW, 'phone', true);
      const senders = 20;
      const perMessage = 7;
      const rounds = 4;
      const body = Buffer.alloc(60 * 1024, 5);
      const clients = await Promise.all(Array.from({ length: senders }, (_, k) => RawClient.login(server.ws, `s${k}`, PW, 'web', true)));
      // One WebSocket message carries 7 Sends of 60 KiB: without holding frames back, all 7 of
      // every sender would be copied and dispatched before any pause could take effect.
      for (let r = 0; r < rounds; r++) {
        clients.forEach((c, k) => c.sendFrames(Array.from({ length: perMessage }, (_, i) => ({ ref: 100 + r * perMessage + i, send: { id: `s${k}-${r}-${i}`, to: 'bob', body } }))));
      }
      const n = rounds * perMessage;
      for (const c of clients) for (let i = 0; i < n; i++) assert.equal((await c.waitFor((f) => f.ref === 100 + i, 20_000)).body, 'sendAck');
      const got = await bob.receive(senders * n, 30_000);
      assert.equal(new Set(got.map((f) => f.deliver!.message!.id)).size, senders * n, 'every message arrived once');
      const peak = await metric(server.metrics, 'atoll_intake_peak_bytes');
      const bound = budget + senders * (body.length + 128);
      assert.ok(peak <= bound, `peak intake ${peak} bytes stays within budget + one body per sender (${bound})`);
      assert.ok(peak >= budget, `the budget was reached (peak ${peak}), so the bound was tested`);
      for (const c of [bob, ...clients]) c.close();
    } finally {
      await server.stop();
    }
  });

  it('gives back the bytes of sends still waiting for the rate limit when their connection closes', async () => {
    const server = await startTestServer({ sendRatePerSec: 1, sendBurst: 20 });
    try {
      const bob = await RawClient.login(server.tcp, 'bob', PW, 'phone', true);
      const alice = await RawClient.login(server.tcp, 'alice', PW, 'laptop', true);
      const body = Buffer.alloc(1000, 1);
      // 20 go at once on the burst; the next 10 wait for rate tokens.
      alice.sendFrames(Array.from({ length: 30 }, (_, i) => ({ ref: 100 + i, send: { id: `m${i}`, to: 'bob', body } })));
      for (let i = 0; i < 20; i++) await alice.waitFor((f) => f.ref === 100 + i);
      assert.ok(await metric(server.metrics, 'atoll_intake_bytes') >= 9 * 1000, 'queued sends are counted');
      alice.close();
      await waitForMetric(server.metrics, 'atoll_intake_bytes', (v) => v === 0);
      bob.close();
    } finally {
      await server.stop();
    }
  });
});
