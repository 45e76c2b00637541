// Figures about the server process: CPU and memory from /proc when it runs on this machine,
// else (or for the V8 heap) from its Prometheus /metrics endpoint when it has one.
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';

export interface ProcSample {
  /** CPU time used so far (user + system), microseconds. */
  cpuUs: number;
  rssBytes: number;
  /** Peak RSS (VmHWM). */
  hwmBytes: number;
}

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond !== null) return ticksPerSecond;
  try {
    ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

/** Parses /proc/PID/stat: utime and stime are fields 14 and 15, counted after the ")" of the command name. */
export function parseStat(text: string, ticks: number): number {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field n is fields[n - 3]
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('unreadable /proc stat line');
  return ((utime + stime) / ticks) * 1e6;
}

/** Reads VmRSS and VmHWM (in kB) from /proc/PID/status. */
export function parseStatus(text: string): { rssBytes: number; hwmBytes: number } {
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : 0;
  };
  return { rssBytes: kb('VmRSS'), hwmBytes: kb('VmHWM') };
}

/** The parts of resident memory (kB lines of /proc/PID/status since Linux 4.5): RssAnon is the
 * process's own memory (heap, stacks, malloc), RssFile its file mappings (for Atoll mostly LMDB's
 * memory-mapped data file: page cache the kernel can reclaim), RssShmem shared memory and tmpfs. */
export interface RssParts {
  anonBytes: number;
  fileBytes: number;
  shmemBytes: number;
}

/** Reads RssAnon, RssFile and RssShmem; null when the kernel does not report them. */
export function parseRssParts(text: string): RssParts | null {
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : null;
  };
  const anonBytes = kb('RssAnon');
  const fileBytes = kb('RssFile');
  if (anonBytes === null || fileBytes === null) return null;
  return { anonBytes, fileBytes, shmemBytes: kb('RssShmem') ?? 0 };
}

/** The resident memory parts of a process, read from /proc (rejects when the process is gone). */
export async function sampleRss(pid: number): Promise<RssParts | null> {
  return parseRssParts(await readFile(`/proc/${pid}/status`, 'utf8'));
}

export async function sampleProcess(pid: number): Promise<ProcSample> {
  const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
  return { cpuUs: parseStat(stat, clockTicks()), ...parseStatus(status) };
}

/** The values of a Prometheus text exposition, by metric name (labels summed). */
export function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const v = Number(m[3]);
    if (!Number.isFinite(v)) continue;
    out.set(m[1], (out.get(m[1]) ?? 0) + v);
  }
  return out;
}

/** Fetches /metrics; null when there is none or it does not answer within `timeoutMs`. */
export async function fetchMetrics(url: string, timeoutMs = 2000): Promise<Map<string, number> | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    return parseMetrics(await res.text());
  } catch {
    return null;
  }
}

/** Server figures from either source; fields are null when no source had them. */
export interface ServerSample {
  cpuUs: number | null;
  rssBytes: number | null;
  heapUsedBytes: number | null;
  metrics: Map<string, number> | null;
}

export async function sampleServer(pid: number | null, metricsUrl: string | null): Promise<ServerSample> {
  const proc = pid !== null ? await sampleProcess(pid).catch(() => null) : null;
  const metrics = metricsUrl !== null ? await fetchMetrics(metricsUrl) : null;
  const cpuFromMetrics = metrics?.get('process_cpu_seconds_total');
  return {
    cpuUs: proc?.cpuUs ?? (cpuFromMetrics !== undefined ? cpuFromMetrics * 1e6 : null),
    rssBytes: proc?.rssBytes ?? metrics?.get('process_resident_memory_bytes') ?? null,
    heapUsedBytes: metrics?.get('nodejs_heap_size_used_bytes') ?? null,
    metrics,
  };
}
