// Presence goes only to subscribers, shows online/offline and last seen (unless hidden); typing
// reaches online devices only and is never stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { wire } from '../../../src/protocol/framing.js';
import { RawClient } from '../../helpers/raw-client.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

const PW = 'password-1';
const ONLINE = wire.Presence.State.ONLINE;
const OFFLINE = wire.Presence.State.OFFLINE;

describe('presence and typing', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer(); });
  after(async () => server.stop());

  it('tells subscribers the current state at once, then each change, with last seen', async () => {
    const watcher = await RawClient.login(server.tcp, 'watcher', PW, 'd', true);
    const bystander = await RawClient.login(server.tcp, 'bystander', PW, 'd', true);
    await RawClient.login(server.tcp, 'subject', PW, 'd', true).then((c) => c.close());
    await new Promise((r) => setTimeout(r, 100));
    await watcher.request({ subscribe: { users: ['subject'] } }, 'ok');
    const initial = await watcher.waitFor((f) => f.body === 'presence');
    assert.equal(initial.presence!.user, 'subject');
    assert.equal(initial.presence!.state, OFFLINE);
    assert.ok(initial.presence!.lastSeen! > 0);

    const subject = await RawClient.login(server.ws, 'subject', PW, 'd');
    assert.equal((await watcher.waitFor((f) => f.body === 'presence')).presence!.state, ONLINE);
    // A second device does not change anything; closing both does.
    const second = await RawClient.login(server.ws, 'subject', PW, 'd2');
    second.close();
    const before = Date.now();
    subject.close();
    const off = await watcher.waitFor((f) => f.body === 'presence');
    assert.equal(off.presence!.state, OFFLINE);
    assert.ok(off.presence!.lastSeen! >= before - 5);
    // Only subscribers hear about it.
    await assert.rejects(bystander.waitFor((f) => f.body === 'presence', 200), /timed out/);

    await watcher.request({ unsubscribe: { users: ['subject'] } }, 'ok');
    const again = await RawClient.login(server.ws, 'subject', PW, 'd');
    await assert.rejects(watcher.waitFor((f) => f.body === 'presence', 200), /timed out/);
    again.close();
    watcher.close();
    bystander.close();
  });

  it('hides last seen from everyone when the user asks', async () => {
    const shy = await RawClient.login(server.tcp, 'shy', PW, 'd', true);
    await shy.request({ setPrivacy: { hideLastSeen: true } }, 'ok');
    const w = await RawClient.login(server.tcp, 'w2', PW, 'd', true);
    await w.request({ subscribe: { users: ['shy'] } }, 'ok');
    assert.equal((await w.waitFor((f) => f.body === 'presence')).presence!.state, ONLINE);
    shy.close();
    const p = await w.waitFor((f) => f.body === 'presence');
    assert.equal(p.presence!.state, OFFLINE);
    assert.equal(p.presence!.lastSeen, 0);
    w.close();
  });

  it('forwards typing to every online device of the recipient and stores none of it', async () => {
    const typist = await RawClient.login(server.tcp, 'typist', PW, 'd', true);
    const r1 = await RawClient.login(server.tcp, 'reader', PW, 'phone', true);
    const r2 = await RawClient.login(server.ws, 'reader', PW, 'laptop');
    typist.sendFrame({ typing: { to: 'reader', active: true } });
    for (const r of [r1, r2]) {
      const t = await r.waitFor((f) => f.body === 'typing');
      assert.equal(t.typing!.from, 'typist');
      assert.equal(t.typing!.active, true);
    }
    r2.close();
    await new Promise((r) => setTimeout(r, 100));
    typist.sendFrame({ typing: { to: 'reader', active: false } });
    assert.equal((await r1.waitFor((f) => f.body === 'typing')).typing!.active, false);
    // The laptop was offline: nothing about typing waits for it.
    const back = await RawClient.login(server.ws, 'reader', PW, 'laptop');
    await assert.rejects(back.waitFor((f) => f.body === 'typing' || f.body === 'deliver', 300), /timed out/);
    for (const c of [typist, r1, back]) c.close();
  });
});
