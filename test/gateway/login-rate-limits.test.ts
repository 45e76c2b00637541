// Logins, Resumes and Registers are rate-limited per source address and failed logins per
// account, before any hashing: a flood from one address is answered RATE_LIMITED (not fatal,
// with retry_after_ms, counted toward maxLoginAttempts) while other addresses log in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { resolveConfig, ConfigError } from '../../src/config.js';
import { atoll } from '../../src/protocol/generated/atoll.js';
import { startServer } from '../../src/server.js';
import { RawClient } from '../helpers/raw-client.js';
import { TEST_LOGIN_LIMITS, TEST_PRE_LOGIN, TEST_ROUTER, TEST_SCRYPT, startTestServer, tempDir } from '../helpers/server.js';

const E = atoll.v1.ErrorCode;

async function connect(url: string, from: string): Promise<RawClient> {
  const c = await RawClient.connect(url, from);
  await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
  return c;
}

/** One Login on a fresh connection from `from`; resolves with the reply. */
async function loginOnce(url: string, from: string, user: string, password: string) {
  const c = await connect(url, from);
  try {
    const ref = c.sendFrame({ login: { user, password, device: 'd1' } });
    return await c.waitFor((f) => f.ref === ref);
  } finally {
    c.close();
  }
}

async function metric(server: { metrics: { getSingleMetric(name: string): unknown } }, name: string, labels: Record<string, string>): Promise<number> {
  const m = server.metrics.getSingleMetric(name) as { get(): Promise<{ values: Array<{ value: number; labels: Record<string, unknown> }> }> };
  const { values } = await m.get();
  const found = values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x));
  return found?.value ?? 0;
}

test('a wrong-password flood from one address gets RATE_LIMITED while another address logs in', async () => {
  const server = await startTestServer({ loginBurstPerAddress: 20, loginRatePerAddress: 1 });
  const flood: RawClient[] = [];
  try {
    const alice = await connect(server.tcp, '127.0.0.3');
    await alice.request({ register: { user: 'alice', password: 'password-1' } }, 'ok');
    alice.close();
    const started = performance.now();
    const codes: number[] = [];
    let aliceAt = -1;
    let aliceMs = -1;
    let attempts = 0;
    const MAX_ATTEMPTS = 500;
    // Flood until alice is in and the flood was refused after that, within a bound.
    const floodDone = () => attempts >= MAX_ATTEMPTS || (aliceAt >= 0 && codes.slice(aliceAt).includes(E.RATE_LIMITED));
    const flooder = async () => {
      while (!floodDone()) {
        const c = await connect(server.tcp, '127.0.0.2');
        flood.push(c);
        while (!floodDone() && !c.closed) {
          attempts++;
          const ref = c.sendFrame({ login: { user: 'victim', password: 'guess-guess', device: 'd1' } });
          const reply = await c.waitFor((f) => f.ref === ref);
          codes.push(reply.error!.code!);
          if (reply.error!.code === E.RATE_LIMITED) {
            assert.equal(reply.error!.fatal, false, 'RATE_LIMITED is not fatal');
            assert.ok(Number(reply.error!.retryAfterMs) > 0, 'says when to retry');
          }
          if (reply.error!.fatal) await c.waitClosed();
        }
      }
    };
    const real = async () => {
      while (!codes.includes(E.RATE_LIMITED)) await new Promise((resolve) => setImmediate(resolve));
      const t0 = performance.now();
      const c = await connect(server.tcp, '127.0.0.3');
      await c.request({ login: { user: 'alice', password: 'password-1', device: 'd1' } }, 'loginOk');
      aliceMs = performance.now() - t0;
      aliceAt = codes.length;
      c.close();
    };
    await Promise.all([flooder(), flooder(), flooder(), flooder(), flooder(), real()]);
    const elapsedS = (performance.now() - started) / 1000;
    assert.ok(aliceAt >= 0, 'alice logged in');
    assert.ok(aliceMs < 1000, `alice's login took ${aliceMs.toFixed(0)} ms during the flood`);
    assert.ok(codes.slice(aliceAt).includes(E.RATE_LIMITED), 'the flood was still refused after alice got in');
    assert.ok(attempts < MAX_ATTEMPTS, 'ended on its positive signals, not on the bound');
    // Every attempt was either hashed and failed, or refused unhashed.
    const failed = await metric(server, 'atoll_login_failures_total', { kind: 'password' });
    const refused = await metric(server, 'atoll_auth_rate_limited_total', { reason: 'login_address' });
    assert.equal(failed + refused, codes.length);
    assert.ok(failed >= 20 && failed <= 20 + Math.ceil(elapsedS) + 1, `${failed} attempts hashed in ${elapsedS.toFixed(1)} s: the burst plus 1/s`);
    assert.ok(codes.includes(E.TOO_MANY_ATTEMPTS), 'a connection that keeps going is closed');
  } finally {
    for (const c of flood) c.close();
    await server.stop();
  }
});

test('an account past its failed logins answers RATE_LIMITED from any address, and takes the right password after the refill', async () => {
  const server = await startTestServer({ failedLoginBurstPerUser: 3, failedLoginRatePerUser: 2 });
  try {
    const c = await connect(server.ws, '127.0.0.4');
    await c.request({ register: { user: 'bob', password: 'password-1' } }, 'ok');
    c.close();
    for (const from of ['127.0.0.4', '127.0.0.5', '127.0.0.6']) {
      assert.equal((await loginOnce(server.ws, from, 'bob', 'wrong-wrong')).error!.code, E.AUTH_FAILED);
    }
    const refused = await loginOnce(server.tcp, '127.0.0.7', 'bob', 'wrong-wrong');
    assert.equal(refused.error!.code, E.RATE_LIMITED);
    assert.equal(refused.error!.fatal, false);
    assert.match(refused.error!.message!, /failed logins for this account/);
    // The documented trade-off: while the account is out of tries, its right password waits too.
    const owner = await loginOnce(server.tcp, '127.0.0.8', 'bob', 'password-1');
    assert.equal(owner.error!.code, E.RATE_LIMITED);
    const wait = Number(owner.error!.retryAfterMs);
    assert.ok(wait >= 1 && wait <= 2000, `retry after ${wait} ms (one token per 500 ms plus jitter)`);
    // Waiting what the server said is the signal here: the refill is a matter of time.
    await new Promise((resolve) => setTimeout(resolve, wait));
    assert.ok((await loginOnce(server.tcp, '127.0.0.8', 'bob', 'password-1')).loginOk, 'the right password works after the refill');
    // A success gives back only its own try: the next wrong one uses the refilled token, then it is out again.
    assert.equal((await loginOnce(server.tcp, '127.0.0.9', 'bob', 'wrong-wrong')).error!.code, E.AUTH_FAILED);
    assert.equal((await loginOnce(server.tcp, '127.0.0.9', 'bob', 'wrong-wrong')).error!.code, E.RATE_LIMITED);
    // Unknown names are limited the same way, so a refusal does not tell whether an account exists.
    for (let i = 0; i < 3; i++) assert.equal((await loginOnce(server.tcp, '127.0.0.9', 'nobody', 'wrong-wrong')).error!.code, E.AUTH_FAILED);
    assert.equal((await loginOnce(server.tcp, '127.0.0.9', 'nobody', 'wrong-wrong')).error!.code, E.RATE_LIMITED);
    assert.equal(await metric(server, 'atoll_auth_rate_limited_total', { reason: 'login_user' }), 4);
  } finally {
    await server.stop();
  }
});

test('registrations past the per-address burst get RATE_LIMITED; another address still registers', async () => {
  const server = await startTestServer({ registerBurstPerAddress: 3, registerRatePerAddress: 0.001 });
  try {
    const c = await connect(server.tcp, '127.0.0.10');
    for (const user of ['reg1', 'reg2', 'reg3']) await c.request({ register: { user, password: 'password-1' } }, 'ok');
    const refused = await c.request({ register: { user: 'reg4', password: 'password-1' } }, 'error');
    assert.equal(refused.error!.code, E.RATE_LIMITED);
    assert.equal(refused.error!.fatal, false);
    assert.ok(Number(refused.error!.retryAfterMs) >= 999_000, `one a 1000 s: retry after ${refused.error!.retryAfterMs} ms`);
    // A taken name costs no hashing and no token: still USER_EXISTS, not RATE_LIMITED.
    assert.equal((await c.request({ register: { user: 'reg1', password: 'password-1' } }, 'error')).error!.code, E.USER_EXISTS);
    c.close();
    const other = await connect(server.ws, '127.0.0.11');
    await other.request({ register: { user: 'reg4', password: 'password-1' } }, 'ok');
    other.close();
    assert.equal(await metric(server, 'atoll_auth_rate_limited_total', { reason: 'register_address' }), 1);
  } finally {
    await server.stop();
  }
});

test('RATE_LIMITED counts toward maxLoginAttempts: a connection that keeps trying is closed with TOO_MANY_ATTEMPTS', async () => {
  const server = await startTestServer({ loginBurstPerAddress: 1, loginRatePerAddress: 0.001, maxLoginAttempts: 3 });
  try {
    const c = await connect(server.tcp, '127.0.0.12');
    const login = { login: { user: 'carol', password: 'wrong-wrong', device: 'd1' } };
    assert.equal((await c.request(login, 'error')).error!.code, E.AUTH_FAILED);
    assert.equal((await c.request(login, 'error')).error!.code, E.RATE_LIMITED);
    const last = await c.request(login, 'error');
    assert.equal(last.error!.code, E.TOO_MANY_ATTEMPTS);
    assert.equal(last.error!.fatal, true);
    await c.waitClosed();
  } finally {
    await server.stop();
  }
});

test('a good resume token takes nothing from its address; bad ones count, and an address out of tries gets RATE_LIMITED', async () => {
  const server = await startTestServer({ loginBurstPerAddress: 2, loginRatePerAddress: 0.001 });
  try {
    const c = await connect(server.tcp, '127.0.0.13');
    await c.request({ register: { user: 'dave', password: 'password-1' } }, 'ok');
    const ok = await c.request({ login: { user: 'dave', password: 'password-1', device: 'd1' } }, 'loginOk');
    const token = ok.loginOk!.resumeToken!;
    c.close();
    // One try left at .13: five good resumes use none of it.
    for (let i = 0; i < 5; i++) {
      const r = await connect(server.tcp, '127.0.0.13');
      await r.request({ resume: { token } }, 'loginOk');
      r.close();
    }
    const bad = `${token.slice(0, -4)}AAAA`;
    const r = await connect(server.tcp, '127.0.0.13');
    assert.equal((await r.request({ resume: { token: bad } }, 'error')).error!.code, E.INVALID_TOKEN);
    assert.equal((await r.request({ resume: { token: bad } }, 'error')).error!.code, E.RATE_LIMITED, 'the bad token used the last try');
    assert.equal((await r.request({ resume: { token } }, 'error')).error!.code, E.RATE_LIMITED, 'out of tries, a good token waits too');
    r.close();
    const elsewhere = await connect(server.tcp, '127.0.0.14');
    await elsewhere.request({ resume: { token } }, 'loginOk');
    elsewhere.close();
    assert.equal(await metric(server, 'atoll_login_failures_total', { kind: 'token' }), 1);
  } finally {
    await server.stop();
  }
});

test('refusals are logged at warn once per address per minute, with a count', async () => {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>); done(); } });
  const dir = tempDir();
  const config = resolveConfig({ dataDir: dir.path, httpPort: 0, tcpPort: 0, scrypt: TEST_SCRYPT, ...TEST_ROUTER, ...TEST_PRE_LOGIN, ...TEST_LOGIN_LIMITS, loginBurstPerAddress: 1, loginRatePerAddress: 0.001 });
  const server = await startServer(config, { logger: pino({ level: 'info' }, sink) });
  try {
    const url = `tcp://127.0.0.1:${server.tcpPort}`;
    for (let i = 0; i < 12; i++) await loginOnce(url, '127.0.0.15', 'erin', 'wrong-wrong');
    await loginOnce(url, '127.0.0.16', 'erin', 'wrong-wrong');
    await loginOnce(url, '127.0.0.16', 'erin', 'wrong-wrong');
    const refusals = lines.filter((l) => l.msg === 'request refused by a rate limit (one line per address per minute)');
    assert.deepEqual(refusals.map((l) => [l.address, l.reason, l.level]), [['127.0.0.15', 'login_address', 40], ['127.0.0.16', 'login_address', 40]]);
    assert.equal((await metric(server, 'atoll_auth_rate_limited_total', { reason: 'login_address' })), 12);
  } finally {
    await server.close();
    dir.remove();
  }
});

test('login limits are validated: positive rates (fractions allowed), whole bursts', () => {
  assert.equal(resolveConfig({ failedLoginRatePerUser: 0.5 }).failedLoginRatePerUser, 0.5);
  assert.throws(() => resolveConfig({ loginRatePerAddress: 0 }), (e: unknown) => e instanceof ConfigError && /loginRatePerAddress must be a positive number/.test(e.message));
  assert.throws(() => resolveConfig({ registerBurstPerAddress: 1.5 }), /registerBurstPerAddress must be a whole number/);
  assert.throws(() => resolveConfig({ maxRateLimitKeys: 0 }), /maxRateLimitKeys/);
  assert.throws(() => resolveConfig({ maxQueuedAuthPerAddress: -1 }), /maxQueuedAuthPerAddress/);
});
