// Reading queued items back from LMDB respects the cache budget: when many devices come back at
// once to long queues, RAM holds what the budget allows plus a small floor (4 KiB and one item)
// per device, and every device still receives everything, in order, once.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { tempDir } from '../../helpers/server.js';
import { attach, openEngineNode, type FakeSession } from '../../store/engine-node.js';

const USERS = 20;
const PER_USER = 30;
const BODY = 1024;
const BUDGET = 16 * 1024;

it('reads back at most the budget plus a small floor per device, and still delivers everything in order', async () => {
  const dir = tempDir('atoll-readback-');
  const node = await openEngineNode(dir.path, { syncDelayMs: 0, cacheBudgetBytes: BUDGET, checkpointIntervalMs: 0 });
  try {
    const r = node.router;
    const users = Array.from({ length: USERS }, (_, i) => `u${i}`);
    for (const u of users) {
      const { session } = await attach(node, u, 'phone');
      await r.call('inbox', u, { type: 'detach', user: u, device: 'phone', sessionId: session.id });
    }
    for (let k = 0; k < PER_USER; k++) {
      await Promise.all(users.map((to) => r.call('inbox', to, { type: 'store', to, from: 'sender', fromDevice: 'web', id: `${to}-${k}`, body: Buffer.alloc(BODY, k), now: Date.now() })));
      await node.engine.flushNow(); // over budget with a zero delay: everything goes to LMDB and leaves RAM
    }
    await node.engine.flushNow(true);
    assert.ok(node.engine.cacheBytes() < BUDGET, `queues left RAM (${node.engine.cacheBytes()} bytes)`);

    // Everyone comes back at once.
    const sessions = new Map<string, FakeSession>();
    for (const u of users) sessions.set(u, (await attach(node, u, 'phone')).session);
    const oneItem = BODY + 700; // an item is counted as its body plus ~600 B (src/services/inbox/fragment.ts)
    const perDevice = 4 * 1024 + oneItem; // the read-back floor of a device with nothing in flight
    assert.ok(node.engine.cacheBytes() <= BUDGET + USERS * perDevice, `RAM after all came back: ${node.engine.cacheBytes()} bytes`);
    assert.ok([...sessions.values()].every((s) => s.delivered.length >= 1), 'every device got something');

    // Each device acks what it has, round after round, until all is delivered.
    const got = new Map(users.map((u) => [u, [] as string[]]));
    for (let round = 0; round < USERS * PER_USER * 2; round++) {
      let progress = false;
      for (const u of users) {
        const s = sessions.get(u)!;
        const fresh = s.delivered.slice(got.get(u)!.length);
        if (fresh.length === 0) continue;
        progress = true;
        got.get(u)!.push(...fresh.map((d) => d.message!.id!));
        await r.call('inbox', u, { type: 'ack', user: u, device: 'phone', sessionId: s.id, seq: fresh[fresh.length - 1].seq! });
      }
      if (!progress) break;
      // What the running flusher would do: acked states (loaded to mark them delivered) go to LMDB.
      await node.engine.idle();
      await node.engine.flushNow();
      assert.ok(node.engine.cacheBytes() <= BUDGET + USERS * perDevice, `RAM while draining: ${node.engine.cacheBytes()} bytes`);
    }
    for (const u of users) {
      assert.deepEqual(got.get(u), Array.from({ length: PER_USER }, (_, k) => `${u}-${k}`), `${u} got everything in order, once`);
    }
  } finally {
    await node.close();
    dir.remove();
  }
});
