// One owner per directory: a lock file holding the owner's pid. A lock left by a dead process
// (kill -9) is taken over; a live one is refused, as is a second lock of the same file in this process.

import { open, readFile, realpath, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const heldHere = new Set<string>();

export interface DirLock {
  release(): Promise<void>;
}

/** Builds the refusal; `holder` is "process PID", "this process" or a race. */
export type LockedError = (holder: string) => Error;

export async function lockDir(dir: string, file: string, locked: LockedError): Promise<DirLock> {
  const path = join(dir, file);
  const key = join(await realpath(dir), file);
  if (heldHere.has(key)) throw locked('this process');
  heldHere.add(key);
  try {
    await takeLockFile(path, locked);
  } catch (err) {
    heldHere.delete(key);
    throw err;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(key);
      await unlink(path).catch(() => undefined);
    },
  };
}

async function takeLockFile(path: string, locked: LockedError): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(String(process.pid));
      } finally {
        await fh.close();
      }
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (holder !== process.pid && isAlive(holder)) throw locked(`process ${holder}`);
    await unlink(path).catch(() => undefined); // stale: its owner is gone (or a copy made by this process)
  }
  throw locked('a process racing for the same lock');
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
