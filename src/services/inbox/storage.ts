// The inbox's storage as the service sees it (InboxStore): device positions, queued items that
// lingered, and message states, read by (user, device, seq) and (user, from, id). Its changes go
// through the storage engine's log (src/store/engine.ts), which replays them into the same tables;
// the write-back flush writes what the log holds (each write settles once durable).
import type { DeviceInboxRecord, InboxItemRecord, MessageStateRecord } from '../../store/kv.js';
import type { Table, TableSource } from '../storage.js';

/** The highest item seq there can be. */
export const MAX_SEQ = Number.MAX_SAFE_INTEGER;

export interface InboxStore {
  /** Whether `user` has an inbox (its holding queue's position marks it). */
  hasUser(user: string): boolean;
  /** The user's devices and their positions, the holding queue ('') first. */
  devices(user: string): Iterable<{ device: string; position: DeviceInboxRecord }>;
  /** The highest seq of an item of the device above `above`, if there is one. */
  lastSeq(user: string, device: string, above: number): number | undefined;
  /** The device's items from seq `lo` up to (not including) `end`, in order, at most `limit`. */
  items(user: string, device: string, lo: number, end: number, limit?: number): Iterable<{ seq: number; item: InboxItemRecord }>;
  /** The seqs of the device's items from `lo` up to (not including) `end`. */
  seqs(user: string, device: string, lo: number, end: number): Iterable<number>;
  /** The outcome of message (from, id) sent to `user`. */
  state(user: string, from: string, id: string): MessageStateRecord | undefined;
  putItem(user: string, device: string, seq: number, item: InboxItemRecord): Promise<unknown>;
  removeItem(user: string, device: string, seq: number): Promise<unknown>;
  putDevice(user: string, device: string, position: DeviceInboxRecord): Promise<unknown>;
  removeDevice(user: string, device: string): Promise<unknown>;
  putState(user: string, from: string, id: string, state: MessageStateRecord): Promise<unknown>;
}

/** The inbox's store over the node's tables (the ones the storage engine replays into). */
export function inboxStore(source: TableSource): InboxStore {
  /** [user, device] -> position; [user, ''] marks an inbox that exists */
  const devices: Table<[string, string], DeviceInboxRecord> = source.table('devices');
  /** [user, device, seq] -> item */
  const inbox: Table<[string, string, number], InboxItemRecord> = source.table('inbox');
  /** [recipient, sender, id] -> outcome */
  const messages: Table<[string, string, string], MessageStateRecord> = source.table('messages');
  return {
    hasUser: (user) => devices.get([user, '']) !== undefined,
    *devices(user) {
      for (const { key, value } of devices.getRange({ start: [user, ''], end: [user, '\uffff'] })) yield { device: key[1], position: value };
    },
    lastSeq(user, device, above) {
      for (const key of inbox.getKeys({ start: [user, device, MAX_SEQ], end: [user, device, above], reverse: true, limit: 1 })) return key[2];
      return undefined;
    },
    *items(user, device, lo, end, limit) {
      for (const { key, value } of inbox.getRange({ start: [user, device, lo], end: [user, device, end], limit })) yield { seq: key[2], item: value };
    },
    *seqs(user, device, lo, end) {
      for (const key of inbox.getKeys({ start: [user, device, lo], end: [user, device, end] })) yield key[2];
    },
    state: (user, from, id) => messages.get([user, from, id]),
    putItem: (user, device, seq, item) => inbox.put([user, device, seq], item),
    removeItem: (user, device, seq) => inbox.remove([user, device, seq]),
    putDevice: (user, device, position) => devices.put([user, device], position),
    removeDevice: (user, device) => devices.remove([user, device]),
    putState: (user, from, id, state) => messages.put([user, from, id], state),
  };
}
