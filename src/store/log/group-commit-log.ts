// An append-only log in one directory with group commit: appends that arrive while a write +
// fdatasync is in flight form the next batch, so many records share one fsync. An append resolves
// with its LSN only once its batch is durable. Recovery tells a torn tail (cut) from damage in the
// middle (reported; every intact record after it is still replayed).

import { constants as fsConstants } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readCheckpoint, writeCheckpoint } from './checkpoint-file.js';
import type { DamagedRange } from './damage.js';
import { lockDir } from '../dir-lock.js';
import type { DirLock } from '../dir-lock.js';
import { LogClosedError, LogDamagedError, LogFailedError, LogLockedError, LogRecordTooLargeError, StorageUnavailableError, isDiskFull } from './errors.js';
import { CHECKPOINT_FILE, FIRST_LSN, HEADER_BYTES, PREALLOC_FILE, encodeRecord, parseSegmentFileName, segmentFileName } from './format.js';
import { fsyncDir, fsyncFile, unlinkIfExists, writeAndSync, writeFully } from './fsutil.js';
import { scanSegment } from './scan.js';
import type { DamageReason, RecordHandler, SkippedBytes } from './scan.js';

/** Where copies of damaged segments go, inside the log directory. */
export const QUARANTINE_DIR = 'quarantine';
const LOCK_FILE = 'LOCK';

export interface LogOptions {
  /** A segment is closed and a new one started once the next batch would exceed this. Default 64 MiB. */
  maxSegmentBytes?: number;
  /** Upper bound on the bytes (headers included) of one write + fdatasync. Default 1 MiB. */
  maxBatchBytes?: number;
  /** Largest payload accepted by append. Default 16 MiB, at most maxSegmentBytes - 16. */
  maxRecordBytes?: number;
  /**
   * Zero-fill the next segment in the background so appends overwrite allocated blocks instead of
   * growing the file (fdatasync then has no size/extent metadata to write). Costs one extra
   * segment's worth of disk writes per segment. Default false.
   */
  preallocate?: boolean;
  /**
   * What recovery does when records at or above the checkpoint are unreadable or missing (damage
   * in the middle, or segments gone). false (default): the first replay rejects with
   * LogDamagedError and nothing is changed. true: every intact record is replayed and the log
   * continues after the last one, in a new segment; the damaged bytes stay on disk until a
   * checkpoint passes them (then they are no longer needed and no longer reported). Either way a
   * copy of each damaged segment is kept in `quarantine/` first.
   */
  repair?: boolean;
  /** Called synchronously for every batch, segment change and recovery; must not throw. */
  observer?: LogObserver;
}

export type LogEvent =
  | { type: 'batch'; records: number; bytes: number; writeMs: number; fsyncMs: number }
  /** A batch met a full disk: it was cut off again and refused, with the appends queued behind it. */
  | { type: 'disk-full'; records: number; bytes: number; error: Error }
  | { type: 'segment-created'; firstLsn: number; preallocated: boolean }
  | { type: 'segment-deleted'; firstLsn: number }
  | { type: 'recovered'; nextLsn: number; records: number; tail: LogTail; checkpoint: number; damaged: DamagedRange[] };

export type LogObserver = (event: LogEvent) => void;

/** What recovery (or a later replay) found after the last valid record. */
export type LogTail =
  | { kind: 'clean' }
  /**
   * Recovery cut a torn tail: bad bytes after the last valid record of the last segment, with no
   * valid record after them (a batch whose write never completed, or damage to the very last
   * records, which looks the same).
   */
  | { kind: 'truncated'; segment: string; offset: number; reason: DamageReason; bytesDropped: number }
  /** A replay after recovery met bytes that changed on disk since; nothing was cut. */
  | { kind: 'damaged'; segment: string; offset: number; reason: DamageReason };

export interface ReplayResult {
  /** Records passed to the callback. */
  records: number;
  /** First LSN that was eligible for delivery (max of the requested LSN and the checkpoint). */
  fromLsn: number;
  /** LSN the next append will get (as of the end of the replay). */
  nextLsn: number;
  tail: LogTail;
  /**
   * Damage recovery found and skipped: needed ranges (only with `repair`) and harmless ones (below
   * the checkpoint, or bad bytes that held no record). Empty on later replays.
   */
  damaged: DamagedRange[];
  /** Copies recovery made of damaged segments (empty on later replays). */
  quarantined: string[];
}

export interface LogStats {
  appends: number;
  batches: number;
  fsyncs: number;
  bytesWritten: number;
  preallocBytesWritten: number;
  lastBatchRecords: number;
  lastBatchBytes: number;
  maxBatchRecords: number;
  lastFsyncMs: number;
  /** Sum of fdatasync latencies; divided by fsyncs gives the mean. */
  fsyncMsTotal: number;
  segmentsCreated: number;
  segmentsDeleted: number;
}

interface Segment {
  firstLsn: number;
  path: string;
  /** Offset just after the last durable, valid record. */
  endOffset: number;
}

/** What recovery's scan found. */
interface Scanned {
  records: number;
  damaged: DamagedRange[];
  /** LSN after the last valid record (or the first LSN the last segment's name promises). */
  nextLsn: number;
  tail: LogTail;
}

interface Pending {
  record: Uint8Array;
  resolve: (lsn: number) => void;
  reject: (err: Error) => void;
}

type State = 'open' | 'closing' | 'closed' | 'failed';

const MiB = 1 << 20;
const DEFAULTS = { maxSegmentBytes: 64 * MiB, maxBatchBytes: MiB, maxRecordBytes: 16 * MiB };

export class GroupCommitLog {
  readonly stats: LogStats = {
    appends: 0,
    batches: 0,
    fsyncs: 0,
    bytesWritten: 0,
    preallocBytesWritten: 0,
    lastBatchRecords: 0,
    lastBatchBytes: 0,
    maxBatchRecords: 0,
    lastFsyncMs: 0,
    fsyncMsTotal: 0,
    segmentsCreated: 0,
    segmentsDeleted: 0,
  };

  private readonly maxSegmentBytes: number;
  private readonly maxBatchBytes: number;
  private readonly maxRecordBytes: number;
  private readonly preallocate: boolean;
  private readonly repair: boolean;
  private readonly observer: LogObserver | undefined;

  private state: State = 'open';
  private failure: LogFailedError | undefined;
  private recovery: Promise<ReplayResult> | undefined;
  private segments: Segment[] = [];
  private active: FileHandle | undefined;
  private activePos = 0;
  private nextLsnValue = FIRST_LSN;
  private durableNext = FIRST_LSN;
  private checkpointValue = 0;

  private queue: Pending[] = [];
  private head = 0;
  private queuedBytes = 0;
  private flushing: Promise<void> | undefined;
  private scratch: Buffer;

  private checkpointChain: Promise<void> = Promise.resolve();
  private preallocTask: Promise<void> | undefined;
  private preallocReady = false;
  private closing: Promise<void> | undefined;

  private constructor(
    readonly dir: string,
    /** True if open found no segment and no checkpoint: a new log, or one whose files are gone. */
    readonly foundEmpty: boolean,
    private readonly lock: DirLock,
    options: LogOptions,
  ) {
    this.maxSegmentBytes = positive(options.maxSegmentBytes ?? DEFAULTS.maxSegmentBytes, 'maxSegmentBytes');
    this.maxBatchBytes = positive(options.maxBatchBytes ?? DEFAULTS.maxBatchBytes, 'maxBatchBytes');
    this.maxRecordBytes = Math.min(
      positive(options.maxRecordBytes ?? DEFAULTS.maxRecordBytes, 'maxRecordBytes'),
      this.maxSegmentBytes - HEADER_BYTES,
      0xffffffff,
    );
    if (this.maxRecordBytes < 0) throw new RangeError('maxSegmentBytes must exceed the 16-byte record header');
    this.preallocate = options.preallocate ?? false;
    this.repair = options.repair ?? false;
    this.observer = options.observer;
    this.scratch = Buffer.allocUnsafe(Math.min(this.maxBatchBytes, 4 * MiB));
  }

  /**
   * Opens (creating if needed) and locks the log in `dir`. Cheap: recovery runs on the first
   * replay() or, if append() comes first, before the first batch is written.
   */
  static async open(dir: string, options: LogOptions = {}): Promise<GroupCommitLog> {
    await mkdir(dir, { recursive: true });
    const lock = await lockDir(dir, LOCK_FILE, (holder) => new LogLockedError(dir, holder));
    try {
      return new GroupCommitLog(dir, !(await holdsLog(dir)), lock, options);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  /** LSN of the last durable record, 0 if there is none (valid once recovered). */
  get durableLsn(): number {
    return this.durableNext - 1;
  }

  /** Records below this LSN are no longer needed (0: no checkpoint). Valid once recovered. */
  get checkpointLsn(): number {
    return this.checkpointValue;
  }

  get pendingRecords(): number {
    return this.queue.length - this.head;
  }

  get pendingBytes(): number {
    return this.queuedBytes;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /**
   * Appends one record; resolves with its LSN once the batch holding it is written and
   * fdatasynced. Do not modify `record` until the promise settles: it is written from in place.
   */
  append(record: Uint8Array): Promise<number> {
    if (this.state !== 'open') return Promise.reject(this.unusableError());
    if (record.length > this.maxRecordBytes) return Promise.reject(new LogRecordTooLargeError(record.length, this.maxRecordBytes));
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.queuedBytes += HEADER_BYTES + record.length;
      this.stats.appends++;
      // A microtask, not a timer: appends made in the same tick join the first batch.
      this.flushing ??= Promise.resolve().then(() => this.flushLoop());
    });
  }

  /**
   * Passes every record with LSN >= max(fromLsn, checkpoint) to `onRecord`, in LSN order, as a
   * copy the callback may keep. The first call also recovers: it cuts a torn tail so new appends
   * follow the last good record, and skips past damage elsewhere. Damage that lost records the
   * owner still needs rejects with LogDamagedError once the whole log was read, unless the log was
   * opened with `repair` (records after the damage are then delivered too); until then delivery
   * stops at the damage.
   */
  async replay(fromLsn: number, onRecord: RecordHandler): Promise<ReplayResult> {
    if (this.state === 'closed') throw new LogClosedError(this.dir);
    if (this.failure) throw this.failure;
    if (!this.recovery) {
      this.recovery = this.recover(fromLsn, onRecord);
      return this.recovery;
    }
    await this.recovery;
    return this.readRange(fromLsn, onRecord);
  }

  /**
   * Records that everything below `lsn` is delivered or stored elsewhere, durably, then deletes
   * every segment whose records are all below it (never the one being appended to). `lsn` is
   * clamped to the durable end: a checkpoint never covers records that are not on disk.
   */
  checkpoint(lsn: number): Promise<void> {
    if (this.state === 'closed' || this.state === 'closing') return Promise.reject(new LogClosedError(this.dir));
    const run = this.checkpointChain.then(() => this.runCheckpoint(lsn));
    this.checkpointChain = run.catch(() => undefined);
    return run;
  }

  /** Writes what is queued, closes the files and releases the directory. Later appends reject. */
  close(): Promise<void> {
    if (this.state === 'open') this.state = 'closing';
    this.closing ??= this.shutdown();
    return this.closing;
  }

  // ---- recovery -------------------------------------------------------------------------

  private async recover(fromLsn: number, onRecord: RecordHandler | undefined): Promise<ReplayResult> {
    try {
      return await this.runRecovery(fromLsn, onRecord);
    } catch (err) {
      this.fail(err);
      // Damage is reported as itself: the owner decides whether to reopen with `repair`.
      if (err instanceof LogDamagedError) throw err;
      throw this.failure;
    }
  }

  private async runRecovery(fromLsn: number, onRecord: RecordHandler | undefined): Promise<ReplayResult> {
    const stored = await readCheckpoint(this.dir);
    this.checkpointValue = stored.kind === 'ok' ? stored.lsn : 0;
    await unlinkIfExists(join(this.dir, PREALLOC_FILE));
    await unlinkIfExists(join(this.dir, `${CHECKPOINT_FILE}.tmp`));

    const segs = await this.listSegments();
    // A crash between writing a checkpoint and deleting the segments it covers leaves them behind.
    while (segs.length > 1 && segs[1].firstLsn <= this.checkpointValue) {
      await unlink(segs[0].path);
      segs.shift();
    }
    const start = Math.max(fromLsn, this.checkpointValue);
    const found = await this.scanAll(segs, start, stored.kind !== 'corrupt', onRecord);
    const needed = found.damaged.filter((r) => r.needed);
    const quarantined = await this.quarantine(needed);
    if (needed.length > 0 && !this.repair) {
      throw new LogDamagedError([{ dir: this.dir, checkpoint: this.checkpointValue, ranges: found.damaged, quarantined }]);
    }
    // LSNs never go back, not even past lost records: the checkpoint and every LSN the owner holds
    // stay valid, and a lost LSN is never reused for another record. The lost ones stay a gap
    // rather than being rewritten away: once the owner checkpoints past them they are no longer
    // needed, and no acknowledged record was ever rewritten in place (README: "Why gaps").
    const next = Math.max(found.nextLsn, this.checkpointValue, FIRST_LSN);
    await this.openForAppends(segs, found, next);
    this.setNext(next);
    if (this.preallocate) this.startPrealloc();
    return this.recovered({ records: found.records, fromLsn: start, nextLsn: next, tail: found.tail, damaged: found.damaged, quarantined });
  }

  /**
   * Reads every segment in LSN order, delivering intact records from `start` on. Records the
   * segments should hold but do not (skipped bad bytes, a short or missing segment, a log that
   * ends before its checkpoint) become damaged ranges; bad bytes after the last valid record of
   * the last segment, with nothing valid after them, are the torn tail.
   */
  private async scanAll(segs: Segment[], start: number, checkpointKnown: boolean, onRecord: RecordHandler | undefined): Promise<Scanned> {
    const checkpoint = this.checkpointValue;
    const damaged: DamagedRange[] = [];
    let halted = false;
    const note = (segment: string, r: Omit<DamagedRange, 'segment' | 'needed'>): void => {
      const needed = r.toLsn === null || (r.toLsn > r.fromLsn && r.toLsn > checkpoint);
      damaged.push({ segment, ...r, needed });
      // Without repair the replay is refused in the end: deliver nothing past needed damage.
      if (needed && !this.repair) halted = true;
    };
    let records = 0;
    const deliver: RecordHandler | undefined = onRecord && ((lsn, payload) => (halted ? undefined : (records++, onRecord(lsn, payload))));
    if (segs.length === 0) {
      // The active segment is never deleted: a checkpoint without any segment means they are gone.
      if (checkpoint > 0) note(join(this.dir, segmentFileName(checkpoint)), { offset: 0, bytes: 0, fromLsn: checkpoint, toLsn: null, reason: 'missing' });
      return { records, damaged, nextLsn: Math.max(FIRST_LSN, checkpoint), tail: { kind: 'clean' } };
    }

    // Segments are only deleted below a checkpoint: an unreadable one was at least the first segment.
    let expected = checkpointKnown ? Math.min(segs[0].firstLsn, Math.max(FIRST_LSN, checkpoint)) : segs[0].firstLsn;
    let trailing: Omit<SkippedBytes, 'fromLsn' | 'toLsn'> & { segment: string } | undefined;
    for (const seg of segs) {
      if (seg.firstLsn > expected) {
        const at = trailing ?? { segment: join(this.dir, segmentFileName(expected)), offset: 0, bytes: 0, reason: 'missing' as const };
        note(at.segment, { offset: at.offset, bytes: at.bytes, fromLsn: expected, toLsn: seg.firstLsn, reason: at.reason });
        expected = seg.firstLsn;
      } else if (trailing) {
        note(trailing.segment, { offset: trailing.offset, bytes: trailing.bytes, fromLsn: expected, toLsn: expected, reason: trailing.reason });
      }
      trailing = undefined;
      const fh = await open(seg.path, 'r');
      try {
        const size = (await fh.stat()).size;
        const res = await scanSegment(fh, size, seg.firstLsn, Math.max(start, expected), deliver, (skip) => note(seg.path, skip));
        seg.endOffset = res.endOffset;
        expected = Math.max(expected, res.nextLsn);
        if (res.stop.kind === 'damaged') trailing = { segment: seg.path, offset: res.endOffset, bytes: size - res.endOffset, reason: res.stop.reason };
      } finally {
        await fh.close();
      }
    }
    const tail: LogTail = trailing
      ? { kind: 'truncated', segment: trailing.segment, offset: trailing.offset, reason: trailing.reason, bytesDropped: trailing.bytes }
      : { kind: 'clean' };
    if (checkpoint > expected) {
      // The active segment always reaches the checkpoint: segments at the end of the log are gone.
      const last = segs[segs.length - 1];
      note(last.path, { offset: last.endOffset, bytes: 0, fromLsn: checkpoint, toLsn: null, reason: 'missing' });
    }
    return { records, damaged, nextLsn: expected, tail };
  }

  /**
   * Cuts the torn tail and opens the segment appends go to: the last one, or a new one when the
   * last holds damage (so a checkpoint can delete it) or the log continues at another LSN.
   */
  private async openForAppends(segs: Segment[], found: Scanned, next: number): Promise<void> {
    this.segments = segs;
    const last = segs[segs.length - 1];
    if (!last) return this.startSegment(next);
    if (found.tail.kind === 'truncated') {
      // Cut the torn bytes so a later scan cannot read past the new records into old garbage.
      const fh = await open(last.path, 'r+');
      try {
        await fh.truncate(last.endOffset);
        await fh.datasync();
      } finally {
        await fh.close();
      }
    }
    const damagedHere = found.damaged.some((r) => r.segment === last.path && r.bytes > 0);
    const reusable = last.firstLsn === next && last.endOffset === 0;
    if ((damagedHere || next !== found.nextLsn) && !reusable) return this.startSegment(next);
    this.active = await open(last.path, 'r+');
    this.activePos = last.endOffset;
  }

  private recovered(result: ReplayResult): ReplayResult {
    const { nextLsn, records, tail, damaged } = result;
    this.emit({ type: 'recovered', nextLsn, records, tail, checkpoint: this.checkpointValue, damaged });
    return result;
  }

  private async listSegments(): Promise<Segment[]> {
    const segs: Segment[] = [];
    for (const name of await readdir(this.dir)) {
      const firstLsn = parseSegmentFileName(name);
      if (firstLsn !== undefined) segs.push({ firstLsn, path: join(this.dir, name), endOffset: 0 });
    }
    return segs.sort((a, b) => a.firstLsn - b.firstLsn);
  }

  /**
   * Copies each segment holding needed damage into quarantine/, durably, before anything changes.
   * A copy made by an earlier start is kept: it is the one taken closest to the damage.
   */
  private async quarantine(ranges: DamagedRange[]): Promise<string[]> {
    const sources = [...new Set(ranges.filter((r) => r.bytes > 0).map((r) => r.segment))];
    if (sources.length === 0) return [];
    const dir = join(this.dir, QUARANTINE_DIR);
    await mkdir(dir, { recursive: true });
    const copies: string[] = [];
    for (const source of sources) {
      const copy = join(dir, basename(source));
      try {
        await copyFile(source, copy, fsConstants.COPYFILE_EXCL);
        await fsyncFile(copy);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      copies.push(copy);
    }
    await fsyncDir(dir);
    await fsyncDir(this.dir);
    return copies;
  }

  private async readRange(fromLsn: number, onRecord: RecordHandler): Promise<ReplayResult> {
    const start = Math.max(fromLsn, this.checkpointValue);
    let records = 0;
    const deliver: RecordHandler = (lsn, payload) => (records++, onRecord(lsn, payload));
    const segs = this.segments.slice();
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i];
      if (i + 1 < segs.length && segs[i + 1].firstLsn <= start) continue;
      const limit = seg.endOffset;
      let fh: FileHandle;
      try {
        fh = await open(seg.path, 'r');
      } catch (err) {
        // Deleted by a checkpoint that ran concurrently: its records are below the checkpoint.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !this.segments.includes(seg)) continue;
        throw err;
      }
      try {
        const res = await scanSegment(fh, limit, seg.firstLsn, start, deliver);
        if (res.stop.kind === 'damaged') {
          const tail: LogTail = { kind: 'damaged', segment: seg.path, offset: res.endOffset, reason: res.stop.reason };
          return { records, fromLsn: start, nextLsn: this.nextLsnValue, tail, damaged: [], quarantined: [] };
        }
      } finally {
        await fh.close();
      }
    }
    return { records, fromLsn: start, nextLsn: this.nextLsnValue, tail: { kind: 'clean' }, damaged: [], quarantined: [] };
  }

  private setNext(lsn: number): void {
    this.nextLsnValue = lsn;
    this.durableNext = lsn;
  }

  // ---- appending ------------------------------------------------------------------------

  private async flushLoop(): Promise<void> {
    try {
      this.recovery ??= this.recover(FIRST_LSN, undefined);
      await this.recovery;
      while (this.head < this.queue.length) await this.writeBatch(this.takeBatch());
    } catch (err) {
      this.fail(err);
    } finally {
      this.flushing = undefined;
    }
  }

  private takeBatch(): Pending[] {
    let end = this.head;
    let bytes = 0;
    while (end < this.queue.length) {
      const size = HEADER_BYTES + this.queue[end].record.length;
      if (end > this.head && bytes + size > this.maxBatchBytes) break;
      bytes += size;
      end++;
    }
    const batch = this.queue.slice(this.head, end);
    this.head = end;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    let bytes = 0;
    for (const p of batch) bytes += HEADER_BYTES + p.record.length;
    this.queuedBytes -= bytes;
    const firstLsn = this.nextLsnValue;
    let written = false;
    try {
      if (this.activePos > 0 && this.activePos + bytes > this.maxSegmentBytes) await this.roll(this.nextLsnValue);
      const buf = this.scratchFor(bytes);
      let off = 0;
      for (let i = 0; i < batch.length; i++) off = encodeRecord(buf, off, firstLsn + i, batch[i].record);
      this.nextLsnValue += batch.length;

      const fh = this.active as FileHandle;
      const t0 = performance.now();
      written = true;
      const t1 = await writeAndSync(fh.fd, buf, bytes, this.activePos);
      const t2 = performance.now();

      this.activePos += bytes;
      this.segments[this.segments.length - 1].endOffset = this.activePos;
      this.durableNext = this.nextLsnValue;
      this.count(batch.length, bytes, t2 - t1);
      this.emit({ type: 'batch', records: batch.length, bytes, writeMs: t1 - t0, fsyncMs: t2 - t1 });
      for (let i = 0; i < batch.length; i++) batch[i].resolve(firstLsn + i);
    } catch (err) {
      // Only a write or fsync refused for space is survivable. A segment that could not be rolled
      // leaves no file to append to, and any other error (EIO, EBADF, ...) says the device or our
      // own state is broken: retrying there could ack bytes that never reach the platter.
      if (written && isDiskFull(err) && (await this.cutBack(firstLsn))) {
        const full = new StorageUnavailableError(this.dir, err);
        this.emit({ type: 'disk-full', records: batch.length, bytes, error: full });
        for (const p of batch) p.reject(full);
        this.refuseQueued(full);
        return;
      }
      const failure = this.fail(err);
      for (const p of batch) p.reject(failure);
      throw failure;
    }
  }

  /**
   * Undoes a batch whose write or fdatasync failed for space: cuts the segment back to the end of
   * the last durable record and makes that size durable, so no part of the batch (a complete
   * record with a valid checksum included) can ever be replayed. After a failed fdatasync the page
   * cache holds the batch's pages in an unknown state (Linux may have marked them clean without
   * writing them: "fsyncgate"). That is safe here because the log never relies on those pages:
   * the truncate drops them, everything before the cut was fdatasynced by an earlier batch (an
   * fsync error only reports writeback since the last successful one), and a retry writes the
   * records again from memory, at the same offset, and fsyncs them before anyone is told. If the
   * cut itself fails, the false is the caller's cue to fail the log for good: then only recovery
   * (which cuts a torn tail and re-reads what really is on disk) may decide what was written.
   */
  private async cutBack(firstLsn: number): Promise<boolean> {
    try {
      const fh = this.active as FileHandle;
      await fh.truncate(this.activePos);
      await fh.datasync();
    } catch {
      return false;
    }
    this.nextLsnValue = firstLsn;
    return true;
  }

  /** Refuses every append queued behind a refused batch: written after it, they would overtake it. */
  private refuseQueued(err: Error): void {
    const queued = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    this.queuedBytes = 0;
    for (const p of queued) p.reject(err);
  }

  private scratchFor(bytes: number): Buffer {
    if (this.scratch.length >= bytes && this.scratch.length <= 4 * Math.max(bytes, this.maxBatchBytes)) return this.scratch;
    this.scratch = Buffer.allocUnsafe(Math.max(bytes, Math.min(this.maxBatchBytes, 4 * MiB)));
    return this.scratch;
  }

  private count(records: number, bytes: number, fsyncMs: number): void {
    const s = this.stats;
    s.lastFsyncMs = fsyncMs;
    s.fsyncMsTotal += fsyncMs;
    s.batches++;
    s.fsyncs++;
    s.bytesWritten += bytes;
    s.lastBatchRecords = records;
    s.lastBatchBytes = bytes;
    if (records > s.maxBatchRecords) s.maxBatchRecords = records;
  }

  // ---- segments -------------------------------------------------------------------------

  /** Closes the active segment (all of it is durable already) and starts one at `firstLsn`. */
  private async roll(firstLsn: number): Promise<void> {
    const old = this.active;
    this.active = undefined;
    await old?.close();
    await this.startSegment(firstLsn);
  }

  private async startSegment(firstLsn: number): Promise<void> {
    const path = join(this.dir, segmentFileName(firstLsn));
    const preallocated = this.preallocReady;
    if (preallocated) {
      this.preallocReady = false;
      await rename(join(this.dir, PREALLOC_FILE), path);
      this.active = await open(path, 'r+');
    } else {
      this.active = await open(path, 'wx+');
    }
    await fsyncDir(this.dir);
    this.activePos = 0;
    this.segments.push({ firstLsn, path, endOffset: 0 });
    this.stats.segmentsCreated++;
    this.emit({ type: 'segment-created', firstLsn, preallocated });
    if (this.preallocate) this.startPrealloc();
  }

  private startPrealloc(): void {
    if (this.preallocTask || this.preallocReady || this.state !== 'open') return;
    this.preallocTask = this.zeroFillNext()
      .then((ok) => {
        this.preallocReady = ok;
      })
      .catch(async (err: Error) => {
        // Only an optimisation: segments are then created empty and grown by appends. A part-filled
        // file must not keep the space a full disk needs for records.
        process.emitWarning(`log ${this.dir}: preallocating the next segment failed: ${err.message}`);
        await unlinkIfExists(join(this.dir, PREALLOC_FILE)).catch(() => undefined);
      })
      .finally(() => {
        this.preallocTask = undefined;
      });
  }

  private async zeroFillNext(): Promise<boolean> {
    const fh = await open(join(this.dir, PREALLOC_FILE), 'w');
    try {
      const zeros = Buffer.alloc(Math.min(MiB, this.maxSegmentBytes));
      for (let pos = 0; pos < this.maxSegmentBytes; pos += zeros.length) {
        if (this.state !== 'open') return false;
        const n = Math.min(zeros.length, this.maxSegmentBytes - pos);
        await writeFully(fh, zeros, 0, n, pos);
        this.stats.preallocBytesWritten += n;
      }
      await fh.datasync();
      return true;
    } finally {
      await fh.close();
    }
  }

  // ---- checkpoint, failure, close -------------------------------------------------------

  private async runCheckpoint(lsn: number): Promise<void> {
    this.recovery ??= this.recover(FIRST_LSN, undefined);
    await this.recovery;
    const target = Math.min(lsn, this.durableNext);
    if (target <= this.checkpointValue) return;
    await writeCheckpoint(this.dir, target);
    this.checkpointValue = target;
    // Recovery deletes leftovers if we crash part-way, so no directory fsync is needed here.
    while (this.segments.length > 1 && this.segments[1].firstLsn <= target) {
      const seg = this.segments.shift() as Segment;
      await unlinkIfExists(seg.path);
      this.stats.segmentsDeleted++;
      this.emit({ type: 'segment-deleted', firstLsn: seg.firstLsn });
    }
  }

  private fail(err: unknown): LogFailedError {
    if (err instanceof LogFailedError) return err;
    this.failure ??= new LogFailedError(this.dir, err);
    if (this.state === 'open' || this.state === 'closing') this.state = 'failed';
    this.refuseQueued(this.failure);
    return this.failure;
  }

  private unusableError(): Error {
    return this.state === 'failed' && this.failure ? this.failure : new LogClosedError(this.dir);
  }

  private async shutdown(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.checkpointChain;
    await this.preallocTask;
    await this.recovery?.catch(() => undefined);
    await this.active?.close().catch(() => undefined);
    this.active = undefined;
    this.state = 'closed';
    await this.lock.release();
  }

  private emit(event: LogEvent): void {
    if (!this.observer) return;
    try {
      this.observer(event);
    } catch (err) {
      process.emitWarning(`log observer threw on ${event.type}: ${(err as Error).message}`);
    }
  }
}

/** Whether `dir` holds a log: a segment or a checkpoint (a missing directory holds none). */
export async function holdsLog(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).some((name) => name === CHECKPOINT_FILE || parseSegmentFileName(name) !== undefined);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

function positive(n: number, name: string): number {
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`${name} must be a positive integer, got ${n}`);
  return n;
}
