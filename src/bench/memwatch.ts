// Watches the server's memory in the background during one phase of a run: RssAnon and RssFile
// from /proc every 500 ms, and the inbox cache gauge from /metrics, never more than one read of each in flight.
import { fetchMetrics, sampleRss, type RssParts } from './procstats.js';

/** What one phase's samples showed; null where no sample could be taken. */
export interface PhaseMemory {
  procSamples: number;
  metricsSamples: number;
  /** Metrics fetches that failed or timed out. */
  metricsFailures: number;
  /** RssAnon of the first read, taken as the phase starts (so growth is end minus start). */
  startAnonBytes: number | null;
  peakAnonBytes: number | null;
  peakFileBytes: number | null;
  /** RssAnon read once more after the phase's work ended. */
  endAnonBytes: number | null;
  /** Peak of atoll_inbox_cache_bytes (null when the endpoint or the metric is missing). */
  peakCacheBytes: number | null;
}

export const CACHE_METRIC = 'atoll_inbox_cache_bytes';

/** Folds samples into a phase's peaks (kept free of I/O so it is tested on its own). */
export class PhasePeaks {
  private readonly m: PhaseMemory = {
    procSamples: 0, metricsSamples: 0, metricsFailures: 0, startAnonBytes: null, peakAnonBytes: null, peakFileBytes: null, endAnonBytes: null, peakCacheBytes: null,
  };

  addRss(rss: RssParts, isEnd = false): void {
    this.m.procSamples++;
    this.m.startAnonBytes ??= rss.anonBytes;
    this.m.peakAnonBytes = Math.max(this.m.peakAnonBytes ?? 0, rss.anonBytes);
    this.m.peakFileBytes = Math.max(this.m.peakFileBytes ?? 0, rss.fileBytes);
    if (isEnd) this.m.endAnonBytes = rss.anonBytes;
  }

  addMetrics(metrics: Map<string, number> | null): void {
    if (metrics === null) {
      this.m.metricsFailures++;
      return;
    }
    this.m.metricsSamples++;
    const cache = metrics.get(CACHE_METRIC);
    if (cache !== undefined) this.m.peakCacheBytes = Math.max(this.m.peakCacheBytes ?? 0, cache);
  }

  result(): PhaseMemory {
    return { ...this.m };
  }
}

export interface WatchOptions {
  pid: number | null;
  metricsUrl: string | null;
  intervalMs?: number;
  /** Longest wait for one /metrics answer (a flooded server may be slow to answer). */
  metricsTimeoutMs?: number;
}

/**
 * Runs `work` while sampling; the timer lives only as long as the work. A read still in flight
 * when the timer fires is not doubled: the tick skips that source, so slow answers cannot pile up.
 */
export async function watchPhase<T>(opts: WatchOptions, work: () => Promise<T>): Promise<{ value: T; memory: PhaseMemory }> {
  const { pid, metricsUrl } = opts;
  const peaks = new PhasePeaks();
  let procInFlight: Promise<void> | null = null;
  let metricsInFlight: Promise<void> | null = null;
  const readProc = (isEnd: boolean): Promise<void> =>
    pid === null
      ? Promise.resolve()
      : sampleRss(pid).then(
          (rss) => { if (rss !== null) peaks.addRss(rss, isEnd); },
          () => undefined, // the process is gone: the phase simply has fewer samples
        );
  const readMetrics = (): Promise<void> =>
    metricsUrl === null ? Promise.resolve() : fetchMetrics(metricsUrl, opts.metricsTimeoutMs ?? 10_000).then((m) => peaks.addMetrics(m));
  const tick = () => {
    procInFlight ??= readProc(false).finally(() => { procInFlight = null; });
    metricsInFlight ??= readMetrics().finally(() => { metricsInFlight = null; });
  };
  tick();
  const timer = setInterval(tick, opts.intervalMs ?? 500);
  try {
    const value = await work();
    clearInterval(timer);
    // one more of each after the work, so the phase's end (often its peak) is always seen
    await procInFlight;
    await readProc(true);
    await metricsInFlight;
    await readMetrics();
    return { value, memory: peaks.result() };
  } finally {
    clearInterval(timer);
  }
}
