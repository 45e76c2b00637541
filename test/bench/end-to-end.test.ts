// One tiny run of the real generator against a real Atoll server it starts itself, to prove the
// Atoll driver and the --json contract; the numbers are not checked, only that everything arrived.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

function bench(args: string[]): { status: number | null; last: Record<string, unknown>; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'bench', ...args, '--spawn-server', '--json'], { encoding: 'utf8', timeout: 60_000 });
  const lines = r.stdout.trim().split('\n');
  return { status: r.status, last: JSON.parse(lines[lines.length - 1]) as Record<string, unknown>, stderr: r.stderr };
}

const figure = (res: Record<string, unknown>, name: string) =>
  (res.figures as { name: string; value: unknown }[]).find((f) => f.name.startsWith(name))?.value;

test('chat: every message sent over the Atoll protocol is acked and delivered, with latencies', () => {
  const { status, last, stderr } = bench(['chat', '--users', '20', '--rate', '200', '--duration', '1']);
  assert.equal(status, 0, stderr);
  assert.equal(last.scenario, 'chat');
  const steps = last.steps as { sent: number; delivered: number; p50Ms: number; p99Ms: number }[];
  assert.equal(steps.length, 1);
  assert.equal(steps[0].sent, 200);
  assert.equal(steps[0].delivered, 200);
  assert.ok(steps[0].p50Ms > 0 && steps[0].p99Ms >= steps[0].p50Ms);
  assert.equal(figure(last, 'server acks'), 200);
  assert.match(stderr, /ATOLL_SCRYPT_N=1024/);
});

test('offline: queued messages all arrive after login, none lost', () => {
  const { status, last, stderr } = bench(['offline', '--users', '10', '--messages', '5', '--senders', '3']);
  assert.equal(status, 0, stderr);
  assert.equal(figure(last, 'messages delivered (unique)'), 50);
  assert.equal(figure(last, 'messages lost'), 0);
});

test('storm: every dropped session comes back by Resume, nothing lost', () => {
  const { status, last, stderr } = bench(['storm', '--users', '200', '--duration', '1']);
  assert.equal(status, 0, stderr);
  assert.equal(figure(last, 'sessions back'), 200);
  assert.equal(figure(last, 'reconnects failed'), 0);
  assert.equal(figure(last, 'messages lost'), 0);
});

test('a bad flag exits 1 with a message and runs nothing', () => {
  const r = spawnSync(process.execPath, [cli, 'bench', 'chat', '--users', 'x'], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--users/);
});
