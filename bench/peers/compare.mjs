// Reads the --json results of bench/peers/run.sh (SCENARIO-SERVER-RUN.json in one folder) and
// prints one Markdown comparison table: the median of the runs per figure, ratios against Atoll
// ("better"/"worse" from Atoll's side), every run's value with the load average it started at.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/peers/compare.mjs RESULTS_DIR');
  process.exit(1);
}

const results = new Map(); // "scenario server" -> [result, ...] in run order
const files = readdirSync(dir)
  .map((f) => /^(\w+)-(\w+)-(\d+)\.json$/.exec(f))
  .filter((m) => m !== null)
  .sort((a, b) => Number(a[3]) - Number(b[3]));
for (const m of files) {
  let r;
  try {
    r = JSON.parse(readFileSync(path.join(dir, m[0]), 'utf8'));
  } catch {
    r = { error: 'no JSON result' };
  }
  r.run = Number(m[3]);
  const key = `${m[1]} ${m[2]}`;
  results.set(key, [...(results.get(key) ?? []), r]);
}
// load.txt: "scenario server run load1 load5 load15", written by run.sh as each measured run starts
const loads = new Map();
if (existsSync(path.join(dir, 'load.txt'))) {
  for (const l of readFileSync(path.join(dir, 'load.txt'), 'utf8').trim().split('\n')) {
    const [sc, sv, run, l1] = l.split(' ');
    loads.set(`${sc} ${sv} ${run}`, l1);
  }
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const fig = (r, prefix) => r.figures?.find((f) => f.name.startsWith(prefix))?.value ?? null;
const fmt = (v, d = 1) => (v === null ? 'n/a' : Number(v).toFixed(d));

/** Figures compared, per scenario: [label, how to read it from one result, decimals, lower is better, ratio shown (default yes)]. */
const FIGURES = {
  connect: [
    ['server RSS per idle session (KB)', (r) => fig(r, 'server RSS per session'), 1, true],
    ['connect rate (sessions/s)', (r) => fig(r, 'connect rate'), 0, false],
    ['sessions connected', (r) => fig(r, 'sessions connected'), 0, false, false],
    ['server RSS with sessions (MB)', (r) => fig(r, 'server RSS with sessions'), 0, true],
  ],
  chat: [
    // a run in which no step kept up counts as 0 (below its first step), not as a missing value
    ['keep-up rate: highest offered rate with p99 < 50 ms, loss < 0.1% (msgs/s; 0: no step)', (r) => (r.steps ? fig(r, 'highest offered rate') ?? 0 : null), 0, false],
    ['p99 at the first step (ms)', (r) => r.steps?.[0]?.p99Ms ?? null, 1, true],
    ['delivered msgs/s at the last step', (r) => r.steps?.at(-1)?.deliveredRate ?? null, 0, false],
    ['p99 at the last step (ms)', (r) => r.steps?.at(-1)?.p99Ms ?? null, 1, true],
    ['server CPU at the last step (%)', (r) => r.steps?.at(-1)?.serverCpuPct ?? null, 0, true, false],
    ['generator CPU at the last step (%)', (r) => r.steps?.at(-1)?.generatorCpuPct ?? null, 0, true, false],
  ],
  offline: [
    ['drain time (s)', (r) => fig(r, 'drain time'), 2, true],
    ['messages delivered (unique)', (r) => fig(r, 'messages delivered'), 0, false],
    ['messages lost', (r) => fig(r, 'messages lost'), 0, true],
  ],
};

const servers = [...new Set([...results.keys()].map((k) => k.split(' ')[1]))].sort((a, b) => (a === 'atoll' ? -1 : b === 'atoll' ? 1 : a.localeCompare(b)));
const out = [];
for (const f of ['machine.txt', 'versions.txt']) if (existsSync(path.join(dir, f))) out.push(...readFileSync(path.join(dir, f), 'utf8').trim().split('\n').map((l) => `- ${l}`));
out.push('');
for (const [scenario, figures] of Object.entries(FIGURES)) {
  if (![...results.keys()].some((k) => k.startsWith(`${scenario} `))) continue;
  out.push(`### ${scenario}`, '');
  out.push(`| figure | ${servers.map((s) => `${s} (median of n)`).join(' | ')} | ${servers.filter((s) => s !== 'atoll').map((s) => `atoll vs ${s}`).join(' | ')} |`);
  out.push(`|---|${servers.map(() => '---:').join('|')}|${servers.filter((s) => s !== 'atoll').map(() => '---:').join('|')}|`);
  for (const [label, read, d, lowerBetter, withRatio = true] of figures) {
    const med = new Map(servers.map((s) => {
      const rs = (results.get(`${scenario} ${s}`) ?? []).filter((r) => !r.error);
      return [s, { v: median(rs.map(read)), n: rs.length }];
    }));
    const a = med.get('atoll')?.v ?? null;
    const ratios = servers.filter((s) => s !== 'atoll').map((s) => {
      const p = med.get(s).v;
      if (!withRatio) return '';
      if (a === null || p === null || a === 0 || p === 0) return 'n/a';
      const better = lowerBetter ? p / a : a / p; // > 1: Atoll is better
      return better >= 1 ? `${better.toFixed(1)}x better` : `${(1 / better).toFixed(1)}x worse`;
    });
    out.push(`| ${label} | ${servers.map((s) => `${fmt(med.get(s).v, d)} (n=${med.get(s).n})`).join(' | ')} | ${ratios.join(' | ')} |`);
  }
  if (scenario === 'chat') {
    // the ladder itself: per offered rate and server, the median over the runs that reached that step
    const rates = [...new Set(servers.flatMap((s) => (results.get(`chat ${s}`) ?? []).flatMap((r) => (r.steps ?? []).map((st) => st.offeredRate))))].sort((x, y) => x - y);
    const cols = [
      ['delivered/s', (x) => x.deliveredRate, 0],
      ['p50 ms', (x) => x.p50Ms, 1],
      ['p99 ms', (x) => x.p99Ms, 1],
      ['server CPU %', (x) => x.serverCpuPct, 0],
      ['server µs CPU/msg', (x) => x.serverCpuUsPerMsg ?? null, 0],
      ['generator CPU %', (x) => x.generatorCpuPct, 0],
    ];
    out.push('', 'Rate ladder, medians over the runs that reached each step (runs: how many did; a ladder with --until-saturated ends once its server saturates):', '');
    out.push(`| offered msgs/s | ${servers.flatMap((s) => [`${s} runs`, ...cols.map(([c]) => `${s} ${c}`)]).join(' | ')} |`);
    out.push(`|---:|${servers.flatMap(() => ['---:', ...cols.map(() => '---:')]).join('|')}|`);
    for (const rate of rates) {
      const cells = servers.flatMap((s) => {
        const st = (results.get(`chat ${s}`) ?? []).flatMap((r) => (r.steps ?? []).filter((x) => x.offeredRate === rate));
        if (st.length === 0) return ['0', ...cols.map(() => '—')];
        return [String(st.length), ...cols.map(([, read, d]) => fmt(median(st.map(read)), d))];
      });
      out.push(`| ${rate} | ${cells.join(' | ')} |`);
    }
    const ends = servers.flatMap((s) => (results.get(`chat ${s}`) ?? []).map((r) => [s, r.run, fig(r, 'ladder ended')]).filter(([, , e]) => e !== null));
    if (ends.length > 0) out.push('', ...ends.map(([s, run, e]) => `- ${s} run ${run}: ladder ended ${e}`));
  }
  // every run's value, with the machine's 1-minute load average when that run started
  out.push('', 'Individual runs (value, and the 1-minute load average of this shared 2-core machine when the run started):', '');
  out.push(`| figure | ${servers.join(' | ')} |`);
  out.push(`|---|${servers.map(() => '---').join('|')}|`);
  for (const [label, read, d] of figures) {
    const cells = servers.map((s) => (results.get(`${scenario} ${s}`) ?? []).map((r) => `${r.error ? 'failed' : fmt(read(r), d)} (load ${loads.get(`${scenario} ${s} ${r.run}`) ?? '?'})`).join(', '));
    out.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  const failed = servers.flatMap((s) => (results.get(`${scenario} ${s}`) ?? []).filter((r) => r.error).map((r) => `${s}: ${r.error}`));
  for (const f of failed) out.push(`\nfailed run: ${f}`);
  // per-step generator lag notes collapse into one per server (the largest lag, how many steps)
  const notes = new Set();
  for (const s of servers) {
    let lagMax = 0;
    let lagSteps = 0;
    for (const n of (results.get(`${scenario} ${s}`) ?? []).flatMap((r) => r.notes ?? [])) {
      const lag = /fell up to (\d+) ms behind/.exec(n);
      if (lag) {
        lagMax = Math.max(lagMax, Number(lag[1]));
        lagSteps++;
      } else notes.add(`${s}: ${n}`);
    }
    if (lagSteps > 0) notes.add(`${s}: the generator fell more than 100 ms behind its send schedule in ${lagSteps} step(s), at most ${lagMax} ms (open loop: those delays count in the latencies)`);
  }
  if (notes.size > 0) out.push('', ...[...notes].map((n) => `- ${n}`));
  out.push('');
}
console.log(out.join('\n'));
