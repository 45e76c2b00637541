// A user's devices: the inbox made at registration, devices claimed under the cap, a session bound
// to its device (the one it replaces is told), a device forgotten, and the backlog held for a user
// with no device yet, which the first device takes over in order.
import { INBOX_COPY_OVERHEAD_BYTES, LOG_RECORD_LIMIT_BYTES } from '../../config.js';
import type { InboxItemRecord } from '../../store/kv.js';
import type { ClaimResult, InboxApi } from './api.js';
import { Change, commit, commitAll } from './changes.js';
import { pumpAll } from './delivery.js';
import { NO_DEVICE, addBytes, newDevice, newItem, queuedBytes, warn, type DeviceState, type Fragment, type InboxUser } from './fragment.js';
import { create, forget, load, pushItem } from './queues.js';
import { MAX_SEQ } from './storage.js';

/** A first device takes over a held backlog in records of about this size (one record could pass the log's limit). */
const ADOPT_RECORD_BYTES = LOG_RECORD_LIMIT_BYTES / 4;

export async function ensureUser(f: Fragment, { user }: InboxApi['ensureUser']['req']): Promise<{ ok: true }> {
  if (load(f, user)) return { ok: true };
  const c = new Change();
  const u = create(f, user, c);
  await commit(f, u, c);
  return { ok: true };
}

export async function claimDevice(f: Fragment, { user, device }: InboxApi['claimDevice']['req']): Promise<ClaimResult> {
  const c = new Change();
  const u = load(f, user) ?? create(f, user, c);
  if (!u.devices.has(device)) {
    const devices = u.devices.size - 1; // the holding queue is no device
    if (devices >= f.options.maxDevicesPerUser) return { ok: false, code: 'TOO_MANY_DEVICES', devices };
    const more = addDevice(f, u, device, c);
    await commitAll(f, u, [c, ...more]);
    return { ok: true };
  }
  if (c.ops.length > 0) await commit(f, u, c);
  return { ok: true };
}

export function attach(f: Fragment, { user, device, session }: InboxApi['attach']['req']): { ackedSeq: number } {
  const c = new Change();
  const u = load(f, user) ?? create(f, user, c);
  let d = u.devices.get(device);
  // Login registers devices (claimDevice, which checks the cap); a Resume can only name one
  // that was, but a device is still registered here if it is missing.
  const more = d ? adoptHeld(f, u, c) : addDevice(f, u, device, c);
  d = u.devices.get(device)!;
  if (c.ops.length > 0) commitAll(f, u, [c, ...more]).then(() => pumpAll(f, u), warn);
  if (d.session) {
    f.router.toSession(d.session, { type: 'replaced' });
  } else {
    u.online++;
    if (u.online === 1) f.router.tell('presence', user, { type: 'online', user });
  }
  d.session = session;
  d.started = false;
  d.credit = 0;
  d.creditAsked = false;
  d.items.resetSent();
  return { ackedSeq: d.ackedSeq };
}

export async function forgetDevice(f: Fragment, { user, device }: InboxApi['forgetDevice']['req']): Promise<{ ok: true }> {
  const u = load(f, user);
  const d = u?.devices.get(device);
  if (!u || !d || device === NO_DEVICE) return { ok: true };
  if (d.session) {
    d.session = null;
    u.online--;
    if (u.online === 0) f.router.tell('presence', user, { type: 'offline', user, at: Date.now() });
  }
  forget(f, u, d, false);
  const c = new Change();
  c.ops.push({ t: 'forget', user, device });
  c.forgotten.push(device);
  await commit(f, u, c);
  return { ok: true };
}

/** Registers a device; the user's first device takes over what was held for it (in `c` and the changes returned). */
function addDevice(f: Fragment, u: InboxUser, name: string, c: Change): Change[] {
  u.devices.set(name, newDevice(name));
  c.ops.push({ t: 'device', user: u.name, device: name });
  c.devices.push(name);
  return adoptHeld(f, u, c);
}

/**
 * A crash in the middle of an adoption leaves part of the held backlog behind (it is written in
 * several records): the first touch after it moves the rest, before anything new is queued.
 */
export function resumeAdoption(f: Fragment, u: InboxUser): void {
  const held = u.devices.get(NO_DEVICE)!;
  if (held.items.length === 0 && !held.spill) return;
  const c = new Change();
  const more = adoptHeld(f, u, c);
  if (c.ops.length > 0) commitAll(f, u, [c, ...more]).then(() => pumpAll(f, u), warn);
}

/**
 * The first device of a user takes over what was held for it (RAM and LMDB alike), in order.
 * The move is written as `c` plus the changes returned, each at most ADOPT_RECORD_BYTES: each
 * moves a run of items and acks them in the holding queue together, so a crash in between
 * leaves every item in exactly one queue (resumeAdoption moves the rest).
 */
function adoptHeld(f: Fragment, u: InboxUser, c: Change): Change[] {
  const held = u.devices.get(NO_DEVICE)!;
  if (held.items.length === 0 && !held.spill) return [];
  let d: DeviceState | undefined;
  for (const x of u.devices.values()) if (x.name !== NO_DEVICE && !d) d = x;
  if (!d) return [];
  const moving: [number, InboxItemRecord][] = [];
  const spill = held.spill;
  const ram = held.items.shiftUpTo(MAX_SEQ);
  for (const q of ram) {
    addBytes(f, -(q.bytes));
    q.acked = true; // it leaves the holding queue: never flushed there
  }
  // The spilled run sits after the RAM items below it and before those above it.
  const below = spill ? ram.filter((q) => q.seq < spill.lo) : ram;
  for (const q of below) moving.push([q.seq, q.item]);
  if (spill) {
    for (const { seq, item } of f.store.items(u.name, NO_DEVICE, spill.lo, spill.hi + 1)) moving.push([seq, item]);
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
    pushItem(f, d, q);
    cur.items.push([d, q]);
    cur.ops.push({ t: 'item', user: u.name, device: d.name, seq: q.seq, item });
    size += n;
    last = seq;
  }
  ackHeld(cur, held.nextSeq - 1);
  return more;
}
