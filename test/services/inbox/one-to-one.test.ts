// 1:1 messaging through a real server over real sockets: acks, delivery, receipts, idempotency, order.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RawClient } from '../../helpers/raw-client.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

const PW = 'password-1';
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString();

for (const transport of ['tcp', 'ws'] as const) {
  describe(`1:1 messaging over ${transport}`, () => {
    let server: TestServer;
    let url: string;
    before(async () => {
      server = await startTestServer();
      url = server[transport];
    });
    after(async () => server.stop());

    it('acks a send, delivers it to the recipient, and returns a delivered receipt after the ack', async () => {
      const alice = await RawClient.login(url, 'alice', PW, 'phone', true);
      const bob = await RawClient.login(url, 'bob', PW, 'phone', true);
      const ack = await alice.request({ send: { id: 'm1', to: 'bob', body: Buffer.from('hello') } }, 'sendAck');
      assert.equal(ack.sendAck!.id, 'm1');
      assert.equal(ack.sendAck!.duplicate, false);
      const [got] = await bob.receive(1);
      assert.equal(got.deliver!.message!.from, 'alice');
      assert.equal(got.deliver!.message!.fromDevice, 'phone');
      assert.equal(text(got.deliver!.message!.body), 'hello');
      assert.equal(got.deliver!.message!.sentAt, ack.sendAck!.sentAt);
      const [receipt] = await alice.receive(1);
      assert.equal(receipt.deliver!.receipt!.kind, 1);
      assert.equal(receipt.deliver!.receipt!.by, 'bob');
      assert.deepEqual(receipt.deliver!.receipt!.ids, ['m1']);

      await bob.request({ markRead: { from: 'alice', ids: ['m1'] } }, 'ok');
      const [read] = await alice.receive(1);
      assert.equal(read.deliver!.receipt!.kind, 2);
      assert.deepEqual(read.deliver!.receipt!.ids, ['m1']);
      alice.close();
      bob.close();
    });

    it('treats a resend of the same id as the same message', async () => {
      const carol = await RawClient.login(url, 'carol', PW, 'd', true);
      await RawClient.login(url, 'dave', PW, 'd', true).then((c) => c.close());
      const first = await carol.request({ send: { id: 'same', to: 'dave', body: Buffer.from('x') } }, 'sendAck');
      const again = await carol.request({ send: { id: 'same', to: 'dave', body: Buffer.from('x') } }, 'sendAck');
      assert.equal(again.sendAck!.duplicate, true);
      assert.equal(again.sendAck!.sentAt, first.sendAck!.sentAt);
      const dave = await RawClient.login(url, 'dave', PW, 'd');
      const got = await dave.receive(1);
      assert.equal(got[0].deliver!.message!.id, 'same');
      await assert.rejects(dave.waitFor((f) => f.body === 'deliver', 300), /timed out/);
      carol.close();
      dave.close();
    });

    it('keeps per-pair order for a burst of messages', async () => {
      const erin = await RawClient.login(url, 'erin', PW, 'd', true);
      const frank = await RawClient.login(url, 'frank', PW, 'd', true);
      const n = 300;
      erin.sendFrames(Array.from({ length: n }, (_, i) => ({ ref: 1000 + i, send: { id: `o${i}`, to: 'frank', body: Buffer.from(String(i)) } })));
      const got = await frank.receive(n);
      assert.deepEqual(got.map((f) => text(f.deliver!.message!.body)), Array.from({ length: n }, (_, i) => String(i)));
      erin.close();
      frank.close();
    });

    it('answers USER_NOT_FOUND for an unknown recipient and keeps the connection', async () => {
      const gina = await RawClient.login(url, 'gina', PW, 'd', true);
      const err = await gina.request({ send: { id: 'x', to: 'nobody', body: Buffer.from('?') } }, 'error');
      assert.equal(err.error!.code, 300);
      await gina.request({ ping: { nonce: 7 } }, 'pong');
      gina.close();
    });
  });
}
