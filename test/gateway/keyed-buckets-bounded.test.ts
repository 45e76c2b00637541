// Keyed rate limits keep a bucket per address or account, in bounded memory: past maxKeys the
// least recently used bucket is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedBuckets } from '../../src/gateway/keyed-buckets.js';

test('each key has its own bucket', () => {
  const k = new KeyedBuckets(2, 1, 10);
  assert.equal(k.take('a', 0), 0);
  assert.equal(k.take('a', 0), 0);
  assert.equal(k.take('a', 0), 1000, 'a is out: the next token is 1 s away');
  assert.equal(k.take('b', 0), 0, 'b is untouched');
  assert.equal(k.peek('a', 0), 1000);
  assert.equal(k.peek('a', 1000), 0, 'peek sees the refill');
  assert.equal(k.peek('a', 1000), 0, 'and takes nothing');
  assert.equal(k.take('a', 1000), 0);
  assert.equal(k.take('a', 1000), 1000);
});

test('past maxKeys the least recently used key is dropped, and the key count stays at the cap', () => {
  const k = new KeyedBuckets(1, 0.001, 3);
  for (const key of ['a', 'b', 'c']) assert.equal(k.take(key, 0), 0);
  // a is used again (refused), so b is now the oldest.
  assert.ok(k.take('a', 0) > 0);
  assert.equal(k.take('d', 0), 0);
  assert.equal(k.size, 3);
  assert.ok(k.take('a', 0) > 0, 'a was kept: still empty');
  assert.ok(k.take('c', 0) > 0, 'c was kept: still empty');
  assert.equal(k.take('b', 0), 0, 'b was dropped: it starts full again');
  for (let i = 0; i < 10_000; i++) k.take(`x${i}`, 0);
  assert.equal(k.size, 3, 'ten thousand new keys do not grow it');
});

test('a bucket given back to full is dropped: a successful login leaves nothing for its account', () => {
  const k = new KeyedBuckets(3, 1, 10);
  assert.equal(k.take('alice', 0), 0);
  k.giveBack('alice', 0);
  assert.equal(k.size, 0, 'full again, so the same as no bucket');
  assert.equal(k.take('bob', 0), 0);
  assert.equal(k.take('bob', 0), 0);
  k.giveBack('bob', 0);
  assert.equal(k.size, 1, 'bob still owes a token: his bucket stays');
  assert.equal(k.take('bob', 0), 0);
  assert.equal(k.take('bob', 0), 0);
  assert.ok(k.take('bob', 0) > 0, 'and counts as before');
});
