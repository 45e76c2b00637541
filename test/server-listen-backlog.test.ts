// Both listeners ask the kernel for the configured accept queue: a reconnect storm of thousands
// of clients must not overflow a short default queue (clients would see resets and timeouts).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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
  try {
    assert.equal(listenBacklog(server.tcpPort), 1234);
    assert.equal(listenBacklog(server.httpPort), 1234);
  } finally {
    await server.stop();
  }
});
