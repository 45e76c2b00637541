// The server and the storage test harness build their node the same way (buildNode over the
// node's module list): the same modules in the same order, and every figure the harness's node
// exports is one the server exports too. The server's load-skew gauge covers exactly its modules.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { orderModules } from '../../src/node/order.js';
import { NODE_MODULES } from '../../src/services/index.js';
import { startTestServer, tempDir } from '../helpers/server.js';
import { openEngineNode } from '../store/engine-node.js';

it('the server and the engine harness are built from the same modules, in the same order', async () => {
  const server = await startTestServer({ tcpPort: -1, fragments: 8 });
  const dir = tempDir();
  const node = await openEngineNode(dir.path);
  try {
    const expected = orderModules(NODE_MODULES).map((m) => m.name);
    assert.deepEqual(server.modules, expected);
    assert.deepEqual(node.modules, expected);

    const serverFigures = new Set((await server.metrics.getMetricsAsJSON()).map((m) => m.name));
    const nodeFigures = (await node.registry.getMetricsAsJSON()).map((m) => m.name);
    assert.ok(nodeFigures.length > 5, `the harness's node exports its figures (${nodeFigures.join(', ')})`);
    assert.deepEqual(nodeFigures.filter((name) => !serverFigures.has(name)), [], 'the server exports every figure of the node');

    const skew = (await server.metrics.getMetricsAsJSON()).find((m) => m.name === 'atoll_fragment_load_skew');
    assert.deepEqual(skew?.values.map((v) => v.labels.service).sort(), [...expected].sort());
  } finally {
    await node.close();
    dir.remove();
    await server.stop();
  }
});
