// What the accounts service keeps on disk: one record per user and one per (user, device) token.
import type { DeviceAuthRecord, UserRecord } from '../../store/kv.js';
import type { Table, TableSource } from '../storage.js';

export interface AccountsStorage {
  users: Table<string, UserRecord>;
  deviceAuth: Table<[string, string], DeviceAuthRecord>;
}

export function accountsStorage(source: TableSource): AccountsStorage {
  return { users: source.table('users'), deviceAuth: source.table('device-auth') };
}
