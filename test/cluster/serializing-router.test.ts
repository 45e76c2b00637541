// The serialising router passes the shared router cases, hands every owner a copy decoded from
// bytes, and refuses anything that is not plain data, naming where it was.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotPlainDataError, assertPlainData } from '../../src/cluster/plain-data.js';
import { SerializingRouter } from '../../src/cluster/serializing-router.js';
import { runRouterCases, type RouterCaseServices } from './router-cases.js';

runRouterCases('SerializingRouter', ({ fragments, seed, mailboxLimit }) => new SerializingRouter<RouterCaseServices>(fragments, seed, mailboxLimit));

type EchoApi = { echo: { req: { value: unknown }; res: { value: unknown; same: boolean } } };

describe('SerializingRouter', () => {
  function echoRouter() {
    const router = new SerializingRouter<{ echo: EchoApi }>(2, 1, 100);
    const sent: unknown[] = [];
    router.register('echo', { createFragment: () => ({ echo: ({ value }) => ({ value, same: sent.includes(value) }) }) });
    return { router, sent };
  }

  it('hands the owner a decoded copy and the caller a decoded copy of the reply', async () => {
    const { router, sent } = echoRouter();
    const value = { user: 'ann', body: new Uint8Array([1, 2, 3]), seq: 7n, tags: ['a', null, undefined], nested: Object.assign(Object.create(null), { x: 1 }) };
    sent.push(value);
    const reply = await router.call('echo', 'ann', { type: 'echo', value });
    assert.equal(reply.same, false, 'the owner got a copy, not the object itself');
    assert.notEqual(reply.value, value);
    assert.deepEqual(reply.value, { ...value, nested: { x: 1 } });
  });

  it('refuses a live object, naming the field', async () => {
    const { router } = echoRouter();
    class Session { id = 1; push() { return true; } }
    assert.throws(() => router.tell('echo', 'ann', { type: 'echo', value: { session: new Session() } }), (err: unknown) =>
      err instanceof NotPlainDataError && err.path === 'echo.echo.value.session' && /instance of Session/.test(err.message));
    await assert.rejects(router.call('echo', 'ann', { type: 'echo', value: [1, () => 2] }), (err: unknown) =>
      err instanceof NotPlainDataError && err.path === 'echo.echo.value[1]' && /a function/.test(err.message));
  });

  it('accepts exactly plain data', () => {
    assertPlainData({ a: [1, 'x', true, null, undefined, 2n, new Uint8Array(2), Buffer.from('b')] });
    for (const bad of [new Map(), new Date(), Symbol('s'), new (class X {})(), Promise.resolve()]) {
      assert.throws(() => assertPlainData({ bad }), NotPlainDataError, String(bad?.constructor?.name ?? typeof bad));
    }
  });
});
