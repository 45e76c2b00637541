// The delivery window is bounded in bytes as well as items: a device that does not ack holds at
// most inboxWindowBytes (plus one item) of unacked deliveries, whether they come from RAM or are
// read back from LMDB, and an item larger than the window still goes out alone.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { DecodedFrame } from '../../../src/protocol/framing.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startTestServer } from '../../helpers/server.js';

const PW = 'password-1';
const WINDOW_BYTES = 8 * 1024;
const BODY = 1024;
/**
 * Items of BODY bytes pushed before the window closes: each is counted as its body plus about
 * 600 B (src/services/inbox/fragment.ts), so 6 at most; counting bodies alone would let 8 or 9 go.
 */
const MOST_IN_FLIGHT = Math.ceil(WINDOW_BYTES / (BODY + 600));

/** Deliveries that arrive without acking any, once nothing more comes for a while. */
async function unackedBurst(c: RawClient): Promise<DecodedFrame[]> {
  await c.waitFor((f) => f.body === 'deliver', 5000).then((f) => c.frames.unshift(f));
  let seen = -1;
  while (seen !== c.frames.length) {
    seen = c.frames.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return c.frames.filter((f) => f.body === 'deliver');
}

async function ackAll(c: RawClient, upTo: DecodedFrame[]): Promise<void> {
  c.frames.splice(0, c.frames.length, ...c.frames.filter((f) => !upTo.includes(f)));
  c.sendFrame({ ref: 0, ack: { seq: upTo[upTo.length - 1].deliver!.seq } });
}

async function checkWindow(dataOverrides: { syncDelayMs: number }, n: number): Promise<void> {
  const server = await startTestServer({ inboxWindowBytes: WINDOW_BYTES, sendBurst: 1000, ...dataOverrides });
  try {
    (await RawClient.login(server.tcp, 'bob', PW, 'phone', true)).close();
    const alice = await RawClient.login(server.tcp, 'alice', PW, 'laptop', true);
    for (let i = 0; i < n; i++) await alice.request({ send: { id: `m${i}`, to: 'bob', body: Buffer.alloc(BODY, i) } }, 'sendAck');
    if (dataOverrides.syncDelayMs === 0) await new Promise((resolve) => setTimeout(resolve, 500)); // flushed to LMDB and evicted
    const bob = await RawClient.login(server.tcp, 'bob', PW, 'phone');
    const ids: string[] = [];
    while (ids.length < n) {
      const burst = await unackedBurst(bob);
      assert.ok(burst.length <= MOST_IN_FLIGHT, `at most ${MOST_IN_FLIGHT} unacked deliveries at once; got ${burst.length}`);
      ids.push(...burst.map((f) => f.deliver!.message!.id!));
      await ackAll(bob, burst);
    }
    assert.deepEqual(ids, Array.from({ length: n }, (_, i) => `m${i}`), 'all arrive, in order, once');
    alice.close();
    bob.close();
  } finally {
    await server.stop();
  }
}

it('bounds unacked deliveries from RAM by the byte window', async () => {
  await checkWindow({ syncDelayMs: 60_000 }, 40);
});

it('bounds unacked deliveries read back from LMDB by the byte window', async () => {
  await checkWindow({ syncDelayMs: 0 }, 40);
});

it('delivers an item larger than the whole window', async () => {
  const server = await startTestServer({ inboxWindowBytes: WINDOW_BYTES });
  try {
    const bob = await RawClient.login(server.tcp, 'bob', PW, 'phone', true);
    const alice = await RawClient.login(server.ws, 'alice', PW, 'laptop', true);
    for (let i = 0; i < 3; i++) await alice.request({ send: { id: `big${i}`, to: 'bob', body: Buffer.alloc(4 * WINDOW_BYTES, i) } }, 'sendAck');
    const first = await unackedBurst(bob);
    assert.deepEqual(first.map((f) => f.deliver!.message!.id), ['big0'], 'one oversized item at a time');
    await ackAll(bob, first);
    const rest = await bob.receive(2);
    assert.deepEqual(rest.map((f) => f.deliver!.message!.id), ['big1', 'big2']);
    alice.close();
    bob.close();
  } finally {
    await server.stop();
  }
});
