// `atoll register`, `send` and `listen` as child processes against a real `atoll serve`:
// the happy path, and each failure with its message and exit code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeServer } from '../client/fake-server.js';
import { CliProcess, FAST_SERVER_FLAGS, cleanEnv, closedPort, parseJson, runCli, startServe } from './cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'atoll-cli-commands-'));
let serve: CliProcess;
let ws: string;
let tcp: string;

before(async () => {
  const started = await startServe([...FAST_SERVER_FLAGS, '--data', join(dir, 'data')]);
  serve = started.proc;
  ws = `ws://127.0.0.1:${started.httpPort}`;
  tcp = `tcp://127.0.0.1:${started.tcpPort}`;
});

after(async () => {
  await serve?.stop('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

async function ok(args: string[], env?: Record<string, string>) {
  const result = await runCli(args, env ? { env } : {});
  assert.equal(result.code, 0, `atoll ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

test('register, send, then listen --json --count receives in order and acks', async () => {
  assert.equal(await ok(['register', 'alice', '--password', 'secret-alice', '--server', ws]), 'registered alice\n');
  await ok(['register', 'bob', '--password', 'secret-bob', '--server', ws]);
  const id1 = (await ok(['send', 'bob', 'hello bob', '--user', 'alice', '--password', 'secret-alice', '--server', ws])).trim();
  const id2 = (await ok(['send', 'bob', 'second', '--user', 'alice', '--password', 'secret-alice', '--server', tcp])).trim();
  assert.ok(id1.length > 0 && id2.length > 0 && id1 !== id2, `ids: ${id1} ${id2}`);

  const out = await ok(['listen', '--user', 'bob', '--password', 'secret-bob', '--json', '--count', '2', '--timeout', '10', '--server', ws]);
  const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 2);
  assert.deepEqual(lines.map((m) => [m.id, m.from, m.to, m.text]), [[id1, 'alice', 'bob', 'hello bob'], [id2, 'alice', 'bob', 'second']]);
  for (const m of lines) {
    assert.equal(typeof m.sentAt, 'number');
    assert.ok(Math.abs(Date.now() - (m.sentAt as number)) < 60_000, 'sentAt is a recent unix time in ms');
    assert.equal(typeof m.seq, 'number');
    assert.equal(m.fromDevice, 'cli-send');
  }

  // Both were acked: the same device gets nothing more, so --timeout passes first (exit 3).
  const again = await runCli(['listen', '--user', 'bob', '--password', 'secret-bob', '--count', '1', '--timeout', '1', '--server', ws]);
  assert.equal(again.code, 3, again.stderr);
  assert.equal(again.stdout, '');
  assert.match(again.stderr, /^atoll listen: timed out after 1s with 0 of 1 message\(s\)\n$/);
});

test('listen prints a message that arrives while it waits (text form, over tcp)', async () => {
  await ok(['register', 'carol', '--password', 'secret-carol', '--server', ws]);
  await ok(['register', 'dave', '--password', 'secret-dave', '--server', ws]);
  const listener = new CliProcess(['listen', '--user', 'carol', '--count', '1', '--timeout', '15', '--server', tcp], cleanEnv({ ATOLL_PASSWORD: 'secret-carol' }));
  // Give it time to log in, so the message arrives live rather than from the queue.
  await new Promise((r) => setTimeout(r, 700));
  await ok(['send', 'carol', 'live one', '--user', 'dave', '--server', ws], cleanEnv({ ATOLL_PASSWORD: 'secret-dave' }));
  const exit = await listener.exited;
  assert.equal(exit.code, 0, listener.stderr);
  assert.equal(listener.lines.length, 1);
  assert.match(listener.lines[0], /^\d{4}-\d\d-\d\dT[\d:.]+Z dave → carol: live one$/);
});

test('wrong password: AUTH_FAILED on stderr, exit 2', async () => {
  await ok(['register', 'erin', '--password', 'right-password', '--server', ws]);
  const commands = [['send', 'erin', 'x'], ['listen', '--count', '1']];
  const results = await Promise.all(commands.map((command) => runCli([...command, '--user', 'erin', '--password', 'wrong-password', '--server', ws])));
  for (const [i, command] of commands.entries()) {
    const result = results[i];
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`^atoll ${command[0]}: AUTH_FAILED`));
    assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
  }
});

test('unknown recipient: USER_NOT_FOUND, exit 2', async () => {
  await ok(['register', 'frank', '--password', 'password-1', '--server', ws]);
  const result = await runCli(['send', 'nobody-here', 'hi', '--user', 'frank', '--password', 'password-1', '--server', ws]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^atoll send: USER_NOT_FOUND/);
  assert.equal(result.stdout, '');
});

test('registering a taken name: USER_EXISTS, exit 2', async () => {
  await ok(['register', 'gina', '--password', 'password-1', '--server', ws]);
  const result = await runCli(['register', 'gina', '--password', 'other-password', '--server', ws]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^atoll register: USER_EXISTS/);
});

test('connection refused: one line naming the server, exit 3', async () => {
  const port = await closedPort();
  const servers = [`ws://127.0.0.1:${port}`, `tcp://127.0.0.1:${port}`];
  const results = await Promise.all(servers.map((server) => runCli(['send', 'bob', 'hi', '--user', 'alice', '--password', 'secret-alice', '--server', server])));
  for (const result of results) {
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, new RegExp(`^atoll send: [^\\n]*127\\.0\\.0\\.1:${port}[^\\n]*\\n$`));
  }
});

test('a server over its connection limit: CONNECTION_LIMIT with its retry delay, exit 3 (try again later)', async () => {
  const fake = await FakeServer.start();
  try {
    const refuse = (async () => {
      const conn = await fake.accept(5000);
      conn.send({ ref: 0, error: { code: 106, message: 'too many connections from 127.0.0.1; retry in 2000 ms', fatal: true, retryAfterMs: 2000 } });
      conn.socket.end();
    })();
    const [result] = await Promise.all([runCli(['send', 'bob', 'hi', '--user', 'alice', '--password', 'secret-alice', '--server', fake.url]), refuse]);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /^atoll send: CONNECTION_LIMIT: too many connections/);
    assert.equal(fake.connections.length, 1, 'the one-shot command does not retry by itself');
  } finally {
    await fake.close();
  }
});

test('usage errors exit 1 and say what is wrong', async () => {
  const cases: [string[], RegExp][] = [
    [['send', 'bob', '--user', 'alice', '--password', 'x'], /expected TO and TEXT/],
    [['send', 'bob', 'hi', '--user', 'alice'], /a password is required: --password PW or the ATOLL_PASSWORD environment variable/],
    [['send', 'bob', 'hi', '--password', 'x'], /--user USER is required/],
    [['send', 'bob', 'hi', '--user', 'a', '--password', 'x', '--server', 'http://x:1'], /bad --server "http:\/\/x:1".*unsupported scheme/],
    [['send', 'bob', 'hi', '--user', 'a', '--password', 'x', '--sever', 'ws://x:1'], /unknown flag --sever; did you mean --server\?/],
    [['listen', '--user', 'a', '--password', 'x', '--count', '0'], /--count must be a whole number of at least 1, got 0/],
    [['listen', '--user', 'a', '--password', 'x', '--timeout', 'soon'], /--timeout: expected a number, got "soon"/],
    [['register', '--password', 'x'], /expected USER/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ];
  const results = await Promise.all(cases.map(([args]) => runCli(args)));
  cases.forEach(([args, pattern], i) => {
    assert.equal(results[i].code, 1, `${args.join(' ')}: ${results[i].stderr}`);
    assert.match(results[i].stderr, pattern);
  });
});

test('help documents commands and exit codes; --version prints the package version', async () => {
  const [help, serveHelp, listenHelp, version] = await Promise.all([ok(['help']), ok(['help', 'serve']), ok(['listen', '--help']), ok(['--version'])]);
  for (const word of ['serve', 'register', 'send', 'listen', 'chat', 'bench', 'Exit codes', '3  unavailable']) assert.ok(help.includes(word), word);
  assert.match(serveHelp, /--max-frame-bytes N\s+ATOLL_MAX_FRAME_BYTES\s+131072/);
  assert.match(listenHelp, /--count N/);
  assert.match(version, /^\d+\.\d+\.\d+\n$/);
});

test('the server log line carries both bound ports', () => {
  const line = serve.lines.map(parseJson).find((e) => e?.httpPort !== undefined);
  assert.ok(line);
  assert.ok((line.httpPort as number) > 0 && (line.tcpPort as number) > 0);
});

test('register --invite creates an account on a server with open registration off', async () => {
  const closedDir = mkdtempSync(join(tmpdir(), 'atoll-cli-invite-'));
  const started = await startServe([...FAST_SERVER_FLAGS, '--data', closedDir, '--no-open-registration', '--invite-code', 'sesame']);
  try {
    const url = `ws://127.0.0.1:${started.httpPort}`;
    const refused = await runCli(['register', 'guest', '--password', 'guest-password', '--server', url]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /REGISTRATION_CLOSED/);
    await ok(['register', 'guest', '--password', 'guest-password', '--invite', 'sesame', '--server', url]);
  } finally {
    await started.proc.stop('SIGTERM');
    rmSync(closedDir, { recursive: true, force: true });
  }
});
