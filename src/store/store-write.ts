// An LMDB write as the services see it: a commit that failed for space becomes a
// StorageUnavailableError (and tells the storage health), and lmdb-js's own rejected promise of
// the commit error is handled here instead of surfacing as an unhandled rejection.
import { StorageUnavailableError, isDiskFull } from './log/errors.js';
import type { StorageHealth } from './storage-health.js';

export function committed<T>(write: Promise<T>, health: StorageHealth | null): Promise<T> {
  return write.catch(async (err: unknown) => {
    throw await commitFailure(err, health);
  });
}

/**
 * lmdb-js rejects every write of a failed transaction with "Commit failed (see commitError for
 * details)", whose `commitError` is a promise rejected with the real error (errno 28 for ENOSPC).
 */
export async function commitFailure(err: unknown, health: StorageHealth | null): Promise<unknown> {
  if (err instanceof StorageUnavailableError) return err;
  const inner = (err as { commitError?: unknown } | null)?.commitError;
  const cause = inner instanceof Promise ? await inner.then(() => err, (e: unknown) => e) : err;
  if (!isDiskFull(cause)) return err;
  health?.diskFull(cause);
  return new StorageUnavailableError('atoll.mdb', cause);
}
