// The services' storage (src/services/storage.ts) over LMDB: a table is a named database of the
// node's one environment. The databases the store opens itself are handed out as they are, so a
// service and the storage engine write through the same handle.
import type { Key } from 'lmdb';
import type { Table, TableSource } from '../services/storage.js';
import type { Stores } from './kv.js';

export function lmdbTables(stores: Stores): TableSource {
  const known = new Map<string, unknown>([
    ['users', stores.users], ['device-auth', stores.deviceAuth], ['devices', stores.devices],
    ['inbox', stores.inbox], ['messages', stores.messages], ['presence', stores.presence],
  ]);
  return {
    table<K, V>(name: string): Table<K, V> {
      let db = known.get(name);
      if (db === undefined) known.set(name, (db = stores.root.openDB<V, Key>({ name })));
      return db as Table<K, V>;
    },
  };
}
