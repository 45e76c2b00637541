// Storage engine vs write-through on the same `atoll bench chat` load: for each durability mode
// and run, starts `atoll serve` (fresh data dir), registers the users, then runs the chat load and
// reads the server's /proc/PID/io write_bytes and its inbox metrics around it. Prints one JSON line
// per run and a table of medians.
//
//   node bench/storage/compare.mjs --build .tmp/engine [--modes log,write-through] [--runs 3]
//        [--users 500] [--rate 2000] [--duration 10] [--step R --steps K] [--size 64]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]?.startsWith('--') || all[i + 1] === undefined ? 'true' : all[i + 1]]);
  return acc;
}, []));
const build = resolve(args.build ?? '.tmp/engine');
const cli = join(build, 'src/cli/main.js');
const modes = (args.modes ?? 'log,write-through').split(',');
const runs = Number(args.runs ?? 3);
const users = Number(args.users ?? 500);
const chatArgs = ['--users', String(users), '--rate', args.rate ?? '2000', '--duration', args.duration ?? '10', '--size', args.size ?? '64'];
if (args.step) chatArgs.push('--step', args.step, '--steps', args.steps ?? '5');

function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
    s.on('error', rej);
  });
}

async function waitPort(port, child) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode})`);
    const ok = await new Promise((res) => { const c = net.connect(port, '127.0.0.1', () => { c.end(); res(true); }); c.on('error', () => res(false)); });
    if (ok) return;
    if (Date.now() > deadline) throw new Error('server did not listen');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const writeBytes = (pid) => Number(/write_bytes:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))[1]);

async function metrics(url) {
  const text = await (await fetch(url)).text();
  const out = new Map();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{[^}]*\})? ([0-9.eE+-]+)$/.exec(line);
    if (m) out.set(m[1], (out.get(m[1]) ?? 0) + Number(m[2]));
  }
  return out;
}

function bench(extra, env) {
  const out = execFileSync(process.execPath, [cli, 'bench', ...extra, '--json'], { env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').pop());
}

async function one(mode) {
  const data = mkdtempSync(join(tmpdir(), 'atoll-storage-bench-'));
  const [httpPort, tcpPort] = [await freePort(), await freePort()];
  const env = { ...process.env, ATOLL_SCRYPT_N: '1024', ATOLL_LOG_LEVEL: 'warn', ATOLL_DURABILITY: mode };
  const child = spawn(process.execPath, [cli, 'serve', '--data', data, '--http-port', String(httpPort), '--tcp-port', String(tcpPort)], { env, stdio: 'ignore' });
  try {
    await waitPort(tcpPort, child);
    const server = ['--server', `tcp://127.0.0.1:${tcpPort}`, '--metrics', `http://127.0.0.1:${httpPort}/metrics`, '--server-pid', String(child.pid)];
    bench(['register', '--users', String(users), ...server], env);
    const load0 = loadavg()[0];
    const w0 = writeBytes(child.pid);
    const result = bench(['chat', '--no-register', ...chatArgs, ...server], env);
    const w1 = writeBytes(child.pid);
    const m = await metrics(`http://127.0.0.1:${httpPort}/metrics`);
    const fig = (name) => result.figures.find((f) => f.name === name)?.value ?? null;
    const delivered = fig('messages delivered');
    const last = result.steps[result.steps.length - 1];
    return {
      mode, users, args: chatArgs.join(' '), loadavg: Number(load0.toFixed(1)),
      highestRateP99Under50: fig('highest offered rate with p99 < 50 ms and loss < 0.1%'),
      steps: result.steps.map((s) => ({ offered: s.offeredRate, p50: s.p50Ms, p99: s.p99Ms, loss: s.lossPct, cpu: s.serverCpuPct })),
      p50Ms: last.p50Ms, p99Ms: last.p99Ms, delivered,
      bytesWritten: w1 - w0, bytesPerDelivered: delivered ? (w1 - w0) / delivered : null,
      servedFromMemoryPct: m.get('atoll_inbox_served_total') ? (100 * (m.get('atoll_inbox_served_from_memory_total') ?? 0)) / m.get('atoll_inbox_served_total') : null,
      logFsyncMeanMs: m.get('atoll_log_fsync_seconds_count') ? (1000 * m.get('atoll_log_fsync_seconds_sum')) / m.get('atoll_log_fsync_seconds_count') : null,
      logBatchMean: m.get('atoll_log_batch_records_count') ? m.get('atoll_log_batch_records_sum') / m.get('atoll_log_batch_records_count') : null,
    };
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(data, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const v = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  return v.length === 0 ? null : v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

const all = [];
for (let r = 0; r < runs; r++) {
  for (const mode of modes) {
    const res = await one(mode);
    console.log(JSON.stringify(res));
    all.push(res);
  }
}
console.log('\n| mode | runs | highest msgs/s with p99 < 50 ms | p50 ms | p99 ms | bytes written / delivered msg | served from memory % | log fsync mean ms | records per batch | load avg |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
const f = (x, d = 1) => (x === null ? 'n/a' : Number(x).toFixed(d));
for (const mode of modes) {
  const rs = all.filter((x) => x.mode === mode);
  const med = (k) => median(rs.map((x) => x[k]));
  console.log(`| ${mode} | ${rs.length} | ${f(med('highestRateP99Under50'), 0)} | ${f(med('p50Ms'))} | ${f(med('p99Ms'))} | ${f(med('bytesPerDelivered'), 0)} | ${f(med('servedFromMemoryPct'), 2)} | ${f(med('logFsyncMeanMs'), 2)} | ${f(med('logBatchMean'))} | ${f(med('loadavg'))} |`);
}
