// Registration: open, closed, closed with an invite code; password hashes keep their own cost so
// a server started with another scrypt setting still verifies old accounts.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { wire } from '../../../src/protocol/framing.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startTestServer, tempDir } from '../../helpers/server.js';

const PW = 'password-1';
const dir = tempDir();
after(() => dir.remove());

async function hello(url: string): Promise<RawClient> {
  const c = await RawClient.connect(url);
  await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
  return c;
}

it('with open registration off, Register needs the invite code', async () => {
  const server = await startTestServer({ openRegistration: false, inviteCode: 'let-me-in' });
  try {
    const c = await RawClient.connect(server.tcp);
    const welcome = await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    assert.equal(welcome.welcome!.registrationOpen, false);
    const refused = await c.request({ register: { user: 'nocode', password: PW } }, 'error');
    assert.equal(refused.error!.code, wire.ErrorCode.REGISTRATION_CLOSED);
    const wrong = await c.request({ register: { user: 'nocode', password: PW, inviteCode: 'let-me-in?' } }, 'error');
    assert.equal(wrong.error!.code, wire.ErrorCode.REGISTRATION_CLOSED);
    await c.request({ register: { user: 'invited', password: PW, inviteCode: 'let-me-in' } }, 'ok');
    await c.request({ login: { user: 'invited', password: PW, device: 'd' } }, 'loginOk');
    c.close();
  } finally {
    await server.stop();
  }
});

it('with open registration off and no invite code, nobody registers', async () => {
  const server = await startTestServer({ openRegistration: false });
  try {
    const c = await hello(server.tcp);
    const refused = await c.request({ register: { user: 'anyone', password: PW, inviteCode: '' } }, 'error');
    assert.equal(refused.error!.code, wire.ErrorCode.REGISTRATION_CLOSED);
    c.close();
  } finally {
    await server.stop();
  }
});

it('verifies a password with the cost it was hashed with, after the setting changed', async () => {
  const first = await startTestServer({ dataDir: dir.path, scrypt: { N: 1024, r: 8, p: 1 } });
  const c = await hello(first.tcp);
  await c.request({ register: { user: 'old', password: PW } }, 'ok');
  c.close();
  await first.close();
  const second = await startTestServer({ dataDir: dir.path, scrypt: { N: 2048, r: 8, p: 1 } });
  try {
    const old = await hello(second.tcp);
    await old.request({ login: { user: 'old', password: PW, device: 'd' } }, 'loginOk');
    old.close();
    const bad = await hello(second.tcp);
    assert.equal((await bad.request({ login: { user: 'old', password: 'not-the-password', device: 'd' } }, 'error')).error!.code, wire.ErrorCode.AUTH_FAILED);
    bad.close();
  } finally {
    await second.close();
  }
});
