// Named errors of the log, so callers can tell "closed" from "broken" from "damaged" from "misused".

import { describeDamage } from './damage.js';
import type { LogDamage } from './damage.js';

/** The log was closed; the append was not written. */
export class LogClosedError extends Error {
  override readonly name = 'LogClosedError';
  constructor(dir: string) {
    super(`log ${dir} is closed`);
  }
}

/**
 * A write or fdatasync failed. The log refuses all further appends: after a failed fsync the
 * kernel may have dropped the dirty pages, so retrying could ack data that is not on disk.
 * Reopen the log to recover from what actually reached the disk.
 */
export class LogFailedError extends Error {
  override readonly name = 'LogFailedError';
  constructor(dir: string, cause: unknown) {
    super(`log ${dir} failed and accepts no more appends: ${String((cause as Error)?.message ?? cause)}`, { cause });
  }
}

/**
 * The disk (or the quota) is full. The batch holding the append was cut back off the segment and
 * nothing of it is durable; appends queued behind it were refused the same way (they would follow
 * a lost record). The log stays open: a later append tries again once there is space.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  constructor(where: string, cause?: unknown) {
    super(`storage at ${where} is full${cause ? ` (${String((cause as Error)?.message ?? cause)})` : ''}; nothing was stored, retry later`, { cause });
  }
}

/** Errno names of a full disk or an exhausted quota: refused writes, not a broken device. */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);
/** The same as numbers (Linux), as lmdb-js reports them. */
const DISK_FULL_ERRNOS = new Set([28, 122]);

export function isDiskFull(err: unknown): boolean {
  if (err instanceof StorageUnavailableError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? DISK_FULL_CODES.has(code) : typeof code === 'number' && DISK_FULL_ERRNOS.has(code);
}

/** Another live process (or this one) already has the directory open. */
export class LogLockedError extends Error {
  override readonly name = 'LogLockedError';
  constructor(dir: string, holder: string) {
    super(`log directory ${dir} is in use by ${holder}`);
  }
}

/** A record larger than the configured maximum, or an invalid argument. */
export class LogRecordTooLargeError extends RangeError {
  override readonly name = 'LogRecordTooLargeError';
  constructor(size: number, max: number) {
    super(`log record of ${size} bytes exceeds the maximum of ${max} bytes`);
  }
}

/** A LogSet directory was written by a LogSet with a different writer layout. */
export class LogSetLayoutError extends Error {
  override readonly name = 'LogSetLayoutError';
}

/**
 * Records the owner still needs are unreadable or missing, while later ones are intact (or the
 * extent is unknown). Nothing was changed but the quarantine copies; open with `repair` to replay
 * every intact record and continue.
 */
export class LogDamagedError extends Error {
  override readonly name = 'LogDamagedError';
  constructor(readonly damage: LogDamage[]) {
    super(damage.map(describeDamage).join('\n'));
  }
}
