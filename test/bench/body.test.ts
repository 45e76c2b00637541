import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBody, encodeBody, pickRecipient } from '../../src/bench/fleet.js';

test('message bodies carry run, step and scheduled send time, padded to the size asked', () => {
  const b = encodeBody('r9', 3, 123456789.6, 64);
  assert.equal(b.length, 64);
  assert.deepEqual(decodeBody(b), { runId: 'r9', step: 3, sendUs: 123456790 });
  assert.ok(encodeBody('r9', 0, 1, 1).length > 1, 'never shorter than its header');
  assert.equal(decodeBody('hello'), null);
  assert.equal(decodeBody('r|x|1|'), null);
  assert.equal(decodeBody('r|-1|1|'), null);
});

test('recipients are random users of the range, never the sender itself', () => {
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const u = pickRecipient({ first: 10, count: 5 }, 12);
    assert.ok(u >= 10 && u < 15 && u !== 12);
    seen.add(u);
  }
  assert.equal(seen.size, 4);
  assert.equal(pickRecipient({ first: 7, count: 1 }, 7), 7);
});
