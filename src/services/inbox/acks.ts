// A device's ack: the items it processed up to a seq leave its queue (durably, as one op), the
// messages among them from others are marked delivered and their senders told, and the window
// moves on.
import type { InboxApi } from './api.js';
import { Change, commitKept } from './changes.js';
import { attached, pump } from './delivery.js';
import { warn, type Fragment } from './fragment.js';
import { dropItems } from './queues.js';
import { markDelivered, sendDelivered } from './receipts.js';
import { releaseAcked } from './write-back.js';

export function ack(f: Fragment, req: InboxApi['ack']['req']): void {
  const found = attached(f, req);
  if (!found) return;
  const [u, d] = found;
  const { user, device, seq } = req;
  const sent = d.items.inFlight > 0 ? d.items.at(d.items.inFlight - 1).seq : d.ackedSeq;
  const upTo = Math.min(seq, sent);
  if (upTo <= d.ackedSeq) return;
  const c = new Change();
  const bySender = new Map<string, string[]>();
  let fromMemory = 0;
  const acked = dropItems(f, u, d, upTo);
  releaseAcked(f);
  for (const q of acked) {
    if (q.flush === 'none') fromMemory++;
    const it = q.item;
    if (it.kind === 'message' && it.from !== user) {
      const ids = bySender.get(it.from) ?? [];
      ids.push(it.id);
      bySender.set(it.from, ids);
    }
  }
  f.engine.servedTotal.inc(acked.length);
  if (fromMemory > 0) f.engine.servedFromMemory.inc(fromMemory);
  c.ops.push({ t: 'ack', user, device, from: d.ackedSeq, seq: upTo, nextSeq: d.nextSeq });
  c.devices.push(device);
  d.ackedSeq = upTo;
  const now = Date.now();
  const receipts = markDelivered(f, u, bySender, c);
  // The items are gone from RAM and the senders are told: a full disk delays the record, never drops it.
  commitKept(f, u, c).catch(warn);
  sendDelivered(f, user, receipts, now);
  pump(f, u, d);
}
