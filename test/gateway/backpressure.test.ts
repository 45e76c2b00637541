// Backpressure in both directions on one connection: a client whose deliveries are held back by
// its own slow reading, while its own sends wait for the rate limit, loses none of those sends
// when it starts reading again.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RawClient } from '../helpers/raw-client.js';
import { startTestServer } from '../helpers/server.js';

const PW = 'password-1';

it('keeps rate-limited sends queued when a congested delivery stream drains', async () => {
  const server = await startTestServer({
    sendRatePerSec: 50, sendBurst: 200, maxOutboundBytes: 1024 * 1024, inboxWindowBytes: 64 * 1024 * 1024, stallTimeoutMs: 20_000,
  });
  try {
    const alice = await RawClient.login(server.tcp, 'alice', PW, 'laptop', true);
    const bob = await RawClient.login(server.ws, 'bob', PW, 'phone', true);
    alice.reading(false);
    // Bob fills the kernel's buffers and alice's outbound buffer until the server holds deliveries back.
    const big = Buffer.alloc(60 * 1024, 3);
    for (let i = 0; i < 200; i++) bob.sendFrame({ ref: 500 + i, send: { id: `b${i}`, to: 'alice', body: big } });
    for (let i = 0; i < 200; i++) await bob.waitFor((f) => f.ref === 500 + i, 10_000);
    // Alice sends past her burst: 200 go at once, 60 wait for rate tokens (over more than a second).
    const n = 260;
    alice.sendFrames(Array.from({ length: n }, (_, i) => ({ ref: 1000 + i, send: { id: `a${i}`, to: 'bob', body: Buffer.from(`m${i}`) } })));
    await new Promise((resolve) => setTimeout(resolve, 100));
    alice.reading(true); // her buffer drains while her sends still wait
    for (let i = 0; i < n; i++) {
      const ack = await alice.waitFor((f) => f.ref === 1000 + i, 10_000);
      assert.equal(ack.body, 'sendAck', `send a${i} was acked`);
    }
    const got = await bob.receive(n);
    assert.deepEqual(got.map((f) => f.deliver!.message!.id), Array.from({ length: n }, (_, i) => `a${i}`));
    alice.close();
    bob.close();
  } finally {
    await server.stop();
  }
});
