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

test('offline: queued messages all arrive after login, none lost; server memory is sampled per phase', () => {
  const { status, last, stderr } = bench(['offline', '--users', '10', '--messages', '5', '--senders', '3']);
  assert.equal(status, 0, stderr);
  assert.equal(figure(last, 'messages delivered (unique)'), 50);
  assert.equal(figure(last, 'messages lost'), 0);
  for (const phase of ['queueing', 'draining']) {
    const anon = figure(last, `${phase}: server RssAnon peak`) as number;
    const end = figure(last, `${phase}: server RssAnon at end`) as number;
    assert.ok(anon > 1, `${phase}: a Node server holds more than 1 MB of its own memory, got ${anon}`);
    assert.ok(end > 0 && end <= anon, `${phase}: end ${end} <= peak ${anon}`);
    const start = figure(last, `${phase}: server RssAnon at start`) as number;
    assert.ok(start > 0 && start <= anon, `${phase}: start ${start} <= peak ${anon}`);
    assert.ok((figure(last, `${phase}: server RssFile peak`) as number) > 0);
    assert.ok((figure(last, `${phase}: inbox cache peak`) as number) > 0, `${phase}: 50 queued messages are in the cache`);
  }
  assert.equal(typeof figure(last, 'served from memory'), 'number');
});

test('chat --away: a fifth of the users leave and resume; what waited for them arrives, none lost, none twice', () => {
  const { status, last, stderr } = bench(['chat', '--users', '20', '--rate', '200', '--duration', '3', '--away', '0.2', '--away-for', '1']);
  assert.equal(status, 0, stderr);
  const steps = last.steps as { sent: number; offered: number; delivered: number; p99Ms: number }[];
  assert.equal(steps[0].sent, 600, 'away senders hand their turn on: the offered rate is kept');
  assert.equal(steps[0].delivered, 600);
  assert.equal(figure(last, 'messages lost'), 0);
  assert.equal(figure(last, 'duplicates'), 0);
  assert.equal(figure(last, 'away: users away at once (planned peak)'), 4);
  assert.ok((figure(last, 'away: absences') as number) >= 10, '4 slots, one leave every 250 ms for 3 s');
  assert.equal(figure(last, 'away: returns failed'), 0);
  const waited = figure(last, 'messages that waited for an away user') as number;
  assert.ok(waited > 0 && waited < 600, `some, not all, messages waited: ${waited}`);
  const p50 = figure(last, 'waited for away user: send->receive p50') as number;
  assert.ok(p50 > 0.05 && p50 < 1.5, `they waited up to the 1 s absence, p50 ${p50} s`);
  assert.ok(steps[0].p99Ms < 1000, `online latencies do not carry the absences: p99 ${steps[0].p99Ms} ms`);
  const served = figure(last, 'served from memory') as number;
  assert.ok(served > 90 && served <= 100, `1 s absences are far below the 10 s sync delay: ${served}%`);
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
