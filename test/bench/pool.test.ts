// Worker processes for real: forked, commanded over IPC, reporting back; plus the sizing rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { WorkerPool, connsPerWorkerCap, splitUsers, workersFor, fileLimits, MAX_CONNS_PER_WORKER } from '../../src/bench/pool.js';
import { mergeReports } from '../../src/bench/aggregate.js';
import type { WorkerSetup } from '../../src/bench/types.js';

test('users split into near-equal contiguous ranges covering everyone once', () => {
  assert.deepEqual(splitUsers(10, 3), [{ first: 0, count: 4 }, { first: 4, count: 3 }, { first: 7, count: 3 }]);
  assert.deepEqual(splitUsers(2, 3).map((r) => r.count), [1, 1, 0]);
});

test('enough workers to stay under the per-process connection cap and the open-files limit', () => {
  assert.equal(workersFor(19_000, 1, 15_000), 2);
  assert.equal(workersFor(100, 3, 15_000), 3);
  assert.equal(workersFor(45_001, 1, 15_000), 4);
  assert.equal(connsPerWorkerCap({ soft: 1024 }), 824);
  assert.equal(connsPerWorkerCap({ soft: 20_000 }), MAX_CONNS_PER_WORKER);
  assert.equal(connsPerWorkerCap(null), MAX_CONNS_PER_WORKER);
  const limits = fileLimits();
  assert.ok(limits === null || limits.soft > 0);
});

test('two worker processes report refused connections, and their reports merge', async () => {
  const srv = net.createServer();
  const port = await new Promise<number>((r) => srv.listen(0, '127.0.0.1', () => r((srv.address() as net.AddressInfo).port)));
  await new Promise<void>((r) => srv.close(() => r()));
  const setups: WorkerSetup[] = splitUsers(6, 2).map((range, worker) => ({
    worker,
    target: { transport: 'tcp', host: '127.0.0.1', port, path: '', domain: 'localhost' },
    firstUser: range.first,
    userCount: range.count,
    userPrefix: 't',
    password: 'benchpass1',
    runId: 'test',
    bodyBytes: 32,
    trackIds: false,
    perSource: 0,
    heartbeatMs: 20_000,
    xmppWork: 'plain',
  }));
  const pool = await WorkerPool.start(setups);
  try {
    assert.equal(pool.pids.length, 2);
    assert.ok(pool.pids.every((p) => p > 0 && p !== process.pid));
    await pool.all({ t: 'connect', range: { first: 0, count: 6 }, register: true, concurrency: 2, retryBusy: true });
    const reports = await pool.reports();
    assert.deepEqual(reports.map((r) => r.worker).sort(), [0, 1]);
    const m = mergeReports(reports);
    assert.equal(m.connected, 0);
    assert.equal(m.connectFailures, 6);
    assert.deepEqual(m.errors, { ECONNREFUSED: 6 });
    assert.ok(m.cpu.userUs > 0, 'workers report their own CPU');
  } finally {
    await pool.stop();
  }
  for (const pid of pool.pids) assert.throws(() => process.kill(pid, 0), 'worker process is gone');
});
