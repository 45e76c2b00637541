// A real small filesystem for full-disk tests: a tmpfs mounted on a temp directory (needs root),
// with a filler file that takes all but a given number of free bytes.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  path: string;
  /** Free bytes the filesystem reports (for unprivileged writers, as statfs says). */
  free(): number;
  /** Writes a filler file until at most `leaveBytes` are free (0: until ENOSPC). */
  fill(leaveBytes: number): void;
  /** Removes the filler file. */
  unfill(): void;
  /** Unmounts (lazily if still busy) and removes the directory. */
  remove(): void;
}

/** Mounts a tmpfs of `bytes`; returns the reason instead when that is not possible here. */
export function mountTmpfs(bytes: number, prefix = 'atoll-tmpfs-'): Tmpfs | string {
  const path = mkdtempSync(join(tmpdir(), prefix));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', path], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(path, { recursive: true, force: true });
    return `cannot mount a tmpfs (root is needed): ${(mounted.stderr || mounted.error?.message || '').trim()}`;
  }
  const filler = join(path, 'filler');
  const free = () => {
    const s = statfsSync(path);
    return s.bavail * s.bsize;
  };
  return {
    path,
    free,
    fill(leaveBytes) {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024, 0xaa);
      try {
        for (let left = free() - leaveBytes; left > 0; left = free() - leaveBytes) {
          try {
            writeSync(fd, chunk, 0, Math.min(chunk.length, left));
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOSPC') return;
            throw err;
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    unfill() {
      unlinkSync(filler);
    },
    remove() {
      if (spawnSync('umount', [path]).status !== 0) spawnSync('umount', ['-l', path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}
