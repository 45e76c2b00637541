// The overload scenario: the chat load at the server's keep-up rate, then `factor` times that for a
// while, then half of it, with arrivals counted per second, to show whether delivery keeps going
// at capacity while the server is overloaded and how soon latency recovers once the load drops.
// The phases scale with the overload's length: a third of it before, two thirds of it after.
import { mergeReports } from './aggregate.js';
import { nowUs } from './clock.js';
import type { Histogram } from './histogram.js';
import { sampleProcess } from './procstats.js';
import { splitSteps, type Step } from './pacing.js';
import type { BenchResult, SecondRow } from './report.js';
import {
  base, connectForTraffic, drain, DRAIN_LIMIT_MS, generatorCheck, ms, progressLoop, sampleAtSteps, sleep, stepRows,
  type RunContext, type Snapshot,
} from './scenarios.js';
import type { UserRange } from './types.js';


/** Seconds at the keep-up rate before an overload of `overloadS`, and at half of it after. */
export const warmSeconds = (overloadS: number) => overloadS / 3;
export const afterSeconds = (overloadS: number) => (overloadS * 2) / 3;

export function overloadSteps(rate: number, factor: number, overloadS: number): Step[] {
  return [
    { rate, durationS: warmSeconds(overloadS) },
    { rate: rate * factor, durationS: overloadS },
    { rate: rate / 2, durationS: afterSeconds(overloadS) },
  ];
}

/** The arrivals of each whole second of the schedule, labelled with the phase it falls in. */
export function secondRows(bySecond: readonly Histogram[], overloadS: number): SecondRow[] {
  const warm = warmSeconds(overloadS);
  const total = Math.floor(warm + overloadS + afterSeconds(overloadS));
  const rows: SecondRow[] = [];
  for (let second = 0; second < total; second++) {
    const h = bySecond[second];
    // a second is in the phase its start falls in
    const phase = second < warm ? 'before' : second < warm + overloadS ? 'overload' : 'after';
    rows.push({ second, phase, delivered: h?.total ?? 0, p50Ms: h ? ms(h.percentile(50)) : 0, p99Ms: h ? ms(h.percentile(99)) : 0 });
  }
  return rows;
}

/**
 * Seconds after the load dropped until every later second of the run has p99 under `limitMs`
 * (0: it never went over; null: it did not recover before the run ended).
 */
export function recoverySeconds(rows: readonly SecondRow[], limitMs: number): number | null {
  const after = rows.filter((r) => r.phase === 'after');
  let lastBad = -1;
  after.forEach((r, k) => {
    if (r.delivered > 0 && r.p99Ms >= limitMs) lastBad = k;
  });
  if (lastBad === after.length - 1) return null;
  return lastBad + 1;
}

/**
 * The server's CPU (% of one core) in each whole second of a schedule of `seconds` starting at
 * `startUs`, from /proc: a second that delivers nothing while the server got no CPU was lost to
 * the machine (the process was not scheduled), not to the server's own work.
 */
async function cpuBySecond(pid: number | null, startUs: number, seconds: number): Promise<(number | null)[]> {
  const out: (number | null)[] = [];
  if (pid === null) return out;
  let prev: { atUs: number; cpuUs: number } | null = null;
  for (let s = 0; s <= seconds; s++) {
    await sleep(Math.max(0, (startUs + s * 1e6 - nowUs()) / 1000));
    const sample = await sampleProcess(pid).catch(() => null);
    const at = nowUs();
    if (prev !== null) out.push(sample === null ? null : ((sample.cpuUs - prev.cpuUs) / (at - prev.atUs)) * 100);
    prev = sample === null ? null : { atUs: at, cpuUs: sample.cpuUs };
  }
  return out;
}

export async function runOverload(ctx: RunContext): Promise<BenchResult> {
  const { opts } = ctx;
  const all: UserRange = { first: 0, count: opts.users };
  const r = base(ctx, 'overload');
  const con = await connectForTraffic(ctx, all);
  const steps = overloadSteps(opts.rate, opts.factor, opts.durationS);
  const startUs = nowUs() + 300_000;
  const snaps: Snapshot[] = [];
  const stopProgress = progressLoop(ctx, 'overload', opts.users);
  const sampler = sampleAtSteps(ctx, startUs, steps, snaps);
  const totalS = Math.floor(warmSeconds(opts.durationS) + opts.durationS + afterSeconds(opts.durationS));
  const cpuSampler = cpuBySecond(ctx.serverPid, startUs, totalS);
  try {
    await ctx.pool.all({ t: 'chat', startUs, steps: splitSteps(steps, ctx.ranges.length), senders: all, recipients: all, window: opts.window });
    await sampler;
    await drain(ctx, ctx.pool.progress().sent, DRAIN_LIMIT_MS);
  } finally {
    stopProgress();
  }
  await sleep(300);
  const m = mergeReports(await ctx.pool.reports());
  r.steps = stepRows(m, steps, snaps);
  const seconds = secondRows(m.bySecond, opts.durationS);
  const cpu = await cpuSampler;
  seconds.forEach((row, k) => { row.serverCpuPct = cpu[k] ?? null; });
  r.seconds = seconds;
  const during = seconds.filter((s) => s.phase === 'overload');
  const lowest = Math.min(...during.map((s) => s.delivered));
  const recovery = recoverySeconds(seconds, opts.p99LimitMs);
  const sent = m.steps.reduce((a, s) => a + s.sent, 0);
  r.figures.push(
    { name: 'sessions connected', value: con.merged.connected },
    { name: 'keep-up rate (given)', value: opts.rate, unit: 'msgs/s' },
    { name: `offered during the overload (${opts.durationS} s)`, value: opts.rate * opts.factor, unit: 'msgs/s' },
    { name: 'lowest delivered in one second of the overload', value: lowest, unit: 'msgs' },
    { name: 'that, as a share of the keep-up rate', value: (lowest / opts.rate) * 100, unit: '%' },
    { name: `seconds after the drop until p99 < ${opts.p99LimitMs} ms stays`, value: recovery, unit: 's' },
    { name: 'messages sent', value: sent },
    { name: `held back by senders (window of ${opts.window} unacked sends full)`, value: m.steps.reduce((a, s) => a + s.heldBack, 0) },
    { name: 'server acks (durable)', value: m.steps.reduce((a, s) => a + s.acked, 0) },
    { name: 'acked but never delivered (must be 0)', value: m.lost ?? null },
    { name: 'duplicates on the wire', value: m.duplicates ?? null },
    { name: 'sessions dropped during run', value: m.closes },
  );
  if (recovery === null) ctx.notes.push(`latency did not get back under p99 ${opts.p99LimitMs} ms in the ${afterSeconds(opts.durationS)} s after the load dropped`);
  for (const row of r.steps) generatorCheck(ctx, row.generatorCpuPct ?? 0, 0);
  ctx.notes.splice(0, ctx.notes.length, ...new Set(ctx.notes));
  r.errors = { ...con.merged.errors, ...m.errors };
  return r;
}
