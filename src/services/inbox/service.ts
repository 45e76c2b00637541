// The inbox service owner: per fragment of user ids, each user's devices and their queues.
// State lives in RAM (loaded on first touch); every change is written to the indexed store, and
// replies and deliveries wait until that write is durable.
import type { Handlers, Router } from '../../cluster/router.js';
import type { ServiceSpec } from '../../cluster/local-router.js';
import type { SessionRef } from '../../cluster/session-ref.js';
import { ErrorCode, wire, type Frame } from '../../protocol/framing.js';
import type { InboxItemRecord, MessageStateRecord, Stores } from '../../store/kv.js';
import type { Services } from '../index.js';
import type { InboxApi } from './api.js';
import { ItemQueue, type QueuedItem } from './item-queue.js';

/** The device name under which a user with no device yet keeps its messages. */
const NO_DEVICE = '';
const MAX_SEQ = Number.MAX_SAFE_INTEGER;

interface DeviceState {
  name: string;
  nextSeq: number;
  ackedSeq: number;
  items: ItemQueue;
  session: SessionRef | null;
  /** Deliveries to the attached session have started. */
  started: boolean;
}

interface InboxUser {
  name: string;
  devices: Map<string, DeviceState>;
  /** Devices with an attached session. */
  online: number;
  /** Per (sender, id) outcome, loaded on demand. */
  states: Map<string, MessageStateRecord>;
  /** Sends not yet durable, by (sender, id): a resend waits for the first. */
  pending: Map<string, Promise<unknown>>;
}

export interface InboxOptions {
  /** Items pushed to a device before it must ack some. */
  window: number;
}

export function inboxService(stores: Stores, router: Router<Services>, options: InboxOptions): ServiceSpec<InboxApi> {
  return { createFragment: () => inboxFragment(stores, router, options) };
}

function inboxFragment(stores: Stores, router: Router<Services>, options: InboxOptions): Handlers<InboxApi> {
  const users = new Map<string, InboxUser | null>();

  function load(name: string): InboxUser | null {
    const cached = users.get(name);
    if (cached !== undefined) return cached;
    if (stores.devices.get([name, NO_DEVICE]) === undefined) {
      users.set(name, null);
      return null;
    }
    const u: InboxUser = { name, devices: new Map(), online: 0, states: new Map(), pending: new Map() };
    for (const { key, value } of stores.devices.getRange({ start: [name, NO_DEVICE], end: [name, '\uffff'] })) {
      const device = key[1];
      const items = new ItemQueue();
      let last = value.ackedSeq;
      for (const entry of stores.inbox.getRange({ start: [name, device, 0], end: [name, device, MAX_SEQ] })) {
        items.push({ seq: entry.key[2], item: entry.value, durable: true });
        last = entry.key[2];
      }
      u.devices.set(device, {
        name: device, nextSeq: Math.max(value.nextSeq, last + 1), ackedSeq: value.ackedSeq,
        items, session: null, started: false,
      });
    }
    users.set(name, u);
    return u;
  }

  function create(name: string): { u: InboxUser; written: Promise<unknown> } {
    const u: InboxUser = { name, devices: new Map(), online: 0, states: new Map(), pending: new Map() };
    u.devices.set(NO_DEVICE, newDevice(NO_DEVICE));
    users.set(name, u);
    return { u, written: stores.devices.put([name, NO_DEVICE], { nextSeq: 1, ackedSeq: 0 }) };
  }

  function newDevice(name: string): DeviceState {
    return { name, nextSeq: 1, ackedSeq: 0, items: new ItemQueue(), session: null, started: false };
  }

  /** The devices that receive what is queued for a user: its real devices, or the holding queue. */
  function targets(u: InboxUser, except?: string): DeviceState[] {
    const out: DeviceState[] = [];
    for (const d of u.devices.values()) if (d.name !== NO_DEVICE && d.name !== except) out.push(d);
    if (u.devices.size === 1 && except === undefined) out.push(u.devices.get(NO_DEVICE)!);
    return out;
  }

  /** Appends an item to each device's queue and to the store; returns the write that makes them durable. */
  function enqueue(u: InboxUser, devices: DeviceState[], item: InboxItemRecord): { queued: QueuedItem[]; written: Promise<unknown> } {
    const queued: QueuedItem[] = [];
    let written: Promise<unknown> = Promise.resolve();
    for (const d of devices) {
      const q: QueuedItem = { seq: d.nextSeq++, item, durable: false };
      d.items.push(q);
      queued.push(q);
      written = stores.inbox.put([u.name, d.name, q.seq], item);
    }
    return { queued, written };
  }

  function afterDurable(u: InboxUser, devices: DeviceState[], queued: QueuedItem[]): void {
    for (const q of queued) q.durable = true;
    for (const d of devices) pump(d);
  }

  /** Pushes durable, unsent items to the device's session while its window has room. */
  function pump(d: DeviceState): void {
    const session = d.session;
    if (!session || !d.started) return;
    while (d.items.inFlight < d.items.length && d.items.inFlight < options.window) {
      const q = d.items.at(d.items.inFlight);
      if (!q.durable) return;
      if (session.congested()) {
        session.resumeWhenDrained();
        return;
      }
      d.items.inFlight++;
      session.push(deliverFrame(q));
    }
  }

  function stateOf(u: InboxUser, from: string, id: string): MessageStateRecord | undefined {
    const key = `${from}\u0000${id}`;
    let s = u.states.get(key);
    if (s === undefined) {
      s = stores.messages.get([u.name, from, id]);
      if (s) u.states.set(key, s);
    }
    return s;
  }

  function setState(u: InboxUser, from: string, id: string, s: MessageStateRecord): Promise<unknown> {
    u.states.set(`${from}\u0000${id}`, s);
    return stores.messages.put([u.name, from, id], s);
  }

  return {
    async ensureUser({ user }) {
      if (!load(user)) await create(user).written;
      return { ok: true };
    },

    async store({ to, from, fromDevice, id, body, now }) {
      const u = load(to);
      if (!u) return { ok: false, code: 'USER_NOT_FOUND' };
      const key = `${from}\u0000${id}`;
      const known = stateOf(u, from, id);
      if (known) {
        await u.pending.get(key);
        return { ok: true, sentAt: known.sentAt, duplicate: true };
      }
      const sentAt = now;
      const devices = targets(u, to === from ? fromDevice : undefined);
      const { queued, written } = enqueue(u, devices, { kind: 'message', id, from, to, body, sentAt, fromDevice });
      const stateWritten = setState(u, from, id, { sentAt, delivered: false, read: false });
      // The sender's other devices get a copy, made durable alongside: the ack covers both.
      const copied = to === from ? undefined : router.call('inbox', from, { type: 'carbon', user: from, to, fromDevice, id, body, sentAt });
      const durable = Promise.all([written, stateWritten, copied]);
      u.pending.set(key, durable);
      await durable;
      u.pending.delete(key);
      afterDurable(u, devices, queued);
      return { ok: true, sentAt, duplicate: false };
    },

    async carbon({ user, to, fromDevice, id, body, sentAt }) {
      const u = load(user);
      if (!u) return { ok: true };
      const sender = `>${to}`; // a name no user can have: carbons are deduplicated apart from real sends
      if (stateOf(u, sender, id)) return { ok: true };
      const devices = targets(u, fromDevice).filter((d) => d.name !== NO_DEVICE);
      const { queued, written } = enqueue(u, devices, { kind: 'message', id, from: user, to, body, sentAt, fromDevice });
      await Promise.all([written, setState(u, sender, id, { sentAt, delivered: true, read: true })]);
      afterDurable(u, devices, queued);
      return { ok: true };
    },

    attach({ user, device, session }) {
      const u = load(user) ?? create(user).u;
      let d = u.devices.get(device);
      if (!d) {
        d = newDevice(device);
        u.devices.set(device, d);
        adoptHeldItems(u, d);
        void stores.devices.put([user, device], { nextSeq: d.nextSeq, ackedSeq: d.ackedSeq });
      }
      if (d.session) {
        d.session.kick(ErrorCode.SESSION_REPLACED, 'this device logged in on another connection');
      } else {
        u.online++;
        if (u.online === 1) router.call('presence', user, { type: 'online', user }).catch(warn);
      }
      d.session = session;
      d.started = false;
      d.items.inFlight = 0;
      return { ackedSeq: d.ackedSeq };
    },

    start({ user, device, sessionId }) {
      const d = users.get(user)?.devices.get(device);
      if (!d || d.session?.id !== sessionId) return;
      d.started = true;
      pump(d);
    },

    pump({ user, device, sessionId }) {
      const d = users.get(user)?.devices.get(device);
      if (d && d.session?.id === sessionId) pump(d);
    },

    detach({ user, device, sessionId }) {
      const u = users.get(user);
      const d = u?.devices.get(device);
      if (!u || !d || d.session?.id !== sessionId) return;
      d.session = null;
      d.started = false;
      u.online--;
      if (u.online === 0) router.call('presence', user, { type: 'offline', user, at: Date.now() }).catch(warn);
    },

    ack({ user, device, sessionId, seq }) {
      const u = users.get(user);
      const d = u?.devices.get(device);
      if (!u || !d || d.session?.id !== sessionId) return;
      const sent = d.items.inFlight > 0 ? d.items.at(d.items.inFlight - 1).seq : d.ackedSeq;
      const upTo = Math.min(seq, sent);
      if (upTo <= d.ackedSeq) return;
      const bySender = new Map<string, string[]>();
      for (const q of d.items.shiftUpTo(upTo)) {
        void stores.inbox.remove([user, device, q.seq]);
        const it = q.item;
        if (it.kind === 'message' && it.from !== user) {
          const ids = bySender.get(it.from) ?? [];
          ids.push(it.id);
          bySender.set(it.from, ids);
        }
      }
      d.ackedSeq = upTo;
      void stores.devices.put([user, device], { nextSeq: d.nextSeq, ackedSeq: upTo });
      const now = Date.now();
      for (const [from, ids] of bySender) {
        const fresh = ids.filter((id) => {
          const s = stateOf(u, from, id);
          if (!s || s.delivered) return false;
          void setState(u, from, id, { ...s, delivered: true });
          return true;
        });
        if (fresh.length > 0) router.call('inbox', from, { type: 'receipt', user: from, kind: 'delivered', by: user, ids: fresh, at: now }).catch(warn);
      }
      pump(d);
    },

    async markRead({ user, from, ids, now }) {
      const u = load(user);
      if (!u) return { ok: true };
      const fresh: string[] = [];
      let written: Promise<unknown> = Promise.resolve();
      for (const id of ids) {
        const s = stateOf(u, from, id);
        if (!s || s.read) continue;
        written = setState(u, from, id, { ...s, delivered: true, read: true });
        fresh.push(id);
      }
      await written;
      if (fresh.length > 0) await router.call('inbox', from, { type: 'receipt', user: from, kind: 'read', by: user, ids: fresh, at: now });
      return { ok: true };
    },

    async receipt({ user, kind, by, ids, at }) {
      const u = load(user);
      if (!u) return { ok: true };
      const devices = targets(u);
      const { queued, written } = enqueue(u, devices, { kind: 'receipt', receipt: kind, by, ids, at });
      await written;
      afterDurable(u, devices, queued);
      return { ok: true };
    },

    typing({ to, from, active }) {
      const u = users.get(to);
      if (!u || u.online === 0) return;
      for (const d of u.devices.values()) {
        if (d.session && !d.session.congested()) d.session.push({ typing: { from, active } });
      }
    },

    async forgetDevice({ user, device }) {
      const u = load(user);
      const d = u?.devices.get(device);
      if (!u || !d || device === NO_DEVICE) return { ok: true };
      if (d.session) {
        d.session = null;
        u.online--;
        if (u.online === 0) router.call('presence', user, { type: 'offline', user, at: Date.now() }).catch(warn);
      }
      u.devices.delete(device);
      for (const q of d.items.shiftUpTo(MAX_SEQ)) void stores.inbox.remove([user, device, q.seq]);
      await stores.devices.remove([user, device]);
      return { ok: true };
    },
  };

  /** The first device of a user takes over what was held for it. */
  function adoptHeldItems(u: InboxUser, d: DeviceState): void {
    const held = u.devices.get(NO_DEVICE)!;
    if (u.devices.size !== 2 || held.items.length === 0) return;
    for (const q of held.items.shiftUpTo(MAX_SEQ)) {
      // Delivered once the move itself is durable: until then only the old key may survive a crash.
      const moved: QueuedItem = { seq: d.nextSeq++, item: q.item, durable: false };
      d.items.push(moved);
      void stores.inbox.remove([u.name, NO_DEVICE, q.seq]);
      stores.inbox.put([u.name, d.name, moved.seq], q.item).then(() => { moved.durable = true; pump(d); }, warn);
    }
    held.ackedSeq = held.nextSeq - 1;
    void stores.devices.put([u.name, NO_DEVICE], { nextSeq: held.nextSeq, ackedSeq: held.ackedSeq });
  }
}

function deliverFrame(q: QueuedItem): Frame {
  const it = q.item;
  if (it.kind === 'message') {
    return { deliver: { seq: q.seq, message: { id: it.id, from: it.from, to: it.to, body: it.body, sentAt: it.sentAt, fromDevice: it.fromDevice } } };
  }
  const kind = it.receipt === 'delivered' ? wire.Receipt.Kind.DELIVERED : wire.Receipt.Kind.READ;
  return { deliver: { seq: q.seq, receipt: { kind, by: it.by, ids: it.ids, at: it.at } } };
}

function warn(err: unknown): void {
  process.emitWarning(`atoll inbox: ${(err as Error)?.stack ?? String(err)}`);
}
