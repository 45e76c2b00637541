// Checks atoll.mdb with plain file reads before LMDB maps it. lmdb-js does not throw on a
// truncated file or a bad meta page: the process dies by SIGBUS or SIGSEGV with no message. So the
// two meta pages, the file size they imply and the root page of every tree are checked first, and
// a deeper check (every record, read in a child process whose crash becomes an error) is offered.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** atoll.mdb is unusable; the message says what is wrong with it and what to do. */
export class StoreDamagedError extends Error {
  override readonly name = 'StoreDamagedError';
  constructor(readonly path: string, readonly problem: string) {
    super(`${path} is damaged: ${problem}. The server cannot open it safely (LMDB would crash on it). Restore the data directory `
      + '(atoll.mdb together with its log) from a backup and keep the damaged file for inspection; --repair cannot fix atoll.mdb');
  }
}

export type StoreFileState = { kind: 'absent' } | { kind: 'present'; bytes: number; pageSize: number; lastPage: number };

// LMDB's on-disk layout (liblmdb/mdb.c, 64-bit): a 24-byte page header (pgno u64, txnid u64,
// pad u16, flags u16, lower u16, upper u16); meta pages 0 and 1 carry an MDB_meta after it.
const PAGE_HEADER = 24;
const P_BRANCH = 0x01;
const P_LEAF = 0x02;
const P_OVERFLOW = 0x04;
const P_META = 0x08;
const MAGIC = 0xbeefc0de;
const DATA_VERSION = 2;
const META = { magic: 0x18, version: 0x1c, pageSize: 0x30, freeRoot: 0x58, mainRoot: 0x88, lastPage: 0x90, txnid: 0x98, end: 0xa8 };
const DB_RECORD_BYTES = 48; // MDB_db: a named database's entry in the main tree
const DB_ROOT = 40;
const F_SUBDATA = 0x02;
const NO_PAGE = 0xffffffffffffffffn;

/**
 * Looks at the file without mapping it. Absent (or empty: LMDB treats that as new) is not an
 * error here; a file LMDB would crash on throws StoreDamagedError.
 */
export function inspectStoreFile(path: string): StoreFileState {
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw err;
  }
  if (bytes === 0) return { kind: 'absent' };
  const fd = openSync(path, 'r');
  try {
    return checkPages(path, (pos, len) => readAt(fd, pos, len), bytes);
  } finally {
    closeSync(fd);
  }
}

function checkPages(path: string, read: (pos: number, len: number) => Buffer, bytes: number): StoreFileState {
  const damaged = (problem: string) => new StoreDamagedError(path, problem);
  const first = read(0, META.end);
  if (first.length < META.end) throw damaged(`it is only ${bytes} bytes long, shorter than an LMDB header`);
  const pageSize = first.readUInt32LE(META.pageSize);
  const metas = [first];
  if (validMeta(first, 0, pageSize)) {
    if (bytes < 2 * pageSize) throw damaged(`it is ${bytes} bytes long, shorter than its two ${pageSize}-byte meta pages`);
    metas.push(read(pageSize, META.end));
  }
  for (const [i, meta] of metas.entries()) {
    const problem = metaProblem(meta, i, pageSize);
    if (problem) throw damaged(`meta page ${i} ${problem}`);
  }
  const newest = metas[0].readBigUInt64LE(META.txnid) >= metas[1].readBigUInt64LE(META.txnid) ? metas[0] : metas[1];
  const lastPage = Number(newest.readBigUInt64LE(META.lastPage));
  const needed = (lastPage + 1) * pageSize;
  if (needed > bytes) throw damaged(`its newest snapshot uses ${needed} bytes (up to page ${lastPage}) but the file has only ${bytes}: it was cut short`);

  const page = (pgno: bigint, what: string): Buffer | undefined => {
    if (pgno === NO_PAGE) return undefined; // an empty tree
    if (pgno < 2n || pgno > BigInt(lastPage)) throw damaged(`the root of ${what} points to page ${pgno}, outside the file's ${lastPage + 1} pages`);
    const buf = read(Number(pgno) * pageSize, pageSize);
    const flags = buf.readUInt16LE(18);
    if (buf.readBigUInt64LE(0) !== pgno || (flags & (P_BRANCH | P_LEAF)) === 0 || (flags & (P_META | P_OVERFLOW)) !== 0) {
      throw damaged(`the root page of ${what} (page ${pgno}) is not a tree page`);
    }
    return buf;
  };
  page(newest.readBigUInt64LE(META.freeRoot), 'the free-page list');
  const main = page(newest.readBigUInt64LE(META.mainRoot), 'the list of databases');
  if (main && (main.readUInt16LE(18) & P_LEAF) !== 0) {
    for (const { name, root } of namedDatabases(main, pageSize)) page(root, `database "${name}"`);
  }
  return { kind: 'present', bytes, pageSize, lastPage };
}

function validMeta(meta: Buffer, index: number, pageSize: number): boolean {
  return metaProblem(meta, index, pageSize) === undefined;
}

function metaProblem(meta: Buffer, index: number, pageSize: number): string | undefined {
  if (meta.length < META.end) return 'is cut short';
  if (meta.readBigUInt64LE(0) !== BigInt(index) || (meta.readUInt16LE(18) & P_META) === 0) return 'is not a meta page';
  if (meta.readUInt32LE(META.magic) !== MAGIC) return 'lacks the LMDB magic number';
  if ((meta.readUInt32LE(META.version) & 0xffff) !== DATA_VERSION) return `has format version ${meta.readUInt32LE(META.version) & 0xffff}, expected ${DATA_VERSION}`;
  const size = meta.readUInt32LE(META.pageSize);
  if (size !== pageSize || size < 512 || size > 65536 || (size & (size - 1)) !== 0) return `has an impossible page size (${size})`;
  return undefined;
}

/** The named databases listed in a leaf page of the main tree, with their root pages. */
function namedDatabases(leaf: Buffer, pageSize: number): { name: string; root: bigint }[] {
  const out: { name: string; root: bigint }[] = [];
  const keys = leaf.readUInt16LE(20) >> 1;
  for (let i = 0; i < keys && PAGE_HEADER + 2 * i + 2 <= pageSize; i++) {
    const node = PAGE_HEADER + leaf.readUInt16LE(PAGE_HEADER + 2 * i);
    if (node + 8 > pageSize) continue;
    const dataBytes = leaf.readUInt16LE(node) | (leaf.readUInt16LE(node + 2) << 16);
    const keyBytes = leaf.readUInt16LE(node + 6);
    const data = node + 8 + keyBytes;
    if ((leaf.readUInt16LE(node + 4) & F_SUBDATA) === 0 || dataBytes !== DB_RECORD_BYTES || data + DB_RECORD_BYTES > pageSize) continue;
    out.push({ name: leaf.toString('utf8', node + 8, data).replace(/\0$/, ''), root: leaf.readBigUInt64LE(data + DB_ROOT) });
  }
  return out;
}

function readAt(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.alloc(len);
  let got = 0;
  while (got < len) {
    const n = readSync(fd, buf, got, len - got, pos + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

const VERIFY_CHILD = fileURLToPath(new URL('./lmdb-verify-child.js', import.meta.url));

/**
 * Reads every record of every database in a child process: damage in data pages makes LMDB
 * throw or crash there, and either becomes a StoreDamagedError here. Resolves with the record count.
 */
export function verifyStoreFile(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VERIFY_CHILD, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) return resolve(Number(out.trim()));
      const why = signal ? `reading every record crashed LMDB (${signal})` : `reading every record failed: ${lastLine(err)}`;
      reject(new StoreDamagedError(path, why));
    });
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => /\S/.test(l));
  return lines.find((l) => /MDB_|Error:/.test(l))?.trim() ?? lines.at(-1) ?? 'no output';
}
