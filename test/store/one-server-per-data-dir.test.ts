// One data directory, one server, in every durability mode: a second `atoll serve` on a directory
// in use refuses to start and names the process that holds it; once that one stops, it starts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FAST_SERVER_FLAGS, runCli, startServe } from '../cli/cli-harness.js';

const root = mkdtempSync(join(tmpdir(), 'atoll-one-server-'));
after(() => rmSync(root, { recursive: true, force: true }));

for (const durability of ['log', 'write-through', 'memory'] as const) {
  test(`a second server on a data directory in use is refused (durability ${durability})`, async () => {
    const data = join(root, durability);
    const flags = [...FAST_SERVER_FLAGS, '--data', data, '--durability', durability];
    const first = await startServe(flags);
    try {
      const second = await runCli(['serve', ...flags]);
      assert.equal(second.code, 2, second.stderr);
      const pid = first.proc.child.pid!;
      assert.match(second.stderr, new RegExp(`the data directory .*/${durability} is in use by process ${pid} \\(another atoll server\\): stop that server first`));
    } finally {
      assert.equal((await first.proc.stop('SIGTERM')).code, 0);
    }
    // Released by the clean stop: the directory is free again.
    const third = await startServe(flags);
    assert.equal((await third.proc.stop('SIGTERM')).code, 0);
  });
}

test('a lock left by a killed server is taken over', async () => {
  const data = join(root, 'killed');
  const flags = [...FAST_SERVER_FLAGS, '--data', data, '--durability', 'write-through'];
  const first = await startServe(flags);
  await first.proc.stop('SIGKILL');
  const second = await startServe(flags);
  assert.equal((await second.proc.stop('SIGTERM')).code, 0);
});
