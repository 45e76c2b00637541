// The login queue is split per address and served in turn: work waiting from one address cannot
// keep another's login behind it, and one address may only hold its share of the queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthGate, AuthGateAddressBusyError, AuthGateBusyError } from '../../src/gateway/auth-gate.js';

/** Work that finishes when told to, recording when it started. */
function gated(order: string[], name: string): { work: () => Promise<string>; finish: () => void } {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => { finish = resolve; });
  return { work: async () => { order.push(name); await done; return name; }, finish };
}

test('waiting work is served round-robin by address, in arrival order within one', async () => {
  const gate = new AuthGate(1, 100, 100);
  const order: string[] = [];
  const jobs = new Map<string, ReturnType<typeof gated>>();
  const runs: Promise<string>[] = [];
  const submit = (key: string, name: string) => {
    const job = gated(order, name);
    jobs.set(name, job);
    runs.push(gate.run(key, job.work));
  };
  submit('flood', 'f0');
  for (let i = 1; i <= 5; i++) submit('flood', `f${i}`);
  submit('user', 'u1');
  submit('other', 'o1');
  submit('user', 'u2');
  assert.equal(gate.queued, 8);
  // Finish whatever runs, one at a time, until all are done.
  for (let i = 0; i < 9; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    jobs.get(order[order.length - 1])!.finish();
  }
  await Promise.all(runs);
  assert.deepEqual(order, ['f0', 'f1', 'u1', 'o1', 'f2', 'u2', 'f3', 'f4', 'f5']);
  assert.equal(gate.queued, 0);
});

test('past its per-address cap an address is refused, while others still queue; past the total cap everyone is', async () => {
  const gate = new AuthGate(1, 4, 2);
  const order: string[] = [];
  const first = gated(order, 'running');
  const running = gate.run('a', first.work);
  const waiting = [gate.run('a', async () => 'a1'), gate.run('a', async () => 'a2')];
  await assert.rejects(gate.run('a', async () => 'a3'), AuthGateAddressBusyError);
  waiting.push(gate.run('b', async () => 'b1'), gate.run('c', async () => 'c1'));
  await assert.rejects(gate.run('d', async () => 'd1'), AuthGateBusyError);
  first.finish();
  assert.deepEqual(await Promise.all([running, ...waiting]), ['running', 'a1', 'a2', 'b1', 'c1']);
});

test('work that fails frees its slot for the next', async () => {
  const gate = new AuthGate(1, 10);
  const failing = gate.run('a', async () => { throw new Error('boom'); });
  const next = gate.run('b', async () => 'b');
  await assert.rejects(failing, /boom/);
  assert.equal(await next, 'b');
  assert.equal(await gate.run('c', async () => 'c'), 'c', 'the slot came back');
});
