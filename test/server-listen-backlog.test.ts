// Both listeners ask the kernel for the configured accept queue: a reconnect storm of thousands
// of clients must not overflow a short default queue (clients would see resets and timeouts).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { startTestServer } from './helpers/server.js';

/** The accept-queue size of a listening socket, as `ss` reports it (its Send-Q column). */
function listenBacklog(port: number): number {
  const out = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim();
  const fields = out.split(/\s+/);
  assert.equal(fields[0], 'LISTEN', `ss shows the listener on ${port}: ${out}`);
  return Number(fields[2]);
}

it('listens with the configured backlog on the TCP and HTTP ports', async (t) => {
  try {
    execFileSync('ss', ['-V']);
  } catch {
    t.skip('ss (iproute2) is not installed');
    return;
  }
  const server = await startTestServer({ listenBacklog: 1234 });
  // The kernel caps every listener's queue at net.core.somaxconn.
  const cap = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
  try {
    assert.equal(listenBacklog(server.tcpPort), Math.min(1234, cap));
    assert.equal(listenBacklog(server.httpPort), Math.min(1234, cap));
  } finally {
    await server.stop();
  }
});
