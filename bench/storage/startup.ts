// Startup time with N queued messages (default 1,000,000). Fills a data dir in-process through the
// inbox service (users with one offline device each), then stops without a clean close (as a crash
// would leave it), and times `startServer` on it in a fresh process: LMDB open + log replay +
// queue rebuild. `--where log` leaves every message in the log only (the worst case: all replayed);
// `--where lmdb` flushes them to LMDB first (what lingering messages look like after the sync delay).
//
// The measured start uses the cache budget given (default: the server's), which the replay respects.
//
// Usage: node .tmp/<name>/bench/storage/startup.js [--messages 1000000] [--users 1000] [--size 64] [--where log|lmdb] [--budget BYTES]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { defaultConfig, resolveConfig } from '../../src/config.js';
import { buildNode } from '../../src/node/build-node.js';
import { inboxModule } from '../../src/services/inbox/module.js';
import { presenceModule } from '../../src/services/presence/module.js';
import { startServer } from '../../src/server.js';

const { values: opts } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    users: { type: 'string', default: '1000' },
    size: { type: 'string', default: '64' },
    where: { type: 'string', default: 'log' },
    budget: { type: 'string', default: String(defaultConfig.cacheBudgetBytes) },
    phase: { type: 'string', default: 'main' },
    dir: { type: 'string' },
  },
});
const messages = Number(opts.messages);
const users = Number(opts.users);
// Big enough that neither the sync delay nor the budget flushes anything while filling.
const settings = { syncDelayMs: 3_600_000, cacheBudgetBytes: 64 * 1024 ** 3, checkpointIntervalMs: 3_600_000 };

async function fill(dir: string): Promise<void> {
  const config = resolveConfig({ dataDir: dir, ...settings, mailboxLimit: 1_000_000 });
  const { router, engine, stores } = await buildNode(config, [inboxModule, presenceModule], { flusher: false });
  const t0 = performance.now();
  for (let i = 0; i < users; i++) {
    const user = `user${i}`;
    await router.call('inbox', user, { type: 'ensureUser', user });
    const session = { node: 'bench', id: String(i + 1) };
    await router.call('inbox', user, { type: 'attach', user, device: 'phone', session });
    await router.call('inbox', user, { type: 'detach', user, device: 'phone', sessionId: session.id });
  }
  const body = Buffer.alloc(Number(opts.size), 120);
  const batch = 5000;
  for (let sent = 0; sent < messages; sent += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, messages - sent) }, (_, k) => {
      const n = sent + k;
      const to = `user${n % users}`;
      return router.call('inbox', to, { type: 'store', to, from: 'sender', fromDevice: 'x', id: `m${n}`, body, now: Date.now() });
    }));
  }
  if (opts.where === 'lmdb') await engine.flushNow(true);
  await engine.idle();
  await stores.root.flushed;
  console.log(JSON.stringify({ phase: 'fill', messages, users, where: opts.where, ms: Math.round(performance.now() - t0) }));
  // No close: the next process finds the data dir as a crash leaves it.
  process.exit(0);
}

async function measure(dir: string): Promise<void> {
  const t0 = performance.now();
  const config = resolveConfig({ dataDir: dir, httpPort: 0, tcpPort: 0, ...settings, cacheBudgetBytes: Number(opts.budget) });
  const server = await startServer(config, { logger: pino({ level: 'silent' }) });
  const startMs = performance.now() - t0;
  // RssFile is mostly LMDB's map (page cache); RssAnon is what the process itself holds.
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  const cache = (await server.metrics.getSingleMetric('atoll_inbox_cache_bytes')?.get())?.values[0]?.value ?? null;
  console.log(JSON.stringify({ phase: 'start', messages, where: opts.where, budgetMiB: Math.round(config.cacheBudgetBytes / 2 ** 20), startMs: Math.round(startMs), rssAnonMiB: Math.round(kib('RssAnon') / 1024), rssFileMiB: Math.round(kib('RssFile') / 1024), cacheMiB: cache === null ? null : Math.round(cache / 2 ** 20) }));
  process.exit(0);
}

if (opts.phase === 'fill') await fill(opts.dir!);
else if (opts.phase === 'measure') await measure(opts.dir!);
else {
  const dir = mkdtempSync(join(tmpdir(), 'atoll-startup-bench-'));
  const self = fileURLToPath(import.meta.url);
  const common = ['--messages', String(messages), '--users', String(users), '--size', String(opts.size), '--where', String(opts.where), '--budget', String(opts.budget), '--dir', dir];
  try {
    for (const phase of ['fill', 'measure']) {
      // The fill holds everything in RAM on purpose; the measured start runs as `atoll serve` would.
      const flags = phase === 'fill' ? ['--max-old-space-size=8192'] : [];
      const r = spawnSync(process.execPath, [...flags, self, '--phase', phase, ...common], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`${phase} failed with ${r.status}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
