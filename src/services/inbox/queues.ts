// The per-device queues of an inbox owner: users loaded from LMDB on first touch, items queued for
// a user's devices (or held until it has one), the offline backlog that leaves RAM once in LMDB
// (the spilled range) and is read back in order, acked items dropped, and the user's quota sum.
import type { InboxItemRecord } from '../../store/kv.js';
import type { Change } from './changes.js';
import {
  NO_DEVICE, addBytes, addTo, newDevice, newItem, newUser, queuedBytes,
  type DeviceState, type Fragment, type InboxUser,
} from './fragment.js';
import type { QueuedItem } from './item-queue.js';
import { MAX_SEQ } from './storage.js';

/**
 * What a device with nothing in flight still reads back when the cache is full (at least one
 * item): in-flight windows cannot leave RAM, so a cache full of them must not slow every
 * returning device to one item per round trip.
 */
const READ_BACK_FLOOR_BYTES = 4 * 1024;

export function load(f: Fragment, name: string): InboxUser | null {
  const cached = f.users.get(name);
  if (cached !== undefined) return cached;
  // A miss is not remembered: made-up names must not cost memory (the LMDB read is a memory-mapped lookup).
  if (!f.store.hasUser(name)) return null;
  const u = newUser(name, null);
  for (const { device, position } of f.store.devices(name)) {
    const d = newDevice(device);
    d.ackedSeq = d.flushedAcked = position.ackedSeq;
    d.lastSeq = f.store.lastSeq(name, d.name, position.ackedSeq) ?? position.ackedSeq;
    d.nextSeq = Math.max(position.nextSeq, d.lastSeq + 1);
    // Rows at or below the acked position went when it was written.
    d.storedHigh = d.lastSeq;
    if (d.lastSeq > d.ackedSeq) d.spill = { lo: d.ackedSeq + 1, hi: d.lastSeq };
    u.devices.set(d.name, d);
  }
  f.users.set(name, u);
  return u;
}

export function create(f: Fragment, name: string, c: Change): InboxUser {
  const u = newUser(name, 0);
  u.devices.set(NO_DEVICE, newDevice(NO_DEVICE));
  f.users.set(name, u);
  c.ops.push({ t: 'user', user: name });
  c.devices.push(NO_DEVICE);
  return u;
}

/** The devices that receive what is queued for a user: its real devices, or the holding queue. */
export function targets(u: InboxUser, except?: string): DeviceState[] {
  const out: DeviceState[] = [];
  for (const d of u.devices.values()) if (d.name !== NO_DEVICE && d.name !== except) out.push(d);
  if (u.devices.size === 1 && except === undefined) out.push(u.devices.get(NO_DEVICE)!);
  return out;
}

export function pushItem(f: Fragment, d: DeviceState, q: QueuedItem): void {
  d.items.push(q);
  d.lastSeq = Math.max(d.lastSeq, q.seq);
  addBytes(f, q.bytes);
}

export function enqueue(f: Fragment, u: InboxUser, devices: DeviceState[], item: InboxItemRecord, c: Change): void {
  if (u.queued !== null) u.queued += devices.length * queuedBytes(item);
  for (const d of devices) {
    const q = newItem(d.nextSeq++, item, false);
    pushItem(f, d, q);
    c.items.push([d, q]);
    c.ops.push({ t: 'item', user: u.name, device: d.name, seq: q.seq, item });
  }
}

/** Whether the next item to push is in the spilled range (only in LMDB). */
export function spilledNext(d: DeviceState): boolean {
  const q = d.items;
  return d.spill !== null && (q.inFlight === q.length || q.at(q.inFlight).seq > d.spill.lo);
}

/**
 * Reads the next items of the spilled range back from LMDB, in front of the RAM items above it:
 * a window's worth at most, and no more than the cache has room for. With the cache full, a
 * device with nothing in flight still gets READ_BACK_FLOOR_BYTES (so every device keeps moving,
 * and RAM per device stays small); one with items in flight gets none until its next ack.
 */
export function reload(f: Fragment, u: InboxUser, d: DeviceState): void {
  const { options } = f;
  const spill = d.spill!;
  let limitBytes = Math.min(options.windowBytes, f.engine.cacheRoom());
  if (limitBytes <= 0) {
    if (d.items.inFlight > 0) return;
    limitBytes = Math.min(options.windowBytes, READ_BACK_FLOOR_BYTES);
  }
  const loaded: QueuedItem[] = [];
  let loadedBytes = 0;
  let exhausted = true;
  for (const { seq, item } of f.store.items(u.name, d.name, spill.lo, spill.hi + 1, options.window)) {
    const q = newItem(seq, item, true);
    addBytes(f, q.bytes);
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
export function evict(f: Fragment, d: DeviceState): void {
  const q = d.items;
  const start = q.inFlight;
  let n = start;
  while (n < q.length && q.at(n).flush === 'flushed') n++;
  if (n === start) return;
  // The spilled range must stay one run: every RAM item queued before it (but those in flight) has to go too.
  if (d.spill && n < q.length && q.at(n).seq < d.spill.lo) return;
  const lo = q.at(start).seq;
  const hi = q.at(n - 1).seq;
  for (const gone of q.removeRange(start, n - start)) addBytes(f, -gone.bytes);
  d.spill = d.spill ? { lo: Math.min(lo, d.spill.lo), hi: Math.max(hi, d.spill.hi) } : { lo, hi };
}

export function dropItems(f: Fragment, u: InboxUser, d: DeviceState, upTo: number): QueuedItem[] {
  const out = d.items.shiftUpTo(upTo);
  for (const q of out) {
    q.acked = true;
    addBytes(f, -(q.bytes));
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
export function queuedOf(f: Fragment, u: InboxUser): number {
  if (u.queued !== null) return u.queued;
  let n = 0;
  for (const d of u.devices.values()) {
    for (let i = 0; i < d.items.length; i++) n += queuedBytes(d.items.at(i).item);
    if (!d.spill) continue;
    for (const { item } of f.store.items(u.name, d.name, d.spill.lo, d.spill.hi + 1)) n += queuedBytes(item);
  }
  u.queued = n;
  return n;
}

/** Drops a device from RAM; its LMDB rows are removed by a later flush (`durable`: the forget op is). */
export function forget(f: Fragment, u: InboxUser, d: DeviceState, durable: boolean): void {
  d.forgotten = true;
  u.queued = null;
  for (const q of d.items.shiftUpTo(MAX_SEQ)) addBytes(f, -(q.bytes));
  u.devices.delete(d.name);
  d.dirty = false;
  if (!durable || !f.writeBack) return;
  addTo(u, 'forgotten', d.name);
  f.dirtyUsers.add(u);
}
