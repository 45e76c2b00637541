// A failed login is logged with the address it came from (never the password), and a taken name
// at Register is not a failed login: it never closes the connection.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { pino } from 'pino';
import { resolveConfig } from '../../src/config.js';
import { wire } from '../../src/protocol/framing.js';
import { startServer } from '../../src/server.js';
import { RawClient } from '../helpers/raw-client.js';
import { TEST_ROUTER, TEST_SCRYPT, tempDir } from '../helpers/server.js';

test('a wrong password is logged with the remote address; repeated USER_EXISTS keeps the connection', async () => {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>); done(); } });
  const dir = tempDir();
  const config = resolveConfig({ dataDir: dir.path, httpPort: 0, tcpPort: 0, scrypt: TEST_SCRYPT, ...TEST_ROUTER });
  const server = await startServer(config, { logger: pino({ level: 'info' }, sink) });
  const c = await RawClient.connect(`tcp://127.0.0.1:${server.tcpPort}`, '127.0.0.4');
  try {
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    await c.request({ register: { user: 'dora', password: 'password-1' } }, 'ok');
    for (let i = 0; i < config.maxLoginAttempts + 2; i++) {
      const taken = await c.request({ register: { user: 'dora', password: 'password-2' } }, 'error');
      assert.equal(taken.error!.code, wire.ErrorCode.USER_EXISTS);
    }
    const wrong = await c.request({ login: { user: 'dora', password: 'not-her-password', device: 'd1' } }, 'error');
    assert.equal(wrong.error!.code, wire.ErrorCode.AUTH_FAILED);
    await c.request({ login: { user: 'dora', password: 'password-1', device: 'd1' } }, 'loginOk');
    const failed = lines.filter((l) => l.msg === 'login failed: unknown user or wrong password');
    assert.equal(failed.length, 1);
    assert.equal(failed[0].user, 'dora');
    assert.match(String(failed[0].remote), /^127\.0\.0\.4:\d+$/);
    assert.ok(!JSON.stringify(lines).includes('not-her-password'), 'the password is never logged');
  } finally {
    c.close();
    await server.close();
    dir.remove();
  }
});
