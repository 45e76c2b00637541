// The background memory watch of `atoll bench offline`: peaks per phase, against this very process
// and a real HTTP /metrics endpoint that answers slowly (samples must not pile up).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PhasePeaks, watchPhase } from '../../src/bench/memwatch.js';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

test('peaks keep the highest of each part, the end value is the last read, failed fetches are counted', () => {
  const p = new PhasePeaks();
  assert.deepEqual(p.result().peakAnonBytes, null);
  p.addRss({ anonBytes: 5 * MB, fileBytes: 9 * MB, shmemBytes: 0 });
  p.addRss({ anonBytes: 8 * MB, fileBytes: 2 * MB, shmemBytes: 0 });
  p.addRss({ anonBytes: 6 * MB, fileBytes: 1 * MB, shmemBytes: 0 }, true);
  p.addMetrics(new Map([['atoll_inbox_cache_bytes', 3 * MB]]));
  p.addMetrics(new Map([['atoll_inbox_cache_bytes', 1 * MB]]));
  p.addMetrics(null);
  p.addMetrics(new Map([['other', 1]]));
  assert.deepEqual(p.result(), {
    procSamples: 3, metricsSamples: 3, metricsFailures: 1, startAnonBytes: 5 * MB,
    peakAnonBytes: 8 * MB, peakFileBytes: 9 * MB, endAnonBytes: 6 * MB, peakCacheBytes: 3 * MB,
  });
  const none = new PhasePeaks();
  none.addMetrics(new Map([['other', 1]]));
  assert.equal(none.result().peakCacheBytes, null, 'a server without the gauge has no cache peak, not a zero one');
});

/** A /metrics endpoint that answers after `delayMs` with a cache gauge that grows on every request. */
async function slowMetrics(delayMs: number, status = 200) {
  let inFlight = 0;
  let maxInFlight = 0;
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const value = requests * 1000;
    setTimeout(() => {
      inFlight--;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(`# TYPE atoll_inbox_cache_bytes gauge\natoll_inbox_cache_bytes ${value}\n`);
    }, delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  return {
    url,
    stats: () => ({ maxInFlight, requests }),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

test('samples /proc every interval and a slow /metrics one request at a time, with one last read of each at the end', async () => {
  const metrics = await slowMetrics(250);
  try {
    const { value, memory } = await watchPhase({ pid: process.pid, metricsUrl: metrics.url, intervalMs: 50 }, async () => {
      await sleep(1000);
      return 'done';
    });
    assert.equal(value, 'done');
    const { maxInFlight, requests } = metrics.stats();
    assert.equal(maxInFlight, 1, 'a slow answer is never overtaken by the next sample');
    assert.ok(requests >= 4 && requests <= 7, `about 1000 / 250 fetches plus the final one, got ${requests}`);
    assert.equal(memory.metricsSamples, requests);
    assert.equal(memory.peakCacheBytes, requests * 1000, 'the final read, taken after the work, is part of the peak');
    // 20 at 50 ms in a second; timers run late on a busy machine, and one read per slow fetch would give 5.
    assert.ok(memory.procSamples >= 8, `a /proc read every 50 ms, got ${memory.procSamples}`);
    assert.ok(memory.peakAnonBytes !== null && memory.peakAnonBytes > MB);
    assert.ok(memory.endAnonBytes !== null && memory.endAnonBytes <= memory.peakAnonBytes);
    assert.ok(memory.startAnonBytes !== null && memory.startAnonBytes <= memory.peakAnonBytes);
    assert.ok(memory.peakFileBytes !== null && memory.peakFileBytes > 0);
  } finally {
    await metrics.close();
  }
});

test('a gone process and a failing endpoint leave the figures empty without failing the run; the timer stops with the work', async () => {
  const metrics = await slowMetrics(0, 500);
  try {
    const { memory } = await watchPhase({ pid: 2 ** 30, metricsUrl: metrics.url, intervalMs: 50 }, () => sleep(300));
    assert.equal(memory.procSamples, 0);
    assert.equal(memory.peakAnonBytes, null);
    assert.equal(memory.endAnonBytes, null);
    assert.equal(memory.startAnonBytes, null);
    assert.equal(memory.peakCacheBytes, null);
    assert.ok(memory.metricsFailures >= 3);
    const after = metrics.stats().requests;
    await sleep(200);
    assert.equal(metrics.stats().requests, after, 'no sampling after the phase');
  } finally {
    await metrics.close();
  }
});

test('the work failing ends the phase and passes the error on', async () => {
  await assert.rejects(watchPhase({ pid: process.pid, metricsUrl: null, intervalMs: 20 }, async () => {
    await sleep(50);
    throw new Error('workers died');
  }), /workers died/);
});
