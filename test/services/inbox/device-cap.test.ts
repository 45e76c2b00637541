// The per-user device cap: a Login with a new device name past it is refused before any token is
// issued for it, the connection stays usable, and forgetting a device frees a slot.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStores } from '../../../src/store/kv.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startTestServer, tempDir, type TestServer } from '../../helpers/server.js';

const PW = 'password-1';

describe('maxDevicesPerUser', () => {
  const dir = tempDir();
  let server: TestServer;
  before(async () => { server = await startTestServer({ dataDir: dir.path, maxDevicesPerUser: 2 }); });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('refuses a third device with TOO_MANY_DEVICES, not fatal, and takes it once a slot is freed', async () => {
    const phone = await RawClient.login(server.tcp, 'ivy', PW, 'phone', true);
    const laptop = await RawClient.login(server.tcp, 'ivy', PW, 'laptop');
    const c = await RawClient.connect(server.tcp);
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    const refused = await c.request({ login: { user: 'ivy', password: PW, device: 'tablet' } }, 'error');
    assert.equal(refused.error!.code, 209);
    assert.equal(refused.error!.fatal, false);
    assert.match(refused.error!.message!, /ivy has 2 devices.*Logout with forget_device/);
    // Known devices still log in at the cap, on the same connection.
    const ok = await c.request({ login: { user: 'ivy', password: PW, device: 'phone' } }, 'loginOk');
    assert.equal(ok.loginOk!.device, 'phone');
    await phone.waitClosed(); // replaced by the new login of the same device

    // Messages keep reaching both registered devices, none went to the refused one.
    const sam = await RawClient.login(server.tcp, 'sam', PW, 'd', true);
    await sam.request({ send: { id: 's1', to: 'ivy', body: Buffer.from('hi') } }, 'sendAck');
    assert.equal((await laptop.receive(1))[0].deliver!.message!.id, 's1');
    assert.equal((await c.receive(1))[0].deliver!.message!.id, 's1');

    await laptop.request({ logout: { forgetDevice: true } }, 'ok');
    const tablet = await RawClient.login(server.tcp, 'ivy', PW, 'tablet');
    await sam.request({ send: { id: 's2', to: 'ivy', body: Buffer.from('again') } }, 'sendAck');
    assert.equal((await tablet.receive(1))[0].deliver!.message!.id, 's2');
    for (const x of [c, tablet, sam]) x.close();
  });

  it('issues no token for a refused device', async () => {
    const a = await RawClient.login(server.tcp, 'joe', PW, 'one', true);
    const b = await RawClient.login(server.tcp, 'joe', PW, 'two');
    const c = await RawClient.connect(server.tcp);
    await c.request({ hello: { protocolVersion: 1 } }, 'welcome');
    assert.equal((await c.request({ login: { user: 'joe', password: PW, device: 'three' } }, 'error')).error!.code, 209);
    for (const x of [a, b, c]) x.close();
    await server.stop();
    const stores = openStores(dir.path);
    try {
      assert.ok(stores.deviceAuth.get(['joe', 'two']), 'an admitted device has its token');
      assert.equal(stores.deviceAuth.get(['joe', 'three']), undefined);
      assert.equal(stores.devices.get(['joe', 'three']), undefined);
    } finally {
      await stores.root.close();
    }
    server = await startTestServer({ dataDir: dir.path, maxDevicesPerUser: 2 });
  });
});
