// The scenarios, run by the coordinator through the worker pool: connect, chat, offline, storm, and
// register (bulk account creation before a measured run).
// Each returns a BenchResult with the figures its scenario reports; a figure that could not be measured is null.
import os from 'node:os';
import { mergeReports, type Merged } from './aggregate.js';
import { nowUs } from './clock.js';
import { splitSteps, stepRates, type Step } from './pacing.js';
import type { BenchOptions } from './options.js';
import type { WorkerPool } from './pool.js';
import { CACHE_METRIC, watchPhase, type PhaseMemory } from './memwatch.js';
import { fetchMetrics, sampleServer, type ServerSample } from './procstats.js';
import { awayPlan, awaySeed, peakAway } from './away.js';
import { Histogram } from './histogram.js';
import { ladderStop } from './ladder.js';
import type { BenchResult, Figure, Progress, StepRow } from './report.js';
import type { AwaySpec, UserRange } from './types.js';

export interface RunContext {
  opts: BenchOptions;
  pool: WorkerPool;
  /** Users owned by each worker. */
  ranges: UserRange[];
  serverPid: number | null;
  metricsUrl: string | null;
  /** With --spawn-server: stops the server and starts it on the same data and ports (serverPid follows). */
  restartServer: (() => Promise<void>) | null;
  progress: Progress;
  /** Cores the generator may use (1 when pinned). */
  generatorCores: number;
  notes: string[];
}

const MB = 1024 * 1024;
/** Longest wait for messages still in flight after the senders stopped. */
export const DRAIN_LIMIT_MS = 15_000;
/** Longest wait for the offline drain. */
const OFFLINE_DRAIN_LIMIT_MS = 120_000;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Snapshot {
  atUs: number;
  server: ServerSample;
  generatorCpuUs: number;
  /** The workers' counters at that moment. */
  merged: Merged;
}

export async function snapshot(ctx: RunContext): Promise<Snapshot> {
  const [server, reports] = await Promise.all([sampleServer(ctx.serverPid, ctx.metricsUrl), ctx.pool.reports()]);
  const own = process.cpuUsage();
  const generatorCpuUs = reports.reduce((a, r) => a + r.cpu.userUs + r.cpu.systemUs, own.user + own.system);
  return { atUs: nowUs(), server, generatorCpuUs, merged: mergeReports(reports) };
}

export function cpuPct(a: Snapshot, b: Snapshot): { server: number | null; generator: number } {
  const wall = b.atUs - a.atUs;
  const server = a.server.cpuUs !== null && b.server.cpuUs !== null ? ((b.server.cpuUs - a.server.cpuUs) / wall) * 100 : null;
  return { server, generator: ((b.generatorCpuUs - a.generatorCpuUs) / wall) * 100 };
}

/** Notes that the generator, not the server, may have been the limit. */
export function generatorCheck(ctx: RunContext, generatorPct: number, lagMaxMs: number): void {
  const capacity = ctx.generatorCores * 100;
  if (generatorPct > 0.85 * capacity) {
    ctx.notes.push(`the load generator used ${generatorPct.toFixed(0)}% CPU of ${capacity}% available: it may have been the limit, not the server`);
  }
  if (lagMaxMs > 100) {
    ctx.notes.push(`the generator fell up to ${lagMaxMs.toFixed(0)} ms behind its send schedule (those delays count in the latencies: open loop)`);
  }
}

export function progressLoop(ctx: RunContext, label: string, total?: number): () => void {
  const started = Date.now();
  const timer = setInterval(() => {
    const p = ctx.pool.progress();
    const t = ((Date.now() - started) / 1000).toFixed(0);
    const of = total !== undefined ? `/${total}` : '';
    ctx.progress.update(`${label} ${t}s: connected ${p.connected}${of}, failed ${p.failed}, sent ${p.sent}, received ${p.received}`);
  }, 250);
  return () => {
    clearInterval(timer);
    ctx.progress.done();
  };
}

export async function connectAll(ctx: RunContext, range: UserRange, register: boolean, label: string): Promise<{ ms: number; merged: Merged }> {
  await ctx.pool.all({ t: 'reset' });
  const stop = progressLoop(ctx, label, range.count);
  const t0 = nowUs();
  try {
    await ctx.pool.all({ t: 'connect', range, register, concurrency: ctx.opts.concurrency, retryBusy: true });
  } finally {
    stop();
  }
  const ms = (nowUs() - t0) / 1000;
  const merged = mergeReports(await ctx.pool.reports());
  ctx.progress.say(`${label}: ${merged.connected} connected, ${merged.connectFailures} failed in ${(ms / 1000).toFixed(1)} s`);
  return { ms, merged };
}

/** Waits until `done()` holds or received counts stop moving for `quietMs`, at most `limitMs`. */
export async function drain(ctx: RunContext, target: number, limitMs: number, quietMs = 2000): Promise<void> {
  const deadline = Date.now() + limitMs;
  let last = -1;
  let lastChange = Date.now();
  while (Date.now() < deadline) {
    const { received } = ctx.pool.progress();
    if (received >= target) return;
    if (received !== last) {
      last = received;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > quietMs) return;
    await sleep(100);
  }
}

export function base(ctx: RunContext, scenario: string): BenchResult {
  return { scenario, server: ctx.opts.label, transport: ctx.opts.target.transport, users: ctx.opts.users, workers: ctx.ranges.length, figures: [], errors: {}, notes: ctx.notes };
}

export const ms = (us: number) => us / 1000;

export async function runConnect(ctx: RunContext): Promise<BenchResult> {
  const all: UserRange = { first: 0, count: ctx.opts.users };
  const r = base(ctx, 'connect');
  if (ctx.opts.register) {
    const reg = await connectAll(ctx, all, true, 'registering');
    r.figures.push({ name: 'registration pass (register + login)', value: reg.ms / 1000, unit: 's' });
    await ctx.pool.all({ t: 'disconnect', range: all });
    if (ctx.restartServer) {
      // Memory is measured on a server that never saw the registrations (hashing, account
      // writes): what an idle session costs after a restart, as in production.
      await ctx.restartServer();
      ctx.notes.push('the server was restarted after the registration pass: its memory figures are those of a fresh process');
    } else {
      await sleep(2000); // let the server notice the closes and free those sessions
    }
  }
  const before = await snapshot(ctx);
  const con = await connectAll(ctx, all, false, 'connecting');
  const afterConnect = await snapshot(ctx);
  ctx.progress.say(`holding ${con.merged.connected} idle sessions for ${ctx.opts.durationS} s`);
  await sleep(ctx.opts.durationS * 1000);
  const held = await snapshot(ctx);
  const m = mergeReports(await ctx.pool.reports());
  const n = con.merged.connected;
  const rss = before.server.rssBytes !== null && held.server.rssBytes !== null ? held.server.rssBytes - before.server.rssBytes : null;
  const heap = before.server.heapUsedBytes !== null && held.server.heapUsedBytes !== null ? held.server.heapUsedBytes - before.server.heapUsedBytes : null;
  const cpu = cpuPct(before, afterConnect);
  r.figures.push(
    { name: 'sessions connected', value: n },
    { name: 'still connected after hold', value: m.connected },
    { name: 'connect failures', value: con.merged.connectFailures },
    { name: 'logins refused, retried (busy)', value: con.merged.rejectedLogins },
    { name: 'time to N', value: con.ms / 1000, unit: 's' },
    { name: 'connect rate', value: n > 0 ? n / (con.ms / 1000) : 0, unit: '/s' },
    { name: 'login latency p50', value: ms(con.merged.connectTime.percentile(50)), unit: 'ms' },
    { name: 'login latency p99', value: ms(con.merged.connectTime.percentile(99)), unit: 'ms' },
    { name: 'server RSS before', value: held.server.rssBytes !== null && before.server.rssBytes !== null ? before.server.rssBytes / MB : null, unit: 'MB' },
    { name: 'server RSS with sessions', value: held.server.rssBytes !== null ? held.server.rssBytes / MB : null, unit: 'MB' },
    { name: 'server RSS per session', value: rss !== null && n > 0 ? rss / n / 1024 : null, unit: 'KB' },
    { name: 'server heap per session', value: heap !== null && n > 0 ? heap / n / 1024 : null, unit: 'KB' },
    { name: 'server CPU while connecting', value: cpu.server, unit: '%' },
    { name: 'generator CPU while connecting', value: cpu.generator, unit: '%' },
    { name: 'generator RSS (all workers)', value: m.rssBytes / MB, unit: 'MB' },
  );
  if (heap === null && ctx.opts.target.transport !== 'xmpp') ctx.notes.push('server heap per session: no /metrics endpoint with nodejs_heap_size_used_bytes was reachable');
  if (rss === null) ctx.notes.push('server RSS: give --server-pid (or --spawn-server) or a /metrics endpoint');
  generatorCheck(ctx, cpu.generator, 0);
  r.errors = { ...con.merged.errors, ...m.errors };
  return r;
}

/** Bulk account creation before a measured run: register + log in + log out, nothing timed for a comparison. */
export async function runRegister(ctx: RunContext): Promise<BenchResult> {
  const all: UserRange = { first: 0, count: ctx.opts.users };
  const r = base(ctx, 'register');
  const reg = await connectAll(ctx, all, true, 'registering');
  await ctx.pool.all({ t: 'disconnect', range: all });
  r.figures.push(
    { name: 'accounts registered (and logged in once)', value: reg.merged.connected },
    { name: 'registration failures', value: reg.merged.connectFailures },
    { name: 'registration pass', value: reg.ms / 1000, unit: 's' },
  );
  r.errors = reg.merged.errors;
  if (reg.merged.connected < ctx.opts.users) ctx.notes.push(`only ${reg.merged.connected} of ${ctx.opts.users} accounts could be registered`);
  return r;
}

/** Logs every user in for a traffic scenario, lets leftovers of earlier runs arrive, then zeroes the counts. */
export async function connectForTraffic(ctx: RunContext, all: UserRange): Promise<Awaited<ReturnType<typeof connectAll>>> {
  const con = await connectAll(ctx, all, ctx.opts.register, 'connecting');
  if (con.merged.connected === 0) throw new Error('no session could log in; nothing to measure');
  await sleep(1000); // let offline leftovers of earlier runs arrive before counting starts
  await ctx.pool.all({ t: 'reset' });
  return con;
}

export async function runChat(ctx: RunContext): Promise<BenchResult> {
  const { opts } = ctx;
  const all: UserRange = { first: 0, count: opts.users };
  const r = base(ctx, 'chat');
  const con = await connectForTraffic(ctx, all);
  const planned = stepRates(opts.rate, opts.step, opts.steps, opts.durationS);
  const perWorker = splitSteps(planned, ctx.ranges.length);
  const startUs = nowUs() + 300_000;
  const snaps: Snapshot[] = [];
  const away: AwaySpec | undefined = opts.away > 0 ? { share: opts.away, forMs: opts.awayForS * 1000 } : undefined;
  const stopProgress = progressLoop(ctx, 'chat', opts.users);
  let ladderEnd: string | null = null;
  // --until-saturated: at the end of each step, stop the schedule once the server has saturated
  const atBoundary = opts.untilSaturated
    ? async (k: number, snap: Snapshot): Promise<boolean> => {
      const sofar = stepRows(snap.merged, planned, []).slice(0, k + 1);
      ladderEnd = ladderStop(sofar, k, opts.saturationP99Ms);
      if (ladderEnd === null) return false;
      ctx.progress.say(`ladder ends: ${ladderEnd}`);
      await ctx.pool.all({ t: 'stopChat' });
      return true;
    }
    : undefined;
  const sampler = sampleAtSteps(ctx, startUs, planned, snaps, atBoundary);
  try {
    if (away !== undefined) ctx.progress.say(`away mix: about ${(opts.away * 100).toFixed(0)}% of the users away at a time, ${opts.awayForS} s each (ramping up over the first ${opts.awayForS} s)`);
    await ctx.pool.all({ t: 'chat', startUs, steps: perWorker, senders: all, recipients: all, away });
    await sampler;
    const sent = ctx.pool.progress().sent;
    await drain(ctx, sent, DRAIN_LIMIT_MS);
  } finally {
    stopProgress();
  }
  await sleep(300); // the acks of the last deliveries reach the server before its counters are read
  const end = ctx.metricsUrl !== null ? await fetchMetrics(ctx.metricsUrl) : null;
  const m = mergeReports(await ctx.pool.reports());
  const served = servedFromMemory(snaps[0]?.server.metrics ?? null, end);
  // a ladder that stopped early ran only the steps it sampled the end of
  const steps = planned.slice(0, Math.max(1, snaps.length - 1));
  const rows = stepRows(m, steps, snaps);
  r.steps = rows;
  const good = rows.filter((s) => s.p99Ms < opts.p99LimitMs && s.lossPct < 0.1 && s.sent >= 0.99 * s.offered);
  const best = good.length > 0 ? Math.max(...good.map((s) => s.offeredRate)) : null;
  r.figures.push(
    { name: 'sessions connected', value: con.merged.connected },
    { name: 'connect time', value: con.ms / 1000, unit: 's' },
    { name: `highest offered rate with p99 < ${opts.p99LimitMs} ms and loss < 0.1%`, value: best, unit: 'msgs/s' },
    // every step's, as the acks and deliveries below: a ladder stopped early may have begun one more
    { name: 'messages sent', value: m.steps.reduce((a, s) => a + s.sent, 0) },
    { name: opts.target.transport === 'xmpp' ? 'server acks (stream management, not durable)' : 'server acks (durable)', value: m.steps.reduce((a, s) => a + s.acked, 0) },
    { name: 'messages delivered', value: m.received },
    { name: 'receipts delivered', value: m.receipts },
    { name: 'messages of earlier runs (ignored)', value: m.stale },
    { name: 'sessions dropped during run', value: m.closes },
    served,
  );
  if (opts.untilSaturated) {
    r.figures.push({ name: 'ladder ended', value: ladderEnd ?? `after ${steps.length} steps (--steps) without saturating` });
    if (ladderEnd === null) ctx.notes.push(`the ladder reached --steps ${opts.steps} before the server saturated`);
  }
  servedNote(ctx, served);
  if (away !== undefined) r.figures.push(...awayFigures(ctx, m, steps, away));
  if (best === null) ctx.notes.push(`no step met p99 < ${opts.p99LimitMs} ms with loss under 0.1%`);
  for (const row of rows) generatorCheck(ctx, row.generatorCpuPct ?? 0, row.genLagMaxMs);
  ctx.notes.splice(0, ctx.notes.length, ...new Set(ctx.notes));
  r.errors = { ...con.merged.errors, ...m.errors };
  return r;
}

/**
 * Samples the server and the generator at every step boundary of a schedule starting at `startUs`.
 * `atBoundary(k, snap)` runs at the end of step k; when it answers true, sampling ends there.
 */
export async function sampleAtSteps(
  ctx: RunContext, startUs: number, steps: readonly Step[], snaps: Snapshot[],
  atBoundary?: (k: number, snap: Snapshot) => Promise<boolean>,
): Promise<void> {
  let at = startUs;
  for (let k = 0; k <= steps.length; k++) {
    await sleep(Math.max(0, (at - nowUs()) / 1000));
    const snap = await snapshot(ctx);
    snaps.push(snap);
    if (k > 0 && k < steps.length && atBoundary !== undefined && (await atBoundary(k - 1, snap))) return;
    if (k < steps.length) {
      at += steps[k].durationS * 1e6;
      ctx.progress.say(`step ${k + 1}/${steps.length}: offering ${steps[k].rate} msgs/s for ${steps[k].durationS} s`);
    }
  }
}

/** One table row per step: offered and delivered, latencies, CPU between the step's two samples. */
export function stepRows(m: Merged, steps: readonly Step[], snaps: readonly Snapshot[]): StepRow[] {
  // a ladder that ended early has counters for steps it never ran: only `steps` get rows
  return m.steps.slice(0, steps.length).map((s, k) => {
    const cpu = snaps[k + 1] ? cpuPct(snaps[k], snaps[k + 1]) : { server: null, generator: null };
    const a = snaps[k]?.server.cpuUs ?? null;
    const b = snaps[k + 1]?.server.cpuUs ?? null;
    return {
      offeredRate: steps[k].rate,
      offered: s.offered,
      sent: s.sent,
      delivered: s.delivered,
      deliveredRate: s.delivered / steps[k].durationS,
      lossPct: s.sent > 0 ? Math.max(0, ((s.sent - s.delivered) / s.sent) * 100) : 0,
      p50Ms: ms(s.latency.percentile(50)),
      p90Ms: ms(s.latency.percentile(90)),
      p99Ms: ms(s.latency.percentile(99)),
      maxMs: ms(s.latency.max),
      genLagMaxMs: ms(s.lagMaxUs),
      serverCpuPct: cpu.server,
      // the server's CPU time over the step's wall time, shared out over the step's messages delivered
      serverCpuUsPerMsg: a !== null && b !== null && s.delivered > 0 ? (b - a) / s.delivered : null,
      generatorCpuPct: cpu.generator,
    };
  });
}

/** Gives each worker that owns senders an equal share of the recipients. */
function shareRecipients(ctx: RunContext, senders: UserRange, recipients: UserRange): UserRange[] {
  const owners = ctx.ranges.map((w) => Math.max(0, Math.min(w.first + w.count, senders.first + senders.count) - Math.max(w.first, senders.first)) > 0);
  const k = owners.filter(Boolean).length;
  const out: UserRange[] = [];
  let first = recipients.first;
  let j = 0;
  for (const owns of owners) {
    if (!owns) {
      out.push({ first: recipients.first, count: 0 });
      continue;
    }
    const count = Math.floor(recipients.count / k) + (j < recipients.count % k ? 1 : 0);
    out.push({ first, count });
    first += count;
    j++;
  }
  return out;
}

/** Share of inbox items acked from RAM between two /metrics reads (null without both). */
function servedFromMemory(before: Map<string, number> | null, after: Map<string, number> | null): Figure {
  const delta = (name: string) => {
    const a = before?.get(name);
    const b = after?.get(name);
    return a !== undefined && b !== undefined ? b - a : null;
  };
  const fromMemory = delta('atoll_inbox_served_from_memory_total');
  const served = delta('atoll_inbox_served_total');
  const value = fromMemory !== null && served !== null && served > 0 ? (fromMemory / served) * 100 : null;
  return { name: `served from memory (${served ?? 0} inbox items acked during the run)`, value, unit: '%' };
}

function servedNote(ctx: RunContext, served: Figure): void {
  if (served.value !== null || ctx.opts.target.transport === 'xmpp') return;
  ctx.notes.push(ctx.metricsUrl === null
    ? 'served from memory: no /metrics endpoint (give --metrics URL or --spawn-server)'
    : 'served from memory: /metrics had no atoll_inbox_served_total, or no inbox item was acked during the run');
}

/** The --away figures: how many absences, how the returns went, what waited for away users. */
function awayFigures(ctx: RunContext, m: Merged, steps: Step[], away: AwaySpec): Figure[] {
  const durationMs = steps.reduce((a, s) => a + s.durationS, 0) * 1000;
  const planned = ctx.ranges.reduce((a, w, i) => a + peakAway(awayPlan(w.count, away.share, away.forMs, durationMs, awaySeed(i))), 0);
  const waited = new Histogram();
  for (const s of m.steps) waited.merge(s.awayLatency.toData());
  const s = (us: number) => us / 1e6;
  return [
    { name: 'away: users away at once (planned peak)', value: planned },
    { name: 'away: absences (session dropped, back after away-for)', value: m.awayLeaves },
    { name: 'away: returns failed', value: m.connectFailures },
    { name: 'away: return (resume or login) latency p50', value: ms(m.connectTime.percentile(50)), unit: 'ms' },
    { name: 'away: return latency p99', value: ms(m.connectTime.percentile(99)), unit: 'ms' },
    { name: 'messages that waited for an away user', value: waited.total },
    { name: 'waited for away user: send->receive p50', value: waited.total > 0 ? s(waited.percentile(50)) : null, unit: 's' },
    { name: 'waited for away user: send->receive p99', value: waited.total > 0 ? s(waited.percentile(99)) : null, unit: 's' },
    { name: 'messages lost (acked, never received; must be 0)', value: m.lost ?? null },
    { name: 'duplicates (same id received twice)', value: m.duplicates ?? null },
  ];
}

const mb = (bytes: number | null) => (bytes === null ? null : bytes / MB);

/** The server memory of one phase: RssAnon is the process's own memory, RssFile mostly LMDB's map. */
function memoryFigures(phase: string, m: PhaseMemory): Figure[] {
  return [
    { name: `${phase}: server RssAnon at start`, value: mb(m.startAnonBytes), unit: 'MB' },
    { name: `${phase}: server RssAnon peak`, value: mb(m.peakAnonBytes), unit: 'MB' },
    { name: `${phase}: server RssAnon at end`, value: mb(m.endAnonBytes), unit: 'MB' },
    { name: `${phase}: server RssFile peak`, value: mb(m.peakFileBytes), unit: 'MB' },
    { name: `${phase}: inbox cache peak (${CACHE_METRIC})`, value: mb(m.peakCacheBytes), unit: 'MB' },
  ];
}

function memoryNotes(ctx: RunContext, phases: PhaseMemory[]): void {
  const samples = phases.map((m) => m.procSamples).join(' and ');
  if (phases.some((m) => m.peakAnonBytes !== null)) {
    ctx.notes.push(`server memory sampled from /proc every 500 ms (${samples} samples): RssAnon is the process's own memory; RssFile is mostly LMDB's memory-mapped file (page cache the kernel can reclaim)`);
  } else {
    ctx.notes.push('server RssAnon/RssFile not measured: give --server-pid (or --spawn-server)');
  }
  const failures = phases.reduce((a, m) => a + m.metricsFailures, 0);
  if (failures > 0) ctx.notes.push(`${failures} /metrics fetches failed or took over 10 s; the inbox cache peak is from the others`);
}

export async function runOffline(ctx: RunContext): Promise<BenchResult> {
  const { opts } = ctx;
  const recipients: UserRange = { first: 0, count: opts.users };
  const senders: UserRange = { first: opts.users, count: opts.senders };
  const r = base(ctx, 'offline');
  // 1. recipients exist with a device, then go offline
  const reg = await connectAll(ctx, recipients, opts.register, 'preparing offline users');
  await sleep(1500); // leftovers of earlier runs arrive and are acked before they go offline
  await ctx.pool.all({ t: 'disconnect', range: recipients });
  const snd = await connectAll(ctx, senders, opts.register, 'connecting senders');
  if (snd.merged.connected === 0) throw new Error('no sender could log in; nothing to measure');
  await sleep(1000);
  // 2. queue K messages for each offline user
  await ctx.pool.all({ t: 'reset' });
  const shares = shareRecipients(ctx, senders, recipients);
  const total = opts.users * opts.messages;
  const watch = { pid: ctx.serverPid, metricsUrl: ctx.metricsUrl };
  const stopQ = progressLoop(ctx, 'queueing');
  const q = await watchPhase(watch, async () => {
    const tq = nowUs();
    try {
      await ctx.pool.all((w) => ({ t: 'fixed', senders, recipients: shares[w], perRecipient: opts.messages, maxInFlight: 2000 }));
    } finally {
      stopQ();
    }
    return (nowUs() - tq) / 1000;
  });
  const queueMs = q.value;
  const queued = mergeReports(await ctx.pool.reports());
  ctx.progress.say(`queued ${queued.steps[0]?.sent ?? 0} messages in ${(queueMs / 1000).toFixed(1)} s`);
  const before = await snapshot(ctx);
  // 3. everyone logs in at once; the clock runs until the last queued message arrives
  const stopD = progressLoop(ctx, 'draining', opts.users);
  const t0 = nowUs();
  const d = await watchPhase(watch, async () => {
    try {
      await ctx.pool.all({ t: 'connect', range: recipients, register: false, concurrency: Math.max(opts.concurrency, 1000), retryBusy: true });
      const loginMs = (nowUs() - t0) / 1000;
      await drain(ctx, queued.steps[0]?.acked || queued.steps[0]?.sent || total, OFFLINE_DRAIN_LIMIT_MS, 5000);
      return loginMs;
    } finally {
      stopD();
    }
  });
  const loginMs = d.value;
  const after = await snapshot(ctx);
  const m = mergeReports(await ctx.pool.reports());
  const drainMs = m.lastReceiveUs > t0 ? ms(m.lastReceiveUs - t0) : null;
  const served = servedFromMemory(before.server.metrics, after.server.metrics);
  const cpu = cpuPct(before, after);
  r.figures.push(
    { name: 'offline users', value: opts.users },
    { name: 'messages per user', value: opts.messages },
    { name: 'senders', value: snd.merged.connected },
    { name: 'messages queued (server-acked)', value: ctx.opts.target.transport === 'xmpp' ? null : m.steps[0]?.acked ?? 0 },
    { name: 'messages written', value: m.steps[0]?.sent ?? 0 },
    { name: 'queueing time', value: queueMs / 1000, unit: 's' },
    { name: 'logins done after', value: loginMs / 1000, unit: 's' },
    { name: 'drain time (login start to last message)', value: drainMs !== null ? drainMs / 1000 : null, unit: 's' },
    { name: 'messages delivered (unique)', value: m.uniqueReceived ?? m.received },
    { name: 'messages lost', value: m.lost ?? null },
    { name: 'duplicates', value: m.duplicates ?? null },
    served,
    { name: 'server CPU while draining', value: cpu.server, unit: '%' },
    { name: 'generator CPU while draining', value: cpu.generator, unit: '%' },
    ...memoryFigures('queueing', q.memory),
    ...memoryFigures('draining', d.memory),
  );
  memoryNotes(ctx, [q.memory, d.memory]);
  servedNote(ctx, served);
  if (ctx.opts.target.transport === 'xmpp') ctx.notes.push('XMPP has no durable send ack: "lost" counts messages written by senders and never received');
  void reg;
  generatorCheck(ctx, cpu.generator, 0);
  r.errors = { ...reg.merged.errors, ...snd.merged.errors, ...m.errors };
  return r;
}

export async function runStorm(ctx: RunContext): Promise<BenchResult> {
  const { opts } = ctx;
  const all: UserRange = { first: 0, count: opts.users };
  const r = base(ctx, 'storm');
  const con = await connectAll(ctx, all, opts.register, 'connecting');
  if (con.merged.connected === 0) throw new Error('no session could log in; nothing to measure');
  await sleep(1000);
  await ctx.pool.all({ t: 'reset' });
  const steps = splitSteps([{ rate: opts.rate, durationS: 2 * opts.durationS }], ctx.ranges.length);
  const startUs = nowUs() + 300_000;
  const stop = progressLoop(ctx, 'storm', opts.users);
  let backMs = 0;
  let before: Snapshot | null = null;
  let after: Snapshot | null = null;
  try {
    const chat = ctx.pool.all({ t: 'chat', startUs, steps, senders: all, recipients: all });
    await sleep((startUs - nowUs()) / 1000 + opts.durationS * 1000);
    ctx.progress.say(`dropping all ${opts.users} sessions at once`);
    before = await snapshot(ctx);
    const t0 = nowUs();
    await ctx.pool.all({ t: 'drop', range: all, reconnect: true, concurrency: opts.users });
    backMs = (nowUs() - t0) / 1000;
    after = await snapshot(ctx);
    ctx.progress.say(`all sessions back after ${(backMs / 1000).toFixed(2)} s`);
    await chat;
    await drain(ctx, ctx.pool.progress().sent, DRAIN_LIMIT_MS, 3000);
  } finally {
    stop();
  }
  const m = mergeReports(await ctx.pool.reports());
  const cpu = cpuPct(before!, after!);
  r.figures.push(
    { name: 'sessions before the drop', value: con.merged.connected },
    { name: 'sessions back', value: m.connected },
    { name: 'time until all back', value: backMs / 1000, unit: 's' },
    { name: 'logins rejected (busy), retried', value: m.rejectedLogins },
    { name: 'reconnects failed', value: m.connectFailures },
    { name: 'reconnect latency p50', value: ms(m.connectTime.percentile(50)), unit: 'ms' },
    { name: 'reconnect latency p99', value: ms(m.connectTime.percentile(99)), unit: 'ms' },
    { name: 'messages sent', value: m.steps[0]?.sent ?? 0 },
    { name: 'messages skipped (sender offline)', value: m.steps[0]?.skipped ?? 0 },
    { name: opts.target.transport === 'xmpp' ? 'messages written' : 'messages acked by server', value: m.steps[0] ? (opts.target.transport === 'xmpp' ? m.steps[0].sent : m.steps[0].acked) : 0 },
    { name: 'messages lost (must be 0)', value: m.lost ?? null },
    { name: 'duplicates on the wire (resume redelivery)', value: m.duplicates ?? null },
    { name: 'server CPU during reconnect', value: cpu.server, unit: '%' },
    { name: 'generator CPU during reconnect', value: cpu.generator, unit: '%' },
  );
  if (opts.target.transport === 'xmpp') ctx.notes.push('XMPP has no durable send ack here: messages written just before the drop may be lost legitimately');
  generatorCheck(ctx, cpu.generator, 0);
  r.errors = { ...con.merged.errors, ...m.errors };
  return r;
}

export function defaultGeneratorCores(pinned: boolean): number {
  return pinned ? 1 : os.availableParallelism();
}

export type { Figure };
