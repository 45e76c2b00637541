// How an inbox owner's changes become durable: one request's ops written through the storage
// engine together, its items and states marked once they are (and what LMDB still lacks, in
// write-back modes), undone if they never are; and the message states those changes touch.
import type { InboxOp } from '../../store/inbox-ops.js';
import type { MessageStateRecord } from '../../store/kv.js';
import { STATE_OVERHEAD, addBytes, addTo, markDirty, queuedBytes, stateKey, type DeviceState, type Fragment, type InboxUser } from './fragment.js';
import type { QueuedItem } from './item-queue.js';

const noop = (): void => undefined;

/** One request's changes: the ops that make them durable together and what to mark once they are. */
export class Change {
  readonly ops: InboxOp[] = [];
  readonly items: [DeviceState, QueuedItem][] = [];
  readonly states: string[] = [];
  readonly devices: string[] = [];
  /** Devices forgotten by this change: their LMDB rows go once the change is durable. */
  readonly forgotten: string[] = [];
  /** What each state was before this change, to undo it if the change never becomes durable. */
  readonly undo: [string, MessageStateRecord | undefined][] = [];
}

export function putState(f: Fragment, u: InboxUser, key: string, s: MessageStateRecord): void {
  const states = (u.states ??= new Map());
  if (!states.has(key)) addBytes(f, STATE_OVERHEAD + key.length);
  states.set(key, s);
}

export function dropState(f: Fragment, u: InboxUser, key: string): void {
  if (!u.states?.delete(key)) return;
  addBytes(f, -(STATE_OVERHEAD + key.length));
  if (u.states.size === 0) u.states = null;
}

export function stateOf(f: Fragment, u: InboxUser, from: string, id: string): MessageStateRecord | undefined {
  const key = stateKey(from, id);
  let s = u.states?.get(key);
  if (s === undefined) {
    s = f.store.state(u.name, from, id);
    if (s) putState(f, u, key, s);
  }
  return s;
}

export function setState(f: Fragment, u: InboxUser, from: string, id: string, s: MessageStateRecord, c: Change): void {
  const key = stateKey(from, id);
  c.undo.push([key, u.states?.get(key)]);
  putState(f, u, key, s);
  const inflight = (u.inflightStates ??= new Map());
  inflight.set(key, (inflight.get(key) ?? 0) + 1);
  c.ops.push({ t: 'state', user: u.name, from, id, state: s });
  c.states.push(key);
}

/** Makes a change durable; marks its items durable and, in write-back modes, what LMDB still lacks. */
export function commit(f: Fragment, u: InboxUser, c: Change): Promise<number> {
  return settled(f, u, c, f.engine.write(f.id, c.ops));
}

/**
 * Commits a change whose effects were already handed on (see StorageEngine.writeKept): on a full
 * disk it waits in RAM and is written once storage takes writes, with its states as they are then.
 */
export function commitKept(f: Fragment, u: InboxUser, c: Change): Promise<number> {
  return settled(f, u, c, f.engine.writeKept(f.id, c.ops, () => withLatestStates(u, c.ops)));
}

function withLatestStates(u: InboxUser, ops: InboxOp[]): InboxOp[] {
  return ops.map((op) => (op.t === 'state' ? { ...op, state: u.states?.get(stateKey(op.from, op.id)) ?? op.state } : op));
}

function settled(f: Fragment, u: InboxUser, c: Change, written: Promise<number>): Promise<number> {
  const settle = (lsn: number | null) => {
    for (const key of c.states) {
      const inflight = u.inflightStates;
      const n = (inflight?.get(key) ?? 1) - 1;
      if (n > 0) inflight!.set(key, n);
      else if (inflight?.delete(key) && inflight.size === 0) u.inflightStates = null;
      if (lsn !== null && f.writeBack) addTo(u, 'dirtyStates', key);
    }
    if (lsn === null) return rollback(f, u, c);
    const now = Date.now();
    for (const [d, q] of c.items) {
      q.durable = true;
      q.lsn = lsn;
      if (!f.writeBack) q.flush = 'flushed';
      else if (!q.acked && !d.forgotten) f.young.push({ u, d, q, at: now });
    }
    if (f.writeBack) {
      for (const name of c.devices) markDirty(f, u, name);
      for (const name of c.forgotten) addTo(u, 'forgotten', name);
      if (c.states.length > 0 || c.devices.length > 0 || c.forgotten.length > 0) f.dirtyUsers.add(u);
    }
  };
  return written.then(
    (lsn) => { settle(lsn); return lsn; },
    (err: unknown) => { settle(null); throw err; },
  );
}

export function commitAll(f: Fragment, u: InboxUser, changes: Change[]): Promise<unknown> {
  return Promise.all(changes.map((c) => commit(f, u, c)));
}

/** A change that failed to become durable (the log failed): its items and states must not linger. */
function rollback(f: Fragment, u: InboxUser, c: Change): void {
  for (const [d, q] of c.items) {
    for (let i = d.items.length - 1; i >= d.items.inFlight; i--) {
      if (d.items.at(i) !== q) continue;
      d.items.removeRange(i, 1);
      addBytes(f, -q.bytes);
      if (u.queued !== null) u.queued -= queuedBytes(q.item);
      break;
    }
    q.acked = true;
  }
  for (let i = c.undo.length - 1; i >= 0; i--) {
    const [key, prev] = c.undo[i];
    if (prev) putState(f, u, key, prev);
    else dropState(f, u, key);
  }
}

/** Waits for a write of the same (sender, id) still in flight: a resend racing its first copy. */
export function track(u: InboxUser, key: string, work: Promise<unknown>): void {
  const settled: Promise<void> = work.then(noop, noop).then(() => {
    const pending = u.pending;
    if (pending?.get(key) !== settled) return;
    pending.delete(key);
    if (pending.size === 0) u.pending = null;
  });
  (u.pending ??= new Map()).set(key, settled);
}
