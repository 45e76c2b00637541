// The client against a real server's login limits: a short RATE_LIMITED on login is waited out
// and retried; one longer than the request timeout rejects at once with its retryAfterMs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AtollError, Client } from '../../src/client/index.js';
import { atoll } from '../../src/protocol/generated/atoll.js';
import { RawClient } from '../helpers/raw-client.js';
import { startTestServer } from '../helpers/server.js';

const E = atoll.v1.ErrorCode;

async function wrongLogin(url: string, from: string, user: string): Promise<number> {
  const c = await RawClient.connect(url, from);
  await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
  const reply = await c.request({ login: { user, password: 'wrong-wrong', device: 'd1' } }, 'error');
  c.close();
  return reply.error!.code!;
}

const rateLimited = (err: unknown) => err instanceof AtollError && err.code === 'RATE_LIMITED' && err.retryAfterMs > 0;

test('login() waits out a short RATE_LIMITED and logs in; a long one rejects with retryAfterMs', async () => {
  const server = await startTestServer({ loginBurstPerAddress: 1, loginRatePerAddress: 4, failedLoginBurstPerUser: 1, failedLoginRatePerUser: 0.001 });
  const clients: Client[] = [];
  const client = (from: string) => {
    const c = new Client({ server: server.tcp, localAddress: from, requestTimeoutMs: 5000, reconnect: false });
    clients.push(c);
    return c;
  };
  try {
    await client('127.0.0.21').register('frank', 'password-1');
    await client('127.0.0.21').register('gina', 'password-1');
    // 127.0.0.20 uses its one try; the next comes 250 ms later.
    assert.equal(await wrongLogin(server.tcp, '127.0.0.20', 'nobody'), E.AUTH_FAILED);
    const info = await client('127.0.0.20').login({ user: 'frank', password: 'password-1' });
    assert.equal(info.user, 'frank');
    const refused = (await server.metrics.getSingleMetric('atoll_auth_rate_limited_total')!.get()).values.find((v) => v.labels.reason === 'login_address')!.value;
    assert.ok(refused >= 1, 'the first try was refused and the client tried again');
    // gina is out of failed logins for 1000 s: that does not fit in requestTimeoutMs.
    assert.equal(await wrongLogin(server.tcp, '127.0.0.22', 'gina'), E.AUTH_FAILED);
    const started = performance.now();
    await assert.rejects(client('127.0.0.23').login({ user: 'gina', password: 'password-1' }), rateLimited);
    assert.ok(performance.now() - started < 2000, 'rejected at once, not after waiting');
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
  }
});

test('register() past the per-address burst rejects with RATE_LIMITED', async () => {
  const server = await startTestServer({ registerBurstPerAddress: 1, registerRatePerAddress: 0.001 });
  const c = new Client({ server: server.ws, localAddress: '127.0.0.24', requestTimeoutMs: 5000 });
  try {
    await c.register('hank', 'password-1');
    await assert.rejects(c.register('hank2', 'password-1'), rateLimited);
  } finally {
    await c.close();
    await server.stop();
  }
});
