// A measurement preload (node --import): the first SIGUSR2 starts a window, the next ends it and
// writes PROBE_OUT.json (CPU, event-loop delay, GC pauses) and, with PROBE_PROF=1, PROBE_OUT.cpuprofile.
import inspector from 'node:inspector';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
const out = process.env.PROBE_OUT || '/tmp/atoll-probe/window';
const prof = process.env.PROBE_PROF === '1';
let on = false, session = null, eld = null, cpu0 = null, t0 = 0;
let gc = { n: 0, ms: 0, max: 0, kinds: {} };
const obs = new PerformanceObserver((list) => {
  if (!on) return;
  for (const e of list.getEntries()) { gc.n++; gc.ms += e.duration; gc.max = Math.max(gc.max, e.duration); const k = e.detail?.kind ?? e.kind; gc.kinds[k] = (gc.kinds[k] || 0) + e.duration; }
});
obs.observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => {
  if (!on) {
    on = true; gc = { n: 0, ms: 0, max: 0, kinds: {} };
    eld = monitorEventLoopDelay({ resolution: 1 }); eld.enable();
    cpu0 = process.cpuUsage(); t0 = performance.now();
    if (prof) { session = new inspector.Session(); session.connect(); session.post('Profiler.enable'); session.post('Profiler.setSamplingInterval', { interval: 200 }); session.post('Profiler.start'); }
    return;
  }
  on = false; eld.disable();
  const c = process.cpuUsage(cpu0); const wall = performance.now() - t0;
  const r = { wallMs: wall, cpuUserMs: c.user / 1000, cpuSysMs: c.system / 1000, cpuPct: (c.user + c.system) / 10 / wall,
    eld: { p50: eld.percentile(50) / 1e6, p90: eld.percentile(90) / 1e6, p99: eld.percentile(99) / 1e6, max: eld.max / 1e6, mean: eld.mean / 1e6 },
    gc: { n: gc.n, ms: gc.ms, max: gc.max, kinds: gc.kinds } };
  writeFileSync(out + '.json', JSON.stringify(r, null, 1));
  if (prof) session.post('Profiler.stop', (err, { profile }) => { writeFileSync(out + '.cpuprofile', JSON.stringify(profile)); session.disconnect(); });
});
