// Multi-device delivery: every online device of the recipient, the sender's other devices, devices
// that were offline, and the holding queue of a user who has no device yet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RawClient } from '../../helpers/raw-client.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

const PW = 'password-1';
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString();

describe('devices', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer(); });
  after(async () => server.stop());

  it("reaches every device of the recipient and the sender's other devices, not the sending one", async () => {
    const a1 = await RawClient.login(server.tcp, 'amy', PW, 'phone', true);
    const a2 = await RawClient.login(server.ws, 'amy', PW, 'laptop');
    const b1 = await RawClient.login(server.tcp, 'ben', PW, 'phone', true);
    const b2 = await RawClient.login(server.ws, 'ben', PW, 'tablet');
    await a1.request({ send: { id: 'x1', to: 'ben', body: Buffer.from('hi ben') } }, 'sendAck');
    for (const b of [b1, b2]) {
      const [m] = await b.receive(1);
      assert.equal(text(m.deliver!.message!.body), 'hi ben');
      assert.equal(m.deliver!.message!.from, 'amy');
    }
    const [copy] = await a2.receive(1);
    assert.equal(copy.deliver!.message!.from, 'amy');
    assert.equal(copy.deliver!.message!.to, 'ben');
    assert.equal(copy.deliver!.message!.fromDevice, 'phone');
    // The sending device sees only the receipt, never its own message.
    const r = await a1.waitFor((f) => f.body === 'deliver');
    assert.equal(r.deliver!.receipt!.by, 'ben');
    for (const c of [a1, a2, b1, b2]) c.close();
  });

  it('a device that was offline gets everything queued for it, in order, on login', async () => {
    const c1 = await RawClient.login(server.tcp, 'cat', PW, 'phone', true);
    const c2 = await RawClient.login(server.tcp, 'cat', PW, 'desktop');
    c2.close();
    const dan = await RawClient.login(server.tcp, 'dan', PW, 'd', true);
    for (let i = 0; i < 20; i++) await dan.request({ send: { id: `q${i}`, to: 'cat', body: Buffer.from(String(i)) } }, 'sendAck');
    assert.equal((await c1.receive(20)).length, 20);
    const back = await RawClient.login(server.tcp, 'cat', PW, 'desktop');
    const got = await back.receive(20);
    assert.deepEqual(got.map((f) => text(f.deliver!.message!.body)), Array.from({ length: 20 }, (_, i) => String(i)));
    for (const c of [c1, back, dan]) c.close();
  });

  it('keeps messages for a user with no device until the first device logs in', async () => {
    const reg = await RawClient.connect(server.tcp);
    await reg.request({ hello: { protocolVersion: 1 } }, 'welcome');
    await reg.request({ register: { user: 'newbie', password: PW } }, 'ok');
    reg.close();
    const eve = await RawClient.login(server.tcp, 'eve', PW, 'd', true);
    for (let i = 0; i < 5; i++) await eve.request({ send: { id: `h${i}`, to: 'newbie', body: Buffer.from(`h${i}`) } }, 'sendAck');
    const first = await RawClient.login(server.ws, 'newbie', PW, 'first');
    const got = await first.receive(5);
    assert.deepEqual(got.map((f) => f.deliver!.message!.id), ['h0', 'h1', 'h2', 'h3', 'h4']);
    // A device registered later does not inherit what the first one took.
    const second = await RawClient.login(server.ws, 'newbie', PW, 'second');
    await assert.rejects(second.waitFor((f) => f.body === 'deliver', 300), /timed out/);
    for (const c of [eve, first, second]) c.close();
  });

  it('a second login of the same device replaces the first connection', async () => {
    const old = await RawClient.login(server.tcp, 'fay', PW, 'phone', true);
    const fresh = await RawClient.login(server.ws, 'fay', PW, 'phone');
    const err = await old.waitFor((f) => f.body === 'error');
    assert.equal(err.error!.code, 207);
    assert.equal(err.error!.fatal, true);
    await old.waitClosed();
    const gus = await RawClient.login(server.tcp, 'gus', PW, 'd', true);
    await gus.request({ send: { id: 'r1', to: 'fay', body: Buffer.from('to the new one') } }, 'sendAck');
    const [m] = await fresh.receive(1);
    assert.equal(text(m.deliver!.message!.body), 'to the new one');
    fresh.close();
    gus.close();
  });
});
