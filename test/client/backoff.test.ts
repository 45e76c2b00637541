// Reconnect back-off: the delay formula, and the real gaps between attempts against a server
// that keeps dropping the client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, defaultBackoff } from '../../src/client/backoff.js';
import { Client } from '../../src/client/index.js';
import { FakeServer } from './fake-server.js';

test('delay grows by the factor, is capped, and jitter only shortens it', () => {
  const opts = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5 };
  assert.deepEqual([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, opts, () => 0)), [100, 200, 400, 800, 1000, 1000]);
  assert.equal(backoffDelay(0, opts, () => 1), 50);
  assert.equal(backoffDelay(3, opts, () => 0.5), 600);
  for (let i = 0; i < 1000; i++) {
    const d = backoffDelay(2, opts);
    assert.ok(d >= 200 && d <= 400, `delay ${d} outside [200, 400]`);
  }
  assert.deepEqual(defaultBackoff, { initialMs: 250, maxMs: 30_000, factor: 2, jitter: 0.5 });
});

test('reconnect attempts are spaced by the back-off, and a live session resets it', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1', backoff: { initialMs: 60, factor: 2, maxMs: 1000, jitter: 0 } });
  try {
    await Promise.all([client.login(), server.accept().then((c) => c.accept())]);
    assert.equal(client.state, 'live');
    // Drop the live connection, then drop each reconnect during Hello three times.
    server.connections[0].drop();
    const times: number[] = [Date.now()];
    for (let i = 0; i < 3; i++) {
      const conn = await server.accept();
      times.push(Date.now());
      await conn.expect('hello');
      conn.drop();
    }
    const conn = await server.accept();
    times.push(Date.now());
    const resume = await conn.accept();
    assert.equal(resume.body, 'resume');
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    const expected = [60, 120, 240, 480];
    gaps.forEach((gap, i) => {
      assert.ok(gap >= expected[i] - 5, `gap ${i} was ${gap} ms, expected at least ${expected[i]}`);
      // Timers run late on a busy machine; an extra doubling would still show in the next gaps' floors.
      assert.ok(gap < expected[i] + 300, `gap ${i} was ${gap} ms, expected about ${expected[i]}`);
    });
    // Once live again, the next drop starts over from the initial delay.
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(client.state, 'live');
    const dropAt = Date.now();
    conn.drop();
    const again = await server.accept();
    const gap = Date.now() - dropAt;
    assert.ok(gap >= 55 && gap < 400, `after a live session the first retry came after ${gap} ms, expected about 60`);
    await again.accept();
  } finally {
    await client.close();
    await server.close();
  }
});

test('a refused connection is retried too, and close() stops the retries', async () => {
  const server = await FakeServer.start();
  const port = server.port;
  const client = new Client({ server: `tcp://127.0.0.1:${port}`, user: 'alice', password: 'password1', backoff: { initialMs: 30, factor: 1, jitter: 0 } });
  const states: string[] = [];
  client.on('state', (s) => states.push(s));
  try {
    await Promise.all([client.login(), server.accept().then((c) => c.accept())]);
    await server.close(); // listener gone: reconnects are refused
    await new Promise((r) => setTimeout(r, 200));
    const refusedAttempts = states.filter((s) => s === 'connecting').length;
    assert.ok(refusedAttempts >= 3, `expected several attempts in 200 ms at 30 ms spacing, saw ${refusedAttempts}`);
    assert.ok(['reconnecting', 'connecting'].includes(client.state));
  } finally {
    await client.close();
  }
  assert.equal(client.state, 'closed');
  const count = states.length;
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(states.length, count, 'no state changes after close()');
});
