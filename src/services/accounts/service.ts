// The accounts service owner: one per fragment of user ids. Caches the records it touched in
// memory (reads never wait for disk) and writes through to the indexed store.
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
  // Only records that exist are cached: caching misses would let anyone grow these maps by
  // trying random names. A miss costs one LMDB read (memory-mapped, no I/O when hot).
  const users = new Map<string, UserRecord>();
  // null marks a revoked token whose removal may not be committed yet (reads would still see it).
  const tokens = new Map<string, DeviceAuthRecord | null>();

  const user = (name: string): UserRecord | null => {
    let rec = users.get(name);
    if (rec === undefined) {
      rec = stores.users.get(name);
      if (rec === undefined) return null;
      users.set(name, rec);
    }
    return rec;
  };
  const tokenKey = (u: string, d: string) => `${u}\u0000${d}`;
  const token = (u: string, d: string): DeviceAuthRecord | null => {
    const key = tokenKey(u, d);
    const cached = tokens.get(key);
    if (cached !== undefined) return cached;
    const rec = stores.deviceAuth.get([u, d]);
    if (rec === undefined) return null;
    tokens.set(key, rec);
    return rec;
  };

  /**
   * Writes through; a write that failed (a full disk) takes its cached record back out, unless a
   * later change replaced it, so RAM never claims what LMDB does not hold.
   */
  const putUser = (name: string, rec: UserRecord): Promise<unknown> => committed(stores.users.put(name, rec), health).catch((err: unknown) => {
    if (users.get(name) === rec) users.delete(name);
    throw err;
  });
  const putToken = (u: string, d: string, rec: DeviceAuthRecord, before: DeviceAuthRecord | null): Promise<unknown> => {
    const key = tokenKey(u, d);
    tokens.set(key, rec);
    return committed(stores.deviceAuth.put([u, d], rec), health).catch((err: unknown) => {
      if (tokens.get(key) === rec) {
        if (before) tokens.set(key, before);
        else tokens.delete(key);
      }
      throw err;
    });
  };

  return {
    async create({ user: name, passwordHash, salt, scrypt }) {
      if (user(name) !== null) return { ok: false, code: 'USER_EXISTS' };
      const rec: UserRecord = { passwordHash, salt, scrypt, createdAt: Date.now() };
      users.set(name, rec);
      await putUser(name, rec);
      return { ok: true };
    },
    credentials({ user: name }) {
      const rec = user(name);
      return rec && { passwordHash: rec.passwordHash, salt: rec.salt, scrypt: rec.scrypt ?? null };
    },
    async issueToken({ user: u, device, tokenHash, expiresAt }) {
      const before = token(u, device);
      const rec: DeviceAuthRecord = { tokenHash, tokenExpiresAt: expiresAt, createdAt: before?.createdAt ?? Date.now() };
      await putToken(u, device, rec, before);
      return { ok: true };
    },
    async renewToken({ user: u, device, tokenHash, now, expiresAt }) {
      const rec = token(u, device);
      if (!rec || rec.tokenExpiresAt <= now) return { ok: false };
      const stored = Buffer.from(rec.tokenHash);
      if (stored.length !== tokenHash.length || !timingSafeEqual(stored, tokenHash)) return { ok: false };
      const renewed: DeviceAuthRecord = { ...rec, tokenExpiresAt: expiresAt };
      await putToken(u, device, renewed, rec);
      return { ok: true };
    },
    async revokeToken({ user: u, device }) {
      tokens.set(tokenKey(u, device), null);
      await committed(stores.deviceAuth.remove([u, device]), health);
      return { ok: true };
    },
  };
}
