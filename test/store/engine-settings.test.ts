// The storage engine's settings: defaults, and values that cannot work are refused by name.
import assert from 'node:assert/strict';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ConfigError, defaultConfig, resolveConfig, type ServerConfig } from '../../src/config.js';
import { tempDir } from '../helpers/server.js';
import { openEngineNode } from './engine-node.js';

it('defaults to the log with a 10 s sync delay and a 256 MiB cache budget', () => {
  assert.equal(defaultConfig.durability, 'log');
  assert.equal(defaultConfig.syncDelayMs, 10_000);
  assert.equal(defaultConfig.cacheBudgetBytes, 256 * 1024 * 1024);
});

it('refuses an unknown durability mode, a negative sync delay or checkpoint interval, and a zero budget', () => {
  const bad: [Partial<ServerConfig>, RegExp][] = [
    [{ durability: 'fsync-never' as ServerConfig['durability'] }, /durability must be one of log, write-through, memory/],
    [{ syncDelayMs: -1 }, /syncDelayMs/],
    [{ checkpointIntervalMs: -5 }, /checkpointIntervalMs/],
    [{ cacheBudgetBytes: 0 }, /cacheBudgetBytes/],
  ];
  for (const [overrides, message] of bad) assert.throws(() => resolveConfig(overrides), (err: unknown) => err instanceof ConfigError && message.test(err.message));
});

it('puts one log writer in each of the logDirs, and none outside the log mode', async () => {
  const dir = tempDir();
  try {
    const dirs = [join(dir.path, 'disk-a'), join(dir.path, 'disk-b')];
    const node = await openEngineNode(join(dir.path, 'data'), { logDirs: dirs.join(', ') });
    await node.close();
    for (const d of dirs) assert.ok(existsSync(join(d, 'logset.json')), `${d} holds a writer`);
    assert.ok(!existsSync(join(dir.path, 'data', 'log')), 'the default log dir is not used when logDirs is set');

    const wt = await openEngineNode(join(dir.path, 'wt'), { durability: 'write-through' });
    await wt.close();
    assert.ok(!existsSync(join(dir.path, 'wt', 'log')), 'write-through opens no log');
  } finally {
    dir.remove();
  }
});

it('refuses to replay a two-writer log under another fragment layout, and replays it under its own', async () => {
  const dir = tempDir();
  const copy = tempDir();
  const logDirs = (root: string) => [join(root, 'la'), join(root, 'lb')].join(',');
  try {
    const node = await openEngineNode(join(dir.path, 'data'), { logDirs: logDirs(dir.path), fragments: 8 });
    for (let i = 0; i < 20; i++) {
      const to = `user${i}`;
      await node.router.call('inbox', to, { type: 'ensureUser', user: to });
      await node.router.call('inbox', to, { type: 'store', to, from: 'alice', fromDevice: 'x', id: `m${i}`, body: Buffer.from('hi'), now: 1 });
    }
    await node.engine.idle();
    // What a crash now would leave: records after the checkpoint, no process holding the files.
    cpSync(dir.path, copy.path, { recursive: true });
    for (const f of ['data/atoll.mdb-lock', 'la/LOCK', 'lb/LOCK']) rmSync(join(copy.path, f), { force: true });
    await node.close();

    await assert.rejects(openEngineNode(join(copy.path, 'data'), { logDirs: logDirs(copy.path), fragments: 16 }), /written with \{"fragments":8/);
    const same = await openEngineNode(join(copy.path, 'data'), { logDirs: logDirs(copy.path), fragments: 8 });
    assert.ok(same.recovery.records >= 40, `replayed ${same.recovery.records} records`);
    await same.close();
  } finally {
    dir.remove();
    copy.remove();
  }
});
