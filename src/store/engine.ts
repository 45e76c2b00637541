// The inbox storage engine: makes inbox changes durable in the configured mode (group-commit log,
// LMDB write-through, or memory), runs the write-back cache (items still undelivered after the
// sync delay go to LMDB, then leave RAM), checkpoints the log and replays it on start.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ServerConfig } from '../config.js';
import type { Stores } from './kv.js';
import { decodeOps, encodeOps, type InboxOp } from './inbox-ops.js';
import { writeFileAtomic } from './log/fsutil.js';
import { describeRange, LogDamagedError, LogSet } from './log/index.js';
import type { ReplayResult } from './log/index.js';
import { logDamagedRefusal, logDirsOf, logMissingRefusal, unreplayedLogRefusal, type RepairNote } from './data-check.js';
import { createLogMetrics } from './log/metrics.js';
import { StorageUnavailableError } from './log/errors.js';
import type { StorageHealth } from './storage-health.js';
import { commitFailure, committed } from './store-write.js';

export type Durability = ServerConfig['durability'];

/**
 * LMDB writes of one flush round. They may span several LMDB transactions: the round waits for
 * its commits whenever too many are queued (see MAX_UNCOMMITTED_WRITES).
 */
export class FlushBatch {
  readonly written: Promise<unknown>[] = [];
  /**
   * How many more users' durable changes (device positions, message states) this round writes:
   * 0 for items only, a share of the checkpoint pass, or Infinity for every change in RAM.
   */
  changes = 0;
  private readonly callbacks: (() => void)[] = [];
  private readonly undo: (() => void)[] = [];
  items = 0;
  /** A fragment's collect stops once this many writes are recorded, and is called again later. */
  stopAt = Infinity;
  /** ...or once this slice of main-thread time (performance.now()) has passed, if it wrote anything. */
  yieldAt = Infinity;
  private sliceStart = 0;

  /** Starts a collect: it may issue up to `maxWrites` more writes, and run until `yieldAt`. */
  startSlice(maxWrites: number, yieldAt: number): void {
    this.sliceStart = this.written.length;
    this.stopAt = this.written.length + maxWrites;
    this.yieldAt = yieldAt;
  }

  /** Whether a collect should stop and let the round yield to the event loop or wait for commits. */
  full(): boolean {
    if (this.written.length >= this.stopAt) return true;
    return this.written.length > this.sliceStart && performance.now() >= this.yieldAt;
  }

  constructor(readonly stores: Stores) {}

  /** Records an LMDB write promise of this batch. */
  add(write: Promise<unknown>): void {
    this.written.push(write);
  }

  /** Runs once every write of the batch is durable. */
  onCommit(fn: () => void): void {
    this.callbacks.push(fn);
  }

  committed(): void {
    for (const fn of this.callbacks) fn();
  }

  /**
   * Runs if the batch failed (some of its writes may be in LMDB, some not): each fragment puts
   * back what it handed out, so the next round issues it again and the log keeps pinning it.
   */
  onFail(fn: () => void): void {
    this.undo.push(fn);
  }

  failed(): void {
    // Newest first: what was taken from the front of a queue goes back in its old order.
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]();
  }
}

/** What the engine needs from each inbox fragment (the fragment owns its state; the engine only asks). */
export interface CacheFragment {
  /** Estimated RAM held by queued items and message states. */
  readonly bytes: number;
  /**
   * Adds to `batch` the items durable before `cutoff` (ms since epoch) and not yet delivered,
   * then up to `batch.changes` users' durable changes not yet in LMDB, the marked ones first
   * (every user's when it is Infinity), counting them off `batch.changes`. Returns false if it
   * stopped early because `batch.full()`: call it again for the rest.
   */
  collect(cutoff: number, batch: FlushBatch): boolean;
  /**
   * Marks every durable change in RAM now (a checkpoint pass covers them); returns how many
   * users hold them.
   */
  markChanges(): number;
  /** Users holding marked changes not yet handed to a batch. */
  readonly markedLeft: number;
  /** LSN of the oldest item that is live, durable, and not in LMDB (Infinity if none). */
  oldestUnflushedLsn(): number;
  /** Re-applies logged ops (recovery). */
  replay(ops: InboxOp[], lsn: number): void;
}

export interface EngineOptions {
  config: ServerConfig;
  stores: Stores;
  registry: Registry;
  /** The placement of a user id onto a fragment (the router's). */
  fragmentOf(user: string): number;
  /** Told when a write meets a full disk; absent, a full disk is only refused. */
  health?: StorageHealth;
}

export interface RecoveryReport {
  ms: number;
  records: number;
  ops: number;
  /** Flush rounds run during the replay because the cache reached its budget. */
  flushRounds: number;
  /** Damage or loss a repair accepted (log these at error level), and harmless damage (warn). */
  repaired: RepairNote[];
  warnings: RepairNote[];
}

/** How often the flusher looks for lingering items, at most. */
const MAX_TICK_MS = 250;
const MIN_TICK_MS = 10;
/**
 * A checkpoint pass writes the changes marked at its start over this share of the checkpoint
 * interval, in rounds this far apart: at 1,000 msgs/s a pass has about 10,000 writes, which in
 * one round stalled every connection for 200 ms every 5 s (two thirds of the delivery p99).
 */
const PASS_SPREAD = 0.5;
const PASS_TICK_MS = 50;
/** The least a write kept in RAM for a full disk waits before it is tried again. */
const KEPT_RETRY_MS = 100;
/** The key of the LogMarker in the meta database. */
const MARKER_KEY = 'log';
/** Where the log remembers the placement its records were written under. */
const LAYOUT_FILE = 'inbox-layout.json';
/**
 * A flush round gives the event loop back after this much main-thread work, also in the middle
 * of a fragment: a checkpoint round at 1,000 msgs/s issues about 10,000 writes, which done at
 * once held every connection for 140 ms every 5 s (the p99 of delivery).
 */
const YIELD_AFTER_MS = 2;
/**
 * LMDB writes a round may have queued and not yet committed. lmdb-js has one write queue per
 * environment: a round that queued a hundred thousand deletes made every other write (a login's
 * token) wait 170-520 ms for them. Past twice this many, the round waits until at most this many
 * are uncommitted: the queue stays short, and one batch still commits while the next is issued.
 */
const MAX_UNCOMMITTED_WRITES = 4000;
/** The sync delay is full below this share of the budget and falls linearly to 0 at the budget. */
const PRESSURE_START = 0.5;
/**
 * A flush round that waited this long for its LMDB commits gives up on them and reissues the
 * batch: lmdb-js has been seen to leave a failed commit's promise unsettled, and a round that
 * never ends would hold every send waiting on the cache budget.
 */
const COMMIT_DEADLINE_MS = 30_000;
/**
 * Free space above storageReserveBytes that a write-back round needs before it starts. Below it
 * the round waits (the log keeps every record it would have covered): a commit that meets ENOSPC
 * is taken back safely, but lmdb-js has crashed the process some time after one.
 */
export const WRITE_BACK_HEADROOM_BYTES = 4 * 1024 * 1024;

export class StorageEngine {
  readonly mode: Durability;
  private readonly fragments = new Map<number, CacheFragment>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private lastCheckpointRound = 0;
  /** The checkpoint pass under way: the log's durable LSNs when it marked the changes it writes. */
  private pass: { durable: number[]; start: number; total: number } | null = null;
  private outstanding = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private readonly checkpoints: number[] = [];
  private totalBytes = 0;
  private gate: Promise<void> | null = null;
  private soon = false;
  private started = false;
  /** The last flush round failed: while storage stays unavailable, the timer does not retry it. */
  private lastRoundFull = false;
  /** Set while the log is replayed: a checkpoint then would cover records not yet replayed. */
  private replaying = false;
  /** The sync delay in force, for the gauge and for tests. */
  currentDelayMs: number;
  readonly servedTotal: Counter;
  readonly servedFromMemory: Counter;
  private readonly flushedItems: Counter;
  private readonly deferredRounds: Counter;
  private readonly keptWaiting: Gauge;
  /** Set while write-back waits for space, so the warning is given once per stretch. */
  private waitingForRoom = false;

  private constructor(private readonly options: EngineOptions, private readonly logs: LogSet | null, private readonly logDirs: string[] = []) {
    const { config, registry } = options;
    this.mode = config.durability;
    this.currentDelayMs = config.syncDelayMs;
    const registers = [registry];
    this.servedTotal = new Counter({ name: 'atoll_inbox_served_total', help: 'Inbox items (messages and receipts) acked by a recipient device', registers });
    this.servedFromMemory = new Counter({
      name: 'atoll_inbox_served_from_memory_total', help: 'Inbox items acked by a recipient device without ever having been written to LMDB', registers,
    });
    this.flushedItems = new Counter({ name: 'atoll_inbox_flushed_items_total', help: 'Undelivered inbox items written to LMDB after the sync delay', registers });
    this.deferredRounds = new Counter({
      name: 'atoll_inbox_write_back_deferred_rounds_total', registers,
      help: `Write-back rounds not started for want of room: less than ${WRITE_BACK_HEADROOM_BYTES} bytes free above storageReserveBytes, or an earlier round met a full disk and storage is still unavailable`,
    });
    this.keptWaiting = new Gauge({
      name: 'atoll_inbox_writes_waiting_for_storage', registers,
      help: 'Device acks already in effect in RAM whose log records wait for storage to take writes again',
    });
    const engine = this;
    new Gauge({
      name: 'atoll_inbox_cache_bytes', help: 'Estimated bytes of inbox items and message states held in RAM', registers,
      collect() { this.set(engine.cacheBytes()); },
    });
    new Gauge({
      name: 'atoll_inbox_sync_delay_seconds', help: 'Current sync delay: how long an undelivered item stays only in RAM and the log', registers,
      collect() { this.set(engine.currentDelayMs / 1000); },
    });
    new Gauge({
      name: 'atoll_inbox_fragment_cache_skew', help: 'Cache bytes of the fullest inbox fragment divided by the mean', registers,
      collect() {
        const all = [...engine.fragments.values()].map((f) => f.bytes);
        const mean = all.reduce((a, b) => a + b, 0) / Math.max(1, all.length);
        this.set(mean > 0 ? Math.max(...all) / mean : 0);
      },
    });
  }

  static async open(options: EngineOptions): Promise<StorageEngine> {
    const { config } = options;
    if (config.durability !== 'log') {
      const marker = options.stores.meta.get(MARKER_KEY);
      if (marker && !marker.clean) throw unreplayedLogRefusal(config);
      return new StorageEngine(options, null);
    }
    const dirs = logDirsOf(config);
    const observer = createLogMetrics({ registry: options.registry });
    const health = options.health;
    const observerFor = (i: number) => {
      const metrics = observer(i);
      // Synchronous, before the refused appends reject: nothing new starts while the disk is full.
      return health ? (event: Parameters<typeof metrics>[0]) => { if (event.type === 'disk-full') health.diskFull(event.error.cause ?? event.error); metrics(event); } : metrics;
    };
    const logs = await LogSet.open(dirs, { repair: config.repair, observerFor });
    return new StorageEngine(options, logs, dirs);
  }

  private get health(): StorageHealth | null {
    return this.options.health ?? null;
  }

  /** See StorageHealth.epoch (0 without a health). */
  storageEpoch(): number {
    return this.health?.epoch ?? 0;
  }

  storageAvailable(): boolean {
    return this.health?.available ?? true;
  }

  /** Waits before a write refused for a full disk is tried again: until storage takes writes, and at least a pause. */
  beforeRetry(): Promise<unknown> {
    // The pause: the health may not have seen the full disk yet.
    return Promise.all([this.whenStorageAvailable(), sleep(KEPT_RETRY_MS)]);
  }

  /** Resolves once storage accepts new writes again (see StorageHealth.whenAvailable). */
  private whenStorageAvailable(): Promise<void> {
    return this.health?.whenAvailable() ?? Promise.resolve();
  }

  register(fragment: number, cache: CacheFragment): void {
    this.fragments.set(fragment, cache);
  }

  /**
   * Like write, for ops whose effects in RAM were already handed on and cannot be taken back (an
   * ack dropped its items and told the senders; a receipt is due because a state says delivered):
   * refused because storage is unavailable, they wait in RAM until it takes writes again and are
   * written then, never dropped. A retry writes `again()`, so it carries the latest states rather
   * than overwriting a newer record with an older one.
   */
  async writeKept(fragment: number, ops: InboxOp[], again: () => InboxOp[]): Promise<number> {
    let waiting = false;
    try {
      for (;;) {
        try {
          return await this.write(fragment, waiting ? again() : ops);
        } catch (err) {
          if (!(err instanceof StorageUnavailableError)) throw err;
          if (!waiting) this.keptWaiting.inc();
          waiting = true;
          await this.beforeRetry();
        }
      }
    } finally {
      if (waiting) this.keptWaiting.dec();
    }
  }

  /** Makes the ops of one request durable together; resolves with their LSN (0 outside log mode). */
  write(fragment: number, ops: InboxOp[]): Promise<number> {
    if (ops.length === 0) return Promise.resolve(0);
    switch (this.mode) {
      case 'memory':
        return Promise.resolve(0);
      case 'write-through':
        return this.track(committed(applyToStore(this.options.stores, ops), this.health).then(() => 0));
      case 'log':
        return this.track(this.logs!.append(fragment, encodeOps(ops)));
    }
  }

  /** Replays the log after its checkpoint into the fragments. Call once, after every fragment registered. */
  async recover(): Promise<RecoveryReport> {
    const t0 = performance.now();
    const report: RecoveryReport = { ms: 0, records: 0, ops: 0, flushRounds: 0, repaired: [], warnings: [] };
    if (this.logs) {
      try {
        await this.replayLog(this.logs, report);
      } catch (err) {
        // A refused start: release the log directories; nothing is flushed or checkpointed.
        this.closed = true;
        await this.logs.close().catch(() => undefined);
        throw err instanceof LogDamagedError ? logDamagedRefusal(err) : err;
      }
    }
    report.ms = performance.now() - t0;
    return report;
  }

  private async replayLog(logs: LogSet, report: RecoveryReport): Promise<void> {
    report.repaired.push(...this.checkLogsPresent(logs));
    this.replaying = true;
    let results: ReplayResult[];
    try {
      results = await logs.replay((_writer, lsn, payload) => {
        const decoded = decodeOps(payload);
        if (decoded.length === 0) return;
        report.records++;
        report.ops += decoded.length;
        this.fragments.get(this.options.fragmentOf(decoded[0].user))?.replay(decoded, lsn);
        // A long log holds more than the cache may: what was replayed so far goes to LMDB first.
        if (this.totalBytes <= this.options.config.cacheBudgetBytes) return;
        report.flushRounds++;
        return this.flushNow();
      });
    } finally {
      this.replaying = false;
    }
    for (const log of logs.logs) this.checkpoints.push(log.checkpointLsn);
    await this.checkLayout(report.records);
    for (const result of results) notesOf(result, report.repaired, report.warnings);
    // A repair is only over once the checkpoint passes what was lost: until then a crash would
    // find the same damage, and the next start would be refused again.
    if (report.repaired.length > 0) await this.flushRound(true, true);
    await committed(this.options.stores.meta.put(MARKER_KEY, { clean: false }), this.health);
  }

  /**
   * atoll.mdb remembers whether the log it was last used with still holds needed records (the
   * marker is cleared only by a clean stop). A log directory that is now empty means those
   * records are gone: refuse, or with repair accept it. Checked before the replay, which would
   * start a new log there and hide the loss from the next start.
   */
  private checkLogsPresent(logs: LogSet): RepairNote[] {
    const marker = this.options.stores.meta.get(MARKER_KEY);
    if (!marker || marker.clean) return [];
    const missing = logs.logs.filter((log) => log.foundEmpty).map((log) => log.dir);
    if (missing.length === 0) return [];
    if (!this.options.config.repair) throw logMissingRefusal(missing);
    return [{ msg: 'storage repaired: the log was missing; started an empty one (what only it held is lost)', details: { logDirs: missing } }];
  }

  /**
   * With several writers, a user's records stay in order only while the user maps to the same
   * writer: a log written under another `fragments`/`hashSeed` must not be replayed interleaved.
   */
  private async checkLayout(replayed: number): Promise<void> {
    const { fragments, hashSeed } = this.options.config;
    const path = join(this.logDirs[0], LAYOUT_FILE);
    const want = JSON.stringify({ fragments, hashSeed });
    let have: string | null = null;
    try {
      have = (await readFile(path, 'utf8')).trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (have === want) return;
    if (have !== null && replayed > 0 && this.logs!.writers > 1) {
      throw new Error(`the log in ${this.logDirs.join(', ')} holds records written with ${have}; start once with those settings `
        + '(a clean stop flushes the log to LMDB), then change fragments or hashSeed');
    }
    await writeFileAtomic(this.logDirs[0], path, Buffer.from(want));
  }

  /** Starts the flusher. */
  start(): void {
    if (this.closed || this.timer) return;
    this.started = true;
    this.schedule();
  }

  cacheBytes(): number {
    return this.totalBytes;
  }

  /** Bytes the cache may still take before its budget (negative past it). */
  cacheRoom(): number {
    return this.options.config.cacheBudgetBytes - this.totalBytes;
  }

  /** Fragments report every change of the RAM they hold; under pressure a flush starts at once. */
  bytesChanged(delta: number): void {
    this.totalBytes += delta;
    if (delta <= 0 || this.soon || !this.started || this.closed) return;
    if (this.totalBytes <= this.options.config.cacheBudgetBytes * PRESSURE_START) return;
    this.soon = true;
    setImmediate(() => {
      this.soon = false;
      if (!this.flushing && !this.closed) this.flushNow().catch(warnFlush);
    });
  }

  /**
   * Backpressure: null while the cache is within its budget; past it, a promise of the next flush
   * round, which new messages wait for (all of them, in arrival order, until it settles).
   */
  admit(): Promise<void> | null {
    if (this.gate) return this.gate;
    if (this.totalBytes <= this.options.config.cacheBudgetBytes || this.closed) return null;
    this.gate = this.flushNow().catch(warnFlush).finally(() => { this.gate = null; });
    return this.gate;
  }

  /** The sync delay for the current fill of the cache: full until PRESSURE_START, then down to 0. */
  syncDelay(): number {
    const fill = this.totalBytes / this.options.config.cacheBudgetBytes;
    const max = this.options.config.syncDelayMs;
    if (fill <= PRESSURE_START) return max;
    return Math.max(0, max * (1 - (fill - PRESSURE_START) / (1 - PRESSURE_START)));
  }

  /** Runs one flush round now (tests and close use it); `everything` flushes all that is in RAM. */
  flushNow(everything = false): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flushNow(everything));
    this.flushing = this.flushRound(everything).finally(() => { this.flushing = null; });
    return this.flushing;
  }

  /** Stops the flusher, waits for writes in flight, flushes everything and checkpoints, closes the log. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
    try {
      if (this.mode !== 'write-through') {
        await this.flushing?.catch(() => undefined);
        await this.flushRound(true, true);
      }
      if (this.logs && this.logs.logs.every((log, w) => this.checkpoints[w] === log.durableLsn + 1)) {
        // Everything the log held is in LMDB: the log may go (or move) before the next start.
        await committed(this.options.stores.meta.put(MARKER_KEY, { clean: true }), this.health);
      }
    } catch (err) {
      // A full disk at the last flush: the log still holds everything (the next start replays
      // it), so the stop goes on without the clean mark instead of leaving the log open.
      if (!(err instanceof StorageUnavailableError) || !this.logs) throw err;
      process.emitWarning('atoll storage: the final flush met a full disk; the log keeps what it did not write and the next start replays it');
    }
    await this.logs?.close();
  }

  private schedule(): void {
    const tick = Math.min(this.pass ? PASS_TICK_MS : MAX_TICK_MS, Math.max(MIN_TICK_MS, this.currentDelayMs / 20));
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.closed) return;
      // Retrying into a full disk only grows atoll.mdb's free-page churn: wait until there is room.
      if (this.lastRoundFull && this.health && !this.health.available) {
        this.noteRoom(false, this.health.snapshot().reason);
        return this.schedule();
      }
      this.flushNow().catch(warnFlush).finally(() => { if (!this.closed) this.schedule(); });
    }, tick);
    this.timer.unref();
  }

  /** Log mode only: whether the data directory has the headroom a write-back round needs (see WRITE_BACK_HEADROOM_BYTES). */
  private async roomForWriteBack(): Promise<boolean> {
    if (!this.health || !this.logs) return true;
    const room = await this.health.roomIn(this.options.config.dataDir, WRITE_BACK_HEADROOM_BYTES);
    this.noteRoom(room, `the data directory has less than ${WRITE_BACK_HEADROOM_BYTES} bytes free above storageReserveBytes`);
    return room;
  }

  /**
   * Counts a round not started for want of room, whether the headroom check refused it or an
   * earlier round met the full disk itself, and says once when write-back stops and resumes.
   */
  private noteRoom(room: boolean, reason: string): void {
    if (!room) this.deferredRounds.inc();
    if (room !== this.waitingForRoom) return;
    this.waitingForRoom = !room;
    process.emitWarning(room
      ? 'atoll storage: write-back to atoll.mdb resumes: the data directory has room again'
      : `atoll storage: write-back to atoll.mdb waits: ${reason}; the log keeps every message meanwhile`);
  }

  /**
   * One write-back round: the items past the sync delay, then durable changes. A round under
   * cache pressure (or the last one) writes every change and checkpoints at once; otherwise a
   * checkpoint pass starts every checkpoint interval, marks the changes in RAM with the log's
   * durable LSNs, writes them over the rounds of PASS_SPREAD of the interval, and checkpoints to
   * those LSNs once they are all in LMDB.
   */
  private async flushRound(everything: boolean, final = false): Promise<void> {
    const now = Date.now();
    const delay = everything ? 0 : this.syncDelay();
    this.currentDelayMs = delay;
    const whole = final || everything || delay < this.options.config.syncDelayMs;
    if (this.mode === 'write-through') {
      // Everything is in LMDB already; a round only lets offline devices drop what they hold.
      const batch = new FlushBatch(this.options.stores);
      await this.collectAll(-Infinity, batch);
      batch.committed();
      return;
    }
    if (!(await this.roomForWriteBack())) {
      this.lastRoundFull = true;
      throw new StorageUnavailableError(this.options.config.dataDir, `less than ${WRITE_BACK_HEADROOM_BYTES} bytes free above the reserve for LMDB's write-back`);
    }
    const batch = new FlushBatch(this.options.stores);
    // Everything durable in the log up to here is either in this round's writes or pinned by an item.
    const durable = this.durableLsns();
    if (whole) this.pass = null;
    else if (!this.pass && !this.replaying && now - this.lastCheckpointRound >= this.options.config.checkpointIntervalMs) this.startPass(now, durable);
    batch.changes = whole ? Infinity : this.passShare(now);
    await this.collectAll(now - delay, batch);
    try {
      await withDeadline(Promise.all(batch.written), COMMIT_DEADLINE_MS);
    } catch (err) {
      // Not lost: the fragments take back what this round handed out, the next round writes it
      // again (puts and removes are idempotent), and the log keeps every record it covers
      // because no checkpoint passes an item that is not in LMDB. The pass starts over.
      batch.failed();
      this.pass = null;
      this.lastRoundFull = true;
      for (const write of batch.written) write.catch(() => undefined);
      throw await commitFailure(err, this.health);
    }
    this.lastRoundFull = false;
    this.flushedItems.inc(batch.items);
    batch.committed();
    if (this.replaying) return;
    if (whole) {
      this.lastCheckpointRound = now;
      if (this.logs) await this.checkpoint(durable);
      return;
    }
    const pass = this.pass;
    if (!pass || this.markedLeft() > 0) return;
    this.pass = null;
    if (this.logs) await this.checkpoint(pass.durable);
  }

  private durableLsns(): number[] {
    return this.logs ? this.logs.logs.map((l) => l.durableLsn) : [];
  }

  /** Marks the changes in RAM; `durable` must be read in the same turn, before any of them is written. */
  private startPass(now: number, durable: number[]): void {
    let total = 0;
    for (const f of this.fragments.values()) total += f.markChanges();
    this.pass = { durable, start: now, total };
    this.lastCheckpointRound = now;
  }

  private markedLeft(): number {
    let left = 0;
    for (const f of this.fragments.values()) left += f.markedLeft;
    return left;
  }

  /** How many users' marked changes this round writes, so the pass ends PASS_SPREAD into the interval. */
  private passShare(now: number): number {
    const pass = this.pass;
    if (!pass) return 0;
    const spread = this.options.config.checkpointIntervalMs * PASS_SPREAD;
    if (spread <= PASS_TICK_MS) return Infinity;
    const due = Math.ceil(pass.total * Math.min(1, (now - pass.start + PASS_TICK_MS) / spread));
    return Math.max(0, due - (pass.total - this.markedLeft()));
  }

  /**
   * Asks every fragment for its writes, yielding to the event loop every few milliseconds, also
   * within one fragment: issuing ten thousand LMDB puts at once stalls every connection.
   * The writes may then span several LMDB transactions; that is safe because the checkpoint is
   * only moved once all of them are durable, and replaying ops over part of them is idempotent.
   */
  private async collectAll(cutoff: number, batch: FlushBatch): Promise<void> {
    let committed = 0;
    let yieldAt = performance.now() + YIELD_AFTER_MS;
    for (const f of this.fragments.values()) {
      for (;;) {
        batch.startSlice(committed + 2 * MAX_UNCOMMITTED_WRITES - batch.written.length, yieldAt);
        const done = f.collect(cutoff, batch);
        if (batch.written.length - committed >= 2 * MAX_UNCOMMITTED_WRITES) {
          const upTo = batch.written.length - MAX_UNCOMMITTED_WRITES;
          // Failures surface where the round awaits every write of the batch.
          await Promise.allSettled(batch.written.slice(committed, upTo));
          committed = upTo;
          yieldAt = performance.now() + YIELD_AFTER_MS;
        } else if (performance.now() >= yieldAt) {
          await new Promise((resolve) => setImmediate(resolve));
          yieldAt = performance.now() + YIELD_AFTER_MS;
        }
        if (done) break;
      }
    }
  }

  private async checkpoint(durable: number[]): Promise<void> {
    const logs = this.logs!;
    const pins = durable.map((lsn) => lsn + 1);
    for (const [fragment, f] of this.fragments) {
      const w = logs.writerFor(fragment);
      pins[w] = Math.min(pins[w], f.oldestUnflushedLsn());
    }
    await Promise.all(pins.map(async (lsn, w) => {
      if (lsn <= (this.checkpoints[w] ?? 0)) return;
      this.checkpoints[w] = lsn;
      await logs.checkpoint(w, lsn);
    }));
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.outstanding++;
    const done = () => {
      if (--this.outstanding === 0) for (const w of this.idleWaiters.splice(0)) w();
    };
    p.then(done, done);
    return p;
  }

  /** Resolves once no write issued so far is still in flight. */
  idle(): Promise<void> {
    return this.outstanding === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

/** Turns what a recovery found into notes: needed damage a repair skipped, and harmless damage. */
function notesOf(result: ReplayResult, repaired: RepairNote[], warnings: RepairNote[]): void {
  for (const r of result.damaged) {
    const details = { segment: r.segment, offset: r.offset, bytes: r.bytes, fromLsn: r.fromLsn, toLsn: r.toLsn, reason: r.reason, quarantined: result.quarantined };
    if (r.needed) repaired.push({ msg: `storage repaired: log records lost: ${describeRange(r)}`, details });
    else warnings.push({ msg: `storage: damaged log bytes that held no needed record: ${describeRange(r)}`, details });
  }
  const tail = result.tail;
  if (tail.kind === 'truncated') {
    warnings.push({ msg: 'storage: cut a torn log tail (a write that never completed)', details: { segment: tail.segment, offset: tail.offset, bytes: tail.bytesDropped, reason: tail.reason } });
  }
}

function warnFlush(err: unknown): void {
  // A full disk is reported once, by the storage health, not once per round.
  if (err instanceof StorageUnavailableError) return;
  process.emitWarning(`atoll storage: a flush failed (will retry): ${(err as Error)?.stack ?? String(err)}`);
}

/** Rejects if `p` has not settled within `ms`. */
function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`LMDB commits did not settle within ${ms} ms; the round is reissued`)), ms);
    timer.unref();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Write-through: the ops of one request become LMDB writes of one transaction. Every write's
 * promise is awaited: a failed commit rejects each of them, and one left alone would be an
 * unhandled rejection.
 */
function applyToStore(stores: Stores, ops: readonly InboxOp[]): Promise<unknown> {
  const writes: Promise<unknown>[] = [];
  for (const op of ops) {
    switch (op.t) {
      case 'user':
        writes.push(stores.devices.put([op.user, ''], { nextSeq: 1, ackedSeq: 0 }));
        break;
      case 'device':
        writes.push(stores.devices.put([op.user, op.device], { nextSeq: 1, ackedSeq: 0 }));
        break;
      case 'item':
        writes.push(stores.inbox.put([op.user, op.device, op.seq], op.item));
        break;
      case 'ack':
        for (let seq = op.from + 1; seq <= op.seq; seq++) writes.push(stores.inbox.remove([op.user, op.device, seq]));
        writes.push(stores.devices.put([op.user, op.device], { nextSeq: op.nextSeq, ackedSeq: op.seq }));
        break;
      case 'state':
        writes.push(stores.messages.put([op.user, op.from, op.id], op.state));
        break;
      case 'forget':
        for (const key of stores.inbox.getKeys({ start: [op.user, op.device, 0], end: [op.user, op.device, Number.MAX_SAFE_INTEGER] })) {
          writes.push(stores.inbox.remove(key));
        }
        writes.push(stores.devices.remove([op.user, op.device]));
        break;
    }
  }
  return Promise.all(writes);
}
