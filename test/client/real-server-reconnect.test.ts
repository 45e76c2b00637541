// Reconnect and resume against the real server: connections are cut mid-stream (both sides, by a
// proxy in between) and the server is restarted, while messages flow. Nothing may be lost and
// nothing handed to the application twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, type ReceivedMessage } from '../../src/client/index.js';
import { startTestServer, tempDir } from '../helpers/server.js';
import { CuttableProxy } from './proxy.js';
import { waitFor } from './fake-server.js';

const COUNT = 300;
const fastBackoff = { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.5 };

for (const kind of ['ws', 'tcp'] as const) {
  test(`${kind}: cutting both clients' connections mid-stream loses and duplicates nothing`, async () => {
    const server = await startTestServer();
    const proxy = await CuttableProxy.start(kind === 'ws' ? server.httpPort : server.tcpPort);
    const url = kind === 'ws' ? `ws://127.0.0.1:${proxy.port}` : `tcp://127.0.0.1:${proxy.port}`;
    const sender = new Client({ server: url, user: 'ann', password: 'password1', backoff: fastBackoff });
    const receiver = new Client({ server: url, user: 'ben', password: 'password1', backoff: fastBackoff });
    try {
      await sender.register('ann', 'password1');
      await sender.register('ben', 'password1');
      await Promise.all([sender.login(), receiver.login()]);
      const got: ReceivedMessage[] = [];
      receiver.on('message', (m) => got.push(m));
      let resumes = 0;
      receiver.on('login', () => resumes++);

      const sends: Promise<unknown>[] = [];
      let cuts = 0;
      for (let i = 0; i < COUNT; i++) {
        sends.push(sender.send('ben', `m${i}`, { id: `id-${i}` }));
        if (i % 60 === 30) {
          // Once both are live again, let some of the batch reach the wire, then cut every
          // connection in both directions.
          await waitFor(() => sender.state === 'live' && receiver.state === 'live', 5000, 'both clients live');
          await new Promise((r) => setTimeout(r, 5));
          cuts += proxy.cutAll() > 0 ? 1 : 0;
        }
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      const results = await Promise.all(sends);
      assert.equal(results.length, COUNT, 'every send was confirmed');
      await waitFor(() => got.length >= COUNT, 10_000, `all ${COUNT} messages (have ${got.length})`);
      await new Promise((r) => setTimeout(r, 100));

      assert.ok(cuts >= 4, `expected several cuts, got ${cuts}`);
      assert.ok(resumes >= 2, `the receiver resumed ${resumes - 1} times`);
      assert.deepEqual(got.map((m) => m.id), Array.from({ length: COUNT }, (_, i) => `id-${i}`), 'each message once, in order');
      const seqs = got.map((m) => m.seq);
      assert.ok(seqs.every((s, i) => i === 0 || s > seqs[i - 1]), 'seqs strictly increase');
      assert.equal(sender.state, 'live');
      assert.equal(receiver.state, 'live');
    } finally {
      await Promise.all([sender.close(), receiver.close()]);
      await proxy.close();
      await server.stop();
    }
  });
}

test('a server restart (SHUTTING_DOWN) is ridden out: sends made meanwhile arrive once', async () => {
  const dir = tempDir();
  let server = await startTestServer({ dataDir: dir.path });
  const proxy = await CuttableProxy.start(server.tcpPort);
  const url = `tcp://127.0.0.1:${proxy.port}`;
  const sender = new Client({ server: url, user: 'cat', password: 'password1', backoff: fastBackoff });
  const receiver = new Client({ server: url, user: 'dot', password: 'password1', backoff: fastBackoff });
  const errors: string[] = [];
  sender.on('error', (e) => errors.push(e.code));
  try {
    await sender.register('cat', 'password1');
    await sender.register('dot', 'password1');
    await Promise.all([sender.login(), receiver.login()]);
    const got: string[] = [];
    receiver.on('message', (m) => got.push(m.id));
    for (let i = 0; i < 20; i++) await sender.send('dot', 'before', { id: `b${i}` });
    await waitFor(() => got.length === 20);

    await server.close();
    await waitFor(() => sender.state !== 'live' && receiver.state !== 'live', 3000, 'both clients to notice');
    const during = Array.from({ length: 20 }, (_, i) => sender.send('dot', 'during', { id: `d${i}` }));
    server = await startTestServer({ dataDir: dir.path });
    proxy.targetPort = server.tcpPort;

    await Promise.all(during);
    await waitFor(() => got.length === 40, 10_000, `40 messages (have ${got.length})`);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(got, [...Array.from({ length: 20 }, (_, i) => `b${i}`), ...Array.from({ length: 20 }, (_, i) => `d${i}`)]);
    assert.ok(errors.includes('SHUTTING_DOWN'), `the sender was told why: ${errors.join(',')}`);
  } finally {
    await Promise.all([sender.close(), receiver.close()]);
    await proxy.close();
    await server.close();
    dir.remove();
  }
});
