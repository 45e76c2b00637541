// The client commands over wss:// and tls:// against `atoll serve --tls-cert/--tls-key`, with
// a self-signed certificate trusted through --ca, and refused without it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliProcess, FAST_SERVER_FLAGS, runCli, startServe } from './cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'atoll-cli-tls-'));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
let serve: CliProcess;
let wss: string;
let tlsUrl: string;

before(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const started = await startServe([...FAST_SERVER_FLAGS, '--data', join(dir, 'data'), '--tls-cert', cert, '--tls-key', key]);
  serve = started.proc;
  wss = `wss://127.0.0.1:${started.httpPort}`;
  tlsUrl = `tls://127.0.0.1:${started.tcpPort}`;
});

after(async () => {
  await serve?.stop('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('register, send and listen over wss:// and tls:// with --ca', async () => {
  for (const [user, server] of [['tina', wss], ['tom', tlsUrl]]) {
    const r = await runCli(['register', user, '--password', `secret-${user}`, '--ca', cert, '--server', server]);
    assert.equal(r.code, 0, r.stderr);
  }
  const sent = await runCli(['send', 'tom', 'over tls', '--user', 'tina', '--password', 'secret-tina', '--ca', cert, '--server', tlsUrl]);
  assert.equal(sent.code, 0, sent.stderr);
  const got = await runCli(['listen', '--user', 'tom', '--password', 'secret-tom', '--json', '--count', '1', '--timeout', '10', '--ca', cert, '--server', wss]);
  assert.equal(got.code, 0, got.stderr);
  assert.equal((JSON.parse(got.stdout) as { text: string }).text, 'over tls');
});

test('an untrusted certificate fails the connection (exit 3); a missing --ca file is a usage error', async () => {
  const [untrustedWs, untrustedTcp, missing] = await Promise.all([
    runCli(['register', 'ursula', '--password', 'secret-ursula', '--server', wss]),
    runCli(['register', 'ursula', '--password', 'secret-ursula', '--server', tlsUrl]),
    runCli(['register', 'ursula', '--password', 'secret-ursula', '--ca', join(dir, 'nope.pem'), '--server', wss]),
  ]);
  for (const r of [untrustedWs, untrustedTcp]) {
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /^atoll register: .*self[- ]signed certificate/);
  }
  assert.equal(missing.code, 1, missing.stderr);
  assert.match(missing.stderr, /^atoll register: cannot read --ca .*nope\.pem: ENOENT/);
});
