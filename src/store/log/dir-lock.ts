// One writer per log directory: a LOCK file holding the owner's pid. A lock left by a dead
// process (kill -9) is taken over; a live one is refused, as is a second open in this process.

import { open, readFile, realpath, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { LogLockedError } from './errors.js';

const heldHere = new Set<string>();

export interface DirLock {
  release(): Promise<void>;
}

export async function lockDir(dir: string): Promise<DirLock> {
  const key = await realpath(dir);
  if (heldHere.has(key)) throw new LogLockedError(dir, 'this process');
  heldHere.add(key);
  const path = join(dir, 'LOCK');
  try {
    await takeLockFile(dir, path);
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

async function takeLockFile(dir: string, path: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (holder !== process.pid && isAlive(holder)) throw new LogLockedError(dir, `process ${holder}`);
    await unlink(path).catch(() => undefined); // stale: its owner is gone
  }
  throw new LogLockedError(dir, 'a process racing for the same lock');
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
