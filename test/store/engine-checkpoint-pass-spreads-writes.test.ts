// A checkpoint pass writes the changes it marked over several flush rounds instead of all in one,
// and moves the log's checkpoint only once every one of them is in LMDB; changes made during the
// pass wait for the next one. (A sync delay of 0 writes items at every round, so no item pins the
// log and the checkpoint rests on the pass alone.)
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { readCheckpoint } from '../../src/store/log/checkpoint-file.js';
import { tempDir } from '../helpers/server.js';
import { copyAsCrashed, openEngineNode, type EngineNode } from './engine-node.js';

async function checkpointLsn(dataDir: string): Promise<number> {
  const c = await readCheckpoint(join(dataDir, 'log'));
  return c.kind === 'ok' ? c.lsn : 0;
}

async function storeOne(node: EngineNode, to: string, id: string): Promise<void> {
  await node.router.call('inbox', to, { type: 'ensureUser', user: to });
  const res = await node.router.call('inbox', to, { type: 'store', to, from: 'sender', fromDevice: 'web', id, body: Buffer.from('x'), now: Date.now() });
  assert.ok(res.ok);
}

/** Users who each hold one stored message, its state durable in the log and not yet in LMDB. */
async function usersWithStates(node: EngineNode, count: number): Promise<string[]> {
  const users = Array.from({ length: count }, (_, i) => `u${i}`);
  await Promise.all(users.map((u) => storeOne(node, u, 'm1')));
  await node.engine.idle();
  return users;
}

it('spreads the writes of a checkpoint pass over several rounds and checkpoints after the last', async () => {
  const dir = tempDir('atoll-pass-');
  const crashed = tempDir('atoll-pass-crashed-');
  const node = await openEngineNode(dir.path, { fragments: 2, syncDelayMs: 0, checkpointIntervalMs: 1000 });
  try {
    const users = await usersWithStates(node, 300);
    const statesInLmdb = () => node.stores.messages.getKeysCount();
    const before = await checkpointLsn(dir.path);

    // Rounds as the flusher runs them during a pass, until every marked state is in LMDB.
    const written: number[] = [];
    const deadline = Date.now() + 10_000;
    while (statesInLmdb() < users.length) {
      assert.ok(Date.now() < deadline, `only ${statesInLmdb()} of ${users.length} states written`);
      await node.engine.flushNow();
      written.push(statesInLmdb());
      if (written.length === 1) {
        // Made after the pass marked its changes: not part of it.
        await storeOne(node, 'late', 'm2');
        await node.engine.idle();
      }
      if (statesInLmdb() < users.length) assert.equal(await checkpointLsn(dir.path), before, `the checkpoint moved with ${statesInLmdb()} of ${users.length} states written`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    assert.ok(written[0] < users.length / 4, `the first round wrote ${written[0]} of ${users.length} states`);
    assert.ok(written.length >= 4, `the pass took ${written.length} rounds`);
    assert.equal(statesInLmdb(), users.length, 'the state made during the pass is not written by it');
    assert.ok(await checkpointLsn(dir.path) > before, 'the checkpoint moved once the pass was done');

    // A crash now: the state made during the pass is in the log only, and the checkpoint kept it.
    copyAsCrashed(dir.path, crashed.path, ['log']);
    const recovered = await openEngineNode(crashed.path, { fragments: 2, syncDelayMs: 0, checkpointIntervalMs: 1000 });
    try {
      const again = await recovered.router.call('inbox', 'late', { type: 'store', to: 'late', from: 'sender', fromDevice: 'web', id: 'm2', body: Buffer.from('x'), now: Date.now() });
      assert.ok(again.ok && again.duplicate, 'the message stored during the pass is known after the crash');
    } finally {
      await recovered.close();
    }
  } finally {
    await node.close();
    dir.remove();
    crashed.remove();
  }
});

it('an explicit flush writes every change at once and checkpoints', async () => {
  const dir = tempDir('atoll-pass-');
  const node = await openEngineNode(dir.path, { fragments: 2, syncDelayMs: 0, checkpointIntervalMs: 1000 });
  try {
    const users = await usersWithStates(node, 300);
    await node.engine.flushNow();
    assert.ok(node.stores.messages.getKeysCount() < users.length, 'the first round of a pass writes a share');
    await node.engine.flushNow(true);
    assert.equal(node.stores.messages.getKeysCount(), users.length);
    assert.ok(await checkpointLsn(dir.path) > 0, 'checkpointed');
  } finally {
    await node.close();
    dir.remove();
  }
});
