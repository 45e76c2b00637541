// Going online and offline release or create state in the presence service, so they are
// never-dropped tells: a presence fragment whose mailbox is full still learns that the user's
// last device went offline (otherwise the user would show online until the server restarts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OwnerBusyError } from '../../../src/cluster/router.js';
import { tempDir } from '../../helpers/server.js';
import { attach, FakeSession, openEngineNode, type EngineNode } from '../../store/engine-node.js';

describe('presence online/offline with a full presence mailbox', () => {
  const dir = tempDir();
  let node: EngineNode;
  before(async () => { node = await openEngineNode(dir.path, { fragments: 1, mailboxLimit: 50 }); });
  after(async () => {
    await node.close();
    dir.remove();
  });

  /** The user's presence as a new subscriber sees it, once the presence owner takes calls again. */
  async function presenceOf(user: string): Promise<boolean> {
    for (;;) {
      try {
        return (await node.router.call('presence', user, { type: 'subscribe', user, session: new FakeSession(node).address })).online;
      } catch (err) {
        if (!(err instanceof OwnerBusyError)) throw err;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /** Fills the presence mailbox past its limit for longer than one drain of the owner. */
  function floodPresence(): void {
    for (let i = 0; i < 2000; i++) node.router.tell('presence', 'zed', { type: 'unsubscribe', user: 'zed', sessionId: 'none' });
  }

  it('marks the user online and then offline although presence is busy both times', async () => {
    floodPresence();
    const { session } = await attach(node, 'ann', 'phone');
    assert.equal(await presenceOf('ann'), true);

    floodPresence();
    node.router.tell('inbox', 'ann', { type: 'detach', user: 'ann', device: 'phone', sessionId: session.id });
    assert.equal(await presenceOf('ann'), false);
  });
});
