// Preload for a diagnosis run: records event-loop stalls (a 1 ms timer late by more than 3 ms)
// and GC pauses on the system's monotonic clock, in µs, the clock `atoll bench` stamps messages
// with, so stalls can be lined up with slow messages and with other processes' stalls.
// Use: NODE_OPTIONS="--import ./bench/diag/loop-monitor.mjs" (every Node process started with it
// writes loop-monitor-PID.json into LOOP_MONITOR_DIR, default the working directory, on exit).
// The 1 ms timer itself wakes the loop a thousand times a second: never use it for figures.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const nowUs = () => {
  const [s, ns] = process.hrtime();
  return s * 1e6 + ns / 1e3;
};
const originUs = nowUs() - performance.now() * 1000;
const stalls = [];
const gcs = [];
let last = nowUs();
setInterval(() => {
  const now = nowUs();
  if (now - last > 3000) stalls.push([last, now]);
  last = now;
}, 1).unref();
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push([originUs + e.startTime * 1000, e.duration * 1000, e.detail?.kind]);
}).observe({ entryTypes: ['gc'] });
const out = join(process.env.LOOP_MONITOR_DIR ?? '.', `loop-monitor-${process.pid}.json`);
process.on('exit', () => writeFileSync(out, JSON.stringify({ argv: process.argv.slice(1, 3), stalls, gcs })));
