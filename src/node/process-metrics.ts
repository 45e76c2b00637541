// The process's own figures on /metrics: prom-client's defaults, minus the collectors whose cost
// grows with the number of open sockets and runs on the event loop at every scrape.
import { readdir } from 'node:fs/promises';
import { Gauge, collectDefaultMetrics, type Registry } from 'prom-client';

/**
 * The handle gauges walk every libuv handle (one per socket) and group them by class name, and
 * the fd gauge lists /proc/self/fd synchronously: at 5,000 connections a scrape held the event
 * loop for about 30 ms. The fd count is read asynchronously instead, and the handle gauges go
 * (the gateway's connection gauges say the same thing).
 */
const DROPPED = ['nodejs_active_handles', 'nodejs_active_handles_total', 'process_open_fds'];

export function registerProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const name of DROPPED) registry.removeSingleMetric(name);
  if (process.platform !== 'linux') return;
  new Gauge({
    name: 'process_open_fds',
    help: 'Number of open file descriptors.',
    registers: [registry],
    async collect() {
      try {
        this.set((await readdir('/proc/self/fd')).length);
      } catch {
        // /proc may be hidden in a sandbox: the figure keeps its last reading, the scrape still works.
      }
    },
  });
}
