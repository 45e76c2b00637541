// One inbox owner's state in RAM: its users, their devices and queues, the message states, and
// the write-back bookkeeping; the sizes each is counted at. Every job of the owner works on this.
import type { Registry } from 'prom-client';
import type { Router } from '../../cluster/router.js';
import type { StorageEngine } from '../../store/engine.js';
import type { InboxItemRecord, MessageStateRecord } from '../../store/kv.js';
import type { Services } from '../index.js';
import type { SessionAddress } from '../sessions/api.js';
import { ItemQueue, type QueuedItem } from './item-queue.js';
import type { InboxStore } from './storage.js';

/** The device name under which a user with no device yet keeps its messages. */
export const NO_DEVICE = '';
/**
 * RAM cost of an item or state beyond its string characters and body bytes, measured with
 * `--expose-gc` on Node 20 (objects, string headers, the body's ArrayBuffer and its malloc'd
 * store, the young-FIFO entry): about 600 B per queued message and 200 B per message state.
 * An estimate that is too low lets the real cache outgrow its budget by that factor.
 */
const ITEM_OVERHEAD = 600;
export const STATE_OVERHEAD = 200;
const RECEIPT_ID_OVERHEAD = 24;
/** Fewest entries a write-back queue holds before acked ones behind a live one are swept out. */
export const YOUNG_SWEEP_MIN = 1024;
/** What a queued item counts against maxQueuedBytesPerUser besides its body, names and ids. */
const QUEUED_ITEM_OVERHEAD = 64;

export interface InboxOptions {
  /** Items pushed to a device before it must ack some (also the batch read back from LMDB). */
  window: number;
  /** The same window in bytes: whichever is reached first stops the pushing (one item always goes). */
  windowBytes: number;
  engine: StorageEngine;
  /** Devices one user may register (checked by claimDevice). */
  maxDevicesPerUser: number;
  /** Undelivered bytes one user's inbox may hold before a store is refused. */
  maxQueuedBytesPerUser: number;
  /** Where the inbox's own figures go (optional in tests). */
  registry?: Registry;
}

export interface DeviceState {
  name: string;
  nextSeq: number;
  ackedSeq: number;
  /** ackedSeq as LMDB has it. */
  flushedAcked: number;
  /** Highest seq of an item that exists (in RAM or LMDB). */
  lastSeq: number;
  /**
   * No LMDB row of this device's items has a seq above this (MAX_SEQ when that is not known), so
   * writing its acked position deletes rows only if there can be some: most items are acked
   * before they are ever written, and a range read per device per checkpoint costs.
   */
  storedHigh: number;
  items: ItemQueue;
  /** Items only in LMDB (evicted or never loaded): seqs lo..hi, queued before every RAM item above them. */
  spill: { lo: number; hi: number } | null;
  session: SessionAddress | null;
  /** Deliveries to the attached session have started. */
  started: boolean;
  /** Bytes the session lets the inbox deliver before it grants more (see deliveryCost). */
  credit: number;
  /** The session was told its credit is spent; it grants more once its connection drains. */
  creditAsked: boolean;
  forgotten: boolean;
  /**
   * Its position (nextSeq, ackedSeq) is durable but not yet in LMDB (write-back modes). A flag and
   * not a set of names on the user: most users are touched once per checkpoint interval, and a
   * set made and dropped for each of them is garbage the old generation has to collect.
   */
  dirty: boolean;
}

/**
 * One user in RAM. Every known user stays here, and an idle one has entries in none of the
 * collections but `devices`: those are null until first used and null again once empty (six
 * empty Maps and Sets cost about 1.2 KB per user, a third of an idle session's heap).
 */
export interface InboxUser {
  name: string;
  devices: Map<string, DeviceState>;
  /** Devices with an attached session. */
  online: number;
  /** Per (sender, id) outcome, loaded on demand, dropped once in LMDB. */
  states: Map<string, MessageStateRecord> | null;
  /** Sends not yet durable, by (sender, id): a resend waits for the first. */
  pending: Map<string, Promise<unknown>> | null;
  /** Durable state changes not yet in LMDB (write-back modes; devices carry their own flag). */
  dirtyStates: Set<string> | null;
  /** Forgotten devices whose LMDB rows are still to be removed. */
  forgotten: Set<string> | null;
  /** States changed by a write that is not durable yet (count per key). */
  inflightStates: Map<string, number> | null;
  /**
   * Bytes of undelivered items over all devices, RAM and LMDB alike (see queuedBytes); null until
   * first needed after a load or a change that cannot tell (forget, adoption, a replayed ack of
   * items only in LMDB): then it is summed again from RAM and LMDB, so it holds across restarts.
   */
  queued: number | null;
}

export interface YoungEntry {
  u: InboxUser;
  d: DeviceState;
  q: QueuedItem;
  /** When the item became durable. */
  at: number;
}

/** One owner's state and what it works with. */
export interface Fragment {
  readonly id: number;
  /** The users held in RAM (every known user touched since start; never a miss). */
  readonly users: Map<string, InboxUser>;
  readonly store: InboxStore;
  readonly router: Router<Services>;
  readonly options: InboxOptions;
  readonly engine: StorageEngine;
  /** Durable items may be missing from LMDB (the write-back cache flushes them later). */
  readonly writeBack: boolean;
  /** Durable items not in LMDB, in the order they became durable (= LSN order), from `youngHead`. */
  young: YoungEntry[];
  youngHead: number;
  /** Length of `young` past which acked entries behind a live one are swept out (see releaseAcked). */
  youngSweepAt: number;
  /** Users with durable changes not yet in LMDB. */
  readonly dirtyUsers: Set<InboxUser>;
  /** How many users at the front of dirtyUsers hold changes the checkpoint pass under way marked. */
  markedLeft: number;
  /** Estimated RAM held by the queued items and message states. */
  bytes: number;
}

export function newFragment(id: number, users: Map<string, InboxUser>, store: InboxStore, router: Router<Services>, options: InboxOptions): Fragment {
  const engine = options.engine;
  return { id, users, store, router, options, engine, writeBack: engine.mode !== 'write-through', young: [], youngHead: 0, youngSweepAt: YOUNG_SWEEP_MIN, dirtyUsers: new Set(), markedLeft: 0, bytes: 0 };
}

/** Counts RAM in or out, here and in the engine's budget. */
export function addBytes(f: Fragment, n: number): void {
  f.bytes += n;
  f.engine.bytesChanged(n);
}

/** `queued`: 0 for a user with nothing stored yet, null for one loaded from LMDB. */
export function newUser(name: string, queued: number | null): InboxUser {
  return {
    name, devices: new Map(), online: 0, states: null, pending: null,
    dirtyStates: null, forgotten: null, inflightStates: null, queued,
  };
}

type UserSet = 'dirtyStates' | 'forgotten';

/** Adds `key` to one of the user's sets, made on first use. */
export function addTo(u: InboxUser, set: UserSet, key: string): void {
  (u[set] ??= new Set()).add(key);
}

export function newDevice(name: string): DeviceState {
  return { name, nextSeq: 1, ackedSeq: 0, flushedAcked: 0, lastSeq: 0, storedHigh: 0, items: new ItemQueue(), spill: null, session: null, started: false, credit: 0, creditAsked: false, forgotten: false, dirty: false };
}

export function newItem(seq: number, item: InboxItemRecord, inStore: boolean): QueuedItem {
  return { seq, item, durable: inStore, lsn: 0, flush: inStore ? 'flushed' : 'none', acked: false, bytes: itemBytes(item) };
}

export function stateKey(from: string, id: string): string {
  return `${from}\u0000${id}`;
}

/** What an item counts against the recipient's quota: close to what it takes in the log and LMDB. */
export function queuedBytes(it: InboxItemRecord): number {
  if (it.kind === 'message') return QUEUED_ITEM_OVERHEAD + it.body.length + it.id.length + it.from.length + it.to.length + it.fromDevice.length;
  let n = QUEUED_ITEM_OVERHEAD + it.by.length;
  for (const id of it.ids) n += 1 + id.length;
  return n;
}

function itemBytes(it: InboxItemRecord): number {
  if (it.kind === 'message') return ITEM_OVERHEAD + it.body.length + it.id.length + it.from.length + it.to.length + it.fromDevice.length;
  let n = ITEM_OVERHEAD + it.by.length;
  for (const id of it.ids) n += RECEIPT_ID_OVERHEAD + id.length;
  return n;
}

/** In write-back modes, the device's position is still to be written to LMDB. */
export function markDirty(f: Fragment, u: InboxUser, device: string): void {
  if (!f.writeBack) return;
  const d = u.devices.get(device);
  if (!d) return;
  d.dirty = true;
  f.dirtyUsers.add(u);
}

export function warn(err: unknown): void {
  process.emitWarning(`atoll inbox: ${(err as Error)?.stack ?? String(err)}`);
}
