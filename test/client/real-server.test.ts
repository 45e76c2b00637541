// The client against the real server, over WebSocket and raw TCP: accounts, messages, copies to
// the sender's other devices, receipts, typing, presence, privacy, logout, and error replies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, AtollError, type ClientOptions, type ReceivedMessage, type ReceivedReceipt, type PresenceEvent } from '../../src/client/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { nextEvent, waitFor } from './fake-server.js';

let server: TestServer;
const clients: Client[] = [];

before(async () => { server = await startTestServer(); });
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.stop();
});

function client(url: string, options: Partial<ClientOptions> = {}): Client {
  const c = new Client({ server: url, requestTimeoutMs: 5000, ...options });
  clients.push(c);
  return c;
}

const isCode = (code: string) => (err: unknown) => err instanceof AtollError && err.code === code;

for (const kind of ['ws', 'tcp'] as const) {
  const url = () => (kind === 'ws' ? server.ws : server.tcp);
  const name = (base: string) => `${base}-${kind}`;

  test(`${kind}: register, wrong password, duplicate account`, async () => {
    const c = client(url());
    const info = await c.connect();
    assert.equal(info.protocolVersion, 1);
    assert.ok(info.maxBodyBytes > 0 && info.heartbeatMs > 0 && info.idleTimeoutMs > info.heartbeatMs);
    await c.register(name('reg'), 'password1');
    await assert.rejects(c.register(name('reg'), 'password2'), isCode('USER_EXISTS'));
    await assert.rejects(c.login({ user: name('reg'), password: 'wrong-password' }), isCode('AUTH_FAILED'));
    assert.equal(c.state, 'authenticating', 'AUTH_FAILED is not fatal: the connection stays');
    const login = await c.login({ user: name('reg'), password: 'password1', device: 'tablet' });
    assert.equal(login.user, name('reg'));
    assert.equal(login.device, 'tablet');
    assert.equal(login.ackedSeq, 0);
    assert.ok(login.resumeToken.length > 10 && login.tokenExpiresAt > Date.now());
    assert.equal(c.state, 'live');
    assert.equal(c.resumeToken, login.resumeToken);
    await assert.rejects(c.send(name('nobody'), 'hi'), isCode('USER_NOT_FOUND'));
  });

  test(`${kind}: a message reaches the recipient and the sender's other device, with receipts`, async () => {
    const [alice, bob] = [name('alice'), name('bob')];
    const reg = client(url());
    await reg.register(alice, 'password1');
    await reg.register(bob, 'password1');
    await reg.close();
    const phone = client(url(), { user: alice, password: 'password1', device: 'phone' });
    const laptop = client(url(), { user: alice, password: 'password1', device: 'laptop' });
    const bobC = client(url(), { user: bob, password: 'password1' });
    await Promise.all([phone.login(), laptop.login(), bobC.login()]);

    const bobGot = nextEvent(bobC, 'message');
    const laptopGot = nextEvent(laptop, 'message');
    const delivered = nextEvent(phone, 'receipt');
    const sent = await phone.send(bob, 'héllo ✓', { id: 'msg-1' });
    assert.deepEqual({ id: sent.id, duplicate: sent.duplicate }, { id: 'msg-1', duplicate: false });
    const m: ReceivedMessage = await bobGot;
    assert.equal(m.id, 'msg-1');
    assert.equal(m.from, alice);
    assert.equal(m.to, bob);
    assert.equal(m.text, 'héllo ✓');
    assert.equal(m.fromDevice, 'phone');
    assert.equal(m.sentAt, sent.sentAt);
    assert.equal(m.outgoing, false);
    const copy = await laptopGot;
    assert.equal(copy.id, 'msg-1');
    assert.equal(copy.outgoing, true);
    const d: ReceivedReceipt = await delivered;
    assert.equal(d.kind, 'delivered');
    assert.equal(d.by, bob);
    assert.deepEqual(d.ids, ['msg-1']);

    // Resending the id is idempotent: a duplicate ack and no second copy.
    const again = await phone.send(bob, 'héllo ✓', { id: 'msg-1' });
    assert.equal(again.duplicate, true);

    const read = new Promise<ReceivedReceipt>((resolve) => phone.on('receipt', (r) => { if (r.kind === 'read') resolve(r); }));
    await bobC.markRead(alice, ['msg-1']);
    const r = await read;
    assert.equal(r.by, bob);
    assert.deepEqual(r.ids, ['msg-1']);

    const bobMessages: string[] = [];
    bobC.on('message', (x) => bobMessages.push(x.id));
    await phone.send(bob, 'second', { id: 'msg-2' });
    await waitFor(() => bobMessages.includes('msg-2'));
    assert.deepEqual(bobMessages, ['msg-2'], 'the duplicate was never delivered');
  });

  test(`${kind}: typing goes to online devices; presence follows subscriptions and privacy`, async () => {
    const [carol, dan] = [name('carol'), name('dan')];
    const reg = client(url());
    await reg.register(carol, 'password1');
    await reg.register(dan, 'password1');
    await reg.close();
    const carolC = client(url(), { user: carol, password: 'password1' });
    let danC = client(url(), { user: dan, password: 'password1' });
    await Promise.all([carolC.login(), danC.login()]);

    const typing = nextEvent(carolC, 'typing');
    danC.typing(carol);
    assert.deepEqual(await typing, { from: dan, active: true });
    const stopped = nextEvent(carolC, 'typing');
    danC.typing(carol, false);
    assert.deepEqual(await stopped, { from: dan, active: false });

    const presence: PresenceEvent[] = [];
    carolC.on('presence', (p) => presence.push(p));
    await carolC.subscribe([dan]);
    await waitFor(() => presence.length === 1, 3000, 'current presence');
    assert.equal(presence[0].user, dan);
    assert.equal(presence[0].state, 'online');

    await danC.close();
    await waitFor(() => presence.length === 2, 3000, 'offline presence');
    assert.equal(presence[1].state, 'offline');
    assert.ok(presence[1].lastSeen > Date.now() - 60_000, `lastSeen ${presence[1].lastSeen}`);

    danC = client(url(), { user: dan, password: 'password1' });
    await danC.login();
    await waitFor(() => presence.length === 3, 3000, 'online again');
    assert.equal(presence[2].state, 'online');
    await danC.setPrivacy({ hideLastSeen: true });
    await danC.close();
    await waitFor(() => presence.length === 4, 3000, 'offline again');
    assert.deepEqual(presence[3], { user: dan, state: 'offline', lastSeen: 0 }, 'lastSeen hidden');

    await carolC.unsubscribe([dan]);
    danC = client(url(), { user: dan, password: 'password1' });
    await danC.login();
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(presence.length, 4, 'no presence after unsubscribe');
  });

  test(`${kind}: messages sent while the recipient is offline arrive at login; logout revokes the token`, async () => {
    const [erin, finn] = [name('erin'), name('finn')];
    const reg = client(url());
    await reg.register(erin, 'password1');
    await reg.register(finn, 'password1');
    await reg.close();
    const erinC = client(url(), { user: erin, password: 'password1' });
    await erinC.login();
    for (let i = 0; i < 5; i++) await erinC.send(finn, `offline ${i}`, { id: `off-${i}` });

    const finnC = client(url(), { user: finn, password: 'password1' });
    const got: string[] = [];
    finnC.on('message', (m) => got.push(m.text));
    const login = await finnC.login();
    await waitFor(() => got.length === 5);
    assert.deepEqual(got, [0, 1, 2, 3, 4].map((i) => `offline ${i}`));
    const token = login.resumeToken;

    await finnC.logout();
    assert.equal(finnC.state, 'closed');
    assert.equal(finnC.resumeToken, undefined);
    const again = client(url());
    await assert.rejects(again.resume(token), isCode('INVALID_TOKEN'));
  });

  test(`${kind}: resume with a token on a new client continues after the acked seq`, async () => {
    const [gus, hal] = [name('gus'), name('hal')];
    const reg = client(url());
    await reg.register(gus, 'password1');
    await reg.register(hal, 'password1');
    await reg.close();
    const gusC = client(url(), { user: gus, password: 'password1' });
    const halC = client(url(), { user: hal, password: 'password1' });
    await Promise.all([gusC.login(), halC.login()]);
    const seen: number[] = [];
    halC.on('message', (m) => seen.push(m.seq));
    await gusC.send(hal, 'one');
    await waitFor(() => seen.length === 1);
    const token = halC.resumeToken!;
    await new Promise((r) => setTimeout(r, 50)); // let the ack reach the server
    await halC.close();

    await gusC.send(hal, 'two');
    const resumed = client(url(), { token });
    const next = nextEvent(resumed, 'message');
    const info = await resumed.login();
    assert.equal(info.user, hal);
    assert.equal(info.ackedSeq, seen[0]);
    const m = await next;
    assert.equal(m.text, 'two');
    assert.ok(m.seq > seen[0]);
  });
}

test('ws: a burst of large sends in one tick is split into WebSocket messages the server accepts', { timeout: 30_000 }, async () => {
  const reg = client(server.ws);
  await reg.register('bulk-from', 'password1');
  await reg.register('bulk-to', 'password1');
  await reg.close();
  const from = client(server.ws, { user: 'bulk-from', password: 'password1' });
  const to = client(server.ws, { user: 'bulk-to', password: 'password1' });
  await Promise.all([from.login(), to.login()]);
  const got: string[] = [];
  to.on('message', (m: ReceivedMessage) => { got.push(m.id); });
  const body = new Uint8Array(30_000).fill(3);
  // 100 x 30 KB in one tick: 3 MB, far over the server's 512 KiB WebSocket message limit if sent as one.
  const acks = await Promise.all(Array.from({ length: 100 }, (_, i) => from.send('bulk-to', body, { id: `b${i}` })));
  assert.equal(acks.length, 100);
  await waitFor(() => got.length === 100, 10_000);
  assert.deepEqual(got, Array.from({ length: 100 }, (_, i) => `b${i}`));
});
