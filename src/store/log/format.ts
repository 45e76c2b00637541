// On-disk format of the log: record header layout, segment and checkpoint file names.
//
// A record is a 16-byte header then the payload:
//   0  u32 LE  CRC32C of bytes 4 .. 16+length (length, LSN and payload)
//   4  u32 LE  payload length
//   8  u32 LE  LSN high 32 bits
//  12  u32 LE  LSN low 32 bits
// The LSN is inside the checksum, so a stale or shifted record can never pass for the next one,
// and all-zero (preallocated) space fails both the checksum and the LSN check (LSNs start at 1).

import { crc32c } from './crc32c.js';

export const HEADER_BYTES = 16;
export const FIRST_LSN = 1;

const SEGMENT_RE = /^(\d{20})\.log$/;
export const CHECKPOINT_FILE = 'checkpoint';
export const PREALLOC_FILE = 'next-segment.tmp';

/** Segment files are named by the LSN of their first record, zero-padded so names sort. */
export function segmentFileName(firstLsn: number): string {
  return `${String(firstLsn).padStart(20, '0')}.log`;
}

/** The first LSN of a segment file name, or undefined if the name is not a segment. */
export function parseSegmentFileName(name: string): number | undefined {
  const m = SEGMENT_RE.exec(name);
  if (!m) return undefined;
  const lsn = Number(m[1]);
  return Number.isSafeInteger(lsn) && lsn >= FIRST_LSN ? lsn : undefined;
}

/** Writes one record (header + payload) at `offset` of `buf`; returns the offset after it. */
export function encodeRecord(buf: Buffer, offset: number, lsn: number, payload: Uint8Array): number {
  const len = payload.length;
  buf.writeUInt32LE(len, offset + 4);
  buf.writeUInt32LE(Math.floor(lsn / 0x100000000), offset + 8);
  buf.writeUInt32LE(lsn >>> 0, offset + 12);
  buf.set(payload, offset + HEADER_BYTES);
  const end = offset + HEADER_BYTES + len;
  buf.writeUInt32LE(crc32c(buf, offset + 4, end), offset);
  return end;
}

export function readLsn(buf: Buffer, offset: number): number {
  return buf.readUInt32LE(offset + 8) * 0x100000000 + buf.readUInt32LE(offset + 12);
}
