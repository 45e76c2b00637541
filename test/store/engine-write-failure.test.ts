// When the log cannot make a change durable, the inbox neither acks it nor keeps it: no item is
// left in a queue (where it would block every later delivery) and a resend is not mistaken for a
// duplicate of a message that was never stored.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { tempDir } from '../helpers/server.js';
import { attach, detach, openEngineNode } from './engine-node.js';

it('rolls back a store whose log append failed', async () => {
  const dir = tempDir();
  const node = await openEngineNode(dir.path);
  try {
    const r = node.router;
    await r.call('inbox', 'bob', { type: 'ensureUser', user: 'bob' });
    const first = await attach(node, 'bob', 'phone');
    await detach(node, 'bob', 'phone', first.session);
    const ok = await r.call('inbox', 'bob', { type: 'store', to: 'bob', from: 'alice', fromDevice: 'x', id: 'm1', body: Buffer.from('one'), now: 1 });
    assert.deepEqual(ok, { ok: true, sentAt: 1, duplicate: false });

    await node.engine.close(); // the log is closed under the service: every append now fails
    const send = () => r.call('inbox', 'bob', { type: 'store', to: 'bob', from: 'alice', fromDevice: 'x', id: 'm2', body: Buffer.from('two'), now: 2 });
    await assert.rejects(send(), /closed/);
    await assert.rejects(send(), /closed/, 'the resend is tried again, not answered as a duplicate');

    const { session } = await attach(node, 'bob', 'phone');
    assert.deepEqual(session.delivered.map((d) => d.message!.id), ['m1'], 'm1 is delivered; m2 left nothing behind');
  } finally {
    await node.stores.root.close();
    dir.remove();
  }
});
