// A server process stopped for longer than the idle timeout (SIGSTOP, a stuck VM) could read
// nobody meanwhile: once it runs again, clients that kept pinging stay connected, and a client that
// really is silent is still closed afterwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wire } from '../../src/protocol/framing.js';
import { RawClient } from '../helpers/raw-client.js';
import { startChildServer, tempDir } from '../helpers/server.js';

test('clients that ping through a SIGSTOP longer than the idle timeout are not dropped as idle', async () => {
  const dir = tempDir();
  const server = await startChildServer(dir.path, ['--heartbeat-ms', '500', '--idle-timeout-ms', '2000']);
  const pingers: RawClient[] = [];
  let silent: RawClient | null = null;
  const timers: NodeJS.Timeout[] = [];
  try {
    for (let i = 0; i < 10; i++) {
      const c = await RawClient.login(server.tcp, `pinger${i}`, 'password-1', 'd1', true);
      timers.push(setInterval(() => c.sendFrame({ ref: 0, ping: { nonce: 1 } }), 300));
      pingers.push(c);
    }
    server.child.kill('SIGSTOP');
    await new Promise((r) => setTimeout(r, 4000)); // the pause under test: twice the idle timeout
    server.child.kill('SIGCONT');
    silent = await RawClient.login(server.tcp, 'silent', 'password-1', 'd1', true);
    // The silent one is closed only by a sweep that runs after the pause: once it is, that sweep has
    // judged every pinger too.
    await silent.waitClosed(8000);
    assert.equal(silent.frames.find((f) => f.body === 'error')?.error?.code, wire.ErrorCode.IDLE_TIMEOUT);
    for (const [i, c] of pingers.entries()) {
      assert.equal(c.closed, false, `pinger${i} still connected`);
      const err = c.frames.find((f) => f.body === 'error');
      assert.equal(err, undefined, `pinger${i} got no error`);
    }
  } finally {
    for (const t of timers) clearInterval(t);
    for (const c of pingers) c.close();
    silent?.close();
    server.child.kill('SIGCONT');
    await server.stop();
    dir.remove();
  }
});
