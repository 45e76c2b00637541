// The one token bucket of the gateway: a burst, a steady refill, the wait until the next token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from '../../src/gateway/token-bucket.js';

test('a bucket gives its burst at once, then one token per 1/rate seconds', () => {
  const b = new TokenBucket(3, 2, 0);
  assert.deepEqual([b.take(0), b.take(0), b.take(0), b.take(0)], [true, true, true, false]);
  assert.equal(b.msUntilToken(), 500, 'at 2/s the next token is 500 ms away');
  assert.equal(b.take(499), false);
  assert.equal(b.take(500), true);
  assert.equal(b.take(500), false);
  assert.equal(b.msUntilToken(), 500);
});

test('a bucket never holds more than its capacity, however long it rests', () => {
  const b = new TokenBucket(2, 1000, 0);
  assert.equal(b.fullAt(0), true);
  b.take(0);
  assert.equal(b.fullAt(0), false);
  assert.equal(b.fullAt(1), true);
  const taken = [b.take(1_000_000), b.take(1_000_000), b.take(1_000_000)];
  assert.deepEqual(taken, [true, true, false]);
});

test('a token given back can be taken again, but not above capacity', () => {
  const b = new TokenBucket(1, 0.001, 0);
  assert.equal(b.take(0), true);
  assert.equal(b.take(0), false);
  b.giveBack();
  assert.equal(b.take(0), true);
  b.giveBack();
  b.giveBack();
  assert.equal(b.take(0), true);
  assert.equal(b.take(0), false, 'two give-backs on a full bucket still make one token');
  assert.equal(b.msUntilToken(), 1_000_000, 'fractional rates: 0.001/s is one token per 1000 s');
});
