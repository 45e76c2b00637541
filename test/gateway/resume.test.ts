// Resume tokens: a device that lost its connection comes back with the token and gets exactly
// what it had not acked; logout revokes the token; a token only works for its own device.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { wire } from '../../src/protocol/framing.js';
import { RawClient } from '../helpers/raw-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const PW = 'password-1';

describe('resume', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer(); });
  after(async () => server.stop());

  it('re-sends exactly the unacked items after a dropped connection; the client drops seqs it saw', async () => {
    const sender = await RawClient.login(server.tcp, 'rsender', PW, 'd', true);
    const first = await RawClient.connect(server.ws);
    await first.request({ hello: { protocolVersion: 1 } }, 'welcome');
    await first.request({ register: { user: 'rcv', password: PW } }, 'ok');
    const ok = await first.request({ login: { user: 'rcv', password: PW, device: 'phone' } }, 'loginOk');
    const token = ok.loginOk!.resumeToken!;
    for (let i = 0; i < 10; i++) await sender.request({ send: { id: `r${i}`, to: 'rcv', body: Buffer.from(String(i)) } }, 'sendAck');
    // Process (ack) the first 4, see all 10, then lose the connection.
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) seen.push((await first.waitFor((f) => f.body === 'deliver')).deliver!.seq!);
    first.sendFrame({ ack: { seq: seen[3] } });
    await first.request({ ping: { nonce: 1 } }, 'pong');
    first.close();
    await first.waitClosed();

    const again = await RawClient.connect(server.tcp);
    await again.request({ hello: { protocolVersion: 1 } }, 'welcome');
    const resumed = await again.request({ resume: { token } }, 'loginOk');
    assert.equal(resumed.loginOk!.user, 'rcv');
    assert.equal(resumed.loginOk!.device, 'phone');
    assert.equal(resumed.loginOk!.ackedSeq, seen[3]);
    const redelivered = await again.receive(6);
    assert.deepEqual(redelivered.map((f) => f.deliver!.seq), seen.slice(4));
    assert.deepEqual(redelivered.map((f) => f.deliver!.message!.id), ['r4', 'r5', 'r6', 'r7', 'r8', 'r9']);
    await assert.rejects(again.waitFor((f) => f.body === 'deliver', 300), /timed out/);
    again.close();
    sender.close();
  });

  it('refuses the token after logout, and a login on another device leaves it valid', async () => {
    const c = await RawClient.connect(server.tcp);
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    await c.request({ register: { user: 'leaver', password: PW } }, 'ok');
    const token = (await c.request({ login: { user: 'leaver', password: PW, device: 'a' } }, 'loginOk')).loginOk!.resumeToken!;
    await RawClient.login(server.tcp, 'leaver', PW, 'b').then((x) => x.close());
    const r = await RawClient.connect(server.tcp);
    await r.request({ hello: { protocolVersion: 1 } }, 'welcome');
    await r.request({ resume: { token } }, 'loginOk'); // replaces c on device a
    await c.waitClosed();
    await r.request({ logout: {} }, 'ok');
    await r.waitClosed();
    const z = await RawClient.connect(server.tcp);
    await z.request({ hello: { protocolVersion: 1 } }, 'welcome');
    const e = await z.request({ resume: { token } }, 'error');
    assert.equal(e.error!.code, wire.ErrorCode.INVALID_TOKEN);
    z.close();
  });

  it('expires tokens after their lifetime', async () => {
    const short = await startTestServer({ resumeTokenTtlMs: 200 });
    try {
      const c = await RawClient.connect(short.tcp);
      await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
      await c.request({ register: { user: 'brief', password: PW } }, 'ok');
      const token = (await c.request({ login: { user: 'brief', password: PW, device: 'a' } }, 'loginOk')).loginOk!.resumeToken!;
      c.close();
      await new Promise((r) => setTimeout(r, 400));
      const z = await RawClient.connect(short.tcp);
      await z.request({ hello: { protocolVersion: 1 } }, 'welcome');
      assert.equal((await z.request({ resume: { token } }, 'error')).error!.code, wire.ErrorCode.INVALID_TOKEN);
      z.close();
    } finally {
      await short.stop();
    }
  });
});
