// The account side of one connection: Register, Login and Resume as the server runs them (checks,
// per-address and per-account limits, password hashing through the auth gate, resume tokens), and
// Logout. The accounts service keeps the records; hashing runs here, outside its owners, as it is slow.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerConfig } from '../config.js';
import { ErrorCode } from '../protocol/framing.js';
import type { atoll } from '../protocol/generated/atoll.js';
import type { AccountsApi } from '../services/accounts/api.js';
import { hashPassword, newSalt, newToken, parseToken, tokenHash, verifyPassword } from '../services/accounts/credentials.js';
import { AuthGateAddressBusyError, AuthGateBusyError } from './auth-gate.js';
import type { GatewayContext } from './context.js';
import { retryAfterMs, type RateLimitReason, type RateLimited } from './login-limits.js';
import { RequestError } from './request-error.js';
import { validDevice, validNewUser, validPassword, validUser } from './validate.js';

/** When a login refused because its address has maxQueuedAuthPerAddress waiting may try again: a few hashing slots. */
const AUTH_QUEUE_RETRY_MS = 1000;
const RATE_LIMIT_MESSAGES: Record<RateLimitReason, (c: ServerConfig) => string> = {
  login_address: (c) => `too many logins from your address (${c.loginBurstPerAddress} at once, then ${c.loginRatePerAddress}/s: loginBurstPerAddress, loginRatePerAddress); retry after retry_after_ms`,
  login_user: (c) => `too many failed logins for this account (${c.failedLoginBurstPerUser}, then one per ${Math.round(1 / c.failedLoginRatePerUser)} s: failedLoginBurstPerUser, failedLoginRatePerUser); retry after retry_after_ms`,
  register_address: (c) => `too many registrations from your address (${c.registerBurstPerAddress}, then one per ${Math.round(1 / c.registerRatePerAddress)} s: registerBurstPerAddress, registerRatePerAddress); retry after retry_after_ms`,
  auth_queue_address: (c) => `${c.maxQueuedAuthPerAddress} logins from your address are already waiting (maxQueuedAuthPerAddress); retry after retry_after_ms`,
};
const DECOY_SALT = newSalt();
const DECOY_HASH = new Uint8Array(32);

/** Compares secrets in time independent of where they differ. */
function sameSecret(given: string, expected: string): boolean {
  if (expected === '') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** What the workflow needs to know of its connection. */
export interface AccountPeer {
  /** What counts as the connection's source for the per-address limits. */
  addressKey(): string;
  /** The socket's remote address, for logs. */
  remote(): string;
}

/** A device that proved who it is: the connection may go live as it, with this token. */
export interface Authenticated {
  user: string;
  device: string;
  token: string;
  expiresAt: number;
}

export class AccountWorkflow {
  private loginFailures = 0;

  constructor(private readonly ctx: GatewayContext, private readonly peer: AccountPeer) {}

  async register(req: atoll.v1.Register.$Shape): Promise<null> {
    const { openRegistration, inviteCode, scrypt } = this.ctx.config;
    if (!openRegistration && !sameSecret(req.inviteCode ?? '', inviteCode)) {
      throw new RequestError(ErrorCode.REGISTRATION_CLOSED, 'open registration is off on this server: ask its operator for an invite code');
    }
    if (!validNewUser(req.user)) throw new RequestError(ErrorCode.INVALID_ARGUMENT, 'user must be 1-32 characters of a-z 0-9 . _ -, starting and ending with a letter or digit');
    if (!validPassword(req.password)) throw new RequestError(ErrorCode.INVALID_ARGUMENT, 'password must be at least 8 characters and at most 1024 bytes');
    const user = req.user;
    const password = req.password;
    // A taken name is refused before any hashing, so looping Register on it costs one lookup;
    // it is not a failed login (someone choosing a name is not guessing a password).
    if (await this.ctx.router.call('accounts', user, { type: 'credentials', user }) !== null) {
      throw new RequestError(ErrorCode.USER_EXISTS, `the name ${user} is taken`);
    }
    // Storage first: a full disk must not use up the address's registrations.
    this.requireStorage();
    const limited = this.ctx.loginLimits.register(this.peer.addressKey());
    if (limited !== null) this.rateLimited(limited, user);
    const salt = newSalt();
    const passwordHash = await this.admit(() => hashPassword(password, salt, scrypt));
    // The inbox first: if we crash between the two, a retry of Register completes the account.
    await this.ctx.router.call('inbox', user, { type: 'ensureUser', user });
    const created = await this.ctx.router.call('accounts', user, { type: 'create', user, passwordHash, salt, scrypt });
    if (!created.ok) throw new RequestError(ErrorCode.USER_EXISTS, `the name ${user} is taken`);
    this.ctx.logger.info({ user }, 'user registered');
    return null;
  }

  /** Checks the password, claims the device and issues its token. */
  async login(req: atoll.v1.Login.$Shape): Promise<Authenticated> {
    const device = req.device || 'default';
    if (!validUser(req.user) || typeof req.password !== 'string' || !validDevice(device)) {
      throw new RequestError(ErrorCode.INVALID_ARGUMENT, 'Login needs user (1-32 of a-z 0-9 . _ -), password, and device (1-64 of A-Z a-z 0-9 . _ -)');
    }
    const user = req.user;
    const password = req.password;
    const limits = this.ctx.loginLimits;
    // Before the lookup, and for unknown names too: a refusal must not tell whether the user exists.
    const limited = limits.login(this.peer.addressKey(), user);
    if (limited !== null) this.rateLimited(limited, user);
    let matches: boolean;
    let creds: AccountsApi['credentials']['res'];
    try {
      creds = await this.ctx.router.call('accounts', user, { type: 'credentials', user });
      // An unknown user costs the same hashing as a wrong password: timing must not tell which.
      const against = creds ?? { salt: DECOY_SALT, passwordHash: DECOY_HASH, scrypt: null };
      matches = await this.admit(() => verifyPassword(password, against.salt, against.passwordHash, against.scrypt ?? this.ctx.config.scrypt));
    } catch (err) {
      // Not hashed (busy, refused, failed): no guess was made at this account.
      limits.loginSucceeded(user);
      throw err;
    }
    if (!matches || creds === null) {
      this.ctx.logger.warn({ user, device, remote: this.peer.remote() }, 'login failed: unknown user or wrong password');
      return this.loginFailed('password');
    }
    limits.loginSucceeded(user);
    this.requireStorage();
    await this.claimDevice(user, device);
    const { token, hash } = newToken(user, device);
    const expiresAt = Date.now() + this.ctx.config.resumeTokenTtlMs;
    await this.ctx.router.call('accounts', user, { type: 'issueToken', user, device, tokenHash: hash, expiresAt });
    return { user, device, token, expiresAt };
  }

  /** Checks the resume token and extends it. */
  async resume(req: atoll.v1.Resume.$Shape): Promise<Authenticated> {
    const parsed = parseToken(req.token ?? '');
    if (!parsed || !validUser(parsed.user) || !validDevice(parsed.device)) {
      throw new RequestError(ErrorCode.INVALID_TOKEN, 'the resume token is malformed; log in with the password');
    }
    const { user, device, secret } = parsed;
    const address = this.peer.addressKey();
    const limited = this.ctx.loginLimits.resume(address);
    if (limited !== null) this.rateLimited(limited, user);
    const hash = tokenHash(secret);
    const now = Date.now();
    const expiresAt = now + this.ctx.config.resumeTokenTtlMs;
    this.requireStorage();
    const renewed = await this.ctx.router.call('accounts', user, { type: 'renewToken', user, device, tokenHash: hash, now, expiresAt });
    if (!renewed.ok) {
      this.ctx.logger.warn({ user, device, remote: this.peer.remote() }, 'resume failed: unknown, revoked or expired token');
      this.ctx.loginLimits.resumeFailed(address);
      return this.loginFailed('token', ErrorCode.INVALID_TOKEN, 'the resume token is unknown, revoked or expired; log in with the password');
    }
    return { user, device, token: req.token ?? '', expiresAt };
  }

  /** Revokes the device's token and, with `forgetDevice`, unregisters the device and drops its queue. */
  async logout(user: string, device: string, forgetDevice: boolean): Promise<void> {
    await this.ctx.router.call('accounts', user, { type: 'revokeToken', user, device });
    if (forgetDevice) await this.ctx.router.call('inbox', user, { type: 'forgetDevice', user, device });
  }

  /** A new device is registered before its token exists, so the device cap can refuse it first. */
  private async claimDevice(user: string, device: string): Promise<void> {
    const claimed = await this.ctx.router.call('inbox', user, { type: 'claimDevice', user, device });
    if (claimed.ok) return;
    throw new RequestError(ErrorCode.TOO_MANY_DEVICES, `${user} has ${claimed.devices} devices, the most this server allows (maxDevicesPerUser); `
      + 'to free a slot, log in on a device you no longer use and send Logout with forget_device, then log in here again');
  }

  /** Register, Login and Resume write (account, device, token): on full storage, refused before any of it. */
  private requireStorage(): void {
    const refusal = this.ctx.storage.refusal();
    if (refusal) throw refusal;
  }

  private loginFailed(kind: 'password' | 'token', code = ErrorCode.AUTH_FAILED, message = 'unknown user or wrong password'): never {
    this.ctx.metrics.loginFailures.inc({ kind });
    this.countAttempt();
    throw new RequestError(code, message);
  }

  /** A failure or a refusal: past maxLoginAttempts on one connection it is closed. */
  private countAttempt(): void {
    this.loginFailures++;
    if (this.loginFailures >= this.ctx.config.maxLoginAttempts) {
      throw new RequestError(ErrorCode.TOO_MANY_ATTEMPTS, `${this.loginFailures} failed or refused logins on this connection`);
    }
  }

  /** Refuses a Login, Resume or Register with RATE_LIMITED (not fatal); it counts as a failed attempt. */
  private rateLimited(limited: RateLimited, user: string): never {
    const address = this.peer.addressKey();
    this.ctx.metrics.rateLimited.inc({ reason: limited.reason });
    this.ctx.refusalLog.refused(address, { reason: limited.reason, user, remote: this.peer.remote() });
    this.countAttempt();
    throw new RequestError(ErrorCode.RATE_LIMITED, RATE_LIMIT_MESSAGES[limited.reason](this.ctx.config), retryAfterMs(limited.waitMs));
  }

  /** Runs a password hash through the auth gate (admission control for hashing, fair per address). */
  private async admit<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.ctx.auth.run(this.peer.addressKey(), work);
    } catch (err) {
      if (err instanceof AuthGateBusyError) throw new RequestError(ErrorCode.SERVER_BUSY, 'too many logins at once; retry later', 1000 + Math.floor(Math.random() * 2000));
      if (err instanceof AuthGateAddressBusyError) this.rateLimited({ reason: 'auth_queue_address', waitMs: AUTH_QUEUE_RETRY_MS }, '');
      throw err;
    }
  }
}
