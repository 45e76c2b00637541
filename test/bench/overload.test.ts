// The overload scenario: its phases and per-second figures, and real runs against a spawned server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Histogram } from '../../src/bench/histogram.js';
import { overloadSteps, recoverySeconds, secondRows } from '../../src/bench/overload.js';
import type { SecondRow } from '../../src/bench/report.js';

const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

function bench(args: string[]): { status: number | null; last: Record<string, unknown>; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'bench', 'overload', ...args, '--spawn-server', '--json'], { encoding: 'utf8', timeout: 90_000 });
  const lines = r.stdout.trim().split('\n');
  return { status: r.status, last: JSON.parse(lines[lines.length - 1]) as Record<string, unknown>, stderr: r.stderr };
}

const figure = (res: Record<string, unknown>, name: string) =>
  (res.figures as { name: string; value: unknown }[]).find((f) => f.name.startsWith(name))?.value;

const row = (second: number, phase: string, p99Ms: number, delivered = 10): SecondRow => ({ second, phase, delivered, p50Ms: 1, p99Ms });

test('the overload runs a third of its length before and two thirds after, at the keep-up rate and half of it', () => {
  assert.deepEqual(overloadSteps(1000, 2, 30), [
    { rate: 1000, durationS: 10 },
    { rate: 2000, durationS: 30 },
    { rate: 500, durationS: 20 },
  ]);
});

test('every whole second is labelled with its phase; a second with no arrivals counts as 0 delivered', () => {
  const h = new Histogram();
  h.record(2000);
  const rows = secondRows([h, h, h, h, h], 3);
  assert.deepEqual(rows.map((r) => r.phase), ['before', 'overload', 'overload', 'overload', 'after', 'after']);
  assert.equal(rows[5].delivered, 0, 'nothing arrived in the last second');
  assert.equal(rows[0].p99Ms, 2);
});

test('recovery counts the seconds after the drop until p99 stays under the limit', () => {
  const over = [row(0, 'overload', 900)];
  assert.equal(recoverySeconds([...over, row(1, 'after', 10), row(2, 'after', 10)], 50), 0, 'never over the limit after the drop');
  assert.equal(recoverySeconds([...over, row(1, 'after', 400), row(2, 'after', 80), row(3, 'after', 10)], 50), 2);
  assert.equal(recoverySeconds([...over, row(1, 'after', 10), row(2, 'after', 90), row(3, 'after', 10)], 50), 2, 'a later bad second restarts the count');
  assert.equal(recoverySeconds([...over, row(1, 'after', 10), row(2, 'after', 90)], 50), null, 'still over at the end');
  assert.equal(recoverySeconds([...over, row(1, 'after', 900, 0), row(2, 'after', 10)], 50), 0, 'a second without arrivals says nothing');
});

test('a short overload against a real server: every acked message arrives once, every second is reported', () => {
  const { status, last, stderr } = bench(['--users', '20', '--rate', '100', '--duration', '3']);
  assert.equal(status, 0, stderr);
  assert.equal(last.scenario, 'overload');
  const steps = last.steps as { offeredRate: number; offered: number; sent: number; delivered: number }[];
  assert.deepEqual(steps.map((s) => s.offeredRate), [100, 200, 50]);
  assert.deepEqual(steps.map((s) => s.offered), [100, 600, 100]);
  const seconds = last.seconds as SecondRow[];
  assert.deepEqual(seconds.map((s) => s.phase), ['before', 'overload', 'overload', 'overload', 'after', 'after']);
  assert.ok(seconds.slice(1, 4).every((s) => s.delivered > 0), 'something arrived in every second of the overload');
  const sent = figure(last, 'messages sent') as number;
  assert.equal(sent + (figure(last, 'held back') as number), 800);
  assert.equal(figure(last, 'server acks'), sent);
  assert.equal(figure(last, 'acked but never delivered'), 0);
  assert.equal(figure(last, 'duplicates'), 0);
});

test('a sender whose window is full holds its turn back instead of sending', () => {
  // two senders at 4,000 msgs/s: every 1 ms timer tick has at least two sends due per sender, and no
  // ack can arrive inside one tick, so a window of 1 must hold some back
  const { status, last, stderr } = bench(['--users', '2', '--rate', '4000', '--factor', '1', '--duration', '1.5', '--window', '1']);
  assert.equal(status, 0, stderr);
  const held = figure(last, 'held back') as number;
  const sent = figure(last, 'messages sent') as number;
  assert.ok(held > 0, `some sends were held back (sent ${sent})`);
  assert.equal(sent + held, 4000 * 0.5 + 4000 * 1.5 + 2000 * 1);
  assert.equal(figure(last, 'acked but never delivered'), 0);
});
