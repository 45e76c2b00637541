// An idle user holds no empty collections: the sets and maps of its pending work are made when
// work comes and dropped when it is done, since every known user stays in RAM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { track } from '../../../src/services/inbox/changes.js';
import { addTo, newUser } from '../../../src/services/inbox/fragment.js';

test('a new user has no collections but its devices', () => {
  const u = newUser('ann', 0);
  for (const c of [u.states, u.pending, u.dirtyStates, u.forgotten, u.inflightStates]) assert.equal(c, null);
});

test('a set is made on the first add', () => {
  const u = newUser('ann', 0);
  addTo(u, 'dirtyStates', 'bob\u0000m1');
  addTo(u, 'dirtyStates', 'bob\u0000m2');
  assert.deepEqual([...u.dirtyStates!], ['bob\u0000m1', 'bob\u0000m2']);
  assert.equal(u.forgotten, null, 'the other sets stay unmade');
});

test('a pending send is tracked while it runs and leaves no map behind once settled', async () => {
  const u = newUser('ann', 0);
  let finish!: () => void;
  const work = new Promise<void>((resolve) => { finish = resolve; });
  track(u, 'bob\u0000m1', work);
  const first = u.pending!.get('bob\u0000m1');
  assert.ok(first, 'a resend finds the first copy to wait for');
  finish();
  await first;
  assert.equal(u.pending, null);
});
