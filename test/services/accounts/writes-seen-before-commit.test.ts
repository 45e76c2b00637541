// The accounts owner keeps only uncommitted writes in RAM: a read right after a write sees it
// (lmdb-js reads see a write only once it commits), a revoked token is refused at once, and what
// it reads after the commit, or after a restart, comes from the store.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { resolveConfig } from '../../../src/config.js';
import { buildNode } from '../../../src/node/build-node.js';
import { NODE_MODULES } from '../../../src/services/index.js';
import { tempDir } from '../../helpers/server.js';

const scrypt = { N: 1024, r: 8, p: 1 };

it('an account write is read back before it commits, and from the store after it and after a restart', async () => {
  const dir = tempDir();
  const config = resolveConfig({ dataDir: dir.path, fragments: 2 });
  let node = await buildNode(config, NODE_MODULES);
  try {
    const { router } = node;
    const tokenHash = new Uint8Array([7, 7, 7]);
    const created = router.call('accounts', 'ann', { type: 'create', user: 'ann', passwordHash: new Uint8Array([9]), salt: new Uint8Array([1, 2]), scrypt });
    const early = await router.call('accounts', 'ann', { type: 'credentials', user: 'ann' });
    assert.deepEqual([...(early?.salt ?? [])], [1, 2], 'read before the create committed');
    assert.deepEqual(await router.call('accounts', 'ann', { type: 'create', user: 'ann', passwordHash: new Uint8Array([8]), salt: new Uint8Array([3]), scrypt }), { ok: false, code: 'USER_EXISTS' });
    assert.deepEqual(await created, { ok: true });

    const issued = router.call('accounts', 'ann', { type: 'issueToken', user: 'ann', device: 'phone', tokenHash, expiresAt: Date.now() + 60_000 });
    const renewed = router.call('accounts', 'ann', { type: 'renewToken', user: 'ann', device: 'phone', tokenHash, now: Date.now(), expiresAt: Date.now() + 120_000 });
    assert.deepEqual(await issued, { ok: true });
    assert.deepEqual(await renewed, { ok: true }, 'the token was seen before its write committed');

    const revoked = router.call('accounts', 'ann', { type: 'revokeToken', user: 'ann', device: 'phone' });
    const afterRevoke = router.call('accounts', 'ann', { type: 'renewToken', user: 'ann', device: 'phone', tokenHash, now: Date.now(), expiresAt: Date.now() + 120_000 });
    assert.deepEqual(await afterRevoke, { ok: false }, 'a revoked token is refused before the removal commits');
    await revoked;
    assert.deepEqual(await router.call('accounts', 'ann', { type: 'renewToken', user: 'ann', device: 'phone', tokenHash, now: Date.now(), expiresAt: Date.now() + 1 }), { ok: false });

    await node.close();
    node = await buildNode(config, NODE_MODULES);
    const stored = await node.router.call('accounts', 'ann', { type: 'credentials', user: 'ann' });
    assert.deepEqual([...(stored?.passwordHash ?? [])], [9], 'the first create, from the store');
  } finally {
    await node.close();
    dir.remove();
  }
});
