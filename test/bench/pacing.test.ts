import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Schedule, splitSteps, stepRates } from '../../src/bench/pacing.js';

test('send times come from the schedule, not from when earlier sends happened', () => {
  const s = new Schedule(1_000_000, [{ rate: 1000, durationS: 2 }]);
  assert.equal(s.total, 2000);
  assert.equal(s.dueBy(999_999), 0);
  assert.equal(s.dueBy(1_000_000), 1); // send 0 is due at the start
  assert.equal(s.dueBy(1_000_999), 1);
  assert.equal(s.dueBy(1_001_000), 2);
  // a sender stalled for 500 ms owes everything scheduled in between, at once
  assert.equal(s.dueBy(1_500_000), 501);
  assert.equal(s.timeOf(250), 1_250_000);
  assert.equal(s.dueBy(10_000_000), 2000);
});

test('stepping the rate: each step has its own rate and the counts add up', () => {
  const steps = stepRates(100, 100, 3, 1);
  assert.deepEqual(steps, [{ rate: 100, durationS: 1 }, { rate: 200, durationS: 1 }, { rate: 300, durationS: 1 }]);
  const s = new Schedule(0, steps);
  assert.equal(s.total, 600);
  assert.equal(s.endUs, 3_000_000);
  assert.equal(s.dueBy(999_999), 100);
  assert.equal(s.dueBy(1_000_000), 101);
  assert.equal(s.dueBy(1_500_000), 201);
  assert.equal(s.stepOfIndex(99), 0);
  assert.equal(s.stepOfIndex(100), 1);
  assert.equal(s.stepOfIndex(599), 2);
  assert.equal(s.timeOf(100), 1_000_000);
  assert.equal(s.timeOf(101), 1_005_000);
  assert.equal(s.stepAt(2_500_000), 2);
});

test('a rate split across workers keeps the total offered rate', () => {
  const parts = splitSteps(stepRates(1000, 0, 1, 10), 3);
  assert.equal(parts.length, 1);
  assert.ok(Math.abs(parts[0].rate * 3 - 1000) < 1e-9);
  const offered = 3 * new Schedule(0, parts).total;
  assert.ok(10_000 - offered >= 0 && 10_000 - offered <= 3, `three workers offer ${offered} of 10000`);
});

test('without --step there is one step; bad steps are refused', () => {
  assert.equal(stepRates(500, 0, 5, 10).length, 1);
  assert.throws(() => new Schedule(0, [{ rate: -1, durationS: 1 }]), RangeError);
  assert.throws(() => new Schedule(0, [{ rate: 10, durationS: 0 }]), RangeError);
});

test('dueBy never decreases and reaches the total exactly', () => {
  const s = new Schedule(0, stepRates(333, 777, 4, 0.7));
  let prev = 0;
  for (let t = 0; t <= s.endUs + 10_000; t += 997) {
    const d = s.dueBy(t);
    assert.ok(d >= prev);
    prev = d;
  }
  assert.equal(prev, s.total);
});
