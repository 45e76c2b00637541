// The client never acks an inbox item it has not handed to the application: against the real
// server, a client with no listener yet holds its backlog unacked (across a resume too), and hands
// all of it over, once, to listeners attached after login().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, type ClientOptions, type ReceivedMessage, type ReceivedReceipt } from '../../src/client/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { CuttableProxy, type TappedFrame } from './proxy.js';
import { nextEvent, waitFor } from './fake-server.js';

let server: TestServer;
const clients: Client[] = [];

before(async () => { server = await startTestServer(); });
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.stop();
});

function client(url: string, options: Partial<ClientOptions> = {}): Client {
  const c = new Client({ server: url, requestTimeoutMs: 5000, backoff: { initialMs: 20, jitter: 0 }, ...options });
  clients.push(c);
  return c;
}

const delivers = (frames: TappedFrame[]) => frames.filter((f) => f.dir === 'down' && f.frame.deliver);
const acks = (frames: TappedFrame[]) => frames.filter((f) => f.dir === 'up' && f.frame.ack).map((f) => f.frame.ack!.seq ?? 0);

/**
 * Queues for bob/phone three messages from alice and the DELIVERED receipt of bob's own message,
 * interleaved in one inbox. Returns alice's message ids.
 */
async function queueBacklog(alice: string, bob: string): Promise<string[]> {
  const reg = client(server.ws);
  await reg.register(alice, 'password1');
  await reg.register(bob, 'password1');
  await reg.close();
  const bobSends = client(server.ws, { user: bob, password: 'password1', device: 'phone' });
  await bobSends.login();
  await bobSends.send(alice, 'from bob', { id: 'b1' });
  await bobSends.close();
  const aliceC = client(server.ws, { user: alice, password: 'password1' });
  const seen = nextEvent(aliceC, 'message'); // alice acks b1: a DELIVERED receipt for bob's queue
  await aliceC.login();
  await aliceC.send(bob, 'one', { id: 'a1' });
  assert.equal((await seen).id, 'b1');
  await aliceC.send(bob, 'two', { id: 'a2' });
  await aliceC.send(bob, 'three', { id: 'a3' });
  await aliceC.close();
  return ['a1', 'a2', 'a3'];
}

test('listeners attached after login() get the whole backlog once; nothing is acked before it is handed out', async () => {
  const [alice, bob] = ['held-alice', 'held-bob'];
  const ids = await queueBacklog(alice, bob);
  const proxy = await CuttableProxy.start(server.tcpPort, { tap: true });
  try {
    const late = client(`tcp://127.0.0.1:${proxy.port}`, { user: bob, password: 'password1', device: 'phone' });
    const login = await late.login();
    assert.equal(login.ackedSeq, 0);
    // The whole backlog reached the client (three messages and the receipt)...
    await proxy.waitForFrames((f) => delivers(f).length >= 4, 5000, 'the backlog');
    // ...and it has read all of it by the time it reads the replies after it: any ack it made of
    // the backlog would go up before the second request.
    await late.subscribe([alice]);
    await late.unsubscribe([alice]);
    assert.deepEqual(acks(proxy.frames), [], 'nothing acked while no listener was attached');

    // A drop while the backlog is held: the client resumes and the server replays all of it.
    const before = delivers(proxy.frames).length;
    proxy.cutAll();
    await proxy.waitForFrames((f) => delivers(f).length >= before + 4, 5000, 'the replay after the resume');
    await late.subscribe([alice]);
    await late.unsubscribe([alice]);
    assert.deepEqual(acks(proxy.frames), [], 'still nothing acked after the resume');

    const got: (ReceivedMessage | ReceivedReceipt)[] = [];
    late.on('message', (m) => got.push(m));
    late.on('receipt', (r) => got.push(r));
    await waitFor(() => got.length >= 4, 3000, 'the held backlog');
    const messages = got.filter((x): x is ReceivedMessage => 'text' in x);
    const receipts = got.filter((x): x is ReceivedReceipt => 'kind' in x);
    assert.deepEqual(messages.map((m) => m.id), ids, 'every message once, in order');
    assert.deepEqual(receipts.map((r) => [r.kind, r.ids]), [['delivered', ['b1']]]);
    const seqs = got.map((x) => x.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'in seq order');
    assert.equal(new Set(seqs).size, seqs.length, 'no seq twice');
    const last = seqs[seqs.length - 1];
    await proxy.waitForFrames((f) => acks(f).includes(last), 3000, `the ack of seq ${last}`);
    assert.equal(got.length, 4, 'nothing handed over twice after the replay');

    // The server now holds it all as acked: another session of the device starts after it.
    await late.close();
    const again = client(server.ws, { user: bob, password: 'password1', device: 'phone' });
    assert.equal((await again.login()).ackedSeq, last);
  } finally {
    await proxy.close();
  }
});

test('a second session of the same device gets everything the first one held without a listener', async () => {
  const [alice, bob] = ['held2-alice', 'held2-bob'];
  const ids = await queueBacklog(alice, bob);
  const proxy = await CuttableProxy.start(server.tcpPort, { tap: true });
  try {
    const first = client(`tcp://127.0.0.1:${proxy.port}`, { user: bob, password: 'password1', device: 'phone' });
    await first.login();
    await proxy.waitForFrames((f) => delivers(f).length >= 4, 5000, 'the backlog');
    await first.subscribe([alice]);
    await first.close();
    const second = client(server.ws, { user: bob, password: 'password1', device: 'phone' });
    const got: ReceivedMessage[] = [];
    second.on('message', (m) => got.push(m));
    const login = await second.login();
    assert.equal(login.ackedSeq, 0, 'the first session acked nothing');
    await waitFor(() => got.length >= 3, 3000, 'the backlog on the second session');
    assert.deepEqual(got.map((m) => m.id), ids);
  } finally {
    await proxy.close();
  }
});
