// The browser-safe typed emitter: on/off/once, removal during emit, and a throwing listener.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from '../../src/client/emitter.js';

class Box extends Emitter<{ n: number; s: string }> {
  fire<K extends 'n' | 's'>(event: K, value: { n: number; s: string }[K]): void { this.emit(event, value); }
}

test('on, off and once deliver to the right listeners', () => {
  const box = new Box();
  const seen: string[] = [];
  const a = (n: number) => seen.push(`a${n}`);
  box.on('n', a).once('n', (n) => seen.push(`once${n}`)).on('s', (s) => seen.push(s));
  box.fire('n', 1);
  box.fire('n', 2);
  box.off('n', a);
  box.fire('n', 3);
  box.fire('s', 'x');
  assert.deepEqual(seen, ['a1', 'once1', 'a2', 'x']);
  assert.equal(box.listenerCount('n'), 0);
});

test('a listener removed during emit still sees the current event; one that throws does not stop the others', () => {
  const box = new Box();
  const seen: string[] = [];
  const errors: unknown[] = [];
  box.onListenerError = (err) => errors.push(err);
  const second = () => seen.push('second');
  box.on('n', () => { box.off('n', second); throw new Error('boom'); });
  box.on('n', second);
  box.fire('n', 1);
  box.fire('n', 2);
  assert.deepEqual(seen, ['second']);
  assert.equal(errors.length, 2);
});
