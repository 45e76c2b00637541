// With the login limits raised (a big NAT), a wrong-password flood from one address fills only
// its share of the hashing queue, and another address's login is served within a few hashing
// slots instead of behind the whole flood.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atoll } from '../../src/protocol/generated/atoll.js';
import { RawClient } from '../helpers/raw-client.js';
import { startTestServer } from '../helpers/server.js';

const E = atoll.v1.ErrorCode;

test('a login from another address overtakes a queue full of one address\'s wrong passwords', async () => {
  // Real hashing cost, so the flood's queue takes a while to drain.
  const server = await startTestServer({ scrypt: { N: 16384, r: 8, p: 1 }, maxConcurrentAuth: 2, maxQueuedAuthPerAddress: 32 });
  const flood: RawClient[] = [];
  try {
    const alice = await RawClient.connect(server.tcp, '127.0.0.3');
    await alice.request({ hello: { protocolVersion: 1 } }, 'welcome');
    await alice.request({ register: { user: 'alice', password: 'password-1' } }, 'ok');
    const failedAt: number[] = [];
    const refusedAt: number[] = [];
    const replies: Promise<void>[] = [];
    for (let i = 0; i < 60; i++) {
      const c = await RawClient.connect(server.tcp, '127.0.0.2');
      flood.push(c);
      await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
      const ref = c.sendFrame({ login: { user: 'victim', password: 'guess-guess', device: 'd1' } });
      replies.push(c.waitFor((f) => f.ref === ref, 30_000).then((reply) => {
        if (reply.error!.code === E.AUTH_FAILED) failedAt.push(performance.now());
        else if (reply.error!.code === E.RATE_LIMITED) refusedAt.push(performance.now());
        else assert.fail(`unexpected reply ${reply.error!.code}`);
      }));
    }
    // The flood's share of the queue is full once one of its logins is refused for it.
    while (refusedAt.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const sentAt = performance.now();
    await alice.request({ login: { user: 'alice', password: 'password-1', device: 'd1' } }, 'loginOk');
    const okAt = performance.now();
    await Promise.all(replies);
    const overtakenBy = failedAt.filter((t) => t > sentAt && t < okAt).length;
    const after = failedAt.filter((t) => t > okAt).length;
    // Two slots in flight, one beside alice's own hashing, and replies read late on a busy machine
    // (the times are taken when this process reads them): a handful, against the flood's 32.
    assert.ok(overtakenBy <= 8, `${overtakenBy} flood logins finished while alice's waited (a few slots, not the flood's 32)`);
    assert.ok(after >= 20, `${after} flood logins were still queued when alice was in`);
    const refusedMetric = (await server.metrics.getSingleMetric('atoll_auth_rate_limited_total')!.get()).values
      .find((v) => v.labels.reason === 'auth_queue_address')!.value;
    assert.equal(refusedMetric, refusedAt.length);
    alice.close();
  } finally {
    for (const c of flood) c.close();
    await server.stop();
  }
});
