// The accounts service owner: one per fragment of user ids. Reads go to the indexed store
// (memory-mapped LMDB: no I/O when hot); only writes not yet committed are held in memory, so a
// read sees them, and an idle session's account costs no RAM.
import { timingSafeEqual } from 'node:crypto';
import type { Handlers } from '../../cluster/router.js';
import type { ServiceSpec } from '../../cluster/local-router.js';
import type { DeviceAuthRecord, UserRecord } from '../../store/kv.js';
import type { StorageHealth } from '../../store/storage-health.js';
import { committed } from '../../store/store-write.js';
import type { AccountsApi } from './api.js';
import type { AccountsStorage } from './storage.js';

export function accountsService(stores: AccountsStorage, health: StorageHealth | null = null): ServiceSpec<AccountsApi> {
  return { createFragment: () => accountsFragment(stores, health) };
}

function accountsFragment(stores: AccountsStorage, health: StorageHealth | null): Handlers<AccountsApi> {
  // Records written and not committed yet (lmdb-js reads see a write only once it commits).
  const pendingUsers = new Map<string, UserRecord>();
  // null marks a revoked token whose removal is not committed yet.
  const pendingTokens = new Map<string, DeviceAuthRecord | null>();

  const user = (name: string): UserRecord | null => pendingUsers.get(name) ?? stores.users.get(name) ?? null;
  const tokenKey = (u: string, d: string) => `${u}\u0000${d}`;
  const token = (u: string, d: string): DeviceAuthRecord | null => {
    const pending = pendingTokens.get(tokenKey(u, d));
    if (pending !== undefined) return pending;
    return stores.deviceAuth.get([u, d]) ?? null;
  };

  /**
   * Holds `value` as pending under `key` until `write` settles: then LMDB says what is true (the
   * write committed, or it failed and LMDB still holds the old record), unless a later write
   * replaced the entry meanwhile.
   */
  function holdUntil<V>(pending: Map<string, V>, key: string, value: V, write: Promise<unknown>): Promise<unknown> {
    pending.set(key, value);
    return committed(write, health).finally(() => {
      if (pending.get(key) === value) pending.delete(key);
    });
  }

  const putToken = (u: string, d: string, rec: DeviceAuthRecord): Promise<unknown> =>
    holdUntil(pendingTokens, tokenKey(u, d), rec, stores.deviceAuth.put([u, d], rec));

  return {
    async create({ user: name, passwordHash, salt, scrypt }) {
      if (user(name) !== null) return { ok: false, code: 'USER_EXISTS' };
      const rec: UserRecord = { passwordHash, salt, scrypt, createdAt: Date.now() };
      await holdUntil(pendingUsers, name, rec, stores.users.put(name, rec));
      return { ok: true };
    },
    credentials({ user: name }) {
      const rec = user(name);
      return rec && { passwordHash: rec.passwordHash, salt: rec.salt, scrypt: rec.scrypt ?? null };
    },
    async issueToken({ user: u, device, tokenHash, expiresAt }) {
      const before = token(u, device);
      const rec: DeviceAuthRecord = { tokenHash, tokenExpiresAt: expiresAt, createdAt: before?.createdAt ?? Date.now() };
      await putToken(u, device, rec);
      return { ok: true };
    },
    async renewToken({ user: u, device, tokenHash, now, expiresAt }) {
      const rec = token(u, device);
      if (!rec || rec.tokenExpiresAt <= now) return { ok: false };
      const stored = Buffer.from(rec.tokenHash);
      if (stored.length !== tokenHash.length || !timingSafeEqual(stored, tokenHash)) return { ok: false };
      const renewed: DeviceAuthRecord = { ...rec, tokenExpiresAt: expiresAt };
      await putToken(u, device, renewed);
      return { ok: true };
    },
    async revokeToken({ user: u, device }) {
      await holdUntil(pendingTokens, tokenKey(u, device), null, stores.deviceAuth.remove([u, device]));
      return { ok: true };
    },
  };
}
