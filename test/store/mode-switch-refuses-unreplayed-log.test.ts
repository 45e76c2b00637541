// A durability mode that never reads the log must not start over a log that still holds acked
// changes: after a kill -9 in `log` mode, `write-through` is refused with what to do; one start
// in `log` mode and a clean stop move everything into atoll.mdb, and `write-through` then
// delivers every message.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FAST_SERVER_FLAGS, runCli, startServe } from '../cli/cli-harness.js';
import { RawClient } from '../helpers/raw-client.js';

const root = mkdtempSync(join(tmpdir(), 'atoll-mode-switch-'));
after(() => rmSync(root, { recursive: true, force: true }));

const PW = 'password-1';
const N = 50;

test('write-through after a kill -9 in log mode is refused; log, a clean stop, then write-through delivers everything', async () => {
  const data = join(root, 'data');
  const flags = (durability: string) => [...FAST_SERVER_FLAGS, '--data', data, '--durability', durability];
  const first = await startServe(flags('log'));
  try {
    const tcp = `tcp://127.0.0.1:${first.tcpPort}`;
    (await RawClient.login(tcp, 'bob', PW, 'phone', true)).close();
    const alice = await RawClient.login(tcp, 'alice', PW, 'laptop', true);
    await Promise.all(Array.from({ length: N }, (_, i) => alice.request({ send: { id: `m${i}`, to: 'bob', body: Buffer.from(`msg ${i}`) } }, 'sendAck')));
    alice.close();
  } finally {
    await first.proc.stop('SIGKILL');
  }

  for (const durability of ['write-through', 'memory']) {
    const refused = await runCli(['serve', ...flags(durability)]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, new RegExp(`last used with durability log and the server did not stop cleanly: the log \\(.*/data/log\\) still holds `
      + `acknowledged changes .*Start once with --durability log .*then start with --durability ${durability}`));
  }

  const replay = await startServe(flags('log'));
  assert.equal((await replay.proc.stop('SIGTERM')).code, 0);

  const switched = await startServe(flags('write-through'));
  try {
    const bob = await RawClient.login(`tcp://127.0.0.1:${switched.tcpPort}`, 'bob', PW, 'phone');
    const got = await bob.receive(N);
    assert.deepEqual(got.map((f) => f.deliver!.message!.id).sort(), Array.from({ length: N }, (_, i) => `m${i}`).sort());
    bob.close();
  } finally {
    assert.equal((await switched.proc.stop('SIGTERM')).code, 0);
  }
});
