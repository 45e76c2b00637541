// The per-recipient quota of undelivered bytes: a full inbox refuses new sends with a retryable
// QUOTA_EXCEEDED and drops nothing already queued; the quota holds across a kill -9 (items replayed
// from the log) and a clean restart (items only in LMDB), and frees up as the recipient acks.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import type { DecodedFrame } from '../../../src/protocol/framing.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startChildServer, tempDir, type ChildServer } from '../../helpers/server.js';

const PW = 'password-1';
const QUOTA = 256 * 1024;
const BODY = Buffer.alloc(16 * 1024, 'q');
const ARGS = ['--max-queued-bytes-per-user', String(QUOTA), '--max-devices-per-user', '2'];
const dir = tempDir();
after(() => dir.remove());

function send(c: RawClient, id: string): Promise<DecodedFrame> {
  const ref = c.sendFrame({ send: { id, to: 'olga', body: BODY } });
  return c.waitFor((f) => f.ref === ref);
}

async function assertRefused(server: ChildServer, id: string): Promise<void> {
  const max = await RawClient.login(server.tcp, 'max', PW, 'd');
  const reply = await send(max, id);
  assert.equal(reply.body, 'error', `${id} is refused`);
  assert.equal(reply.error!.code, 304);
  max.close();
}

it('refuses sends to a full inbox, keeps what it holds across restarts, and takes more once it drains', async () => {
  let server = await startChildServer(dir.path, ARGS);
  try {
    (await RawClient.login(server.tcp, 'olga', PW, 'phone', true)).close();
    const max = await RawClient.login(server.tcp, 'max', PW, 'd', true);
    let accepted = 0;
    let refused: DecodedFrame | null = null;
    for (let i = 0; i < 40 && !refused; i++) {
      const reply = await send(max, `q${i}`);
      if (reply.body === 'sendAck') accepted++;
      else refused = reply;
    }
    assert.ok(refused, `a send was refused after ${accepted} of 16 KiB each`);
    assert.ok(accepted >= 12 && accepted <= 16, `about 256 KiB was accepted (${accepted} messages)`);
    assert.equal(refused.error!.code, 304, 'QUOTA_EXCEEDED');
    assert.equal(refused.error!.fatal, false);
    assert.ok(refused.error!.retryAfterMs! > 0, 'retry_after_ms is set');
    assert.match(refused.error!.message!, /inbox of olga is full.*nothing was stored/);
    // Still usable, still refusing.
    assert.equal((await send(max, 'again')).error!.code, 304);
    max.close();

    await server.kill9();
    server = await startChildServer(dir.path, ARGS);
    await assertRefused(server, 'after-kill');
    assert.equal(await server.stop(), 0);
    server = await startChildServer(dir.path, ARGS);
    await assertRefused(server, 'after-restart');

    const olga = await RawClient.login(server.tcp, 'olga', PW, 'phone');
    const got = await olga.receive(accepted);
    assert.deepEqual(got.map((f) => f.deliver!.message!.id), Array.from({ length: accepted }, (_, i) => `q${i}`), 'nothing queued was dropped');
    await olga.request({ ping: { nonce: 1 } }, 'pong'); // the acks were handled before this reply
    const max2 = await RawClient.login(server.tcp, 'max', PW, 'd');
    assert.equal((await send(max2, 'after-drain')).body, 'sendAck');
    assert.equal((await olga.receive(1))[0].deliver!.message!.id, 'after-drain');
    for (const c of [olga, max2]) c.close();
  } finally {
    await server.stop();
  }
});
