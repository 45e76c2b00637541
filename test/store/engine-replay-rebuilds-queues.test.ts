// Replaying the log over LMDB rebuilds every inbox exactly: queues (seqs and items), acked
// positions, held items and message states (idempotent resends), after random flushes,
// checkpoints, evictions and forgotten devices, with one and with two log writers.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { tempDir } from '../helpers/server.js';
import { prng, randInt } from './log/helpers.js';
import { StorageEngine } from '../../src/store/engine.js';
import { attach, copyAsCrashed, detach, openEngineNode, type EngineNode } from './engine-node.js';

interface Sent {
  to: string;
  from: string;
  id: string;
  sentAt: number;
}

/** Every queue of every (user, device), as a fresh session sees it. */
async function snapshot(node: EngineNode, devices: Map<string, Set<string>>): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [user, names] of [...devices].sort()) {
    for (const device of [...names].sort()) {
      const { session, ackedSeq } = await attach(node, user, device);
      out.push({ user, device, ackedSeq, items: session.delivered.map((d) => JSON.parse(JSON.stringify(d)) as unknown) });
      await detach(node, user, device, session);
    }
  }
  return out;
}

async function workload(node: EngineNode, seed: number, steps: number): Promise<{ devices: Map<string, Set<string>>; sent: Sent[] }> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[randInt(rand, 0, xs.length)];
  const users = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
  const devices = new Map<string, Set<string>>([
    ['u0', new Set(['a', 'b'])], ['u1', new Set(['a'])], ['u2', new Set(['a', 'b'])], ['u3', new Set(['a'])], ['u4', new Set(['a', 'c'])],
    ['u5', new Set()], ['u6', new Set()],
  ]);
  const r = node.router;
  for (const u of users) await r.call('inbox', u, { type: 'ensureUser', user: u });
  for (const [u, names] of devices) for (const d of names) { const { session } = await attach(node, u, d); await detach(node, u, d, session); }
  const sent: Sent[] = [];
  let n = 0;
  for (let step = 0; step < steps; step++) {
    if (step === Math.floor(steps / 2)) {
      // u5's first device takes over everything held for it so far (some of it flushed to LMDB).
      devices.get('u5')!.add('a');
      const { session } = await attach(node, 'u5', 'a');
      await detach(node, 'u5', 'a', session);
    }
    const x = rand();
    if (x < 0.55) {
      const batch = [];
      for (let k = randInt(rand, 1, 9); k > 0; k--) {
        const from = pick(users);
        const to = rand() < 0.1 ? from : pick(users);
        const fromDevice = pick([...devices.get(from)!, 'web']);
        const id = `m${n++}`;
        const body = Buffer.from(Array.from({ length: randInt(rand, 0, 200) }, () => randInt(rand, 0, 256)));
        batch.push(r.call('inbox', to, { type: 'store', to, from, fromDevice, id, body, now: Date.now() }).then((res) => {
          assert.ok(res.ok);
          sent.push({ to, from, id, sentAt: res.sentAt });
        }));
      }
      await Promise.all(batch);
    } else if (x < 0.75) {
      const user = pick(users);
      const names = [...devices.get(user)!];
      if (names.length === 0) continue;
      const device = pick(names);
      const { session } = await attach(node, user, device);
      const got = session.delivered;
      const upTo = randInt(rand, 0, got.length + 1);
      if (upTo > 0) await r.call('inbox', user, { type: 'ack', user, device, sessionId: session.id, seq: got[upTo - 1].seq! });
      await detach(node, user, device, session);
    } else if (x < 0.82) {
      const mine = sent.filter((s) => s.to === 'u1' || s.to === 'u2');
      if (mine.length === 0) continue;
      const s = pick(mine);
      const ids = mine.filter((m) => m.to === s.to && m.from === s.from).slice(0, 5).map((m) => m.id);
      await r.call('inbox', s.to, { type: 'markRead', user: s.to, from: s.from, ids, now: Date.now() });
    } else if (x < 0.9) {
      await node.engine.flushNow(false);
    } else if (x < 0.975) {
      await node.engine.flushNow(true);
    } else {
      const user = pick(['u0', 'u2', 'u4']);
      const names = [...devices.get(user)!];
      if (names.length < 2) continue;
      const device = pick(names);
      await r.call('inbox', user, { type: 'forgetDevice', user, device });
      devices.get(user)!.delete(device);
    }
  }
  // A tail that no flush has seen: only the log has it.
  for (let k = 0; k < 20; k++) {
    const from = pick(users);
    const to = pick(users);
    const id = `m${n++}`;
    const res = await r.call('inbox', to, { type: 'store', to, from, fromDevice: 'web', id, body: Buffer.from(id), now: Date.now() });
    assert.ok(res.ok);
    sent.push({ to, from, id, sentAt: res.sentAt });
  }
  const { session } = await attach(node, 'u1', 'a');
  const got = session.delivered;
  if (got.length > 0) await r.call('inbox', 'u1', { type: 'ack', user: 'u1', device: 'a', sessionId: session.id, seq: got[0].seq! });
  await detach(node, 'u1', 'a', session);
  await node.engine.idle();
  // u6 never had a device: its first one adopts the held queue (same step on both nodes).
  devices.get('u6')!.add('z');
  return { devices, sent };
}

/**
 * `replayBudget`: a cache budget so small that the replay must flush to LMDB as it goes.
 * `checkpointIntervalMs`: above 0, the workload's plain rounds run checkpoint passes that write
 * a share of the changes each, and the crash may come in the middle of one.
 */
async function roundTrip(seed: number, logDirs: string[], replayBudget?: number, checkpointIntervalMs = 0): Promise<void> {
  const dir = tempDir('atoll-engine-');
  const copy = tempDir('atoll-engine-copy-');
  const logDirsOf = (root: string) => logDirs.map((d) => join(root, d)).join(',');
  try {
    const node = await openEngineNode(dir.path, { logDirs: logDirsOf(dir.path), syncDelayMs: 60_000, checkpointIntervalMs });
    const { devices, sent } = await workload(node, seed, 400);
    copyAsCrashed(dir.path, copy.path, logDirs);
    const before = await snapshot(node, devices);
    await node.close();

    const budget = replayBudget ?? 256 * 1024 * 1024;
    const recovered = await openEngineNode(copy.path, { logDirs: logDirsOf(copy.path), syncDelayMs: 60_000, checkpointIntervalMs: 0, cacheBudgetBytes: budget });
    try {
      assert.ok(recovered.recovery.records > 0, 'something was replayed from the log');
      if (replayBudget !== undefined) {
        assert.ok(recovered.recovery.flushRounds > 0, 'the replay flushed to LMDB on the way');
        // One record's items may go over before the next flush; never more.
        assert.ok(recovered.engine.cacheBytes() <= budget + 4096, `cache after replay: ${recovered.engine.cacheBytes()} bytes`);
        // Reading every queue back whole needs room: the budget only had to hold during the replay.
        recovered.config.cacheBudgetBytes = 256 * 1024 * 1024;
      }
      for (const d of logDirs) assert.ok(existsSync(join(copy.path, d, 'checkpoint')), `writer ${d} was checkpointed`);
      const after = await snapshot(recovered, devices);
      assert.deepEqual(after, before);
      for (const s of sent.filter((_, i) => i % 7 === 0)) {
        const res = await recovered.router.call('inbox', s.to, { type: 'store', to: s.to, from: s.from, fromDevice: 'x', id: s.id, body: Buffer.from('again'), now: Date.now() });
        assert.deepEqual(res, { ok: true, sentAt: s.sentAt, duplicate: true }, `resend of ${s.from}->${s.to} ${s.id}`);
      }
    } finally {
      await recovered.close();
    }
  } finally {
    dir.remove();
    copy.remove();
  }
}

it('rebuilds queues, acked positions and message states exactly (one log writer, seed 1)', () => roundTrip(1, ['log']));
it('rebuilds queues, acked positions and message states exactly (one log writer, seed 2)', () => roundTrip(2, ['log']));
it('rebuilds queues, acked positions and message states exactly (two log writers, seed 3)', () => roundTrip(3, ['log-a', 'log-b']));
it('rebuilds queues, acked positions and message states exactly with checkpoint passes spread over rounds (one log writer, seed 8)', () => roundTrip(8, ['log'], undefined, 300));
it('rebuilds queues, acked positions and message states exactly with checkpoint passes spread over rounds (two log writers, seed 9)', () => roundTrip(9, ['log-a', 'log-b'], undefined, 300));
it('rebuilds the same queues when the replay outgrows the cache budget and flushes as it goes (seed 4)', () => roundTrip(4, ['log'], 4096));
it('rebuilds the same queues when the replay outgrows the cache budget, two writers (seed 5)', () => roundTrip(5, ['log-a', 'log-b'], 4096));

/**
 * A crash in the middle of a budget-limited replay: the data dir is copied (as `kill -9` would
 * leave it) right after the replay's K-th flush round, then that copy is replayed again. The flush
 * rounds of a replay have written part of the log's effects to LMDB and must not have moved the
 * checkpoint; the second replay must still rebuild every queue exactly.
 */
async function crashMidReplay(seed: number, logDirs: string[], k: number): Promise<void> {
  const dir = tempDir('atoll-engine-');
  const copy = tempDir('atoll-engine-copy-');
  const crashed = tempDir('atoll-engine-crashed-');
  const logDirsOf = (root: string) => logDirs.map((d) => join(root, d)).join(',');
  const settings = { syncDelayMs: 60_000, checkpointIntervalMs: 0 };
  const flushNow = StorageEngine.prototype.flushNow;
  try {
    const node = await openEngineNode(dir.path, { logDirs: logDirsOf(dir.path), ...settings });
    const { devices, sent } = await workload(node, seed, 400);
    copyAsCrashed(dir.path, copy.path, logDirs);
    const before = await snapshot(node, devices);
    await node.close();

    // Only the replay runs flush rounds while the node opens (the test harness starts no flusher).
    let rounds = 0;
    StorageEngine.prototype.flushNow = async function (this: StorageEngine, everything?: boolean) {
      await flushNow.call(this, everything);
      if (++rounds === k) copyAsCrashed(copy.path, crashed.path, logDirs);
    };
    const first = await openEngineNode(copy.path, { logDirs: logDirsOf(copy.path), ...settings, cacheBudgetBytes: 4096 });
    StorageEngine.prototype.flushNow = flushNow;
    await first.close();
    assert.ok(rounds >= k, `the replay ran ${rounds} flush rounds, fewer than ${k}`);

    const recovered = await openEngineNode(crashed.path, { logDirs: logDirsOf(crashed.path), ...settings });
    try {
      assert.deepEqual(await snapshot(recovered, devices), before);
      for (const s of sent) {
        const res = await recovered.router.call('inbox', s.to, { type: 'store', to: s.to, from: s.from, fromDevice: 'x', id: s.id, body: Buffer.from('again'), now: Date.now() });
        assert.deepEqual(res, { ok: true, sentAt: s.sentAt, duplicate: true }, `resend of ${s.from}->${s.to} ${s.id}`);
      }
    } finally {
      await recovered.close();
    }
  } finally {
    StorageEngine.prototype.flushNow = flushNow;
    dir.remove();
    copy.remove();
    crashed.remove();
  }
}

it('rebuilds the same queues after a crash right after the first flush round of a replay (seed 6)', () => crashMidReplay(6, ['log'], 1));
it('rebuilds the same queues after a crash in the middle of a replay, two writers (seed 7)', () => crashMidReplay(7, ['log-a', 'log-b'], 5));
