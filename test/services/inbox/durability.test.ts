// Acked messages survive a kill -9 of the server process: all of them, in order, exactly once.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { RawClient } from '../../helpers/raw-client.js';
import { startChildServer, tempDir } from '../../helpers/server.js';

const PW = 'password-1';
const dir = tempDir();
after(() => dir.remove());

it('delivers all 500 messages sent to an offline user after the server is killed with SIGKILL', async () => {
  let server = await startChildServer(dir.path, ['--send-burst', '1000']);
  try {
    const bob = await RawClient.login(server.tcp, 'bob', PW, 'phone', true);
    bob.close();
    const alice = await RawClient.login(server.ws, 'alice', PW, 'laptop', true);
    const n = 500;
    const acks: Promise<unknown>[] = [];
    for (let i = 0; i < n; i++) {
      acks.push(alice.request({ send: { id: `m${i}`, to: 'bob', body: Buffer.from(`msg ${i}`) } }, 'sendAck'));
    }
    await Promise.all(acks);
    await server.kill9();

    server = await startChildServer(dir.path);
    const bob2 = await RawClient.login(server.tcp, 'bob', PW, 'phone');
    const got = await bob2.receive(n, 15_000);
    assert.deepEqual(got.map((f) => f.deliver!.message!.id), Array.from({ length: n }, (_, i) => `m${i}`));
    assert.deepEqual(got.map((f) => Buffer.from(f.deliver!.message!.body!).toString()), Array.from({ length: n }, (_, i) => `msg ${i}`));
    const seqs = got.map((f) => f.deliver!.seq!);
    assert.ok(seqs.every((s, i) => i === 0 || s > seqs[i - 1]), 'seqs increase');
    await assert.rejects(bob2.waitFor((f) => f.body === 'deliver', 300), /timed out/);
    // Acked items are gone for good: another login of the same device gets nothing more.
    await bob2.request({ ping: { nonce: 1 } }, 'pong'); // the acks were processed before this reply
    bob2.close();
    const bob3 = await RawClient.login(server.tcp, 'bob', PW, 'phone');
    await assert.rejects(bob3.waitFor((f) => f.body === 'deliver', 500), /timed out/);
    bob3.close();
  } finally {
    await server.stop();
  }
});
