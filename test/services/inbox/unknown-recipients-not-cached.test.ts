// Sends to names that are no user cost no memory that stays: the inbox keeps only users that exist.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { RawClient } from '../../helpers/raw-client.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { metric } from '../../store/engine-node.js';

const PW = 'password-1';
const NAMES = 5000;
const BATCH = 500;
let server: TestServer;
before(async () => { server = await startTestServer({ sendRatePerSec: 100_000, sendBurst: BATCH }); });
after(async () => server.stop());

it(`keeps no trace of ${NAMES} made-up recipients`, async () => {
  const eve = await RawClient.login(server.tcp, 'eve', PW, 'd', true);
  const cached = await metric(server.metrics, 'atoll_inbox_users_cached');
  assert.ok(cached >= 1, `the gauge counts the users held in RAM (${cached})`);
  for (let sent = 0; sent < NAMES; sent += BATCH) {
    const refs: number[] = [];
    for (let i = sent; i < sent + BATCH; i++) refs.push(eve.sendFrame({ send: { id: `x${i}`, to: `nobody${i}`, body: Buffer.from('?') } }));
    for (const ref of refs) {
      const reply = await eve.waitFor((f) => f.ref === ref);
      assert.equal(reply.error?.code, 300, 'USER_NOT_FOUND');
    }
  }
  assert.equal(await metric(server.metrics, 'atoll_inbox_users_cached'), cached, 'no user was cached for an unknown name');
  eve.close();
});
