// A send stored for its recipient's devices, idempotently by (sender, id), within the recipient's
// quota, and the carbons: the copies for the sender's other devices, kept by the sender's owner.
// The send is answered once every copy it implies is durable.
import type { InboxItemRecord, MessageStateRecord } from '../../store/kv.js';
import type { InboxApi, StoreResult } from './api.js';
import { Change, commit, setState, stateOf, track } from './changes.js';
import { pump } from './delivery.js';
import { resumeAdoption } from './devices.js';
import { NO_DEVICE, addTo, queuedBytes, stateKey, type Fragment, type InboxUser } from './fragment.js';
import { enqueue, load, queuedOf, targets } from './queues.js';

type Copy = { to: string; from: string; fromDevice: string; id: string; body: Uint8Array };

export async function store(f: Fragment, { to, from, fromDevice, id, body, now, storageEpoch }: InboxApi['store']['req']): Promise<StoreResult> {
  const { engine } = f;
  // Over its memory budget the cache makes new messages wait for a flush round (FIFO, so order holds).
  const gate = engine.admit();
  if (gate) await gate;
  // Storage was (or is) full since this send arrived: an earlier send of the same connection
  // may have been refused, and this one must not be stored ahead of it.
  if (storageEpoch !== undefined && (engine.storageEpoch() !== storageEpoch || !engine.storageAvailable())) return { ok: false, code: 'STORAGE_UNAVAILABLE' };
  const u = load(f, to);
  if (!u) return { ok: false, code: 'USER_NOT_FOUND' };
  const key = stateKey(from, id);
  // Only a resend ever waits here, so new messages keep their order.
  const first = u.pending?.get(key);
  if (first) await first;
  const known = stateOf(f, u, from, id);
  if (known) return resent(f, u, key, known, { to, from, fromDevice, id, body });
  resumeAdoption(f, u);
  const sentAt = now;
  const devices = targets(u, to === from ? fromDevice : undefined);
  const item: InboxItemRecord = { kind: 'message', id, from, to, body, sentAt, fromDevice };
  const queued = queuedOf(f, u);
  // Refused whole, before anything is stored; what is queued already is never dropped.
  if (queued + devices.length * queuedBytes(item) > f.options.maxQueuedBytesPerUser) return { ok: false, code: 'QUOTA_EXCEEDED', queuedBytes: queued };
  const c = new Change();
  enqueue(f, u, devices, item, c);
  // The recipient's copies and the carbons are written in parallel (one fsync round, and per-pair
  // order needs nothing more: both owners take them in arrival order). Until the carbons are
  // durable the state says so, so a resend after a failure completes them instead of answering
  // duplicate over copies that were never stored; the SendAck waits for both.
  const carbons = to !== from;
  setState(f, u, from, id, carbons ? { sentAt, delivered: false, read: false, carbonsPending: true } : { sentAt, delivered: false, read: false }, c);
  const written = commit(f, u, c);
  const copied = carbons ? copyToSender(f, u, key, { to, from, fromDevice, id, body, sentAt }) : undefined;
  const durable = Promise.all([written, copied]);
  track(u, key, durable);
  await durable;
  for (const d of devices) pump(f, u, d);
  return { ok: true, sentAt, duplicate: false };
}

export async function carbon(f: Fragment, { user, to, fromDevice, id, body, sentAt }: InboxApi['carbon']['req']): Promise<{ ok: true }> {
  const u = load(f, user);
  if (!u) return { ok: true };
  const sender = `>${to}`; // a name no user can have: carbons are deduplicated apart from real sends
  const key = stateKey(sender, id);
  const first = u.pending?.get(key);
  if (first) await first;
  const devices = targets(u, fromDevice).filter((d) => d.name !== NO_DEVICE);
  // No other device: nothing to copy (and no state to read from LMDB for every message).
  if (devices.length === 0) return { ok: true };
  // Stored already (a resend asking again): nothing twice.
  if (stateOf(f, u, sender, id)) return { ok: true };
  const c = new Change();
  enqueue(f, u, devices, { kind: 'message', id, from: user, to, body, sentAt, fromDevice }, c);
  setState(f, u, sender, id, { sentAt, delivered: true, read: true }, c);
  const written = commit(f, u, c);
  track(u, key, written);
  await written;
  for (const d of devices) pump(f, u, d);
  return { ok: true };
}

function withoutCarbonsPending(s: MessageStateRecord): MessageStateRecord {
  const { carbonsPending: _, ...rest } = s;
  return rest;
}

/**
 * Asks the sender's owner for the carbons (idempotent there, on its own state) and, once they
 * are durable, drops the message state's carbonsPending flag in RAM. The flag reaches LMDB with
 * the next checkpoint; until then (or after a crash) a resend asks again, and the sender's owner
 * answers from its own state without storing anything twice.
 */
function copyToSender(f: Fragment, u: InboxUser, key: string, req: Copy & { sentAt: number }): Promise<void> {
  const { to, from, fromDevice, id, body, sentAt } = req;
  return f.router.call('inbox', from, { type: 'carbon', user: from, to, fromDevice, id, body, sentAt }).then(() => {
    const s = u.states?.get(key);
    if (!s?.carbonsPending) return;
    u.states!.set(key, withoutCarbonsPending(s));
    // A state whose write is still in flight is marked dirty when that write is durable, not before.
    if (f.writeBack && !u.inflightStates?.has(key)) {
      addTo(u, 'dirtyStates', key);
      f.dirtyUsers.add(u);
    }
  });
}

/** A resend of a stored message: completes the carbons if they may be missing, then answers duplicate. */
async function resent(f: Fragment, u: InboxUser, key: string, known: MessageStateRecord, req: Copy): Promise<StoreResult> {
  if (known.carbonsPending) {
    const copied = copyToSender(f, u, key, { ...req, sentAt: known.sentAt });
    track(u, key, copied);
    await copied;
  }
  return { ok: true, sentAt: known.sentAt, duplicate: true };
}
