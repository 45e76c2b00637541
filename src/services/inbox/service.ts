// The inbox service owner: per fragment of user ids, each user's devices and their queues.
// State lives in RAM (loaded on first touch). Every change is made durable through the storage
// engine (log, write-through or memory) and replies and deliveries wait for that. Undelivered
// items reach LMDB only if they linger past the sync delay (write-back); see src/store/engine.ts.
// A send is acked only once every copy it implies is durable: the recipient's (with the message
// state) and the carbons for the sender's other devices, kept by the sender's owner.
import { Gauge, type Registry } from 'prom-client';
import type { Handlers, Router } from '../../cluster/router.js';
import type { ServiceSpec } from '../../cluster/local-router.js';
import { INBOX_COPY_OVERHEAD_BYTES, LOG_RECORD_LIMIT_BYTES, RECEIPT_IDS_PER_ITEM } from '../../config.js';
import type { CacheFragment, FlushBatch, StorageEngine } from '../../store/engine.js';
import type { InboxOp } from '../../store/inbox-ops.js';
import type { InboxItemRecord, MessageStateRecord } from '../../store/kv.js';
import type { Services } from '../index.js';
import { deliveryCost, type SessionAddress } from '../sessions/api.js';
import type { InboxApi, StoreResult } from './api.js';
import { ItemQueue, type QueuedItem } from './item-queue.js';
import { MAX_SEQ, type InboxStore } from './storage.js';

/** The device name under which a user with no device yet keeps its messages. */
const NO_DEVICE = '';
/**
 * RAM cost of an item or state beyond its string characters and body bytes, measured with
 * `--expose-gc` on Node 20 (objects, string headers, the body's ArrayBuffer and its malloc'd
 * store, the young-FIFO entry): about 600 B per queued message and 200 B per message state.
 * An estimate that is too low lets the real cache outgrow its budget by that factor.
 */
const ITEM_OVERHEAD = 600;
const STATE_OVERHEAD = 200;
const RECEIPT_ID_OVERHEAD = 24;
/**
 * What a device with nothing in flight still reads back when the cache is full (at least one
 * item): in-flight windows cannot leave RAM, so a cache full of them must not slow every
 * returning device to one item per round trip.
 */
const READ_BACK_FLOOR_BYTES = 4 * 1024;
/** What a queued item counts against maxQueuedBytesPerUser besides its body, names and ids. */
const QUEUED_ITEM_OVERHEAD = 64;
/** A first device takes over a held backlog in records of about this size (one record could pass the log's limit). */
const ADOPT_RECORD_BYTES = LOG_RECORD_LIMIT_BYTES / 4;

interface DeviceState {
  name: string;
  nextSeq: number;
  ackedSeq: number;
  /** ackedSeq as LMDB has it. */
  flushedAcked: number;
  /** Highest seq of an item that exists (in RAM or LMDB). */
  lastSeq: number;
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
}

interface InboxUser {
  name: string;
  devices: Map<string, DeviceState>;
  /** Devices with an attached session. */
  online: number;
  /** Per (sender, id) outcome, loaded on demand, dropped once in LMDB. */
  states: Map<string, MessageStateRecord>;
  /** Sends not yet durable, by (sender, id): a resend waits for the first. */
  pending: Map<string, Promise<unknown>>;
  /** Durable changes not yet in LMDB (write-back modes). */
  dirtyDevices: Set<string>;
  dirtyStates: Set<string>;
  /** Forgotten devices whose LMDB rows are still to be removed. */
  forgotten: Set<string>;
  /** States changed by a write that is not durable yet (count per key). */
  inflightStates: Map<string, number>;
  /**
   * Bytes of undelivered items over all devices, RAM and LMDB alike (see queuedBytes); null until
   * first needed after a load or a change that cannot tell (forget, adoption, a replayed ack of
   * items only in LMDB): then it is summed again from RAM and LMDB, so it holds across restarts.
   */
  queued: number | null;
}

/** One request's changes: the ops that make them durable together and what to mark once they are. */
class Change {
  readonly ops: InboxOp[] = [];
  readonly items: [DeviceState, QueuedItem][] = [];
  readonly states: string[] = [];
  readonly devices: string[] = [];
  /** Devices forgotten by this change: their LMDB rows go once the change is durable. */
  readonly forgotten: string[] = [];
  /** What each state was before this change, to undo it if the change never becomes durable. */
  readonly undo: [string, MessageStateRecord | undefined][] = [];
}

interface YoungEntry {
  u: InboxUser;
  d: DeviceState;
  q: QueuedItem;
  /** When the item became durable. */
  at: number;
}

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

export function inboxService(stores: InboxStore, router: Router<Services>, options: InboxOptions): ServiceSpec<InboxApi> {
  const cached: Map<string, InboxUser>[] = [];
  if (options.registry) {
    new Gauge({
      name: 'atoll_inbox_users_cached', help: 'Users whose inbox is held in RAM (names that are no user are never kept)', registers: [options.registry],
      collect() { this.set(cached.reduce((n, users) => n + users.size, 0)); },
    });
  }
  return {
    createFragment: (fragment) => {
      const users = new Map<string, InboxUser>();
      cached.push(users);
      return inboxFragment(fragment, users, stores, router, options);
    },
  };
}

function stateKey(from: string, id: string): string {
  return `${from}\u0000${id}`;
}

/** What an item counts against the recipient's quota: close to what it takes in the log and LMDB. */
function queuedBytes(it: InboxItemRecord): number {
  if (it.kind === 'message') return QUEUED_ITEM_OVERHEAD + it.body.length + it.id.length + it.from.length + it.to.length + it.fromDevice.length;
  let n = QUEUED_ITEM_OVERHEAD + it.by.length;
  for (const id of it.ids) n += 1 + id.length;
  return n;
}

const noop = (): void => undefined;

function withoutCarbonsPending(s: MessageStateRecord): MessageStateRecord {
  const { carbonsPending: _, ...rest } = s;
  return rest;
}

function itemBytes(it: InboxItemRecord): number {
  if (it.kind === 'message') return ITEM_OVERHEAD + it.body.length + it.id.length + it.from.length + it.to.length + it.fromDevice.length;
  let n = ITEM_OVERHEAD + it.by.length;
  for (const id of it.ids) n += RECEIPT_ID_OVERHEAD + id.length;
  return n;
}

/** `users`: the users held in RAM (every known user touched since start; never a miss). */
function inboxFragment(fragment: number, users: Map<string, InboxUser>, stores: InboxStore, router: Router<Services>, options: InboxOptions): Handlers<InboxApi> {
  const engine = options.engine;
  const writeBack = engine.mode !== 'write-through';
  /** Durable items not in LMDB, in the order they became durable (= LSN order). */
  let young: YoungEntry[] = [];
  let youngHead = 0;
  const dirtyUsers = new Set<InboxUser>();
  let bytes = 0;
  const addBytes = (n: number) => {
    bytes += n;
    engine.bytesChanged(n);
  };

  /** `queued`: 0 for a user with nothing stored yet, null for one loaded from LMDB. */
  function newUser(name: string, queued: number | null): InboxUser {
    return {
      name, devices: new Map(), online: 0, states: new Map(), pending: new Map(),
      dirtyDevices: new Set(), dirtyStates: new Set(), forgotten: new Set(), inflightStates: new Map(), queued,
    };
  }

  function newDevice(name: string): DeviceState {
    return { name, nextSeq: 1, ackedSeq: 0, flushedAcked: 0, lastSeq: 0, items: new ItemQueue(), spill: null, session: null, started: false, credit: 0, creditAsked: false, forgotten: false };
  }

  function newItem(seq: number, item: InboxItemRecord, inStore: boolean): QueuedItem {
    return { seq, item, durable: inStore, lsn: 0, flush: inStore ? 'flushed' : 'none', acked: false, bytes: itemBytes(item) };
  }

  function load(name: string): InboxUser | null {
    const cached = users.get(name);
    if (cached !== undefined) return cached;
    // A miss is not remembered: made-up names must not cost memory (the LMDB read is a memory-mapped lookup).
    if (!stores.hasUser(name)) return null;
    const u = newUser(name, null);
    for (const { device, position } of stores.devices(name)) {
      const d = newDevice(device);
      d.ackedSeq = d.flushedAcked = position.ackedSeq;
      d.lastSeq = stores.lastSeq(name, d.name, position.ackedSeq) ?? position.ackedSeq;
      d.nextSeq = Math.max(position.nextSeq, d.lastSeq + 1);
      if (d.lastSeq > d.ackedSeq) d.spill = { lo: d.ackedSeq + 1, hi: d.lastSeq };
      u.devices.set(d.name, d);
    }
    users.set(name, u);
    return u;
  }

  function create(name: string, c: Change): InboxUser {
    const u = newUser(name, 0);
    u.devices.set(NO_DEVICE, newDevice(NO_DEVICE));
    users.set(name, u);
    c.ops.push({ t: 'user', user: name });
    c.devices.push(NO_DEVICE);
    return u;
  }

  /** The devices that receive what is queued for a user: its real devices, or the holding queue. */
  function targets(u: InboxUser, except?: string): DeviceState[] {
    const out: DeviceState[] = [];
    for (const d of u.devices.values()) if (d.name !== NO_DEVICE && d.name !== except) out.push(d);
    if (u.devices.size === 1 && except === undefined) out.push(u.devices.get(NO_DEVICE)!);
    return out;
  }

  function pushItem(d: DeviceState, q: QueuedItem): void {
    d.items.push(q);
    d.lastSeq = Math.max(d.lastSeq, q.seq);
    addBytes(q.bytes);
  }

  function enqueue(u: InboxUser, devices: DeviceState[], item: InboxItemRecord, c: Change): void {
    if (u.queued !== null) u.queued += devices.length * queuedBytes(item);
    for (const d of devices) {
      const q = newItem(d.nextSeq++, item, false);
      pushItem(d, q);
      c.items.push([d, q]);
      c.ops.push({ t: 'item', user: u.name, device: d.name, seq: q.seq, item });
    }
  }

  function putState(u: InboxUser, key: string, s: MessageStateRecord): void {
    if (!u.states.has(key)) addBytes(STATE_OVERHEAD + key.length);
    u.states.set(key, s);
  }

  function dropState(u: InboxUser, key: string): void {
    if (u.states.delete(key)) addBytes(-(STATE_OVERHEAD + key.length));
  }

  function stateOf(u: InboxUser, from: string, id: string): MessageStateRecord | undefined {
    const key = stateKey(from, id);
    let s = u.states.get(key);
    if (s === undefined) {
      s = stores.state(u.name, from, id);
      if (s) putState(u, key, s);
    }
    return s;
  }

  function setState(u: InboxUser, from: string, id: string, s: MessageStateRecord, c: Change): void {
    const key = stateKey(from, id);
    c.undo.push([key, u.states.get(key)]);
    putState(u, key, s);
    u.inflightStates.set(key, (u.inflightStates.get(key) ?? 0) + 1);
    c.ops.push({ t: 'state', user: u.name, from, id, state: s });
    c.states.push(key);
  }

  /** Makes a change durable; marks its items durable and, in write-back modes, what LMDB still lacks. */
  function commit(u: InboxUser, c: Change): Promise<number> {
    const settle = (lsn: number | null) => {
      for (const key of c.states) {
        const n = (u.inflightStates.get(key) ?? 1) - 1;
        if (n > 0) u.inflightStates.set(key, n);
        else u.inflightStates.delete(key);
        if (lsn !== null && writeBack) u.dirtyStates.add(key);
      }
      if (lsn === null) return rollback(u, c);
      const now = Date.now();
      for (const [d, q] of c.items) {
        q.durable = true;
        q.lsn = lsn;
        if (!writeBack) q.flush = 'flushed';
        else if (!q.acked && !d.forgotten) young.push({ u, d, q, at: now });
      }
      if (writeBack) {
        for (const name of c.devices) u.dirtyDevices.add(name);
        for (const name of c.forgotten) u.forgotten.add(name);
        if (c.states.length > 0 || c.devices.length > 0 || c.forgotten.length > 0) dirtyUsers.add(u);
      }
    };
    return engine.write(fragment, c.ops).then(
      (lsn) => { settle(lsn); return lsn; },
      (err: unknown) => { settle(null); throw err; },
    );
  }

  /** A change that failed to become durable (the log failed): its items and states must not linger. */
  function rollback(u: InboxUser, c: Change): void {
    for (const [d, q] of c.items) {
      for (let i = d.items.length - 1; i >= d.items.inFlight; i--) {
        if (d.items.at(i) !== q) continue;
        d.items.removeRange(i, 1);
        addBytes(-q.bytes);
        if (u.queued !== null) u.queued -= queuedBytes(q.item);
        break;
      }
      q.acked = true;
    }
    for (let i = c.undo.length - 1; i >= 0; i--) {
      const [key, prev] = c.undo[i];
      if (prev) putState(u, key, prev);
      else dropState(u, key);
    }
  }

  /** Pushes durable, unsent items to the device's session while its window has room. */
  function pump(u: InboxUser, d: DeviceState): void {
    const session = d.session;
    if (!session || !d.started) return;
    const q = d.items;
    while (q.inFlight < options.window && (q.inFlight === 0 || q.inFlightBytes < options.windowBytes)) {
      if (spilledNext(d)) {
        reload(u, d);
        // Nothing read back (the cache is full): RAM items behind the spilled run must wait too.
        if (spilledNext(d)) return;
      }
      if (q.inFlight >= q.length) return;
      if (!q.at(q.inFlight).durable) return;
      // Credit may go negative by one item, so an item larger than any grant still goes out.
      if (d.credit <= 0) {
        if (!d.creditAsked) router.toSession(session, { type: 'creditSpent' });
        d.creditAsked = true;
        return;
      }
      const next = q.markSent();
      d.credit -= deliveryCost(next.item);
      router.toSession(session, { type: 'deliver', seq: next.seq, item: next.item });
    }
  }

  /** Whether the next item to push is in the spilled range (only in LMDB). */
  function spilledNext(d: DeviceState): boolean {
    const q = d.items;
    return d.spill !== null && (q.inFlight === q.length || q.at(q.inFlight).seq > d.spill.lo);
  }

  /**
   * Reads the next items of the spilled range back from LMDB, in front of the RAM items above it:
   * a window's worth at most, and no more than the cache has room for. With the cache full, a
   * device with nothing in flight still gets READ_BACK_FLOOR_BYTES (so every device keeps moving,
   * and RAM per device stays small); one with items in flight gets none until its next ack.
   */
  function reload(u: InboxUser, d: DeviceState): void {
    const spill = d.spill!;
    let limitBytes = Math.min(options.windowBytes, engine.cacheRoom());
    if (limitBytes <= 0) {
      if (d.items.inFlight > 0) return;
      limitBytes = Math.min(options.windowBytes, READ_BACK_FLOOR_BYTES);
    }
    const loaded: QueuedItem[] = [];
    let loadedBytes = 0;
    let exhausted = true;
    for (const { seq, item } of stores.items(u.name, d.name, spill.lo, spill.hi + 1, options.window)) {
      const q = newItem(seq, item, true);
      addBytes(q.bytes);
      loaded.push(q);
      loadedBytes += q.bytes;
      if (loadedBytes >= limitBytes) {
        exhausted = false;
        break;
      }
    }
    if (loaded.length === options.window) exhausted = false;
    const last = loaded.length > 0 ? loaded[loaded.length - 1].seq : spill.hi;
    d.spill = exhausted || last >= spill.hi ? null : { lo: last + 1, hi: spill.hi };
    d.items.insertAt(d.items.inFlight, loaded);
  }

  /** Items that are in LMDB and not pushed to a session leave RAM (they join the spilled range). */
  function evict(d: DeviceState): void {
    const q = d.items;
    const start = q.inFlight;
    let n = start;
    while (n < q.length && q.at(n).flush === 'flushed') n++;
    if (n === start) return;
    // The spilled range must stay one run: every RAM item queued before it (but those in flight) has to go too.
    if (d.spill && n < q.length && q.at(n).seq < d.spill.lo) return;
    const lo = q.at(start).seq;
    const hi = q.at(n - 1).seq;
    for (const gone of q.removeRange(start, n - start)) addBytes(-gone.bytes);
    d.spill = d.spill ? { lo: Math.min(lo, d.spill.lo), hi: Math.max(hi, d.spill.hi) } : { lo, hi };
  }

  function dropItems(u: InboxUser, d: DeviceState, upTo: number): QueuedItem[] {
    const out = d.items.shiftUpTo(upTo);
    for (const q of out) {
      q.acked = true;
      addBytes(-(q.bytes));
      if (u.queued !== null) u.queued -= queuedBytes(q.item);
    }
    if (d.spill && upTo >= d.spill.lo) {
      // Items only in LMDB (a replayed ack): their sizes are not in RAM, so the sum is redone when needed.
      u.queued = null;
      d.spill = upTo >= d.spill.hi ? null : { lo: upTo + 1, hi: d.spill.hi };
    }
    return out;
  }

  /** The user's undelivered bytes (see InboxUser.queued), summed from RAM and LMDB when unknown. */
  function queuedOf(u: InboxUser): number {
    if (u.queued !== null) return u.queued;
    let n = 0;
    for (const d of u.devices.values()) {
      for (let i = 0; i < d.items.length; i++) n += queuedBytes(d.items.at(i).item);
      if (!d.spill) continue;
      for (const { item } of stores.items(u.name, d.name, d.spill.lo, d.spill.hi + 1)) n += queuedBytes(item);
    }
    u.queued = n;
    return n;
  }

  // ---- the write-back cache, driven by the engine ------------------------------------------

  function dropDeadYoung(): void {
    while (youngHead < young.length) {
      const e = young[youngHead];
      if (!e.q.acked && !e.d.forgotten && e.q.flush === 'none') return;
      young[youngHead++] = undefined as never;
    }
  }

  function compactYoung(): void {
    if (youngHead === young.length) {
      young = [];
      youngHead = 0;
    } else if (youngHead > 1024 && youngHead * 2 > young.length) {
      young = young.slice(youngHead);
      youngHead = 0;
    }
  }

  function flushUser(u: InboxUser, batch: FlushBatch): void {
    for (const name of u.dirtyDevices) {
      const d = u.devices.get(name);
      if (!d || d.forgotten) continue;
      if (d.ackedSeq > d.flushedAcked) {
        for (const seq of stores.seqs(u.name, name, d.flushedAcked + 1, d.ackedSeq + 1)) batch.add(stores.removeItem(u.name, name, seq));
      }
      const acked = d.ackedSeq;
      batch.add(stores.putDevice(u.name, name, { nextSeq: d.nextSeq, ackedSeq: acked }));
      batch.onCommit(() => { d.flushedAcked = Math.max(d.flushedAcked, acked); });
    }
    const devices = [...u.dirtyDevices];
    u.dirtyDevices.clear();
    const flushed: string[] = [];
    for (const key of u.dirtyStates) {
      const s = u.states.get(key);
      if (!s) continue;
      const cut = key.indexOf('\u0000');
      batch.add(stores.putState(u.name, key.slice(0, cut), key.slice(cut + 1), s));
      flushed.push(key);
    }
    u.dirtyStates.clear();
    batch.onCommit(() => {
      // States are re-read from LMDB when needed; the ones still changing stay.
      for (const key of flushed) if (!u.dirtyStates.has(key) && !u.inflightStates.has(key) && !u.pending.has(key)) dropState(u, key);
    });
    batch.onFail(() => {
      for (const name of devices) u.dirtyDevices.add(name);
      for (const key of flushed) if (u.states.has(key)) u.dirtyStates.add(key);
      dirtyUsers.add(u);
    });
  }

  function flushForgotten(u: InboxUser, batch: FlushBatch): void {
    for (const name of u.forgotten) {
      for (const seq of stores.seqs(u.name, name, 0, MAX_SEQ)) batch.add(stores.removeItem(u.name, name, seq));
      batch.add(stores.removeDevice(u.name, name));
    }
    const names = [...u.forgotten];
    u.forgotten.clear();
    batch.onFail(() => {
      for (const name of names) u.forgotten.add(name);
      dirtyUsers.add(u);
    });
  }

  const cache: CacheFragment = {
    get bytes() { return bytes; },

    collect(cutoff, everything, batch) {
      if (!writeBack) {
        for (const u of users.values()) for (const d of u.devices.values()) evict(d);
        return true;
      }
      // Removals of forgotten devices go first, so a device registered again under the same name
      // never loses items flushed after them.
      for (const u of dirtyUsers) if (u.forgotten.size > 0) flushForgotten(u, batch);
      const touched = new Set<DeviceState>();
      const flushing: QueuedItem[] = [];
      const taken: YoungEntry[] = [];
      let done = true;
      for (;;) {
        dropDeadYoung();
        if (youngHead >= young.length) break;
        if (batch.full()) {
          done = false;
          break;
        }
        const e = young[youngHead];
        if (e.at > cutoff) break;
        young[youngHead++] = undefined as never;
        e.q.flush = 'flushing';
        flushing.push(e.q);
        taken.push(e);
        touched.add(e.d);
        batch.add(stores.putItem(e.u.name, e.d.name, e.q.seq, e.q.item));
      }
      compactYoung();
      batch.items += flushing.length;
      if (everything && done) {
        // One user's writes are issued together (a device's acked range may be long).
        for (const u of dirtyUsers) {
          if (batch.full()) {
            done = false;
            break;
          }
          dirtyUsers.delete(u);
          flushUser(u, batch);
        }
      }
      batch.onCommit(() => {
        for (const q of flushing) if (q.flush === 'flushing') q.flush = 'flushed';
        for (const d of touched) evict(d);
      });
      batch.onFail(() => {
        // Back to the front of the queue in LSN order: the next round writes them again, and
        // until then they pin the log (oldestUnflushedLsn).
        for (const q of flushing) if (q.flush === 'flushing') q.flush = 'none';
        young = [...taken, ...young.slice(youngHead)];
        youngHead = 0;
      });
      return done;
    },

    oldestUnflushedLsn() {
      dropDeadYoung();
      return youngHead < young.length ? young[youngHead].q.lsn : Infinity;
    },

    replay(ops, lsn) {
      const now = Date.now();
      for (const op of ops) {
        let u = load(op.user);
        if (!u) {
          u = newUser(op.user, 0);
          u.devices.set(NO_DEVICE, newDevice(NO_DEVICE));
          users.set(op.user, u);
          markDirty(u, NO_DEVICE);
        }
        switch (op.t) {
          case 'user':
            break;
          case 'device':
            if (!u.devices.has(op.device)) u.devices.set(op.device, newDevice(op.device));
            markDirty(u, op.device);
            break;
          case 'item': {
            const d = u.devices.get(op.device);
            if (!d || op.seq <= Math.max(d.ackedSeq, d.lastSeq)) break;
            const q = newItem(op.seq, op.item, false);
            q.durable = true;
            q.lsn = lsn;
            pushItem(d, q);
            if (u.queued !== null) u.queued += queuedBytes(op.item);
            d.nextSeq = Math.max(d.nextSeq, op.seq + 1);
            if (writeBack) young.push({ u, d, q, at: now });
            break;
          }
          case 'ack': {
            const d = u.devices.get(op.device);
            if (!d) break;
            if (op.seq > d.ackedSeq) {
              dropItems(u, d, op.seq);
              d.ackedSeq = op.seq;
            }
            d.nextSeq = Math.max(d.nextSeq, op.nextSeq);
            markDirty(u, op.device);
            break;
          }
          case 'state': {
            const key = stateKey(op.from, op.id);
            putState(u, key, op.state);
            u.dirtyStates.add(key);
            dirtyUsers.add(u);
            break;
          }
          case 'forget': {
            const d = u.devices.get(op.device);
            if (d) forget(u, d, true);
            break;
          }
        }
      }
    },
  };
  engine.register(fragment, cache);

  function markDirty(u: InboxUser, device: string): void {
    if (!writeBack) return;
    u.dirtyDevices.add(device);
    dirtyUsers.add(u);
  }

  /** Drops a device from RAM; its LMDB rows are removed by a later flush (`durable`: the forget op is). */
  function forget(u: InboxUser, d: DeviceState, durable: boolean): void {
    d.forgotten = true;
    u.queued = null;
    for (const q of d.items.shiftUpTo(MAX_SEQ)) addBytes(-(q.bytes));
    u.devices.delete(d.name);
    u.dirtyDevices.delete(d.name);
    if (!durable || !writeBack) return;
    u.forgotten.add(d.name);
    dirtyUsers.add(u);
  }

  /** Waits for a write of the same (sender, id) still in flight: a resend racing its first copy. */
  function track(u: InboxUser, key: string, work: Promise<unknown>): void {
    const settled: Promise<void> = work.then(noop, noop).then(() => {
      if (u.pending.get(key) === settled) u.pending.delete(key);
    });
    u.pending.set(key, settled);
  }

  /**
   * Asks the sender's owner for the carbons (idempotent there, on its own state) and, once they
   * are durable, drops the message state's carbonsPending flag in RAM. The flag reaches LMDB with
   * the next checkpoint; until then (or after a crash) a resend asks again, and the sender's owner
   * answers from its own state without storing anything twice.
   */
  function copyToSender(u: InboxUser, key: string, req: { to: string; from: string; fromDevice: string; id: string; body: Uint8Array; sentAt: number }): Promise<void> {
    const { to, from, fromDevice, id, body, sentAt } = req;
    return router.call('inbox', from, { type: 'carbon', user: from, to, fromDevice, id, body, sentAt }).then(() => {
      const s = u.states.get(key);
      if (!s?.carbonsPending) return;
      u.states.set(key, withoutCarbonsPending(s));
      // A state whose write is still in flight is marked dirty when that write is durable, not before.
      if (writeBack && !u.inflightStates.has(key)) {
        u.dirtyStates.add(key);
        dirtyUsers.add(u);
      }
    });
  }

  /** A resend of a stored message: completes the carbons if they may be missing, then answers duplicate. */
  async function resent(u: InboxUser, key: string, known: MessageStateRecord, req: { to: string; from: string; fromDevice: string; id: string; body: Uint8Array }): Promise<StoreResult> {
    if (known.carbonsPending) {
      const copied = copyToSender(u, key, { ...req, sentAt: known.sentAt });
      track(u, key, copied);
      await copied;
    }
    return { ok: true, sentAt: known.sentAt, duplicate: true };
  }

  function commitAll(u: InboxUser, changes: Change[]): Promise<unknown> {
    return Promise.all(changes.map((c) => commit(u, c)));
  }

  function pumpAll(u: InboxUser): void {
    for (const d of u.devices.values()) pump(u, d);
  }

  /** Registers a device; the user's first device takes over what was held for it (in `c` and the changes returned). */
  function addDevice(u: InboxUser, name: string, c: Change): Change[] {
    u.devices.set(name, newDevice(name));
    c.ops.push({ t: 'device', user: u.name, device: name });
    c.devices.push(name);
    return adoptHeld(u, c);
  }

  /**
   * A crash in the middle of an adoption leaves part of the held backlog behind (it is written in
   * several records): the first touch after it moves the rest, before anything new is queued.
   */
  function resumeAdoption(u: InboxUser): void {
    const held = u.devices.get(NO_DEVICE)!;
    if (held.items.length === 0 && !held.spill) return;
    const c = new Change();
    const more = adoptHeld(u, c);
    if (c.ops.length > 0) commitAll(u, [c, ...more]).then(() => pumpAll(u), warn);
  }

  return {
    async ensureUser({ user }) {
      if (load(user)) return { ok: true };
      const c = new Change();
      const u = create(user, c);
      await commit(u, c);
      return { ok: true };
    },

    async store({ to, from, fromDevice, id, body, now, storageEpoch }) {
      // Over its memory budget the cache makes new messages wait for a flush round (FIFO, so order holds).
      const gate = engine.admit();
      if (gate) await gate;
      // Storage was (or is) full since this send arrived: an earlier send of the same connection
      // may have been refused, and this one must not be stored ahead of it.
      if (storageEpoch !== undefined && (engine.storageEpoch() !== storageEpoch || !engine.storageAvailable())) return { ok: false, code: 'STORAGE_UNAVAILABLE' };
      const u = load(to);
      if (!u) return { ok: false, code: 'USER_NOT_FOUND' };
      const key = stateKey(from, id);
      // Only a resend ever waits here, so new messages keep their order.
      const first = u.pending.get(key);
      if (first) await first;
      const known = stateOf(u, from, id);
      if (known) return resent(u, key, known, { to, from, fromDevice, id, body });
      resumeAdoption(u);
      const sentAt = now;
      const devices = targets(u, to === from ? fromDevice : undefined);
      const item: InboxItemRecord = { kind: 'message', id, from, to, body, sentAt, fromDevice };
      const queued = queuedOf(u);
      // Refused whole, before anything is stored; what is queued already is never dropped.
      if (queued + devices.length * queuedBytes(item) > options.maxQueuedBytesPerUser) return { ok: false, code: 'QUOTA_EXCEEDED', queuedBytes: queued };
      const c = new Change();
      enqueue(u, devices, item, c);
      // The recipient's copies and the carbons are written in parallel (one fsync round, and per-pair
      // order needs nothing more: both owners take them in arrival order). Until the carbons are
      // durable the state says so, so a resend after a failure completes them instead of answering
      // duplicate over copies that were never stored; the SendAck waits for both.
      const carbons = to !== from;
      setState(u, from, id, carbons ? { sentAt, delivered: false, read: false, carbonsPending: true } : { sentAt, delivered: false, read: false }, c);
      const written = commit(u, c);
      const copied = carbons ? copyToSender(u, key, { to, from, fromDevice, id, body, sentAt }) : undefined;
      const durable = Promise.all([written, copied]);
      track(u, key, durable);
      await durable;
      for (const d of devices) pump(u, d);
      return { ok: true, sentAt, duplicate: false };
    },

    async carbon({ user, to, fromDevice, id, body, sentAt }) {
      const u = load(user);
      if (!u) return { ok: true };
      const sender = `>${to}`; // a name no user can have: carbons are deduplicated apart from real sends
      const key = stateKey(sender, id);
      const first = u.pending.get(key);
      if (first) await first;
      const devices = targets(u, fromDevice).filter((d) => d.name !== NO_DEVICE);
      // No other device: nothing to copy (and no state to read from LMDB for every message).
      if (devices.length === 0) return { ok: true };
      // Stored already (a resend asking again): nothing twice.
      if (stateOf(u, sender, id)) return { ok: true };
      const c = new Change();
      enqueue(u, devices, { kind: 'message', id, from: user, to, body, sentAt, fromDevice }, c);
      setState(u, sender, id, { sentAt, delivered: true, read: true }, c);
      const written = commit(u, c);
      track(u, key, written);
      await written;
      for (const d of devices) pump(u, d);
      return { ok: true };
    },

    async claimDevice({ user, device }) {
      const c = new Change();
      const u = load(user) ?? create(user, c);
      if (!u.devices.has(device)) {
        const devices = u.devices.size - 1; // the holding queue is no device
        if (devices >= options.maxDevicesPerUser) return { ok: false, code: 'TOO_MANY_DEVICES', devices };
        const more = addDevice(u, device, c);
        await commitAll(u, [c, ...more]);
        return { ok: true };
      }
      if (c.ops.length > 0) await commit(u, c);
      return { ok: true };
    },

    attach({ user, device, session }) {
      const c = new Change();
      const u = load(user) ?? create(user, c);
      let d = u.devices.get(device);
      // Login registers devices (claimDevice, which checks the cap); a Resume can only name one
      // that was, but a device is still registered here if it is missing.
      const more = d ? adoptHeld(u, c) : addDevice(u, device, c);
      d = u.devices.get(device)!;
      if (c.ops.length > 0) commitAll(u, [c, ...more]).then(() => pumpAll(u), warn);
      if (d.session) {
        router.toSession(d.session, { type: 'replaced' });
      } else {
        u.online++;
        if (u.online === 1) router.tell('presence', user, { type: 'online', user });
      }
      d.session = session;
      d.started = false;
      d.credit = 0;
      d.creditAsked = false;
      d.items.resetSent();
      return { ackedSeq: d.ackedSeq };
    },

    start({ user, device, sessionId, credit }) {
      const u = users.get(user);
      const d = u?.devices.get(device);
      if (!u || !d || d.session?.id !== sessionId) return;
      d.started = true;
      d.credit = credit;
      pump(u, d);
    },

    credit({ user, device, sessionId, bytes }) {
      const u = users.get(user);
      const d = u?.devices.get(device);
      if (!u || !d || d.session?.id !== sessionId) return;
      d.credit += bytes;
      d.creditAsked = false;
      pump(u, d);
    },

    detach({ user, device, sessionId }) {
      const u = users.get(user);
      const d = u?.devices.get(device);
      if (!u || !d || d.session?.id !== sessionId) return;
      d.session = null;
      d.started = false;
      d.items.resetSent();
      u.online--;
      if (u.online === 0) router.tell('presence', user, { type: 'offline', user, at: Date.now() });
      evict(d);
    },

    ack({ user, device, sessionId, seq }) {
      const u = users.get(user);
      const d = u?.devices.get(device);
      if (!u || !d || d.session?.id !== sessionId) return;
      const sent = d.items.inFlight > 0 ? d.items.at(d.items.inFlight - 1).seq : d.ackedSeq;
      const upTo = Math.min(seq, sent);
      if (upTo <= d.ackedSeq) return;
      const c = new Change();
      const bySender = new Map<string, string[]>();
      let fromMemory = 0;
      const acked = dropItems(u, d, upTo);
      for (const q of acked) {
        if (q.flush === 'none') fromMemory++;
        const it = q.item;
        if (it.kind === 'message' && it.from !== user) {
          const ids = bySender.get(it.from) ?? [];
          ids.push(it.id);
          bySender.set(it.from, ids);
        }
      }
      engine.servedTotal.inc(acked.length);
      if (fromMemory > 0) engine.servedFromMemory.inc(fromMemory);
      c.ops.push({ t: 'ack', user, device, from: d.ackedSeq, seq: upTo, nextSeq: d.nextSeq });
      c.devices.push(device);
      d.ackedSeq = upTo;
      const now = Date.now();
      const receipts: [string, string[]][] = [];
      for (const [from, ids] of bySender) {
        const fresh = ids.filter((id) => {
          const s = stateOf(u, from, id);
          if (!s || s.delivered) return false;
          setState(u, from, id, { ...s, delivered: true }, c);
          return true;
        });
        if (fresh.length > 0) receipts.push([from, fresh]);
      }
      commit(u, c).catch(warn);
      for (const [from, ids] of receipts) {
                // A tell: a busy sender's fragment must not lose the receipt (its state already says delivered).
        for (const part of chunks(ids)) router.tell('inbox', from, { type: 'receipt', user: from, kind: 'delivered', by: user, ids: part, at: now });
      }
      pump(u, d);
    },

    async markRead({ user, from, ids, now }) {
      const u = load(user);
      if (!u) return { ok: true };
      const fresh: string[] = [];
      const c = new Change();
      for (const id of ids) {
        const s = stateOf(u, from, id);
        if (!s || s.read) continue;
        setState(u, from, id, { ...s, delivered: true, read: true }, c);
        fresh.push(id);
      }
      await commit(u, c);
      await Promise.all(chunks(fresh).map((part) => router.call('inbox', from, { type: 'receipt', user: from, kind: 'read', by: user, ids: part, at: now })));
      return { ok: true };
    },

    async receipt({ user, kind, by, ids, at }) {
      const u = load(user);
      if (!u) return { ok: true };
      const devices = targets(u);
      const c = new Change();
      enqueue(u, devices, { kind: 'receipt', receipt: kind, by, ids, at }, c);
      await commit(u, c);
      for (const d of devices) pump(u, d);
      return { ok: true };
    },

    typing({ to, from, active }) {
      const u = users.get(to);
      if (!u || u.online === 0) return;
      // Droppable: a backed-up connection skips it (the session decides).
      for (const d of u.devices.values()) {
        if (d.session) router.toSession(d.session, { type: 'typing', from, active });
      }
    },

    async forgetDevice({ user, device }) {
      const u = load(user);
      const d = u?.devices.get(device);
      if (!u || !d || device === NO_DEVICE) return { ok: true };
      if (d.session) {
        d.session = null;
        u.online--;
        if (u.online === 0) router.tell('presence', user, { type: 'offline', user, at: Date.now() });
      }
      forget(u, d, false);
      const c = new Change();
      c.ops.push({ t: 'forget', user, device });
      c.forgotten.push(device);
      await commit(u, c);
      return { ok: true };
    },
  };

  /**
   * The first device of a user takes over what was held for it (RAM and LMDB alike), in order.
   * The move is written as `c` plus the changes returned, each at most ADOPT_RECORD_BYTES: each
   * moves a run of items and acks them in the holding queue together, so a crash in between
   * leaves every item in exactly one queue (resumeAdoption moves the rest).
   */
  function adoptHeld(u: InboxUser, c: Change): Change[] {
    const held = u.devices.get(NO_DEVICE)!;
    if (held.items.length === 0 && !held.spill) return [];
    let d: DeviceState | undefined;
    for (const x of u.devices.values()) if (x.name !== NO_DEVICE && !d) d = x;
    if (!d) return [];
    const moving: [number, InboxItemRecord][] = [];
    const spill = held.spill;
    const ram = held.items.shiftUpTo(MAX_SEQ);
    for (const q of ram) {
      addBytes(-(q.bytes));
      q.acked = true; // it leaves the holding queue: never flushed there
    }
    // The spilled run sits after the RAM items below it and before those above it.
    const below = spill ? ram.filter((q) => q.seq < spill.lo) : ram;
    for (const q of below) moving.push([q.seq, q.item]);
    if (spill) {
      for (const { seq, item } of stores.items(u.name, NO_DEVICE, spill.lo, spill.hi + 1)) moving.push([seq, item]);
      for (const q of ram) if (q.seq > spill.hi) moving.push([q.seq, q.item]);
    }
    held.spill = null;
    u.queued = null;
    const more: Change[] = [];
    let cur = c;
    let size = 0;
    let last = held.ackedSeq;
    const ackHeld = (ch: Change, upTo: number) => {
      ch.ops.push({ t: 'ack', user: u.name, device: NO_DEVICE, from: held.ackedSeq, seq: upTo, nextSeq: held.nextSeq });
      ch.devices.push(NO_DEVICE);
      held.ackedSeq = upTo;
    };
    for (const [seq, item] of moving) {
      const n = queuedBytes(item) + INBOX_COPY_OVERHEAD_BYTES;
      if (size > 0 && size + n > ADOPT_RECORD_BYTES) {
        ackHeld(cur, last);
        cur = new Change();
        more.push(cur);
        size = 0;
      }
      // Delivered once the move is durable: until then only the held copy may survive a crash.
      const q = newItem(d.nextSeq++, item, false);
      pushItem(d, q);
      cur.items.push([d, q]);
      cur.ops.push({ t: 'item', user: u.name, device: d.name, seq: q.seq, item });
      size += n;
      last = seq;
    }
    ackHeld(cur, held.nextSeq - 1);
    return more;
  }
}

/** Receipt ids in lists of at most RECEIPT_IDS_PER_ITEM, so one receipt record stays small for any number of devices. */
function chunks(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += RECEIPT_IDS_PER_ITEM) out.push(ids.slice(i, i + RECEIPT_IDS_PER_ITEM));
  return out;
}

function warn(err: unknown): void {
  process.emitWarning(`atoll inbox: ${(err as Error)?.stack ?? String(err)}`);
}
