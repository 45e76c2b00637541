// `atoll chat` driven through its stdin: peers, sending with ticks, receipts, typing, presence,
// errors, and leaving with /quit or end of input.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../../src/client/index.js';
import { CliProcess, FAST_SERVER_FLAGS, runCli, startServe } from './cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'atoll-cli-chat-'));
let serve: CliProcess;
let ws: string;
const children: CliProcess[] = [];

before(async () => {
  const started = await startServe([...FAST_SERVER_FLAGS, '--data', join(dir, 'data')]);
  serve = started.proc;
  ws = `ws://127.0.0.1:${started.httpPort}`;
  for (const user of ['alice', 'bob', 'gina', 'olga', 'pete']) {
    const r = await runCli(['register', user, '--password', `secret-${user}`, '--server', ws]);
    assert.equal(r.code, 0, r.stderr);
  }
});

after(async () => {
  for (const child of children) await child.stop('SIGKILL');
  await serve?.stop('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

function startChat(user: string, password = `secret-${user}`): CliProcess {
  const child = new CliProcess(['chat', '--user', user, '--password', password, '--server', ws]);
  children.push(child);
  return child;
}

test('two chats: ticks for sent, delivered and read; typing; presence; /quit', async () => {
  const alice = startChat('alice');
  await alice.waitFor(/^logged in as alice\./);
  alice.write('hello?');
  await alice.waitFor(/^pick someone to talk to first: \/to USER$/);
  alice.write('/to bob');
  await alice.waitFor(/^talking to bob$/);

  // Delivered but not read: bob's `listen` acks without marking read.
  alice.write('first');
  await alice.waitFor(/^\[\d\d:\d\d\] you → bob: first  ✓$/);
  const listened = await runCli(['listen', '--user', 'bob', '--password', 'secret-bob', '--count', '1', '--timeout', '10', '--server', ws]);
  assert.equal(listened.code, 0, listened.stderr);
  await alice.waitFor(/^  ✓✓ delivered to bob: first$/);

  const bob = startChat('bob');
  await bob.waitFor(/^logged in as bob\./);
  await alice.waitFor(/^bob is online$/);
  bob.write('/to alice');
  await bob.waitFor(/^talking to alice$/);

  alice.write('hello bob');
  await alice.waitFor(/^\[\d\d:\d\d\] you → bob: hello bob  ✓$/);
  await bob.waitFor(/^\[\d\d:\d\d\] alice: hello bob$/);
  // bob's chat marks it read as it shows it (the server may skip "delivered" when "read" is already known).
  await alice.waitFor(/^  ✓✓ read by bob: hello bob$/);

  bob.write('hi alice');
  await alice.waitFor(/^\[\d\d:\d\d\] bob: hi alice$/);
  await bob.waitFor(/^  ✓✓ read by alice: hi alice$/);

  // Typing comes from another device of bob, through the SDK.
  const phone = new Client({ server: ws, user: 'bob', password: 'secret-bob', device: 'phone', reconnect: false });
  try {
    await phone.connect();
    await phone.login();
    phone.typing('alice', true);
    await alice.waitFor(/^bob is typing…$/);
  } finally {
    await phone.close();
  }

  bob.write('/quit');
  assert.deepEqual(await bob.exited, { code: 0, signal: null }, bob.stderr);
  await alice.waitFor(/^bob is offline/);

  alice.child.stdin.end();
  assert.deepEqual(await alice.exited, { code: 0, signal: null }, alice.stderr);
});

test('chat follows only the current peer: switching peers unsubscribes the previous one', async () => {
  const alice = startChat('alice');
  await alice.waitFor(/^logged in as alice\./);
  alice.write('/to bob');
  await alice.waitFor(/^bob is offline/);
  alice.write('/to gina');
  await alice.waitFor(/^talking to gina$/);
  const switchedAt = alice.lines.length;
  const phone = new Client({ server: ws, user: 'bob', password: 'secret-bob', device: 'phone', reconnect: false });
  try {
    await phone.connect();
    await phone.login();
    await new Promise((r) => setTimeout(r, 1000)); // time for a presence push, were alice still subscribed
    assert.deepEqual(alice.lines.slice(switchedAt).filter((l) => l.startsWith('bob ')), [], 'no news of bob while following gina');
    // Following bob again shows the state a subscriber would have been pushed.
    alice.write('/to bob');
    await alice.waitFor((line) => line === 'bob is online' && alice.lines.indexOf(line, switchedAt) >= 0);
  } finally {
    await phone.close();
  }
  alice.write('/quit');
  assert.equal((await alice.exited).code, 0, alice.stderr);
});

test('chat reports errors on a line and keeps going; its exit status says a message was not sent', async () => {
  const alice = startChat('alice');
  await alice.waitFor(/^logged in as alice\./);
  alice.write('/to nobody-at-all');
  await alice.waitFor(/^talking to nobody-at-all$/);
  alice.write('anyone?');
  await alice.waitFor(/^✗ not sent to nobody-at-all: USER_NOT_FOUND/);
  alice.write('/frob');
  await alice.waitFor(/^unknown command \/frob;/);
  alice.write('/quit');
  assert.equal((await alice.exited).code, 2, alice.stderr);
  assert.match(alice.stderr, /^atoll chat: 1 of 1 message\(s\) not sent; the first: USER_NOT_FOUND/);
});

test('chat shows the messages that arrived while it was offline, each once', async () => {
  // pete's chat device exists once it has logged in; what olga sends after that waits for it.
  const first = startChat('pete');
  await first.waitFor(/^logged in as pete\./);
  first.write('/quit');
  assert.equal((await first.exited).code, 0, first.stderr);
  for (const text of ['while you were away', 'and another one']) {
    const sent = await runCli(['send', 'pete', text, '--user', 'olga', '--password', 'secret-olga', '--server', ws]);
    assert.equal(sent.code, 0, sent.stderr);
  }
  const pete = startChat('pete');
  await pete.waitFor(/^\[\d\d:\d\d\] olga: while you were away$/);
  await pete.waitFor(/^\[\d\d:\d\d\] olga: and another one$/);
  pete.write('/quit');
  assert.equal((await pete.exited).code, 0, pete.stderr);
  assert.equal(pete.lines.filter((l) => l.includes('olga: ')).length, 2, pete.lines.join('\n'));
  // Shown means read: olga's next session gets the READ receipts, so they were acked after display.
  const again = startChat('pete');
  await again.waitFor(/^logged in as pete\./);
  again.write('/quit');
  assert.equal((await again.exited).code, 0, again.stderr);
  assert.deepEqual(again.lines.filter((l) => l.includes('olga: ')), [], 'nothing shown twice');
});

test('piped chat waits at the end of its input until every message is confirmed', async () => {
  const olga = startChat('olga');
  for (const line of ['/to pete', 'piped one', 'piped two', 'piped three']) olga.write(line);
  olga.child.stdin.end();
  assert.deepEqual(await olga.exited, { code: 0, signal: null }, olga.stderr);
  for (const text of ['piped one', 'piped two', 'piped three']) {
    assert.ok(olga.lines.some((l) => l.endsWith(`you → pete: ${text}  ✓`)), `no ✓ for "${text}":\n${olga.lines.join('\n')}`);
  }
});

test('piped chat whose messages cannot be sent exits 2 and says so', async () => {
  const olga = startChat('olga');
  for (const line of ['/to nobody-here', 'hello?']) olga.write(line);
  olga.child.stdin.end();
  const { code } = await olga.exited;
  assert.equal(code, 2, olga.stderr);
  assert.match(olga.stderr, /^atoll chat: 1 of 1 message\(s\) not sent; the first: USER_NOT_FOUND/);
});

test('chat reconnects by itself when its server restarts', async () => {
  const data = join(dir, 'restart');
  const first = await startServe([...FAST_SERVER_FLAGS, '--data', data]);
  const url = `tcp://127.0.0.1:${first.tcpPort}`;
  // The restarted server must come back on the same ports for the client to find it.
  const samePorts = [...FAST_SERVER_FLAGS, '--data', data, '--http-port', String(first.httpPort), '--tcp-port', String(first.tcpPort)];
  for (const user of ['rita', 'sam']) assert.equal((await runCli(['register', user, '--password', `secret-${user}`, '--server', url])).code, 0);
  const rita = new CliProcess(['chat', '--user', 'rita', '--password', 'secret-rita', '--server', url]);
  children.push(rita);
  let second: Awaited<ReturnType<typeof startServe>> | undefined;
  try {
    await rita.waitFor(/^logged in as rita\./);
    rita.write('/to sam');
    await rita.waitFor(/^talking to sam$/);
    assert.equal((await first.proc.stop('SIGTERM')).code, 0);
    await rita.waitFor(/^connection lost; reconnecting…$/);
    second = await startServe(samePorts);
    await rita.waitFor(/^reconnected$/, 15_000);
    rita.write('after the restart');
    await rita.waitFor(/you → sam: after the restart  ✓$/);
    rita.write('/quit');
    assert.equal((await rita.exited).code, 0, rita.stderr);
  } finally {
    await first.proc.stop('SIGKILL');
    await second?.proc.stop('SIGTERM');
  }
});

test('chat with a wrong password exits 2 with AUTH_FAILED', async () => {
  const result = await runCli(['chat', '--user', 'alice', '--password', 'nope-nope-nope', '--server', ws]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^atoll chat: AUTH_FAILED/);
});
