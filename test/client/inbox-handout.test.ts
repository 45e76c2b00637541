// Which held inbox item goes to whom, and when the server hears of it: messages wait for a
// 'message' listener, receipts for a 'receipt' listener (or are passed over once the application
// listens to messages only), and the cumulative ack never covers an item not handed out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, type ReceivedMessage, type ReceivedReceipt } from '../../src/client/index.js';
import { FakeServer, type FakeConn } from './fake-server.js';

const message = (seq: number) => ({ ref: 0, deliver: { seq, message: { id: `m${seq}`, from: 'bob', to: 'alice', body: new Uint8Array(0), sentAt: seq } } });
const receipt = (seq: number) => ({ ref: 0, deliver: { seq, receipt: { kind: 1, by: 'bob', ids: [`x${seq}`], at: seq } } });

async function liveClient(server: FakeServer, autoAck = true): Promise<{ client: Client; conn: FakeConn }> {
  const client = new Client({ server: server.url, user: 'alice', password: 'password1', autoAck });
  const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept(); return c; })]);
  return { client, conn };
}

/**
 * Two request round trips: the client has read every frame sent before, and any ack it made of
 * them is on the wire before the second request. Returns the acks seen on the way.
 */
async function acksSoFar(client: Client, conn: FakeConn): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < 2; i++) {
    const done = client.markRead('bob', [`barrier-${i}`]);
    for (;;) {
      const f = await conn.next(3000, ['ping']);
      if (f.ack) { seen.push(f.ack.seq ?? 0); continue; }
      assert.equal(f.body, 'markRead');
      conn.send({ ref: f.ref, ok: {} });
      break;
    }
    await done;
  }
  return seen;
}

async function nextAck(conn: FakeConn): Promise<number> {
  const f = await conn.next(3000, ['ping', 'markRead']);
  assert.equal(f.body, 'ack');
  return f.ack!.seq ?? 0;
}

test('with no listener nothing is handed out or acked; a receipt listener takes receipts up to the first message', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server);
  try {
    conn.send(receipt(1), message(2), receipt(3));
    assert.deepEqual(await acksSoFar(client, conn), [], 'nothing acked without listeners');
    const receipts: number[] = [];
    client.on('receipt', (r: ReceivedReceipt) => receipts.push(r.seq));
    assert.equal(await nextAck(conn), 1, 'the receipt handed out is acked; the message behind it is not');
    assert.deepEqual(receipts, [1]);
    const messages: number[] = [];
    client.on('message', (m: ReceivedMessage) => messages.push(m.seq));
    assert.equal(await nextAck(conn), 3);
    assert.deepEqual(messages, [2]);
    assert.deepEqual(receipts, [1, 3]);
  } finally {
    await client.close();
    await server.close();
  }
});

test('listeners attached in one go after the items arrived each get their own kind', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server);
  try {
    conn.send(message(1), receipt(2));
    assert.deepEqual(await acksSoFar(client, conn), []);
    const got: string[] = [];
    client.on('message', (m) => got.push(`message ${m.seq}`));
    client.on('receipt', (r) => got.push(`receipt ${r.seq}`));
    assert.equal(await nextAck(conn), 2);
    assert.deepEqual(got, ['message 1', 'receipt 2'], 'the receipt was not passed over');
  } finally {
    await client.close();
    await server.close();
  }
});

test('with only a message listener, receipts are passed over and acked, so they cannot stall the inbox', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server);
  const messages: number[] = [];
  client.on('message', (m) => messages.push(m.seq));
  try {
    conn.send(receipt(1), message(2), receipt(3));
    assert.equal(await nextAck(conn), 3);
    assert.deepEqual(messages, [2]);
  } finally {
    await client.close();
    await server.close();
  }
});

test('autoAck off: ack() is clamped to what was handed out; passed-over receipts are acked once everything before them is', async () => {
  const server = await FakeServer.start();
  const { client, conn } = await liveClient(server, false);
  try {
    conn.send(message(1), receipt(2), message(3), receipt(4));
    assert.deepEqual(await acksSoFar(client, conn), []);
    client.ack(4); // nothing was handed out yet: acks nothing
    assert.deepEqual(await acksSoFar(client, conn), [], 'ack() of held items is refused');
    const messages: number[] = [];
    client.on('message', (m) => messages.push(m.seq));
    assert.deepEqual(await acksSoFar(client, conn), [], 'handed out but not acked by the application');
    assert.deepEqual(messages, [1, 3]);
    client.ack(1);
    assert.equal(await nextAck(conn), 2, 'the app acked 1; receipt 2 was passed over');
    client.ack(3);
    assert.equal(await nextAck(conn), 4);
  } finally {
    await client.close();
    await server.close();
  }
});
