// A server process that was stopped (SIGSTOP, a VM pause, a long GC) could read nobody meanwhile:
// when it runs again, clients that kept pinging must not be dropped as idle for that time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RawClient } from '../helpers/raw-client.js';
import { startChildServer, tempDir } from '../helpers/server.js';

test('clients that keep pinging survive a stop of the server longer than the idle timeout', async () => {
  const dir = tempDir();
  const server = await startChildServer(dir.path, ['--idle-timeout-ms', '2000', '--heartbeat-ms', '500']);
  const clients: RawClient[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    for (let i = 0; i < 30; i++) clients.push(await RawClient.login(server.tcp, `u${i}`, 'password-1', 'd1', true));
    for (const c of clients) timers.push(setInterval(() => c.sendFrame({ ref: 0, ping: { nonce: 1 } }), 400));
    const pid = server.child.pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      await new Promise((r) => setTimeout(r, 5000)); // the stop itself: 2.5 idle timeouts
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // A fresh Ping answered on every connection comes after any idle close the stop could cause.
    for (const c of clients) await c.request({ ping: { nonce: 2 } }, 'pong');
    const dropped = clients.filter((c) => c.closed || c.frames.some((f) => f.body === 'error'));
    assert.equal(dropped.length, 0, `${dropped.length} of ${clients.length} clients were dropped`);
  } finally {
    for (const t of timers) clearInterval(t);
    for (const c of clients) c.close();
    await server.stop();
    dir.remove();
  }
});
