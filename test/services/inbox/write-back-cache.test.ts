// The write-back offline cache: a message acked by its recipient before the sync delay never
// touches LMDB; one that lingers is written there; under a flood to offline users the sync delay
// shrinks and the cache stays within its budget, and nothing is lost; acked items are let go at
// once, even behind an older one that still waits to be written.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { open } from 'lmdb';
import { join } from 'node:path';
import { YOUNG_SWEEP_MIN } from '../../../src/services/inbox/fragment.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startTestServer, tempDir } from '../../helpers/server.js';
import { attach, detach, metric, openEngineNode, waitForMetric } from '../../store/engine-node.js';

const PW = 'password-1';

it('writes a message acked before the sync delay nowhere but the log, and one that lingers to LMDB', async () => {
  const dir = tempDir();
  // A sync delay long enough that bob's acks come back within it even on a busy machine.
  const syncDelayMs = 2000;
  const servers: { close(): Promise<void> }[] = [];
  try {
    const server = await startTestServer({ dataDir: dir.path, syncDelayMs, sendBurst: 1000 });
    servers.push(server);
    const bob = await RawClient.login(server.tcp, 'bob', PW, 'phone', true);
    (await RawClient.login(server.tcp, 'carol', PW, 'phone', true)).close();
    const alice = await RawClient.login(server.ws, 'alice', PW, 'laptop', true);
    for (let i = 0; i < 50; i++) await alice.request({ send: { id: `b${i}`, to: 'bob', body: Buffer.from(`hi ${i}`) } }, 'sendAck');
    const got = await bob.receive(50);
    assert.equal(got.length, 50);
    for (let i = 0; i < 5; i++) await alice.request({ send: { id: `c${i}`, to: 'carol', body: Buffer.from(`yo ${i}`) } }, 'sendAck');
    await waitForMetric(server.metrics, 'atoll_inbox_served_total', (v) => v >= 50); // bob's acks reach the inbox owner
    assert.equal(await metric(server.metrics, 'atoll_inbox_served_total'), 50);
    assert.equal(await metric(server.metrics, 'atoll_inbox_served_from_memory_total'), 50);
    assert.equal(await metric(server.metrics, 'atoll_inbox_flushed_items_total'), 0, 'nothing flushed before the sync delay');
    // carol's 5 linger past the sync delay; alice's 50 delivered-receipts wait too (she never acks them).
    await waitForMetric(server.metrics, 'atoll_inbox_flushed_items_total', (v) => v >= 5);
    alice.close();
    bob.close();
    await servers.pop()!.close();

    const root = open({ path: join(dir.path, 'atoll.mdb'), maxDbs: 16, readOnly: true });
    const inbox = root.openDB<unknown, [string, string, number]>({ name: 'inbox' });
    const keysOf = (user: string) => [...inbox.getKeys({ start: [user, '', 0], end: [user, '\uffff', Number.MAX_SAFE_INTEGER] })];
    assert.deepEqual(keysOf('bob'), [], 'no item of bob ever reached LMDB');
    assert.deepEqual(keysOf('carol').map((k) => k[2]), [1, 2, 3, 4, 5]);
    await root.close();

    const again = await startTestServer({ dataDir: dir.path, syncDelayMs });
    servers.push(again);
    const carol = await RawClient.login(again.tcp, 'carol', PW, 'phone');
    const items = await carol.receive(5);
    assert.deepEqual(items.map((f) => f.deliver!.message!.id), ['c0', 'c1', 'c2', 'c3', 'c4']);
    await waitForMetric(again.metrics, 'atoll_inbox_served_total', (v) => v >= 5);
    assert.equal(await metric(again.metrics, 'atoll_inbox_served_total'), 5);
    assert.equal(await metric(again.metrics, 'atoll_inbox_served_from_memory_total'), 0, 'they came from LMDB');
    carol.close();
  } finally {
    // A failed assertion must not leave a server running: its timers would keep the file from ending.
    for (const s of servers) await s.close();
    dir.remove();
  }
});

it('shrinks the sync delay under a flood to offline users and keeps the cache within its budget', async () => {
  const dir = tempDir();
  const budget = 1_000_000;
  const syncDelayMs = 30_000;
  const node = await openEngineNode(dir.path, { cacheBudgetBytes: budget, syncDelayMs, checkpointIntervalMs: 1000, inboxWindow: 500 });
  try {
    node.engine.start();
    const users = Array.from({ length: 10 }, (_, i) => `o${i}`);
    for (const u of users) {
      await node.router.call('inbox', u, { type: 'ensureUser', user: u });
      const { session } = await attach(node, u, 'phone');
      await node.router.call('inbox', u, { type: 'detach', user: u, device: 'phone', sessionId: session.id });
    }
    const body = Buffer.alloc(400, 7);
    const total = 20_000;
    let maxBytes = 0;
    let minDelay = syncDelayMs;
    for (let sent = 0; sent < total; sent += 200) {
      await Promise.all(Array.from({ length: 200 }, (_, k) => {
        const n = sent + k;
        const to = users[n % users.length];
        return node.router.call('inbox', to, { type: 'store', to, from: 'flooder', fromDevice: 'x', id: `f${n}`, body, now: Date.now() });
      }));
      maxBytes = Math.max(maxBytes, node.engine.cacheBytes());
      minDelay = Math.min(minDelay, node.engine.currentDelayMs);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const flooded = total * (400 + 160);
    assert.ok(flooded > 10 * budget, 'the flood is far larger than the budget');
    assert.ok(minDelay < syncDelayMs / 2, `the sync delay shrank (to ${minDelay} ms)`);
    assert.ok(maxBytes < budget * 1.3, `cache stayed near its budget (max ${maxBytes} bytes of ${budget})`);
    assert.ok(await metric(node.registry, 'atoll_inbox_flushed_items_total') > total / 2, 'most of the flood went to LMDB');

    // Nothing was lost: every offline user gets its 2,000, in order, read back from LMDB in windows.
    for (const u of users) {
      const { session } = await attach(node, u, 'phone');
      let seen = 0;
      for (;;) {
        const batch = session.delivered.slice(seen);
        if (batch.length === 0) break;
        seen += batch.length;
        await node.router.call('inbox', u, { type: 'ack', user: u, device: 'phone', sessionId: session.id, seq: batch[batch.length - 1].seq! });
      }
      const ids = session.delivered.map((d) => Number(d.message!.id!.slice(1)));
      assert.equal(ids.length, total / users.length, `${u} got everything`);
      assert.ok(ids.every((x, i) => i === 0 || x > ids[i - 1]), `${u} in order`);
    }
    // The acks left delivered-flags to write; a round writes them and frees their RAM, the next sees
    // it (a round sets the delay from the fill it starts with). Bounded: a few rounds must do it.
    let rounds = 0;
    do await node.engine.flushNow(false);
    while (++rounds < 4 && (node.engine.cacheBytes() >= budget / 2 || node.engine.currentDelayMs < syncDelayMs));
    assert.equal(node.engine.currentDelayMs, syncDelayMs, 'the delay is back to its maximum once the cache drained');
    assert.ok(node.engine.cacheBytes() < budget / 2, `the cache drained (${node.engine.cacheBytes()} bytes)`);
  } finally {
    await node.close();
    dir.remove();
  }
});

it('lets go of acked items at once, also behind an older item that waits out the sync delay', async () => {
  const dir = tempDir();
  const node = await openEngineNode(dir.path, { fragments: 1, syncDelayMs: 60_000 });
  try {
    const entries = () => metric(node.registry, 'atoll_inbox_write_back_entries');
    const store = (to: string, id: string) => node.router.call('inbox', to, { type: 'store', to, from: 'sender', fromDevice: 'web', id, body: Buffer.from('x'), now: Date.now() });
    // carol's phone is offline: her message heads the write-back queue until the sync delay.
    await node.router.call('inbox', 'carol', { type: 'ensureUser', user: 'carol' });
    const first = await attach(node, 'carol', 'phone');
    await detach(node, 'carol', 'phone', first.session);
    assert.ok((await store('carol', 'c0')).ok);
    await node.router.call('inbox', 'bob', { type: 'ensureUser', user: 'bob' });
    const { session } = await attach(node, 'bob', 'phone');
    const total = 5000;
    for (let sent = 0; sent < total; sent += 250) {
      await Promise.all(Array.from({ length: 250 }, (_, k) => store('bob', `b${sent + k}`)));
      const last = session.delivered[session.delivered.length - 1];
      await node.router.call('inbox', 'bob', { type: 'ack', user: 'bob', device: 'phone', sessionId: session.id, seq: last.seq! });
      assert.ok(await entries() <= YOUNG_SWEEP_MIN + 250, `${await entries()} entries after ${sent + 250} acked`);
    }
    assert.equal(session.delivered.length, total);
    assert.equal(await metric(node.registry, 'atoll_inbox_served_from_memory_total'), total);

    // What is let go is only what needs no write: a round writes carol's message and none of bob's.
    await node.engine.flushNow(true);
    const keysOf = (user: string) => [...node.stores.inbox.getKeys({ start: [user, '', 0], end: [user, '\uffff', Number.MAX_SAFE_INTEGER] })];
    assert.equal(keysOf('carol').length, 1);
    assert.deepEqual(keysOf('bob'), []);
    assert.equal(await entries(), 0);
    // Once carol acks it, the round that writes her position deletes its row.
    const { session: phone } = await attach(node, 'carol', 'phone');
    assert.deepEqual(phone.delivered.map((d) => d.message!.id), ['c0']);
    await node.router.call('inbox', 'carol', { type: 'ack', user: 'carol', device: 'phone', sessionId: phone.id, seq: phone.delivered[0].seq! });
    await node.engine.idle();
    await node.engine.flushNow(true);
    assert.deepEqual(keysOf('carol'), []);
  } finally {
    await node.close();
    dir.remove();
  }
});
