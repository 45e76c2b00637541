import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeReports, countLoss } from '../../src/bench/aggregate.js';
import { Histogram } from '../../src/bench/histogram.js';
import type { WorkerReport } from '../../src/bench/types.js';

function report(worker: number, latencies: number[], extra: Partial<WorkerReport> = {}): WorkerReport {
  const h = new Histogram();
  for (const v of latencies) h.record(v);
  const ct = new Histogram();
  ct.record(1000 * (worker + 1));
  return {
    worker,
    connected: 10,
    connectFailures: worker,
    connectTime: ct.toData(),
    firstReadyUs: 100 + worker,
    lastReadyUs: 200 + worker,
    rejectedLogins: 1,
    errors: { RATE_LIMITED: 2 },
    steps: [{ offered: 5, sent: 5, skipped: 0, heldBack: 0, acked: 4, latency: h.toData(), awayLatency: new Histogram().toData(), lagMaxUs: 10 * (worker + 1) }],
    bySecond: [h.toData()],
    received: latencies.length,
    receipts: 3,
    stale: 0,
    closes: 0,
    awayLeaves: 0,
    lastReceiveUs: 1000 + worker,
    cpu: { userUs: 1000, systemUs: 500 },
    rssBytes: 1 << 20,
    ...extra,
  };
}

test('counters add up, histograms merge, extremes are kept', () => {
  const m = mergeReports([report(0, [100, 200, 300]), report(1, [400, 500])]);
  assert.equal(m.workers, 2);
  assert.equal(m.connected, 20);
  assert.equal(m.connectFailures, 1);
  assert.equal(m.rejectedLogins, 2);
  assert.deepEqual(m.errors, { RATE_LIMITED: 4 });
  assert.equal(m.steps.length, 1);
  assert.equal(m.steps[0].offered, 10);
  assert.equal(m.steps[0].acked, 8);
  assert.equal(m.steps[0].delivered, 5);
  assert.equal(m.steps[0].latency.max, 500);
  assert.equal(m.steps[0].latency.min, 100);
  assert.equal(m.steps[0].lagMaxUs, 20);
  assert.equal(m.firstReadyUs, 100);
  assert.equal(m.lastReadyUs, 201);
  assert.equal(m.lastReceiveUs, 1001);
  assert.deepEqual(m.cpu, { userUs: 2000, systemUs: 1000 });
  assert.equal(m.connectTime.total, 2);
  assert.equal(m.lost, undefined, 'no loss figure without tracked ids');
  assert.equal(m.bySecond.length, 1);
  assert.equal(m.bySecond[0].total, 5, 'arrivals per second merge across workers');
});

test('workers with different numbers of steps merge step by step', () => {
  const two = report(1, [1]);
  two.steps.push({ ...two.steps[0], offered: 7 });
  const m = mergeReports([report(0, [1]), two]);
  assert.equal(m.steps.length, 2);
  assert.equal(m.steps[0].offered, 10);
  assert.equal(m.steps[1].offered, 7);
});

test('lost counts acked ids nobody received; duplicates count repeats across workers', () => {
  const a = report(0, [], { sentIds: ['a1', 'a2', 'a3'], receivedIds: ['b1', 'a1'] });
  const b = report(1, [], { sentIds: ['b1', 'b2'], receivedIds: ['a2', 'a1', 'b1'] });
  assert.deepEqual(countLoss([a, b]), { lost: 2, duplicates: 2, uniqueReceived: 3 });
  const m = mergeReports([a, b]);
  assert.equal(m.lost, 2);
  assert.equal(m.duplicates, 2);
});

test('a worker that connected nobody does not pull the first-ready time to zero', () => {
  const idle = report(1, [], { connected: 0, firstReadyUs: 0, lastReadyUs: 0 });
  assert.equal(mergeReports([report(0, []), idle]).firstReadyUs, 100);
  assert.equal(mergeReports([idle]).firstReadyUs, 0);
});

test('messages that waited for an away recipient count as delivered but stay out of the online latencies', () => {
  const withAway = (worker: number, away: number[]) => {
    const r = report(worker, [100, 200], { awayLeaves: worker + 2 });
    const h = new Histogram();
    for (const v of away) h.record(v);
    r.steps[0].awayLatency = h.toData();
    return r;
  };
  const m = mergeReports([withAway(0, [5_000_000]), withAway(1, [6_000_000, 7_000_000])]);
  assert.equal(m.steps[0].delivered, 4 + 3);
  assert.equal(m.steps[0].latency.total, 4);
  assert.equal(m.steps[0].latency.max, 200);
  assert.equal(m.steps[0].awayLatency.total, 3);
  assert.equal(m.steps[0].awayLatency.min, 5_000_000);
  assert.equal(m.awayLeaves, 5);
});
