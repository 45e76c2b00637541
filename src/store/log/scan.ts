// Reads one segment file record by record, validating each; stops at the first byte that is not
// the next valid record. Never throws on bad bytes: only real I/O errors reject.

import type { FileHandle } from 'node:fs/promises';
import { crc32c } from './crc32c.js';
import { HEADER_BYTES, readLsn } from './format.js';

const CHUNK_BYTES = 1 << 20;

/** Why a scan stopped before `limit`; `end` means every byte up to `limit` was valid records. */
export type ScanStop =
  | { kind: 'end' }
  | { kind: 'zeros' } // the rest is zero bytes: preallocated space never written
  | { kind: 'damaged'; reason: DamageReason };

export type DamageReason = 'short-header' | 'short-payload' | 'checksum' | 'lsn';

export interface ScanResult {
  /** File offset just after the last valid record. */
  endOffset: number;
  /** LSN the next record would carry. */
  nextLsn: number;
  stop: ScanStop;
}

/** Gets each record; a returned promise holds the scan until it settles (backpressure). */
export type RecordHandler = (lsn: number, payload: Uint8Array) => unknown;

/**
 * Scans bytes [0, limit) of a segment whose first record must carry `firstLsn`. Records with
 * LSN >= `deliverFrom` are passed to `onRecord` as copies the caller may keep (small ones share
 * Node's Buffer pool slabs, as Buffer.from does).
 */
export async function scanSegment(
  fh: FileHandle,
  limit: number,
  firstLsn: number,
  deliverFrom: number,
  onRecord: RecordHandler | undefined,
): Promise<ScanResult> {
  const reader = new ChunkReader(fh, limit);
  let pos = 0;
  let lsn = firstLsn;
  const done = (stop: ScanStop): ScanResult => ({ endOffset: pos, nextLsn: lsn, stop });
  const damaged = async (reason: DamageReason): Promise<ScanResult> =>
    done((await reader.allZero(pos)) ? { kind: 'zeros' } : { kind: 'damaged', reason });

  while (pos < limit) {
    if (limit - pos < HEADER_BYTES) return damaged('short-header');
    // Awaiting only on a refill: an await per record would dominate the cost of a replay.
    let buf = reader.has(pos, HEADER_BYTES) ? reader.buf : await reader.ensure(pos, HEADER_BYTES);
    let at = pos - reader.start;
    const len = buf.readUInt32LE(at + 4);
    if (readLsn(buf, at) !== lsn) return damaged('lsn');
    if (len > limit - pos - HEADER_BYTES) return damaged('short-payload');
    if (!reader.has(pos, HEADER_BYTES + len)) buf = await reader.ensure(pos, HEADER_BYTES + len);
    at = pos - reader.start;
    const end = at + HEADER_BYTES + len;
    if (crc32c(buf, at + 4, end) !== buf.readUInt32LE(at)) return damaged('checksum');
    if (onRecord && lsn >= deliverFrom) {
      const wait = onRecord(lsn, copy(buf, at + HEADER_BYTES, end));
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
