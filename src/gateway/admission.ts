// Admits a new connection against the pre-login caps (see pre-login-limits.ts), or turns it away
// with a fatal CONNECTION_LIMIT that tells the client when to try again.
import { ErrorCode, encodeFrames } from '../protocol/framing.js';
import type { PreLoginSlot } from './pre-login-limits.js';
import type { GatewayContext } from './context.js';

/** How long a refused client should wait at least: slots free up as others log in or time out. */
const RETRY_AFTER_MS = 1000;

export interface Refusal {
  /** The Error frame to send before closing. */
  frame: Uint8Array;
}

export function admitConnection(ctx: GatewayContext, address: string | undefined): PreLoginSlot | Refusal {
  const admitted = ctx.preLogin.admit(address);
  if (typeof admitted !== 'string') return admitted;
  ctx.metrics.refused.inc({ reason: admitted });
  const { maxPreLoginPerAddress, maxPreLogin } = ctx.config;
  const message = admitted === 'address_limit'
    ? `${maxPreLoginPerAddress} connections from your address have not logged in yet (maxPreLoginPerAddress); retry with back-off`
    : `${maxPreLogin} connections have not logged in yet (maxPreLogin); retry with back-off`;
  // Jitter spreads the retries of a refused crowd.
  const retryAfterMs = RETRY_AFTER_MS + Math.floor(Math.random() * 2 * RETRY_AFTER_MS);
  return { frame: encodeFrames([{ error: { code: ErrorCode.CONNECTION_LIMIT, message, fatal: true, retryAfterMs } }]) };
}

/** A refused socket gets this long to take its Error frame before it is destroyed. */
export const REFUSED_LINGER_MS = 1000;
