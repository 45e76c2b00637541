// A new account's name starts and ends with a letter or digit; scrypt settings node's scrypt would
// reject are refused when the configuration is read, not by every registration afterwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, resolveConfig } from '../../../src/config.js';
import { wire } from '../../../src/protocol/framing.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startTestServer } from '../../helpers/server.js';

test('Register refuses names that do not start and end with a letter or digit', async () => {
  const server = await startTestServer();
  const c = await RawClient.connect(server.tcp);
  try {
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    for (const user of ['.', '..', '-', '_', '-a', 'a-', '.a', 'a_']) {
      const refused = await c.request({ register: { user, password: 'password-1' } }, 'error');
      assert.equal(refused.error!.code, wire.ErrorCode.INVALID_ARGUMENT, user);
      assert.match(refused.error!.message!, /starting and ending with a letter or digit/);
    }
    for (const user of ['a.b', 'a_b', 'a-b', 'x', '7']) await c.request({ register: { user, password: 'password-1' } }, 'ok');
  } finally {
    c.close();
    await server.stop();
  }
});

test('scrypt settings that node would reject are configuration errors that say what to set', () => {
  assert.throws(() => resolveConfig({ scrypt: { N: 1000, r: 8, p: 1 } }), (e: unknown) => e instanceof ConfigError && /scrypt\.N must be a power of two/.test(e.message));
  assert.throws(() => resolveConfig({ scrypt: { N: 1, r: 8, p: 1 } }), ConfigError);
  assert.throws(() => resolveConfig({ scrypt: { N: 1024, r: 1.5, p: 1 } }), /scrypt\.r must be a whole number/);
  assert.throws(() => resolveConfig({ scrypt: { N: 1024, r: 8, p: 0 } }), ConfigError);
  assert.equal(resolveConfig({ scrypt: { N: 2048, r: 8, p: 1 } }).scrypt.N, 2048);
});

test('a server with a valid, uncommon scrypt setting registers and logs in', async () => {
  const server = await startTestServer({ scrypt: { N: 2 ** 15, r: 4, p: 2 } });
  try {
    const c = await RawClient.login(server.tcp, 'costly', 'password-1', 'd1', true);
    c.close();
  } finally {
    await server.stop();
  }
});
