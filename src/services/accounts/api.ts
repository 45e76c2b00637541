// Messages of the accounts service: account records, password hashes and per-device resume tokens.

export interface ScryptCost { N: number; r: number; p: number }

export type AccountsApi = {
  /** Creates an account; fails if the name is taken. Resolves once durable. */
  create: { req: { user: string; passwordHash: Uint8Array; salt: Uint8Array; scrypt: ScryptCost }; res: { ok: true } | { ok: false; code: 'USER_EXISTS' } };
  /** The stored password hash, to verify a login outside the owner (hashing is slow). */
  credentials: { req: { user: string }; res: { passwordHash: Uint8Array; salt: Uint8Array; scrypt: ScryptCost | null } | null };
  /** Stores the hash of a new resume token for a device, replacing the previous one. */
  issueToken: { req: { user: string; device: string; tokenHash: Uint8Array; expiresAt: number }; res: { ok: true } };
  /** Checks a presented token and, if it is valid, extends it to `expiresAt` in the same step
   *  (so a Login of the same device in between cannot be undone by a stale Resume). */
  renewToken: { req: { user: string; device: string; tokenHash: Uint8Array; now: number; expiresAt: number }; res: { ok: boolean } };
  /** Forgets a device's token (logout). */
  revokeToken: { req: { user: string; device: string }; res: { ok: true } };
};
