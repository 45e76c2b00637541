// The rate ladder's stop rule (chat --until-saturated) and the per-step figures it is read with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ladderStop, type LadderStep } from '../../src/bench/ladder.js';
import { stepRows, type Snapshot } from '../../src/bench/scenarios.js';
import { mergeReports, emptyStep } from '../../src/bench/aggregate.js';
import { Histogram } from '../../src/bench/histogram.js';
import type { WorkerReport } from '../../src/bench/types.js';

const step = (offeredRate: number, delivered: number, p99Ms: number): LadderStep => ({ offeredRate, offered: offeredRate * 10, delivered, p99Ms });

test('the ladder goes on while the steps keep up, and past one saturated step (a busy neighbour can spoil one)', () => {
  const steps = [step(1000, 10_000, 8), step(2000, 20_000, 12), step(3000, 29_000, 40)];
  for (let k = 0; k < 3; k++) assert.equal(ladderStop(steps, k, 200), null);
  const spoiled = [step(1000, 10_000, 8), step(2000, 20_000, 900), step(3000, 30_000, 20), step(4000, 40_000, 30)];
  for (let k = 0; k < 4; k++) assert.equal(ladderStop(spoiled, k, 200), null);
});

test('the ladder ends after two saturated steps in a row, each judged a step later: p99 over the bound or deliveries behind', () => {
  const steps = [step(1000, 10_000, 8), step(2000, 20_000, 250), step(3000, 29_000, 30), step(4000, 40_000, 20)];
  assert.equal(ladderStop(steps, 2, 200), null, 'step 2 is not judged in full at its own end');
  assert.match(ladderStop(steps, 3, 200) ?? '', /two steps in a row: p99 250 ms over 200 ms at 2000 msgs\/s; 96\.7% delivered a step later at 3000 msgs\/s/);
});

test('the ladder ends at once when under half of the current step has arrived by its end', () => {
  assert.match(ladderStop([step(1000, 10_000, 8), step(2000, 9_000, 30)], 1, 200) ?? '', /45\.0% of the messages offered at 2000 msgs\/s delivered by the step's end/);
  assert.equal(ladderStop([step(1000, 10_000, 8), step(2000, 11_000, 900)], 1, 200), null, 'a high p99 so far is not enough');
});

function report(delivered: number[], latencyUs: number): WorkerReport {
  const steps = delivered.map((n) => {
    const h = new Histogram();
    for (let i = 0; i < n; i++) h.record(latencyUs);
    return { ...emptyStep(), offered: n, sent: n, acked: n, latency: h.toData() };
  });
  return {
    worker: 0, connected: 1, connectFailures: 0, connectTime: new Histogram().toData(), firstReadyUs: 0, lastReadyUs: 0, rejectedLogins: 0,
    errors: {}, steps, bySecond: [], received: 0, receipts: 0, stale: 0, closes: 0, awayLeaves: 0, lastReceiveUs: 0,
    cpu: { userUs: 0, systemUs: 0 }, rssBytes: 0,
  };
}

test("each step row carries the server's CPU time per message delivered in that step", () => {
  const m = mergeReports([report([1000, 2000], 5000)]);
  const snap = (atS: number, serverCpuS: number, genCpuS: number): Snapshot => ({
    atUs: atS * 1e6, server: { cpuUs: serverCpuS * 1e6, rssBytes: null, heapUsedBytes: null, metrics: null }, generatorCpuUs: genCpuS * 1e6, merged: m,
  });
  const rows = stepRows(m, [{ rate: 100, durationS: 10 }, { rate: 200, durationS: 10 }], [snap(0, 0, 0), snap(10, 1, 2), snap(20, 4, 3)]);
  assert.equal(rows[0].serverCpuUsPerMsg, 1000, '1 s of CPU over 1,000 messages');
  assert.equal(rows[1].serverCpuUsPerMsg, 1500, '3 s over 2,000');
  assert.equal(rows[0].serverCpuPct, 10);
  assert.equal(rows[1].generatorCpuPct, 10);
  assert.equal(stepRows(m, [{ rate: 100, durationS: 10 }, { rate: 200, durationS: 10 }], [])[0].serverCpuUsPerMsg, null, 'no samples, no figure');
  assert.equal(stepRows(m, [{ rate: 100, durationS: 10 }], [snap(0, 0, 0), snap(10, 1, 2)]).length, 1, 'a ladder that ended after one step has one row');
});
