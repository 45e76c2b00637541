// Exactly-once to the application: after a resume the server replays inbox items whose ack it
// never got; the client hands each seq to the listeners once and acks promptly, once per tick.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DecodedFrame } from '../../src/protocol/framing.js';
import { Client, type ReceivedMessage, type ReceivedReceipt } from '../../src/client/index.js';
import { FakeServer, waitFor } from './fake-server.js';

function deliver(seq: number, id: string, from = 'bob', to = 'alice') {
  return { deliver: { seq, message: { id, from, to, body: new TextEncoder().encode(`text ${id}`), sentAt: 1000 + seq, fromDevice: 'phone' } } };
}

const acksIn = (frames: DecodedFrame[]): number[] => frames.filter((f) => f.ack).map((f) => f.ack!.seq ?? 0);

test('replayed seqs after a resume are dropped; new ones are handed over once and acked', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1', backoff: { initialMs: 10, jitter: 0 } });
  const got: (ReceivedMessage | ReceivedReceipt)[] = [];
  client.on('message', (m) => got.push(m));
  client.on('receipt', (r) => got.push(r));
  try {
    const [, first] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept({ token: 'tok-A', ackedSeq: 4 }); return c; })]);
    // Items at or below the server's ackedSeq are never handed over; 5 and 6 are new.
    first.send({ ref: 0, ...deliver(4, 'm4') }, { ref: 0, ...deliver(5, 'm5') }, { ref: 0, ...deliver(6, 'm6') });
    await waitFor(() => acksIn(first.received).includes(6), 2000, 'ack 6');
    assert.deepEqual(acksIn(first.received), [6], 'one cumulative ack for a batch that arrived in one read');
    assert.deepEqual(got.map((m) => m.seq), [5, 6]);

    // Drop before the ack of 7 reaches the server; it resumes and replays 5..7, then sends 8.
    first.send({ ref: 0, ...deliver(7, 'm7') });
    await waitFor(() => got.length === 3, 2000, 'message 7');
    first.drop();
    const second = await server.accept();
    const resume = await second.accept({ token: 'tok-B', ackedSeq: 4 });
    assert.equal(resume.resume?.token, 'tok-A', 'resumes with the token from the last LoginOk');
    second.send({ ref: 0, ...deliver(5, 'm5') }, { ref: 0, ...deliver(6, 'm6') }, { ref: 0, ...deliver(7, 'm7') });
    second.send({ ref: 0, deliver: { seq: 8, receipt: { kind: 2, by: 'bob', ids: ['x1', 'x2'], at: 99 } } });
    await waitFor(() => acksIn(second.received).includes(8), 2000, 'ack 8');
    assert.deepEqual(got.map((m) => m.seq), [5, 6, 7, 8], 'each seq handed over exactly once');
    const receipt = got[3] as ReceivedReceipt;
    assert.deepEqual(receipt, { seq: 8, kind: 'read', by: 'bob', ids: ['x1', 'x2'], at: 99 });
    const m5 = got[0] as ReceivedMessage;
    assert.equal(m5.text, 'text m5');
    assert.equal(m5.outgoing, false);
    assert.equal(m5.fromDevice, 'phone');
    // The server learns promptly that everything up to 7 is processed, although it was not re-handed.
    assert.ok(acksIn(second.received)[0] >= 7, `first ack after resume was ${acksIn(second.received)[0]}`);
    assert.equal(client.resumeToken, 'tok-B');
  } finally {
    await client.close();
    await server.close();
  }
});

test('my own sends from another device arrive marked outgoing', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1' });
  try {
    const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept(); return c; })]);
    const message = new Promise<ReceivedMessage>((resolve) => client.on('message', resolve));
    conn.send({ ref: 0, ...deliver(1, 'own', 'alice', 'bob') });
    const m = await message;
    assert.equal(m.outgoing, true);
    assert.equal(m.to, 'bob');
  } finally {
    await client.close();
    await server.close();
  }
});

test('with autoAck off nothing is acked until ack(); ack() is cumulative and batched', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1', autoAck: false });
  const seqs: number[] = [];
  client.on('message', (m) => seqs.push(m.seq));
  try {
    const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept(); return c; })]);
    conn.send({ ref: 0, ...deliver(1, 'a') }, { ref: 0, ...deliver(2, 'b') }, { ref: 0, ...deliver(3, 'c') });
    await waitFor(() => seqs.length === 3);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(acksIn(conn.received), []);
    client.ack(1);
    client.ack(3);
    client.ack(2);
    await waitFor(() => acksIn(conn.received).length > 0);
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(acksIn(conn.received), [3]);
  } finally {
    await client.close();
    await server.close();
  }
});

test('a listener that throws does not stop delivery or acks', async () => {
  const server = await FakeServer.start();
  const client = new Client({ server: server.url, user: 'alice', password: 'password1' });
  const seqs: number[] = [];
  client.on('message', (m) => { if (m.seq === 1) throw new Error('app bug'); });
  client.on('message', (m) => seqs.push(m.seq));
  const uncaught: unknown[] = [];
  client.onListenerError = (err, event) => uncaught.push([event, err]);
  try {
    const [, conn] = await Promise.all([client.login(), server.accept().then(async (c) => { await c.accept(); return c; })]);
    conn.send({ ref: 0, ...deliver(1, 'a') }, { ref: 0, ...deliver(2, 'b') });
    await waitFor(() => acksIn(conn.received).includes(2));
    assert.deepEqual(seqs, [1, 2]);
    assert.equal(uncaught.length, 1);
    const [event, err] = uncaught[0] as [string, Error];
    assert.equal(event, 'message');
    assert.match(err.message, /app bug/);
  } finally {
    await client.close();
    await server.close();
  }
});
