// Messages of the accounts service: account records, password hashes and per-device resume tokens.

export type AccountsApi = {
  /** Creates an account; fails if the name is taken. Resolves once durable. */
  create: { req: { user: string; passwordHash: Uint8Array; salt: Uint8Array }; res: { ok: true } | { ok: false; code: 'USER_EXISTS' } };
  /** The stored password hash, to verify a login outside the owner (hashing is slow). */
  credentials: { req: { user: string }; res: { passwordHash: Uint8Array; salt: Uint8Array } | null };
  /** Stores the hash of a new resume token for a device, replacing the previous one. */
  issueToken: { req: { user: string; device: string; tokenHash: Uint8Array; expiresAt: number }; res: { ok: true } };
  /** Checks a presented token; extends nothing. */
  checkToken: { req: { user: string; device: string; tokenHash: Uint8Array; now: number }; res: { ok: boolean } };
  /** Forgets a device's token (logout). */
  revokeToken: { req: { user: string; device: string }; res: { ok: true } };
};
