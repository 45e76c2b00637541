// The behaviour every router implementation must have, written once: order per key, one
// handler at a time per fragment, a bounded mailbox (busy calls refused, droppable casts dropped,
// tells never dropped), an owner that yields to I/O under a long queue, errors reaching the
// caller, and placement spread evenly over fragments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceSpec } from '../../src/cluster/local-router.js';
import { OwnerBusyError, type Router, type SessionSink } from '../../src/cluster/router.js';
import type { SessionEvent } from '../../src/services/sessions/api.js';

/** The test service: every request names the key it was sent to and a sequence number. */
type TestApi = {
  record: { req: { key: string; n: number }; res: { fragment: number; n: number } };
  later: { req: { key: string; n: number }; res: number };
  fail: { req: { message: string }; res: never };
};
export type RouterCaseServices = { log: TestApi };

export interface RouterUnderTest extends Router<RouterCaseServices> {
  register(service: 'log', spec: ServiceSpec<TestApi>): void;
  fragmentOf(key: string): number;
  serveSessions(sink: SessionSink): void;
}

export interface RouterOptions {
  fragments: number;
  seed: number;
  mailboxLimit: number;
}

export type MakeRouter = (options: RouterOptions) => RouterUnderTest;

/** What the owners saw, in the order they saw it. */
interface Seen {
  byFragment: Map<number, Array<{ key: string; n: number }>>;
  handled: number;
  /** True while a handler of that fragment is running. */
  running: Set<number>;
  overlaps: number;
}

function start(make: MakeRouter, options: Partial<RouterOptions> = {}): { router: RouterUnderTest; seen: Seen } {
  const router = make({ fragments: 8, seed: 0x5eed, mailboxLimit: 1000, ...options });
  const seen: Seen = { byFragment: new Map(), handled: 0, running: new Set(), overlaps: 0 };
  router.register('log', {
    createFragment(fragment) {
      const note = (key: string, n: number) => {
        if (seen.running.has(fragment)) seen.overlaps++;
        seen.running.add(fragment);
        let list = seen.byFragment.get(fragment);
        if (!list) seen.byFragment.set(fragment, (list = []));
        list.push({ key, n });
        seen.handled++;
      };
      return {
        record: ({ key, n }) => {
          note(key, n);
          // A handler that reaches its own fragment again must not run the request nested
          // (it would count as an overlap); echoes carry negative numbers.
          if (n > 0 && n % 7 === 0) router.tell('log', key, { type: 'record', key, n: -n });
          seen.running.delete(fragment);
          return { fragment, n };
        },
        later: async ({ key, n }) => {
          note(key, n);
          seen.running.delete(fragment);
          await new Promise((resolve) => setImmediate(resolve));
          return n;
        },
        fail: ({ message }) => {
          throw new Error(message);
        },
      };
    },
  });
  return { router, seen };
}

/** A call that is offered again, one I/O turn later, while the owner answers busy. */
async function callWhenFree(router: RouterUnderTest, key: string, n: number): Promise<number> {
  for (;;) {
    try {
      return await router.call('log', key, { type: 'later', key, n });
    } catch (err) {
      if (!(err instanceof OwnerBusyError)) throw err;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

const keys = (count: number, prefix = 'user') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

export function runRouterCases(name: string, make: MakeRouter): void {
  describe(`${name}: the router cases`, () => {
    it('delivers the requests for one key in the order they were sent, calls and tells mixed', async () => {
      const { router, seen } = start(make);
      const users = keys(40);
      const replies: Array<Promise<unknown>> = [];
      for (let n = 1; n <= 50; n++) {
        for (const key of users) {
          if (n % 3 === 0) router.tell('log', key, { type: 'record', key, n });
          else replies.push(router.call('log', key, { type: 'record', key, n }));
        }
      }
      await Promise.all(replies);
      await callWhenFree(router, 'done', 0);
      for (const key of users) {
        const fragment = router.fragmentOf(key);
        const order = seen.byFragment.get(fragment)!.filter((r) => r.key === key && r.n > 0).map((r) => r.n);
        assert.deepEqual(order, Array.from({ length: 50 }, (_, i) => i + 1), `order of ${key}`);
      }
      assert.equal(seen.overlaps, 0, 'no handler ran while another of its fragment was running');
    });

    it('answers a call with what its handler returned, also when the handler is async', async () => {
      const { router } = start(make);
      const direct = await router.call('log', 'ann', { type: 'record', key: 'ann', n: 3 });
      assert.deepEqual(direct, { fragment: router.fragmentOf('ann'), n: 3 });
      assert.equal(await router.call('log', 'ann', { type: 'later', key: 'ann', n: 4 }), 4);
    });

    it("rejects a call with its handler's error, and the owner goes on serving", async () => {
      const { router } = start(make);
      await assert.rejects(router.call('log', 'bob', { type: 'fail', message: 'no such thing' }), /no such thing/);
      assert.equal(await router.call('log', 'bob', { type: 'later', key: 'bob', n: 1 }), 1);
    });

    it('refuses calls past the mailbox limit with OwnerBusyError and serves every accepted one', async () => {
      const { router, seen } = start(make, { fragments: 1, mailboxLimit: 100 });
      const outcomes = await Promise.allSettled(Array.from({ length: 130 }, (_, n) => router.call('log', 'k', { type: 'record', key: 'k', n: n + 1 })));
      const refused = outcomes.filter((o) => o.status === 'rejected');
      assert.equal(refused.length, 30);
      for (const r of refused) {
        const reason = (r as PromiseRejectedResult).reason;
        assert.ok(reason instanceof OwnerBusyError, String(reason));
        assert.equal(reason.service, 'log');
        assert.equal(reason.fragment, 0);
      }
      assert.deepEqual(seen.byFragment.get(0)!.filter((r) => r.n > 0).map((r) => r.n), Array.from({ length: 100 }, (_, i) => i + 1));
    });

    it('drops droppable casts once the mailbox is half full, but never a tell', async () => {
      const { router, seen } = start(make, { fragments: 1, mailboxLimit: 100 });
      for (let n = 1; n <= 80; n++) router.cast('log', 'k', { type: 'record', key: 'k', n });
      for (let n = 81; n <= 300; n++) router.tell('log', 'k', { type: 'record', key: 'k', n });
      // Answered after everything queued before it: every earlier request was handled or dropped.
      await callWhenFree(router, 'k', 301);
      const got = seen.byFragment.get(0)!.filter((r) => r.n > 0).map((r) => r.n);
      const casts = got.filter((n) => n <= 80);
      assert.deepEqual(casts, Array.from({ length: 50 }, (_, i) => i + 1), 'casts past half the limit were dropped');
      assert.deepEqual(got.filter((n) => n > 80 && n <= 300), Array.from({ length: 220 }, (_, i) => i + 81), 'every tell arrived, in order');
    });

    it('yields to I/O while draining a long queue', async () => {
      const { router, seen } = start(make, { fragments: 1, mailboxLimit: 100_000 });
      const total = 20_000;
      let handledAtFirstTurn = -1;
      setImmediate(() => { handledAtFirstTurn = seen.handled; });
      for (let n = 1; n <= total; n++) router.tell('log', 'k', { type: 'record', key: 'k', n });
      await callWhenFree(router, 'k', total + 1);
      assert.ok(handledAtFirstTurn >= 0, 'the I/O turn ran');
      assert.ok(handledAtFirstTurn < total, `the I/O turn ran after ${handledAtFirstTurn} of ${total} requests, not after all of them`);
    });

    it("hands session events to this node's sessions in order, and ignores other nodes' addresses", async () => {
      const { router } = start(make);
      const got: Array<[string, SessionEvent]> = [];
      router.serveSessions({ node: 'n1', deliver: (id, event) => got.push([id, event]) });
      const here = { node: 'n1', id: 'a.1' };
      const sent: SessionEvent[] = [];
      for (let seq = 1; seq <= 200; seq++) {
        const event: SessionEvent = { type: 'deliver', seq, item: { kind: 'message', id: `m${seq}`, from: 'ann', to: 'bob', body: new Uint8Array([seq & 0xff]), sentAt: seq, fromDevice: 'phone' } };
        sent.push(event);
        router.toSession(here, event);
        if (seq % 50 === 0) router.toSession({ node: 'n2', id: 'a.1' }, { type: 'replaced' });
      }
      // The last event must come after every earlier one: once it is here, nothing else is coming.
      router.toSession(here, { type: 'typing', from: 'ann', active: true });
      for (let i = 0; i < 1000 && got.length <= sent.length; i++) await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(got.map(([id]) => id), new Array(sent.length + 1).fill('a.1'), 'only the address on this node');
      assert.deepEqual(got.slice(0, -1).map(([, e]) => e), sent, 'every event, in order, equal to what was sent');
      assert.deepEqual(got[got.length - 1][1], { type: 'typing', from: 'ann', active: true });
    });

    it('spreads keys evenly over fragments, the same way every time for one seed', () => {
      const options = { fragments: 64, seed: 0x5eed, mailboxLimit: 10 };
      const a = make(options);
      const b = make(options);
      const other = make({ ...options, seed: 0x5eee });
      const counts = new Array<number>(64).fill(0);
      let moved = 0;
      const users = keys(64_000, 'u');
      for (const key of users) {
        const f = a.fragmentOf(key);
        assert.equal(b.fragmentOf(key), f);
        if (other.fragmentOf(key) !== f) moved++;
        counts[f]++;
      }
      const mean = users.length / 64;
      assert.ok(Math.max(...counts) / mean < 1.15, `max/mean ${(Math.max(...counts) / mean).toFixed(3)}`);
      assert.ok(Math.min(...counts) / mean > 0.85, `min/mean ${(Math.min(...counts) / mean).toFixed(3)}`);
      assert.ok(moved / users.length > 0.9, 'another seed places keys independently');
    });
  });
}
