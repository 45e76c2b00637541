// The embedded indexed store: one LMDB environment under the data directory, one named
// database per kind of record. Writes resolve only once durable (fsync'd), never earlier.
import { open, type Database, type Key, type RootDatabase } from 'lmdb';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inspectStoreFile, StoreDamagedError } from './lmdb-check.js';

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

/** Whether the log atoll.mdb was last used with may hold records it needs; owned by the storage engine. */
export interface LogMarker {
  /** Set by a clean stop that checkpointed every writer to its end: the log holds nothing needed. */
  clean: boolean;
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
  /** 'log' -> LogMarker */
  meta: Database<LogMarker, string>;
}

/** Every named database, for tools that read them all. */
export const STORE_DATABASES = ['users', 'device-auth', 'devices', 'inbox', 'messages', 'presence', 'meta'] as const;
// overlappingSync off: a write's promise resolves after fsync, which is what "acked" promises.
export const STORE_OPTIONS = { overlappingSync: false, maxDbs: 16, mapSize: 8 * 1024 ** 3 } as const;

/** The store's file in a data directory. */
export const storePath = (dataDir: string): string => join(dataDir, 'atoll.mdb');

/**
 * Opens the store. The file is checked first (see lmdb-check.ts): damage LMDB would crash on, and
 * errors LMDB reports while opening, become a StoreDamagedError naming the file.
 */
export function openStores(dataDir: string): Stores {
  mkdirSync(dataDir, { recursive: true });
  const path = storePath(dataDir);
  inspectStoreFile(path);
  let root: RootDatabase | undefined;
  try {
    root = open({ ...STORE_OPTIONS, path });
    const db = <V, K extends Key>(name: (typeof STORE_DATABASES)[number]) => root!.openDB<V, K>({ name });
    return {
      root,
      users: db('users'),
      deviceAuth: db('device-auth'),
      devices: db('devices'),
      inbox: db('inbox'),
      messages: db('messages'),
      presence: db('presence'),
      meta: db('meta'),
    };
  } catch (err) {
    void root?.close();
    if (/MDB_/.test((err as Error).message)) throw new StoreDamagedError(path, `LMDB cannot open it (${(err as Error).message})`);
    throw err;
  }
}
