// A flush round gives the event loop back every few milliseconds even while it works through one
// fragment: a round's writes issued in one turn would hold every connection of the process for
// that long (at 1,000 msgs/s a checkpoint round has about 10,000 writes).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { tempDir } from '../helpers/server.js';
import { attach, detach, flood, openEngineNode } from './engine-node.js';

it('issues the 20,000 writes of one fragment over many event-loop turns', async () => {
  const dir = tempDir('atoll-flushturns-');
  const node = await openEngineNode(dir.path, { fragments: 1, syncDelayMs: 600_000, checkpointIntervalMs: 600_000 });
  try {
    const { session } = await attach(node, 'u', 'phone');
    await detach(node, 'u', 'phone', session);
    const total = 20_000;
    await flood(node, 'u', total);

    // Counts the round's item writes and how many of them fell between two turns of the loop.
    const inbox = node.stores.inbox;
    const put = inbox.put.bind(inbox);
    let puts = 0;
    inbox.put = ((...args: Parameters<typeof put>) => {
      puts++;
      return put(...args);
    }) as typeof inbox.put;
    let running = true;
    let atLastTurn = 0;
    let mostInOneTurn = 0;
    let turns = 0;
    const tick = () => {
      mostInOneTurn = Math.max(mostInOneTurn, puts - atLastTurn);
      atLastTurn = puts;
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await node.engine.flushNow(true);
    running = false;
    tick();

    assert.equal(puts, total, 'the round wrote every item');
    assert.ok(turns > 5, `the loop turned ${turns} times during the round`);
    assert.ok(mostInOneTurn < total / 5, `at most ${mostInOneTurn} of ${total} writes were issued in one turn`);
  } finally {
    await node.close();
    dir.remove();
  }
});
