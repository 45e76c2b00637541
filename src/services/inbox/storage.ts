// What the inbox service reads from disk: device positions, queued items that lingered, and
// message states. Its writes go through the storage engine (src/store/engine.ts), which shares
// these tables: the log decides when a change reaches them.
import type { DeviceInboxRecord, InboxItemRecord, MessageStateRecord } from '../../store/kv.js';
import type { Table, TableSource } from '../storage.js';

export interface InboxStorage {
  /** [user, device] -> position; [user, ''] marks an inbox that exists */
  devices: Table<[string, string], DeviceInboxRecord>;
  /** [user, device, seq] -> item */
  inbox: Table<[string, string, number], InboxItemRecord>;
  /** [recipient, sender, id] -> outcome */
  messages: Table<[string, string, string], MessageStateRecord>;
}

export function inboxStorage(source: TableSource): InboxStorage {
  return { devices: source.table('devices'), inbox: source.table('inbox'), messages: source.table('messages') };
}
