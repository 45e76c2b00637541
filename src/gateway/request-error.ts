// How a request's failure reaches the client: the refusals a connection's handlers throw
// (RequestError) and the internal errors that map to a wire code, each with its retry hint and
// whether it ends the connection.
import { OwnerBusyError } from '../cluster/router.js';
import { ErrorCode } from '../protocol/framing.js';
import { StorageUnavailableError } from '../store/log/errors.js';

/** A request failed in a way the client should hear about. */
export class RequestError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly retryAfterMs = 0) {
    super(message);
  }
}

/** When a send or login refused for full storage may be tried again (jittered, so retries spread). */
export const storageRetryMs = (): number => 1000 + Math.floor(Math.random() * 1000);

/** What the client is told of a failed request; `fatal` closes the connection. */
export interface Refusal {
  code: ErrorCode;
  message: string;
  retryAfterMs: number;
  fatal: boolean;
}

/** The refusal an error stands for, or null for an unexpected one (a bug: logged, answered INTERNAL). */
export function refusalOf(err: unknown): Refusal | null {
  if (err instanceof RequestError) {
    return { code: err.code, message: err.message, retryAfterMs: err.retryAfterMs, fatal: err.code === ErrorCode.TOO_MANY_ATTEMPTS };
  }
  if (err instanceof OwnerBusyError) {
    return { code: ErrorCode.SERVER_BUSY, message: 'the server is overloaded; retry later', retryAfterMs: 500 + Math.floor(Math.random() * 1000), fatal: false };
  }
  if (err instanceof StorageUnavailableError) {
    return { code: ErrorCode.STORAGE_UNAVAILABLE, message: 'the server\'s storage is full: nothing was changed; retry after retry_after_ms', retryAfterMs: storageRetryMs(), fatal: false };
  }
  return null;
}
