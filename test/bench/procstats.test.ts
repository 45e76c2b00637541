import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseMetrics, parseRssParts, parseStat, parseStatus, sampleProcess, sampleRss } from '../../src/bench/procstats.js';

test('parses CPU ticks from a stat line whose command name has spaces and parentheses', () => {
  const line = '4242 (node (bench) x) S 1 4242 4242 0 -1 4194304 500 0 0 0 250 50 0 0 20 0 11 0 100 1000000 2000 18446744073709551615';
  assert.equal(parseStat(line, 100), 3_000_000); // (250 + 50) ticks at 100 Hz = 3 s
  assert.throws(() => parseStat('1 (x) S', 100));
});

test('parses VmRSS and VmHWM', () => {
  assert.deepEqual(parseStatus('Name:\tnode\nVmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\n'), { rssBytes: 1024 * 1024, hwmBytes: 2048 * 1024 });
});

test('samples this very process from /proc', async () => {
  const s = await sampleProcess(process.pid);
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
  assert.ok(s.rssBytes > 0 && Math.abs(s.rssBytes - rss) < 64 * 1024 * 1024);
  assert.ok(s.cpuUs > 0);
  await assert.rejects(sampleProcess(2 ** 30));
});

test('reads a Prometheus exposition, summing labelled series and skipping comments', () => {
  const m = parseMetrics('# HELP x y\n# TYPE x gauge\nprocess_resident_memory_bytes 1234\nnodejs_heap_size_used_bytes 99.5\natoll_frames{dir="in"} 3\natoll_frames{dir="out"} 4\nbad line\nnan_metric NaN\n');
  assert.equal(m.get('process_resident_memory_bytes'), 1234);
  assert.equal(m.get('nodejs_heap_size_used_bytes'), 99.5);
  assert.equal(m.get('atoll_frames'), 7);
  assert.equal(m.has('nan_metric'), false);
});

test('splits resident memory into RssAnon, RssFile and RssShmem, which add up to VmRSS', () => {
  const text = readFileSync('/proc/self/status', 'utf8'); // one real snapshot: the parts and the total agree exactly
  const parts = parseRssParts(text);
  assert.ok(parts !== null);
  assert.ok(parts.anonBytes > 1024 * 1024, 'node holds some memory of its own');
  assert.ok(parts.fileBytes > 0, 'the node binary is mapped');
  assert.equal(parts.anonBytes + parts.fileBytes + parts.shmemBytes, parseStatus(text).rssBytes);
  assert.equal(parseRssParts('Name:\tnode\nVmRSS:\t  1024 kB\n'), null, 'a kernel without the split');
  assert.deepEqual(parseRssParts('RssAnon:\t 3 kB\nRssFile:\t 2 kB\n'), { anonBytes: 3072, fileBytes: 2048, shmemBytes: 0 });
});

test('samples the memory parts of a live process and rejects for a gone one', async () => {
  const parts = await sampleRss(process.pid);
  assert.ok(parts !== null && parts.anonBytes > 0);
  await assert.rejects(sampleRss(2 ** 30));
});
