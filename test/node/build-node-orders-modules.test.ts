// A node is built from a list of modules: each registered after the modules it requires, started
// in that order once all are registered and stopped in reverse, handed only the settings it declared; a
// list that cannot make a node is refused before any file is opened, saying what is wrong.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig, resolveConfig } from '../../src/config.js';
import { buildNode } from '../../src/node/build-node.js';
import { moduleDefaults, type AnyModule } from '../../src/node/module.js';
import { ModuleListError, orderModules } from '../../src/node/order.js';
import { accountsModule } from '../../src/services/accounts/module.js';
import { SerializingRouter } from '../../src/cluster/serializing-router.js';
import { NODE_MODULES } from '../../src/services/index.js';
import { inboxModule } from '../../src/services/inbox/module.js';
import { presenceModule } from '../../src/services/presence/module.js';
import { tempDir } from '../helpers/server.js';

/** The module, recording into `events` when it is created, started and stopped, and what it was given. */
function watched(module: AnyModule, events: string[], given: Map<string, object> = new Map()): AnyModule {
  return {
    ...module,
    create(ctx) {
      events.push(`create ${module.name}`);
      given.set(module.name, ctx.options);
      const instance = module.create(ctx);
      return {
        createFragment: (f: number) => instance.createFragment(f),
        start() { events.push(`start ${module.name}`); },
        stop() { events.push(`stop ${module.name}`); },
      };
    },
  };
}

describe('building a node from modules', () => {
  it('registers, starts and stops the modules in dependency order', async () => {
    const dir = tempDir();
    const events: string[] = [];
    const given = new Map<string, object>();
    const list = [inboxModule, accountsModule, presenceModule].map((m) => watched(m, events, given));
    const node = await buildNode(resolveConfig({ dataDir: dir.path, fragments: 4 }), list);
    try {
      assert.deepEqual(node.modules, ['presence', 'inbox', 'accounts'], 'inbox requires presence: presence comes first, the rest as listed');
      assert.deepEqual(events, ['create presence', 'create inbox', 'create accounts', 'start presence', 'start inbox', 'start accounts'],
        'every module is registered before any starts (recovery runs in between)');
      assert.deepEqual(Object.keys(given.get('inbox')!).sort(), Object.keys(inboxModule.options).sort(), 'a module sees only the settings it declared');
      assert.deepEqual(given.get('accounts'), {});
      await node.router.call('inbox', 'ann', { type: 'ensureUser', user: 'ann' });
      assert.equal((await node.router.call('accounts', 'ann', { type: 'credentials', user: 'ann' })), null, 'every listed module serves requests');
    } finally {
      await node.close();
    }
    assert.deepEqual(events.slice(-3), ['stop accounts', 'stop inbox', 'stop presence']);
    dir.remove();
  });

  it('refuses a module whose dependency is not listed, before opening any file', async () => {
    const dir = tempDir();
    try {
      await assert.rejects(buildNode(resolveConfig({ dataDir: join(dir.path, 'data') }), [accountsModule, inboxModule]), (err: unknown) =>
        err instanceof ModuleListError && err.message === "module inbox requires presence, which the node's module list lacks: add it to the list");
      assert.equal(existsSync(join(dir.path, 'data')), false, 'the data directory was not even created');
    } finally {
      dir.remove();
    }
  });

  it('refuses a module listed twice and modules that require each other', () => {
    assert.throws(() => orderModules([presenceModule, accountsModule, presenceModule]), /module presence is listed twice/);
    const a: AnyModule = { ...accountsModule, requires: ['presence'] };
    const p: AnyModule = { ...presenceModule, requires: ['inbox'] };
    assert.throws(() => orderModules([a, p, inboxModule]), (err: unknown) =>
      err instanceof ModuleListError && /cycle: presence -> inbox -> presence$/.test(err.message));
  });

  it('closes what it opened when a module fails to start, so the data directory can be opened again', async () => {
    const dir = tempDir();
    const failing: AnyModule = { ...accountsModule, create: (ctx) => ({ ...accountsModule.create(ctx), start() { throw new Error('accounts cannot start'); } }) };
    const config = resolveConfig({ dataDir: dir.path, fragments: 2 });
    try {
      await assert.rejects(buildNode(config, [presenceModule, failing]), /accounts cannot start/);
      const again = await buildNode(config, [presenceModule, accountsModule]);
      assert.deepEqual(again.modules, ['presence', 'accounts']);
      await again.close();
    } finally {
      dir.remove();
    }
  });

  it('registers the modules on the router its config names', async () => {
    const dir = tempDir();
    const node = await buildNode(resolveConfig({ dataDir: dir.path, fragments: 4, router: 'serializing' }), NODE_MODULES);
    try {
      assert.ok(node.router instanceof SerializingRouter, 'the node routes through the serialising router');
      const salt = new Uint8Array([1, 2]);
      await node.router.call('accounts', 'ann', { type: 'create', user: 'ann', passwordHash: new Uint8Array([9]), salt, scrypt: { N: 1024, r: 8, p: 1 } });
      const got = await node.router.call('accounts', 'ann', { type: 'credentials', user: 'ann' });
      assert.deepEqual([...(got?.salt ?? [])], [...salt], 'the request and its reply crossed the router as bytes');
      assert.equal(node.router.load('accounts').reduce((a, b) => a + b, 0), 2);
    } finally {
      await node.close();
      dir.remove();
    }
  });

  it('documents every setting a module reads, with the default the config gives it', () => {
    for (const m of NODE_MODULES) {
      for (const { key, doc, default: value } of moduleDefaults(m)) {
        assert.ok(key in defaultConfig, `${m.name} reads ${key}, which is no setting`);
        assert.equal(value, defaultConfig[key]);
        assert.ok(doc.length > 10, `${m.name}.${key} says what it does`);
      }
      assert.ok(m.doc.length > 10, `${m.name} says what it is for`);
    }
    assert.deepEqual(moduleDefaults(inboxModule).map((o) => o.key), ['inboxWindow', 'inboxWindowBytes', 'maxDevicesPerUser', 'maxQueuedBytesPerUser']);
  });
});
