// Micro-benchmark of the group-commit log: records/s and commit latency (append -> durable) at
// several concurrency levels, with 1 vs 2 writers and with/without preallocation; plus the raw
// cost of write + fdatasync through fs/promises vs fs callbacks. Not part of the tests.
// Usage: node .tmp/<name>/bench/log/log-bench.js [--duration ms] [--size bytes] [--dir parent]

import fs from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LogSet } from '../../src/store/log/index.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '1500' },
    size: { type: 'string', default: '200' },
    dir: { type: 'string', default: tmpdir() },
  },
});
const DURATION_MS = Number(args.duration);
const RECORD_BYTES = Number(args.size);
const MAX_RECORDS = 2_000_000; // a hard bound per run, whatever the machine does

interface Result {
  label: string;
  records: number;
  seconds: number;
  p50: number;
  p99: number;
  fsyncs: number;
  fsyncP50: number;
}

function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Closed loop: `concurrency` workers, each appends, waits for durability, appends again. */
async function runLog(writers: number, concurrency: number, preallocate: boolean): Promise<Result> {
  const root = await mkdtemp(join(args.dir, 'atoll-log-bench-'));
  const fsyncMs: number[] = [];
  const set = await LogSet.open(
    Array.from({ length: writers }, (_, i) => join(root, `w${i}`)),
    { preallocate, maxSegmentBytes: 64 << 20, observerFor: () => (e) => void (e.type === 'batch' && fsyncMs.push(e.fsyncMs)) },
  );
  await set.replay(() => undefined);
  // Warm up: fill the first segment (created empty at start) so measuring starts in a rolled
  // segment, which is the preallocated one when preallocating; then let the next zero-fill finish.
  const big = Buffer.alloc((1 << 20) - 16);
  for (let i = 0; i < 65; i++) await Promise.all(set.logs.map((_, w) => set.append(w, big)));
  await Promise.all(Array.from({ length: 200 }, (_, i) => set.append(i, Buffer.alloc(RECORD_BYTES))));
  await new Promise((r) => setTimeout(r, preallocate ? 1500 : 200));
  fsyncMs.length = 0;

  const latencies = new Float64Array(MAX_RECORDS);
  let n = 0;
  const payload = Buffer.alloc(RECORD_BYTES, 0x61);
  const start = performance.now();
  const deadline = start + DURATION_MS;
  const worker = async (id: number) => {
    while (performance.now() < deadline && n < MAX_RECORDS) {
      const t = performance.now();
      await set.append(id, payload);
      if (n < MAX_RECORDS) latencies[n++] = performance.now() - t;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  const seconds = (performance.now() - start) / 1000;
  await set.close();
  await rm(root, { recursive: true, force: true });

  const sorted = latencies.subarray(0, n).sort();
  fsyncMs.sort((a, b) => a - b);
  return {
    label: `${writers} writer${writers > 1 ? 's' : ''}, ${concurrency} in flight${preallocate ? ', prealloc' : ''}`,
    records: n,
    seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    fsyncs: fsyncMs.length,
    fsyncP50: percentile(fsyncMs, 0.5),
  };
}

/** write(4 KiB) + fdatasync in a loop, through fs/promises or through fs callbacks. */
async function rawFsync(api: 'promises' | 'callbacks', preallocated: boolean): Promise<string> {
  const root = await mkdtemp(join(args.dir, 'atoll-log-bench-'));
  const path = join(root, 'f');
  const rounds = 1500;
  const buf = Buffer.alloc(4096, 7);
  const fh = await open(path, 'w+');
  if (preallocated) {
    const zeros = Buffer.alloc(1 << 20);
    for (let pos = 0; pos < rounds * 4096; pos += zeros.length) await fh.write(zeros, 0, zeros.length, pos);
    await fh.datasync();
  }
  const write = (pos: number) =>
    api === 'promises'
      ? fh.write(buf, 0, buf.length, pos).then(() => fh.datasync())
      : new Promise<void>((resolve, reject) =>
          fs.write(fh.fd, buf, 0, buf.length, pos, (err) => (err ? reject(err) : fs.fdatasync(fh.fd, (e) => (e ? reject(e) : resolve())))),
        );
  const lat: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await write(i * 4096);
    lat.push(performance.now() - t);
  }
  await fh.close();
  await rm(root, { recursive: true, force: true });
  lat.sort((a, b) => a - b);
  return `| ${api} | ${preallocated ? 'overwrite preallocated' : 'append'} | ${percentile(lat, 0.5).toFixed(3)} | ${percentile(lat, 0.99).toFixed(3)} |`;
}

/** Writes `count` records, then measures how long reopening and replaying them all takes. */
async function recoveryTime(count: number): Promise<string> {
  const root = await mkdtemp(join(args.dir, 'atoll-log-bench-'));
  const dir = join(root, 'w0');
  const writer = await LogSet.open([dir]);
  const payload = Buffer.alloc(RECORD_BYTES, 0x62);
  for (let done = 0; done < count; ) {
    const n = Math.min(4096, count - done);
    await Promise.all(Array.from({ length: n }, () => writer.append(0, payload)));
    done += n;
  }
  await writer.close();
  const t = performance.now();
  const reader = await LogSet.open([dir]);
  let seen = 0;
  let bytes = 0;
  await reader.replay((_w, _lsn, p) => {
    seen++;
    bytes += p.length;
  });
  const ms = performance.now() - t;
  await reader.close();
  await rm(root, { recursive: true, force: true });
  if (seen !== count) throw new Error(`replayed ${seen} of ${count}`);
  return `Open + replay of ${count.toLocaleString('en-US')} records (${((bytes + 16 * seen) / 1e6).toFixed(0)} MB, page cache warm): ${ms.toFixed(0)} ms (${Math.round(seen / (ms / 1000)).toLocaleString('en-US')} records/s)`;
}

const results: Result[] = [];
for (const writers of [1, 2]) {
  for (const concurrency of [1, 16, 128, 1024]) results.push(await runLog(writers, concurrency, false));
}
for (const concurrency of [1, 16, 128]) results.push(await runLog(1, concurrency, true));

console.log(`Group-commit log, ${RECORD_BYTES}-byte records, ${DURATION_MS} ms per row, closed loop (each in-flight append waits for its ack)\n`);
console.log('| configuration | records/s | commit p50 ms | commit p99 ms | records per fsync | fsync p50 ms |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(
    `| ${r.label} | ${Math.round(r.records / r.seconds).toLocaleString('en-US')} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${(r.records / Math.max(1, r.fsyncs)).toFixed(1)} | ${r.fsyncP50.toFixed(3)} |`,
  );
}
console.log('\nRaw write(4 KiB) + fdatasync, 1500 rounds\n');
console.log('| API | file | p50 ms | p99 ms |');
console.log('|---|---|---:|---:|');
for (const pre of [false, true]) for (const api of ['promises', 'callbacks'] as const) console.log(await rawFsync(api, pre));
console.log(`\n${await recoveryTime(1_000_000)}`);
