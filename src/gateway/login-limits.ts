// Rate limits on the work a connection can ask for before it has logged in: login attempts per
// source address, failed logins per account, registrations per source address. All are checked
// before any password hashing is queued, so a flood costs a map lookup, not a scrypt.
import type { ServerConfig } from '../config.js';
import { KeyedBuckets } from './keyed-buckets.js';

/** Which limit refused a request (the label of atoll_auth_rate_limited_total). */
export type RateLimitReason = 'login_address' | 'login_user' | 'register_address' | 'auth_queue_address';

export const RATE_LIMIT_REASONS: readonly RateLimitReason[] = ['login_address', 'login_user', 'register_address', 'auth_queue_address'];

/** A refusal: which limit, and how long until it would let the request through. */
export interface RateLimited {
  reason: RateLimitReason;
  waitMs: number;
}

export class LoginLimits {
  readonly loginPerAddress: KeyedBuckets;
  readonly failuresPerUser: KeyedBuckets;
  readonly registerPerAddress: KeyedBuckets;

  constructor(config: ServerConfig) {
    const keys = config.maxRateLimitKeys;
    this.loginPerAddress = new KeyedBuckets(config.loginBurstPerAddress, config.loginRatePerAddress, keys);
    this.failuresPerUser = new KeyedBuckets(config.failedLoginBurstPerUser, config.failedLoginRatePerUser, keys);
    this.registerPerAddress = new KeyedBuckets(config.registerBurstPerAddress, config.registerRatePerAddress, keys);
  }

  /**
   * A Login from `address` for `user`: takes an attempt from the address and, in advance, a
   * failure from the account (given back by `loginSucceeded`). Taking it before hashing, not
   * after a failure, keeps concurrent guesses from overrunning the account's burst.
   */
  login(address: string, user: string, now = Date.now()): RateLimited | null {
    const addressWait = this.loginPerAddress.take(address, now);
    if (addressWait > 0) return { reason: 'login_address', waitMs: addressWait };
    const userWait = this.failuresPerUser.take(user, now);
    if (userWait > 0) return { reason: 'login_user', waitMs: userWait };
    return null;
  }

  /** The right password: the failure taken in advance did not happen. */
  loginSucceeded(user: string): void {
    this.failuresPerUser.giveBack(user);
  }

  /**
   * A Resume from `address`: cheap (no hashing) and what a whole NAT does after a restart, so a
   * good token takes nothing; it is refused only while the address has no attempt left.
   */
  resume(address: string, now = Date.now()): RateLimited | null {
    const wait = this.loginPerAddress.peek(address, now);
    return wait > 0 ? { reason: 'login_address', waitMs: wait } : null;
  }

  /** An unknown, revoked or expired token counts as a failed attempt of its address. */
  resumeFailed(address: string, now = Date.now()): void {
    this.loginPerAddress.take(address, now);
  }

  /** A Register that is about to hash a password. */
  register(address: string, now = Date.now()): RateLimited | null {
    const wait = this.registerPerAddress.take(address, now);
    return wait > 0 ? { reason: 'register_address', waitMs: wait } : null;
  }
}

/** What the client is told to wait: the time to the next token, plus jitter so a refused crowd spreads out. */
export function retryAfterMs(waitMs: number): number {
  return waitMs + Math.floor(Math.random() * Math.min(1000, Math.max(100, waitMs / 2)));
}
