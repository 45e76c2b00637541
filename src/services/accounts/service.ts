// The accounts service owner: one per fragment of user ids. Caches the records it touched in
// memory (reads never wait for disk) and writes through to the indexed store.
import { timingSafeEqual } from 'node:crypto';
import type { Handlers } from '../../cluster/router.js';
import type { ServiceSpec } from '../../cluster/local-router.js';
import type { DeviceAuthRecord, Stores, UserRecord } from '../../store/kv.js';
import type { AccountsApi } from './api.js';

export function accountsService(stores: Stores): ServiceSpec<AccountsApi> {
  return { createFragment: () => accountsFragment(stores) };
}

function accountsFragment(stores: Stores): Handlers<AccountsApi> {
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

  return {
    async create({ user: name, passwordHash, salt, scrypt }) {
      if (user(name) !== null) return { ok: false, code: 'USER_EXISTS' };
      const rec: UserRecord = { passwordHash, salt, scrypt, createdAt: Date.now() };
      users.set(name, rec);
      await stores.users.put(name, rec);
      return { ok: true };
    },
    credentials({ user: name }) {
      const rec = user(name);
      return rec && { passwordHash: rec.passwordHash, salt: rec.salt, scrypt: rec.scrypt ?? null };
    },
    async issueToken({ user: u, device, tokenHash, expiresAt }) {
      const rec: DeviceAuthRecord = { tokenHash, tokenExpiresAt: expiresAt, createdAt: token(u, device)?.createdAt ?? Date.now() };
      tokens.set(tokenKey(u, device), rec);
      await stores.deviceAuth.put([u, device], rec);
      return { ok: true };
    },
    async renewToken({ user: u, device, tokenHash, now, expiresAt }) {
      const rec = token(u, device);
      if (!rec || rec.tokenExpiresAt <= now) return { ok: false };
      const stored = Buffer.from(rec.tokenHash);
      if (stored.length !== tokenHash.length || !timingSafeEqual(stored, tokenHash)) return { ok: false };
      const renewed: DeviceAuthRecord = { ...rec, tokenExpiresAt: expiresAt };
      tokens.set(tokenKey(u, device), renewed);
      await stores.deviceAuth.put([u, device], renewed);
      return { ok: true };
    },
    async revokeToken({ user: u, device }) {
      tokens.set(tokenKey(u, device), null);
      await stores.deviceAuth.remove([u, device]);
      return { ok: true };
    },
  };
}
