// `atoll serve` as a process: logs its ports, exits 0 on SIGTERM/SIGINT after a clean close,
// keeps its data across restarts, and refuses bad configuration or a taken port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliProcess, FAST_SERVER_FLAGS, cleanEnv, parseJson, runCli, startServe } from './cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'atoll-cli-serve-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('SIGTERM closes cleanly (exit 0) and users and queued messages survive a restart', async () => {
  const data = join(dir, 'restart');
  const first = await startServe([...FAST_SERVER_FLAGS, '--data', data]);
  const ws = `ws://127.0.0.1:${first.httpPort}`;
  for (const user of ['ann', 'ben']) assert.equal((await runCli(['register', user, '--password', `secret-${user}`, '--server', ws])).code, 0);
  const sent = await runCli(['send', 'ben', 'kept across restarts', '--user', 'ann', '--password', 'secret-ann', '--server', ws]);
  assert.equal(sent.code, 0, sent.stderr);
  const stopped = await first.proc.stop('SIGTERM');
  assert.deepEqual(stopped, { code: 0, signal: null }, first.proc.stderr);

  const second = await startServe([...FAST_SERVER_FLAGS, '--data', data]);
  try {
    const tcp = `tcp://127.0.0.1:${second.tcpPort}`;
    const got = await runCli(['listen', '--user', 'ben', '--password', 'secret-ben', '--json', '--count', '1', '--timeout', '10', '--server', tcp]);
    assert.equal(got.code, 0, got.stderr);
    const message = JSON.parse(got.stdout) as { id: string; text: string; from: string };
    assert.equal(message.id, sent.stdout.trim());
    assert.equal(message.text, 'kept across restarts');
    assert.equal(message.from, 'ann');
  } finally {
    assert.equal((await second.proc.stop('SIGINT')).code, 0, 'SIGINT exits 0 too');
  }
});

test('a listener whose server shuts down exits 3 naming SHUTTING_DOWN', async () => {
  const started = await startServe([...FAST_SERVER_FLAGS, '--data', join(dir, 'shutdown')]);
  const ws = `ws://127.0.0.1:${started.httpPort}`;
  for (const user of ['cat', 'dog']) assert.equal((await runCli(['register', user, '--password', `secret-${user}`, '--server', ws])).code, 0);
  assert.equal((await runCli(['send', 'cat', 'proof of login', '--user', 'dog', '--password', 'secret-dog', '--server', ws])).code, 0);
  const listener = new CliProcess(['listen', '--user', 'cat', '--password', 'secret-cat', '--server', ws]);
  try {
    // Printing the queued message proves the listener is logged in.
    await listener.waitFor(/proof of login$/);
    assert.equal((await started.proc.stop('SIGTERM')).code, 0);
    const exit = await listener.exited;
    assert.equal(exit.code, 3, listener.stderr);
    assert.match(listener.stderr, /^atoll listen: SHUTTING_DOWN/);
  } finally {
    await listener.stop('SIGKILL');
    await started.proc.stop('SIGKILL');
  }
});

test('settings come from a --config file and env, and the log says where it listens', async () => {
  const file = join(dir, 'atoll.json');
  writeFileSync(file, JSON.stringify({ httpPort: 0, tcpPort: -1, scrypt: { N: 1024 }, dataDir: join(dir, 'from-file') }));
  const started = await startServe(['--config', file], cleanEnv({ ATOLL_LOG_LEVEL: 'info', ATOLL_HOST: '127.0.0.1' }));
  try {
    assert.equal(started.tcpPort, -1, 'tcpPort -1 from the file disables TCP');
    const entry = parseJson(await started.proc.waitFor((line) => parseJson(line)?.configFile !== undefined));
    assert.equal(entry?.host, '127.0.0.1');
    assert.equal(entry?.dataDir, join(dir, 'from-file'));
    assert.equal(entry?.configFile, file);
  } finally {
    assert.equal((await started.proc.stop()).code, 0);
  }
});

test('bad configuration exits 1 before starting, naming the culprit', async () => {
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['--http-port', 'x'], {}, /^atoll serve: --http-port: expected a number, got "x"\n$/],
    [[], { ATOLL_TCP_PORT: '99999' }, /^atoll serve: invalid configuration: tcpPort must be an integer from 0 to 65535 \(or -1 to disable\); got 99999\n$/],
    [['--config', join(dir, 'missing.json')], {}, /^atoll serve: cannot read config file .*missing\.json: ENOENT/],
    [['--max-frame-byte', '1'], {}, /unknown flag --max-frame-byte; did you mean --max-frame-bytes\?/],
    [['extra'], {}, /unexpected argument "extra"/],
  ];
  const results = await Promise.all(cases.map(([args, env]) => runCli(['serve', ...args], { env: cleanEnv(env) })));
  for (const [i, [args, , pattern]] of cases.entries()) {
    const result = results[i];
    assert.equal(result.code, 1, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, pattern);
    assert.equal(result.stdout, '', 'nothing started, nothing logged');
  }
});

test('a taken port makes serve exit 2 with the reason', async () => {
  const blocker = createServer().listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  const port = (blocker.address() as { port: number }).port;
  try {
    const result = await runCli(['serve', ...FAST_SERVER_FLAGS, '--http-port', String(port), '--data', join(dir, 'busy')]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /^atoll serve: cannot start: .*(already in use|EADDRINUSE)/);
  } finally {
    blocker.close();
  }
});
