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
  // null caches "no such user", so unknown names do not hit the store twice.
  const users = new Map<string, UserRecord | null>();
  const tokens = new Map<string, DeviceAuthRecord | null>();

  const user = (name: string): UserRecord | null => {
    let rec = users.get(name);
    if (rec === undefined) {
      rec = stores.users.get(name) ?? null;
      users.set(name, rec);
    }
    return rec;
  };
  const tokenKey = (u: string, d: string) => `${u}\u0000${d}`;
  const token = (u: string, d: string): DeviceAuthRecord | null => {
    const key = tokenKey(u, d);
    let rec = tokens.get(key);
    if (rec === undefined) {
      rec = stores.deviceAuth.get([u, d]) ?? null;
      tokens.set(key, rec);
    }
    return rec;
  };

  return {
    async create({ user: name, passwordHash, salt }) {
      if (user(name) !== null) return { ok: false, code: 'USER_EXISTS' };
      const rec: UserRecord = { passwordHash, salt, createdAt: Date.now() };
      users.set(name, rec);
      await stores.users.put(name, rec);
      return { ok: true };
    },
    credentials({ user: name }) {
      const rec = user(name);
      return rec && { passwordHash: rec.passwordHash, salt: rec.salt };
    },
    async issueToken({ user: u, device, tokenHash, expiresAt }) {
      const rec: DeviceAuthRecord = { tokenHash, tokenExpiresAt: expiresAt, createdAt: token(u, device)?.createdAt ?? Date.now() };
      tokens.set(tokenKey(u, device), rec);
      await stores.deviceAuth.put([u, device], rec);
      return { ok: true };
    },
    checkToken({ user: u, device, tokenHash, now }) {
      const rec = token(u, device);
      if (!rec || rec.tokenExpiresAt <= now) return { ok: false };
      const stored = Buffer.from(rec.tokenHash);
      return { ok: stored.length === tokenHash.length && timingSafeEqual(stored, tokenHash) };
    },
    async revokeToken({ user: u, device }) {
      tokens.set(tokenKey(u, device), null);
      await stores.deviceAuth.remove([u, device]);
      return { ok: true };
    },
  };
}
