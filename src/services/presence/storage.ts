// What the presence service keeps on disk: last seen and its privacy setting, per user.
import type { PresenceRecord } from '../../store/kv.js';
import type { Table, TableSource } from '../storage.js';

export interface PresenceStorage {
  presence: Table<string, PresenceRecord>;
}

export function presenceStorage(source: TableSource): PresenceStorage {
  return { presence: source.table('presence') };
}
