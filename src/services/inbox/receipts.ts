// Receipts: acked messages marked delivered and read ones marked read, each once, and the
// receipts this produces queued for every device of the sender (as inbox items, in lists of at
// most RECEIPT_IDS_PER_ITEM ids); a receipt refused for a full disk waits until storage takes writes.
import { RECEIPT_IDS_PER_ITEM } from '../../config.js';
import { StorageUnavailableError } from '../../store/log/errors.js';
import type { InboxApi } from './api.js';
import { Change, commit, setState, stateOf } from './changes.js';
import { pump } from './delivery.js';
import type { Fragment, InboxUser } from './fragment.js';
import { enqueue, load, targets } from './queues.js';

/** Marks the acked messages, by sender, delivered (those that were not yet): the DELIVERED receipts due. */
export function markDelivered(f: Fragment, u: InboxUser, bySender: Map<string, string[]>, c: Change): [string, string[]][] {
  const receipts: [string, string[]][] = [];
  for (const [from, ids] of bySender) {
    const fresh = ids.filter((id) => {
      const s = stateOf(f, u, from, id);
      if (!s || s.delivered) return false;
      setState(f, u, from, id, { ...s, delivered: true }, c);
      return true;
    });
    if (fresh.length > 0) receipts.push([from, fresh]);
  }
  return receipts;
}

/** Queues DELIVERED receipts with their senders' owners. */
export function sendDelivered(f: Fragment, by: string, receipts: [string, string[]][], at: number): void {
  for (const [from, ids] of receipts) {
    // A tell: a busy sender's fragment must not lose the receipt (its state already says delivered).
    for (const part of chunks(ids)) f.router.tell('inbox', from, { type: 'receipt', user: from, kind: 'delivered', by, ids: part, at });
  }
}

export async function markRead(f: Fragment, { user, from, ids, now }: InboxApi['markRead']['req']): Promise<{ ok: true }> {
  const u = load(f, user);
  if (!u) return { ok: true };
  const fresh: string[] = [];
  const c = new Change();
  for (const id of ids) {
    const s = stateOf(f, u, from, id);
    if (!s || s.read) continue;
    setState(f, u, from, id, { ...s, delivered: true, read: true }, c);
    fresh.push(id);
  }
  await commit(f, u, c);
  // A tell, as for delivered receipts: the states already say read, so a receipt refused by a
  // busy sender's owner would never be made again.
  for (const part of chunks(fresh)) f.router.tell('inbox', from, { type: 'receipt', user: from, kind: 'read', by: user, ids: part, at: now });
  return { ok: true };
}

export async function receipt(f: Fragment, { user, kind, by, ids, at }: InboxApi['receipt']['req']): Promise<{ ok: true }> {
  // The message states already say delivered/read, so a receipt refused for a full disk would
  // never be made again: it waits in RAM until storage takes writes, then is stored. Unlike an
  // ack (commitKept) it is queued anew at each try, so its items never sit in a queue undurable.
  for (;;) {
    const u = load(f, user);
    if (!u) return { ok: true };
    const devices = targets(u);
    const c = new Change();
    enqueue(f, u, devices, { kind: 'receipt', receipt: kind, by, ids, at }, c);
    try {
      await commit(f, u, c);
    } catch (err) {
      if (!(err instanceof StorageUnavailableError)) throw err;
      await f.engine.beforeRetry();
      continue;
    }
    for (const d of devices) pump(f, u, d);
    return { ok: true };
  }
}

/** Receipt ids in lists of at most RECEIPT_IDS_PER_ITEM, so one receipt record stays small for any number of devices. */
function chunks(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += RECEIPT_IDS_PER_ITEM) out.push(ids.slice(i, i + RECEIPT_IDS_PER_ITEM));
  return out;
}
