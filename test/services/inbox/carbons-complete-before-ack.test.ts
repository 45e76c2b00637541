// A send is acked only once the copies for the sender's other devices are durable too, and a
// resend after a failed copy completes it before answering as a duplicate.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DecodedFrame } from '../../../src/protocol/framing.js';
import { fragmentOf } from '../../../src/cluster/placement.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

const PW = 'password-1';
const MAILBOX = 2;
const SENDS = 4;

/** Recipient names in distinct inbox fragments, none the sender's: each store lands on its own owner. */
function recipients(sender: string, fragments: number, seed: number): string[] {
  const used = new Set([fragmentOf(sender, fragments, seed)]);
  const out: string[] = [];
  for (let i = 0; out.length < SENDS && i < 10_000; i++) {
    const name = `rcpt${i}`;
    const f = fragmentOf(name, fragments, seed);
    if (used.has(f)) continue;
    used.add(f);
    out.push(name);
  }
  return out;
}

/** Up to `n` deliveries, acked as they come; fewer if no more arrive within 3 s. */
async function collect(c: RawClient, n: number): Promise<DecodedFrame[]> {
  const out: DecodedFrame[] = [];
  while (out.length < n) {
    const f = await c.waitFor((x) => x.body === 'deliver', 3000).catch(() => null);
    if (!f) break;
    out.push(f);
    c.sendFrame({ ref: 0, ack: { seq: f.deliver!.seq } });
  }
  return out;
}

describe('carbons are durable before the SendAck', () => {
  let server: TestServer;
  // A sender-side mailbox that holds two requests: a burst of sends to owners of other fragments
  // makes the later copies for the sender's other device fail (a real refusal, SERVER_BUSY).
  before(async () => { server = await startTestServer({ mailboxLimit: MAILBOX }); });
  after(async () => server.stop());

  it('a resend after a failed carbon stores the carbon, then answers duplicate', async () => {
    const { fragments, hashSeed } = { fragments: 256, hashSeed: 0x9747b28c };
    const names = recipients('amy', fragments, hashSeed);
    assert.equal(names.length, SENDS);
    for (const name of names) (await RawClient.login(server.tcp, name, PW, 'd', true)).close();
    const laptop = await RawClient.login(server.tcp, 'amy', PW, 'laptop', true);
    laptop.close();
    await laptop.waitClosed();

    const phone = await RawClient.login(server.tcp, 'amy', PW, 'phone');
    // One write, so the server reads every Send in one go and the stores reach their owners together.
    phone.sendFrames(names.map((to, i) => ({ ref: 100 + i, send: { id: `m${i}`, to, body: Buffer.from(`hello ${i}`) } })));
    const refused = await phone.waitFor((f) => f.body === 'error');
    assert.equal(refused.error!.code, 500, 'a carbon was refused by the full mailbox (SERVER_BUSY)');
    await phone.waitClosed();

    // The client resends every unacked Send with its id, as the protocol says.
    const again = await RawClient.login(server.tcp, 'amy', PW, 'phone');
    for (let i = 0; i < SENDS; i++) {
      const ack = await again.request({ send: { id: `m${i}`, to: names[i], body: Buffer.from(`hello ${i}`) } }, 'sendAck');
      assert.equal(ack.sendAck!.id, `m${i}`);
    }
    again.close();

    const back = await RawClient.login(server.tcp, 'amy', PW, 'laptop');
    const copies = await collect(back, SENDS);
    assert.deepEqual(copies.map((f) => f.deliver!.message!.id), names.map((_, i) => `m${i}`), 'every acked send has its carbon');
    for (const f of copies) assert.equal(f.deliver!.message!.from, 'amy');
    // Nothing more: each carbon exactly once (a later frame proves none is pending).
    await back.request({ ping: { nonce: 7 } }, 'pong');
    assert.equal(back.frames.filter((f) => f.body === 'deliver').length, 0);
    back.close();
  });
});
