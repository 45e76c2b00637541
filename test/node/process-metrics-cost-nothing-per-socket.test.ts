// /metrics reports the process's open fds without walking every socket on the event loop: the
// handle gauges are gone, the fd count is read asynchronously and still follows the sockets.
import assert from 'node:assert/strict';
import net from 'node:net';
import { it } from 'node:test';
import { startTestServer } from '../helpers/server.js';

function gauge(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

it('counts open fds, with the sockets, and lists no per-handle gauges', async () => {
  const server = await startTestServer();
  const sockets: net.Socket[] = [];
  try {
    const scrape = async () => (await fetch(`http://127.0.0.1:${server.httpPort}/metrics`)).text();
    const before = gauge(await scrape(), 'process_open_fds');
    assert.ok(before !== undefined && before > 0, `process_open_fds is reported (${before})`);
    const open = 50;
    for (let i = 0; i < open; i++) {
      const s = net.connect(server.tcpPort, '127.0.0.1');
      await new Promise((resolve) => s.once('connect', resolve));
      sockets.push(s);
    }
    // This test process holds both ends of each connection.
    let text = await scrape();
    for (let tries = 0; tries < 50 && (gauge(text, 'process_open_fds') ?? 0) < before + 2 * open; tries++) text = await scrape();
    assert.ok((gauge(text, 'process_open_fds') ?? 0) >= before + 2 * open, `open fds rose by at least ${2 * open}: ${before} -> ${gauge(text, 'process_open_fds')}`);
    assert.doesNotMatch(text, /^nodejs_active_handles/m, 'no gauge walks every handle');
    assert.ok((gauge(text, 'nodejs_heap_size_used_bytes') ?? 0) > 0, 'the other default figures stay');
  } finally {
    for (const s of sockets) s.destroy();
    await server.stop();
  }
});
