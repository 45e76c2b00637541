// Delivery to the attached devices: durable items pushed to a device's session while its window
// and its credit allow, the credit and start a session grants, a session going away, and typing
// indicators (never stored) forwarded to the user's online devices.
import { deliveryCost } from '../sessions/api.js';
import type { InboxApi } from './api.js';
import type { DeviceState, Fragment, InboxUser } from './fragment.js';
import { evict, reload, spilledNext } from './queues.js';

/** Pushes durable, unsent items to the device's session while its window has room. */
export function pump(f: Fragment, u: InboxUser, d: DeviceState): void {
  const session = d.session;
  if (!session || !d.started) return;
  const { options } = f;
  const q = d.items;
  while (q.inFlight < options.window && (q.inFlight === 0 || q.inFlightBytes < options.windowBytes)) {
    if (spilledNext(d)) {
      reload(f, u, d);
      // Nothing read back (the cache is full): RAM items behind the spilled run must wait too.
      if (spilledNext(d)) return;
    }
    if (q.inFlight >= q.length) return;
    if (!q.at(q.inFlight).durable) return;
    // Credit may go negative by one item, so an item larger than any grant still goes out.
    if (d.credit <= 0) {
      if (!d.creditAsked) f.router.toSession(session, { type: 'creditSpent' });
      d.creditAsked = true;
      return;
    }
    const next = q.markSent();
    d.credit -= deliveryCost(next.item);
    f.router.toSession(session, { type: 'deliver', seq: next.seq, item: next.item });
  }
}

export function pumpAll(f: Fragment, u: InboxUser): void {
  for (const d of u.devices.values()) pump(f, u, d);
}

/** The device of `req` if `sessionId` is still the session attached to it. */
export function attached(f: Fragment, req: { user: string; device: string; sessionId: string }): [InboxUser, DeviceState] | null {
  const u = f.users.get(req.user);
  const d = u?.devices.get(req.device);
  if (!u || !d || d.session?.id !== req.sessionId) return null;
  return [u, d];
}

export function start(f: Fragment, req: InboxApi['start']['req']): void {
  const found = attached(f, req);
  if (!found) return;
  const [u, d] = found;
  d.started = true;
  d.credit = req.credit;
  pump(f, u, d);
}

export function credit(f: Fragment, req: InboxApi['credit']['req']): void {
  const found = attached(f, req);
  if (!found) return;
  const [u, d] = found;
  d.credit += req.bytes;
  d.creditAsked = false;
  pump(f, u, d);
}

export function detach(f: Fragment, req: InboxApi['detach']['req']): void {
  const found = attached(f, req);
  if (!found) return;
  const [u, d] = found;
  d.session = null;
  d.started = false;
  d.items.resetSent();
  u.online--;
  if (u.online === 0) f.router.tell('presence', req.user, { type: 'offline', user: req.user, at: Date.now() });
  evict(f, d);
}

export function typing(f: Fragment, { to, from, active }: InboxApi['typing']['req']): void {
  const u = f.users.get(to);
  if (!u || u.online === 0) return;
  // Droppable: a backed-up connection skips it (the session decides).
  for (const d of u.devices.values()) {
    if (d.session) f.router.toSession(d.session, { type: 'typing', from, active });
  }
}
