// AtollError: one error type for everything the client reports, carrying the server's ErrorCode
// name (or a client-side code) so callers branch on `code`, never on the message text.
import { wire } from '../protocol/framing.js';

/** Codes the client produces itself, beside the server's ErrorCode names. */
export type ClientErrorCode = 'TIMEOUT' | 'CLOSED' | 'TRANSPORT' | 'QUEUE_FULL' | 'PROTOCOL';

export interface AtollErrorOptions {
  fatal?: boolean;
  retryAfterMs?: number;
  cause?: unknown;
}

export class AtollError extends Error {
  readonly code: string;
  readonly fatal: boolean;
  readonly retryAfterMs: number;

  constructor(code: string, message: string, options: AtollErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AtollError';
    this.code = code;
    this.fatal = options.fatal ?? false;
    this.retryAfterMs = options.retryAfterMs ?? 0;
  }
}

/** Turns a wire Error frame into an AtollError named by its ErrorCode. */
export function fromWireError(err: { code?: number | null; message?: string | null; fatal?: boolean | null; retryAfterMs?: number | null }): AtollError {
  const numeric = err.code ?? 0;
  const name = (wire.ErrorCode as unknown as Record<number, string | undefined>)[numeric] ?? `ERROR_${numeric}`;
  const text = err.message ? `${name}: ${err.message}` : name;
  return new AtollError(name, text, { fatal: err.fatal ?? false, retryAfterMs: err.retryAfterMs ?? 0 });
}
