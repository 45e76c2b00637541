// Atoll shares the protobufjs module with the application that embeds it: importing the client or
// the server must leave the host's protobufjs settings alone, while Atoll still gets plain numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import protobuf from 'protobufjs/minimal.js';

interface LongLike { toString(): string }
interface LongClass { fromString(text: string, unsigned: boolean): LongLike; isLong(value: unknown): boolean }

/** long.js as protobufjs itself finds it (its own dependency, not Atoll's). */
function findLong(): LongClass | null {
  try {
    return createRequire(createRequire(import.meta.url).resolve('protobufjs/minimal.js'))('long') as LongClass;
  } catch {
    return null;
  }
}
const Long = findLong();

test('importing atoll/client and the server keeps the host app\'s protobufjs Long, and both still work', { skip: Long === null ? 'long.js is not installed beside protobufjs' : false }, async () => {
  if (Long === null) return;
  // What a host that uses 64-bit Longs does at start-up (protobufjs also finds `long` by itself).
  protobuf.util.Long = Long as unknown as typeof protobuf.util.Long;
  protobuf.configure();
  const hostBytes = protobuf.Writer.create().uint64(Long.fromString('9007199254740993', true) as never).finish();

  const { Client } = await import('../../src/client/index.js');
  const { startTestServer } = await import('../helpers/server.js');
  assert.equal(protobuf.util.Long, Long, 'the host\'s util.Long is still the long.js class');
  const decoded = protobuf.Reader.create(hostBytes).uint64() as unknown;
  assert.ok(Long.isLong(decoded), `the host still decodes uint64 as Long, got ${typeof decoded}`);
  assert.equal((decoded as LongLike).toString(), '9007199254740993', 'no precision lost for the host');

  const server = await startTestServer();
  const alice = new Client({ server: server.tcp, user: 'alice', password: 'password1' });
  const bob = new Client({ server: server.ws, user: 'bob', password: 'password1' });
  try {
    await alice.register('alice', 'password1');
    await alice.register('bob', 'password1');
    const bobLogin = await bob.login();
    await alice.login();
    // acked_seq 0 is not on the wire: the decoded default must be a number too, not a Long.
    assert.equal(bobLogin.ackedSeq, 0);
    assert.equal(typeof bobLogin.tokenExpiresAt, 'number');
    const got = new Promise<{ seq: unknown; sentAt: unknown }>((resolve) => bob.on('message', resolve));
    const sent = await alice.send('bob', 'hi');
    const m = await got;
    assert.equal(typeof m.seq, 'number');
    assert.equal(m.seq, 1);
    assert.equal(m.sentAt, sent.sentAt);
    assert.equal(typeof sent.sentAt, 'number');
    assert.equal(protobuf.util.Long, Long, 'still the host\'s Long after the server and client ran');
  } finally {
    await alice.close();
    await bob.close();
    await server.stop();
  }
});
