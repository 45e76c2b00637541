// Says whether new writes may start: free space of the data directories (statfs every second)
// against storageReserveBytes, and whether a write met a full disk since space was last seen.
import { statfs } from 'node:fs/promises';
import { Gauge, type Registry } from 'prom-client';
import { StorageUnavailableError } from './log/errors.js';

export interface StorageHealthOptions {
  /** Directories holding what the server writes (data directory, log directories); each is checked. */
  dirs: readonly string[];
  /** Free bytes each directory's filesystem must keep; below it new writes are refused. */
  reserveBytes: number;
  intervalMs?: number;
  registry?: Registry;
  /** Called once per change (not per refused request). */
  onChange?: (available: boolean, details: StorageState) => void;
}

export interface StorageState {
  available: boolean;
  /** Free bytes (for unprivileged users) of the fullest filesystem; -1 before the first check. */
  freeBytes: number;
  reserveBytes: number;
  /** What made it unavailable, while it is. */
  reason: string;
}

/**
 * After a write met a full disk, the free space must also leave this much above the reserve
 * before writes start again: the cut-back batch freed a little, and retrying into a few
 * kilobytes would only fail again at once.
 */
const RECOVERY_MARGIN_BYTES = 1024 * 1024;

export class StorageHealth {
  /**
   * Counts the times storage became unavailable (or a write met a full disk). A send stamped with
   * the value at its arrival is refused if it changed before its write: a send that arrived
   * before a refused one must not be stored after it (see Session.send).
   */
  epoch = 0;
  private state: StorageState;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  /** Incremented per statfs round; a round that began before a full-disk error says nothing after it. */
  private round = 0;
  /** The last round that began before the latest full-disk error. */
  private fullBefore = 0;
  /** Set by a full-disk error until a statfs shows room again. */
  private hitFull = false;
  private readonly dirs: string[];
  private availableWaiters: (() => void)[] = [];

  constructor(private readonly options: StorageHealthOptions) {
    this.dirs = [...new Set(options.dirs)];
    this.state = { available: true, freeBytes: -1, reserveBytes: options.reserveBytes, reason: '' };
    if (options.registry) this.registerGauges(options.registry);
  }

  get available(): boolean {
    return this.state.available;
  }

  get freeBytes(): number {
    return this.state.freeBytes;
  }

  snapshot(): StorageState {
    return { ...this.state };
  }

  /** The error to refuse a new write with, or null while writes may start. */
  refusal(): StorageUnavailableError | null {
    if (this.state.available) return null;
    return new StorageUnavailableError(this.dirs.join(', '), this.state.reason);
  }

  /** Resolves once new writes may start (at once while they may). */
  whenAvailable(): Promise<void> {
    if (this.state.available) return Promise.resolve();
    return new Promise((resolve) => this.availableWaiters.push(resolve));
  }

  /** Checks now, then every intervalMs until stop(). */
  async start(): Promise<void> {
    await this.check();
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A write failed for want of space: refuse new ones until a later statfs shows room again. */
  diskFull(cause: unknown): void {
    this.epoch++;
    this.fullBefore = this.round;
    this.hitFull = true;
    this.set(false, `a write failed: ${String((cause as Error)?.message ?? cause)}`);
  }

  /**
   * Whether `dir`'s filesystem has `bytes` free above the reserve, by a statfs now. LMDB's
   * write-back asks before each round: lmdb-js has been seen to crash the process some time
   * after a commit met ENOSPC, so a round that would likely not fit is not started at all.
   */
  async roomIn(dir: string, bytes: number): Promise<boolean> {
    try {
      const s = await statfs(dir);
      return s.bavail * s.bsize >= this.options.reserveBytes + bytes;
    } catch {
      // The directory's own errors are the store's to report.
      return true;
    }
  }

  /** One statfs round (rounds do not overlap). */
  check(): Promise<void> {
    this.checking ??= this.runCheck().finally(() => { this.checking = null; });
    return this.checking;
  }

  private async runCheck(): Promise<void> {
    const round = ++this.round;
    let free = Infinity;
    try {
      for (const dir of this.dirs) {
        const s = await statfs(dir);
        free = Math.min(free, s.bavail * s.bsize);
      }
    } catch {
      // A directory not there yet (or gone) is the store's to report; keep the last verdict.
      return;
    }
    this.state.freeBytes = free;
    if (round <= this.fullBefore) return;
    const reserve = this.options.reserveBytes;
    const need = this.hitFull ? reserve + RECOVERY_MARGIN_BYTES : reserve;
    if (free >= need && free > 0) {
      this.hitFull = false;
      this.set(true, '');
      return;
    }
    if (this.state.available) this.epoch++;
    this.set(false, this.hitFull && this.state.reason !== '' ? this.state.reason : `${free} bytes free, below the reserve of ${reserve} (storageReserveBytes)`);
  }

  private set(available: boolean, reason: string): void {
    const changed = available !== this.state.available;
    this.state.available = available;
    this.state.reason = reason;
    if (!changed) return;
    this.options.onChange?.(available, this.snapshot());
    if (available) for (const resolve of this.availableWaiters.splice(0)) resolve();
  }

  private registerGauges(registry: Registry): void {
    const health = this;
    new Gauge({
      name: 'atoll_storage_available', help: '1 while new writes are accepted, 0 while storage is full (below storageReserveBytes, or a write met a full disk)', registers: [registry],
      collect() { this.set(health.available ? 1 : 0); },
    });
    new Gauge({
      name: 'atoll_storage_free_bytes', help: 'Free bytes of the fullest filesystem holding the data or log directories', registers: [registry],
      collect() { if (health.freeBytes >= 0) this.set(health.freeBytes); },
    });
  }
}
