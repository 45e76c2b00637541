// Reads one segment file record by record, validating each. Past bad bytes it resynchronises on
// the next record that verifies, so damage in the middle costs only the records it hit. Never
// throws on bad bytes: only real I/O errors reject.

import type { FileHandle } from 'node:fs/promises';
import { crc32c } from './crc32c.js';
import { HEADER_BYTES, readLsn } from './format.js';

const CHUNK_BYTES = 1 << 20;

/** Why a scan stopped before `limit`; `end` means every byte up to `limit` was valid records. */
export type ScanStop =
  | { kind: 'end' }
  | { kind: 'zeros' } // the rest is zero bytes: preallocated space never written
  | { kind: 'damaged'; reason: DamageReason }; // bad bytes up to `limit`, no valid record after them

/** What was wrong at the first bad byte; `missing`: the bytes are absent (a short or missing segment). */
export type DamageReason = 'short-header' | 'short-payload' | 'checksum' | 'lsn' | 'missing';

/** Bad bytes inside a segment with a valid record after them: the records they held are lost. */
export interface SkippedBytes {
  offset: number;
  bytes: number;
  /** LSNs [fromLsn, toLsn) were in those bytes (empty when the bytes held no record). */
  fromLsn: number;
  toLsn: number;
  reason: DamageReason;
}

export interface ScanResult {
  /** File offset just after the last valid record. */
  endOffset: number;
  /** LSN the next record would carry. */
  nextLsn: number;
  stop: ScanStop;
  /** Damage the scan resynchronised past, in file order. */
  skipped: SkippedBytes[];
}

/** Gets each record; a returned promise holds the scan until it settles (backpressure). */
export type RecordHandler = (lsn: number, payload: Uint8Array) => unknown;

/**
 * Scans bytes [0, limit) of a segment whose first record must carry `firstLsn`. Records with
 * LSN >= `deliverFrom` are passed to `onRecord` as copies the caller may keep (small ones share
 * Node's Buffer pool slabs, as Buffer.from does).
 *
 * At a bad record the scan looks for the next offset holding a record that verifies, carries an
 * LSN the skipped bytes could have held (at least the expected one, at most one per 16 skipped
 * bytes more) and is followed by its successor, the end of the data, or zeros. The last condition
 * keeps bytes inside a damaged record's payload (a message body, chosen by a client) from passing
 * for a record: a forged one would have to predict its own LSN and end exactly where the next real
 * record starts. The price: an intact record directly followed by more damage is counted as lost.
 */
export async function scanSegment(
  fh: FileHandle,
  limit: number,
  firstLsn: number,
  deliverFrom: number,
  onRecord: RecordHandler | undefined,
  /** Told of each skip before any record after it is delivered. */
  onSkip?: (skip: SkippedBytes) => void,
): Promise<ScanResult> {
  const reader = new ChunkReader(fh, limit);
  const skipped: SkippedBytes[] = [];
  let pos = 0;
  let lsn = firstLsn;
  const done = (stop: ScanStop): ScanResult => ({ endOffset: pos, nextLsn: lsn, stop, skipped });

  while (pos < limit) {
    const len = await reader.recordAt(pos, lsn);
    if (typeof len === 'string') {
      if (await reader.allZero(pos)) return done({ kind: 'zeros' });
      const next = await reader.resync(pos, lsn);
      if (!next) return done({ kind: 'damaged', reason: len });
      const skip: SkippedBytes = { offset: pos, bytes: next.pos - pos, fromLsn: lsn, toLsn: next.lsn, reason: len };
      skipped.push(skip);
      onSkip?.(skip);
      pos = next.pos;
      lsn = next.lsn;
      continue;
    }
    if (onRecord && lsn >= deliverFrom) {
      const at = pos - reader.start + HEADER_BYTES;
      const wait = onRecord(lsn, copy(reader.buf, at, at + len));
      if (wait instanceof Promise) await wait;
    }
    pos += HEADER_BYTES + len;
    lsn++;
  }
  return done({ kind: 'end' });
}

// Buffer#slice is a view and the read window is reused, so payloads are copied. Buffer.from
// copies small payloads into Node's shared 8 KiB pool: 3-4x faster than one ArrayBuffer each.
const copy = (buf: Buffer, start: number, end: number): Buffer => Buffer.from(buf.subarray(start, end));

/** A window over the file, refilled on demand; large records get a window of their own size. */
class ChunkReader {
  buf = Buffer.allocUnsafe(CHUNK_BYTES);
  start = 0;
  private len = 0;

  constructor(
    private readonly fh: FileHandle,
    private readonly limit: number,
  ) {}

  has(pos: number, n: number): boolean {
    return pos >= this.start && pos + n <= this.start + this.len;
  }

  /** Makes bytes [pos, pos+n) available in the returned buffer at index pos - this.start. */
  async ensure(pos: number, n: number): Promise<Buffer> {
    if (this.has(pos, n)) return this.buf;
    const want = Math.min(Math.max(CHUNK_BYTES, n), this.limit - pos);
    if (this.buf.length < want) this.buf = Buffer.allocUnsafe(want);
    this.start = pos;
    this.len = await readFully(this.fh, this.buf, want, pos);
    if (this.len < n) throw new Error(`segment shrank while being read (wanted ${n} bytes at ${pos})`);
    return this.buf;
  }

  /**
   * The payload length of a valid record at `pos` carrying `lsn` (its bytes then sit in the
   * window), or why there is none.
   */
  async recordAt(pos: number, lsn: number): Promise<number | DamageReason> {
    if (this.limit - pos < HEADER_BYTES) return 'short-header';
    // Awaiting only on a refill: an await per record would dominate the cost of a replay.
    let buf = this.has(pos, HEADER_BYTES) ? this.buf : await this.ensure(pos, HEADER_BYTES);
    let at = pos - this.start;
    const len = buf.readUInt32LE(at + 4);
    if (readLsn(buf, at) !== lsn) return 'lsn';
    if (len > this.limit - pos - HEADER_BYTES) return 'short-payload';
    if (!this.has(pos, HEADER_BYTES + len)) buf = await this.ensure(pos, HEADER_BYTES + len);
    at = pos - this.start;
    return crc32c(buf, at + 4, at + HEADER_BYTES + len) === buf.readUInt32LE(at) ? len : 'checksum';
  }

  /** The next record after bad bytes at `bad` (where LSN `lsn` was expected), if one can be trusted. */
  async resync(bad: number, lsn: number): Promise<{ pos: number; lsn: number } | undefined> {
    for (let pos = bad + 1; pos + HEADER_BYTES <= this.limit; pos++) {
      const buf = this.has(pos, HEADER_BYTES) ? this.buf : await this.ensure(pos, HEADER_BYTES);
      const found = readLsn(buf, pos - this.start);
      // Every lost record took at least a header's worth of the skipped bytes.
      if (found < lsn || found > lsn + Math.floor((pos - bad) / HEADER_BYTES)) continue;
      const len = await this.recordAt(pos, found);
      if (typeof len === 'string') continue;
      const after = pos + HEADER_BYTES + len;
      if (after === this.limit || typeof (await this.recordAt(after, found + 1)) === 'number' || (await this.allZero(after))) {
        return { pos, lsn: found };
      }
    }
    return undefined;
  }

  /** True if every byte in [pos, limit) is zero. */
  async allZero(pos: number): Promise<boolean> {
    while (pos < this.limit) {
      const n = Math.min(CHUNK_BYTES, this.limit - pos);
      const buf = await this.ensure(pos, n);
      const at = pos - this.start;
      for (let i = at; i < at + n; i++) if (buf[i] !== 0) return false;
      pos += n;
    }
    return true;
  }
}

async function readFully(fh: FileHandle, buf: Buffer, length: number, position: number): Promise<number> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}
