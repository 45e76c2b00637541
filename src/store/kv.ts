// The embedded indexed store: one LMDB environment under the data directory, one named
// database per kind of record. Writes resolve only once durable (fsync'd), never earlier.
import { open, type Database, type RootDatabase } from 'lmdb';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface UserRecord {
  passwordHash: Uint8Array;
  salt: Uint8Array;
  /** The scrypt cost the hash was made with (absent: the config's, for records made before it was kept). */
  scrypt?: { N: number; r: number; p: number };
  createdAt: number;
}

/** Per (user, device) token and registration data, owned by the accounts service. */
export interface DeviceAuthRecord {
  tokenHash: Uint8Array;
  tokenExpiresAt: number;
  createdAt: number;
}

/** One device's inbox position, owned by the inbox service. */
export interface DeviceInboxRecord {
  nextSeq: number;
  ackedSeq: number;
}

export type InboxItemRecord =
  | { kind: 'message'; id: string; from: string; to: string; body: Uint8Array; sentAt: number; fromDevice: string }
  | { kind: 'receipt'; receipt: 'delivered' | 'read'; by: string; ids: string[]; at: number };

/** Outcome of a message kept per (recipient, sender, id): makes resends idempotent and receipts once-only. */
export interface MessageStateRecord {
  sentAt: number;
  delivered: boolean;
  read: boolean;
  /**
   * The copies for the sender's other devices (carbons, kept by the sender's owner) may not be
   * durable yet: a resend asks for them again before it is answered as a duplicate. Absent: complete.
   */
  carbonsPending?: boolean;
}

export interface PresenceRecord {
  lastSeen: number;
  hideLastSeen: boolean;
}

export interface Stores {
  root: RootDatabase;
  /** user -> UserRecord */
  users: Database<UserRecord, string>;
  /** [user, device] -> DeviceAuthRecord */
  deviceAuth: Database<DeviceAuthRecord, [string, string]>;
  /** [user, device] -> DeviceInboxRecord; [user, ''] marks an inbox that exists */
  devices: Database<DeviceInboxRecord, [string, string]>;
  /** [user, device, seq] -> item; device '' holds items for a user with no device yet */
  inbox: Database<InboxItemRecord, [string, string, number]>;
  /** [recipient, sender, id] -> MessageStateRecord */
  messages: Database<MessageStateRecord, [string, string, string]>;
  /** user -> PresenceRecord */
  presence: Database<PresenceRecord, string>;
}

export function openStores(dataDir: string): Stores {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'atoll.mdb');
  // overlappingSync off: a write's promise resolves after fsync, which is what "acked" promises.
  const root = open({ path, overlappingSync: false, maxDbs: 16, mapSize: 8 * 1024 ** 3 });
  return {
    root,
    users: root.openDB<UserRecord, string>({ name: 'users' }),
    deviceAuth: root.openDB<DeviceAuthRecord, [string, string]>({ name: 'device-auth' }),
    devices: root.openDB<DeviceInboxRecord, [string, string]>({ name: 'devices' }),
    inbox: root.openDB<InboxItemRecord, [string, string, number]>({ name: 'inbox' }),
    messages: root.openDB<MessageStateRecord, [string, string, string]>({ name: 'messages' }),
    presence: root.openDB<PresenceRecord, string>({ name: 'presence' }),
  };
}
