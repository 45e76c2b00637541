// A flush round keeps lmdb-js's single write queue short: a write issued by someone else while a
// big round runs (a login's token) commits after a bounded share of the round's writes, not after
// all of them, even when every one of them belongs to one fragment (a flood to one user).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { tempDir } from '../helpers/server.js';
import { attach, detach, flood, openEngineNode } from './engine-node.js';

it('commits an unrelated write before most of a 20,000-item flush of one user', async () => {
  const dir = tempDir('atoll-flushq-');
  const node = await openEngineNode(dir.path, { syncDelayMs: 600_000, checkpointIntervalMs: 600_000 });
  try {
    const { session } = await attach(node, 'u', 'phone');
    await detach(node, 'u', 'phone', session);
    const total = 20_000;
    await flood(node, 'u', total);
    const inLmdb = () => [...node.stores.inbox.getKeys({ start: ['u', 'phone', 0], end: ['u', 'phone', Number.MAX_SAFE_INTEGER] })].length;
    assert.equal(inLmdb(), 0, 'nothing flushed yet');

    const round = node.engine.flushNow(true);
    await node.stores.users.put('someone', { passwordHash: new Uint8Array(32), salt: new Uint8Array(16), createdAt: Date.now() });
    const before = inLmdb();
    await round;
    assert.equal(inLmdb(), total, 'the round wrote everything in the end');
    assert.ok(before < total / 2, `the unrelated write committed after ${before} of ${total} items, not behind all of them`);
  } finally {
    await node.close();
    dir.remove();
  }
});
