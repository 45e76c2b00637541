import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Histogram, bucketOf, bucketHigh, MAX_VALUE } from '../../src/bench/histogram.js';

test('buckets are contiguous and every value lands in a bucket whose range holds it', () => {
  let prevHigh = -1;
  for (let i = 0; i < bucketOf(MAX_VALUE); i++) {
    const high = bucketHigh(i);
    assert.ok(high > prevHigh, `bucket ${i} high ${high} after ${prevHigh}`);
    assert.equal(bucketOf(prevHigh + 1), i, `lowest value of bucket ${i}`);
    assert.equal(bucketOf(high), i, `highest value of bucket ${i}`);
    prevHigh = high;
  }
});

test('relative error of a bucket stays under 1% above the exact range', () => {
  for (const v of [300, 1_000, 12_345, 999_999, 50_000_000, 2 ** 35 + 17]) {
    const high = bucketHigh(bucketOf(v));
    assert.ok(high >= v && (high - v) / v < 0.01, `value ${v} reported as ${high}`);
  }
});

test('percentiles of a uniform 1..10000 distribution are within bucket precision', () => {
  const h = new Histogram();
  for (let v = 1; v <= 10_000; v++) h.record(v);
  const s = h.summary();
  assert.equal(s.count, 10_000);
  assert.equal(s.min, 1);
  assert.equal(s.max, 10_000);
  assert.ok(Math.abs(s.p50 - 5_000) / 5_000 < 0.01, `p50 ${s.p50}`);
  assert.ok(Math.abs(s.p90 - 9_000) / 9_000 < 0.01, `p90 ${s.p90}`);
  assert.ok(Math.abs(s.p99 - 9_900) / 9_900 < 0.01, `p99 ${s.p99}`);
  assert.ok(Math.abs(s.mean - 5_000.5) < 1e-9);
});

test('a single outlier shows in max and p99 of a small sample, not in p50', () => {
  const h = new Histogram();
  for (let i = 0; i < 99; i++) h.record(100);
  h.record(2_000_000);
  assert.equal(h.percentile(50), 100);
  assert.equal(h.percentile(99), 100);
  assert.equal(h.percentile(100), 2_000_000);
  assert.equal(h.max, 2_000_000);
});

test('merging shipped data equals recording everything in one histogram', () => {
  const a = new Histogram();
  const b = new Histogram();
  const all = new Histogram();
  for (let i = 0; i < 5_000; i++) {
    const v = Math.floor(Math.random() * 1e6);
    (i % 3 === 0 ? a : b).record(v);
    all.record(v);
  }
  const merged = Histogram.fromData(JSON.parse(JSON.stringify(a.toData())));
  merged.merge(JSON.parse(JSON.stringify(b.toData())));
  assert.deepEqual(merged.summary(), all.summary());
  assert.deepEqual(merged.toData(), all.toData());
});

test('empty histograms report zeros and merge as a no-op', () => {
  const h = new Histogram();
  assert.deepEqual(h.summary(), { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
  h.record(7);
  h.merge(new Histogram());
  assert.deepEqual(h.summary(), { count: 1, min: 7, mean: 7, p50: 7, p90: 7, p99: 7, max: 7 });
});

test('negative values count as 0 and huge values clamp into the last bucket but keep an exact max', () => {
  const h = new Histogram();
  h.record(-5);
  h.record(MAX_VALUE * 4);
  assert.equal(h.min, 0);
  assert.equal(h.max, MAX_VALUE * 4);
  assert.equal(h.percentile(100), MAX_VALUE * 4);
});

test('merging data with an out-of-range bucket is refused', () => {
  const h = new Histogram();
  assert.throws(() => h.merge({ counts: [[1e9, 1]], total: 1, min: 1, max: 1, sum: 1 }), RangeError);
});
