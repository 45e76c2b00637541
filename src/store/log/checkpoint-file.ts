// The checkpoint file: the LSN below which the caller no longer needs records. 12 bytes:
// CRC32C of the rest, then the LSN (high, low u32 LE). Replaced atomically on every checkpoint.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32c } from './crc32c.js';
import { CHECKPOINT_FILE } from './format.js';
import { writeFileAtomic } from './fsutil.js';

export type StoredCheckpoint = { kind: 'none' } | { kind: 'ok'; lsn: number } | { kind: 'corrupt' };

export async function readCheckpoint(dir: string): Promise<StoredCheckpoint> {
  let data: Buffer;
  try {
    data = await readFile(join(dir, CHECKPOINT_FILE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw err;
  }
  if (data.length !== 12 || crc32c(data, 4, 12) !== data.readUInt32LE(0)) return { kind: 'corrupt' };
  const lsn = data.readUInt32LE(4) * 0x100000000 + data.readUInt32LE(8);
  return Number.isSafeInteger(lsn) && lsn >= 1 ? { kind: 'ok', lsn } : { kind: 'corrupt' };
}

export async function writeCheckpoint(dir: string, lsn: number): Promise<void> {
  const data = Buffer.alloc(12);
  data.writeUInt32LE(Math.floor(lsn / 0x100000000), 4);
  data.writeUInt32LE(lsn >>> 0, 8);
  data.writeUInt32LE(crc32c(data, 4, 12), 0);
  await writeFileAtomic(dir, join(dir, CHECKPOINT_FILE), data);
}
