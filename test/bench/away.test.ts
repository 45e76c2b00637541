import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awayPlan, awaySeed, awaySlots, peakAway, permutation } from '../../src/bench/away.js';

test('a seeded order is a permutation, the same for the same seed and different for another', () => {
  const a = permutation(100, 7);
  assert.deepEqual([...a].sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
  assert.deepEqual(permutation(100, 7), a);
  assert.notDeepEqual(permutation(100, 8), a);
  assert.notDeepEqual(a, Array.from({ length: 100 }, (_, i) => i), 'shuffled');
});

test('users leave in turn at a steady pace, each for exactly the away time, and only during the run', () => {
  const plan = awayPlan(100, 0.1, 5000, 20_000, 1); // 10 slots: one leave every 500 ms
  assert.equal(plan.length, 40);
  plan.forEach((l, i) => {
    assert.equal(l.leaveMs, i * 500);
    assert.equal(l.backMs - l.leaveMs, 5000);
    assert.ok(l.leaveMs < 20_000);
  });
  const order = permutation(100, 1);
  assert.deepEqual(plan.map((l) => l.index), order.slice(0, 40), 'taken in the seeded order');
  assert.deepEqual(awayPlan(100, 0.1, 5000, 20_000, 1), plan, 'deterministic');
});

test('after the ramp about share x users are away at any moment, never more', () => {
  const plan = awayPlan(500, 0.05, 5000, 20_000, awaySeed(0));
  assert.equal(awaySlots(500, 0.05), 25);
  assert.equal(peakAway(plan), 25);
  const awayAt = (t: number) => plan.filter((l) => l.leaveMs <= t && t < l.backMs).length;
  for (let t = 5000; t < 20_000; t += 137) assert.equal(awayAt(t), 25, `at ${t} ms`);
  assert.ok(awayAt(1000) < 25, 'ramping up during the first away time');
  // absences longer than the run never reach the full share: the ramp is cut by the end
  assert.equal(peakAway(awayPlan(500, 0.05, 30_000, 20_000, awaySeed(0))), 17);
});

test('a user is never sent away again before it has been back for the away time', () => {
  const plan = awayPlan(10, 0.5, 1000, 30_000, 3); // the tightest case: half the users away
  const lastBack = new Map<number, number>();
  for (const l of plan) {
    const back = lastBack.get(l.index);
    if (back !== undefined) assert.ok(l.leaveMs >= back + 1000 - 1e-9, `user ${l.index} leaves at ${l.leaveMs}, back at ${back}`);
    lastBack.set(l.index, l.backMs);
  }
  assert.equal(peakAway(plan), 5);
});

test('no share or too few users means no absences; a share over 0.5 or a zero away time is refused', () => {
  assert.deepEqual(awayPlan(100, 0, 5000, 10_000, 1), []);
  assert.deepEqual(awayPlan(4, 0.1, 5000, 10_000, 1), [], '0.4 users rounds to none');
  assert.deepEqual(awayPlan(0, 0.2, 5000, 10_000, 1), []);
  assert.throws(() => awayPlan(100, 0.6, 5000, 10_000, 1), RangeError);
  assert.throws(() => awayPlan(100, -0.1, 5000, 10_000, 1), RangeError);
  assert.throws(() => awayPlan(100, 0.1, 0, 10_000, 1), RangeError);
  assert.equal(peakAway([]), 0);
});
