// The write-back cache of one inbox owner, driven by the storage engine: durable items and
// changes that LMDB lacks yet, written in flush rounds (oldest first, acked ones skipped), items
// in LMDB evicted from RAM, and the log replayed into RAM at recovery.
import type { CacheFragment, FlushBatch } from '../../store/engine.js';
import { dropState, putState } from './changes.js';
import { NO_DEVICE, YOUNG_SWEEP_MIN, addTo, markDirty, newDevice, newItem, newUser, queuedBytes, stateKey, type DeviceState, type Fragment, type InboxUser, type YoungEntry } from './fragment.js';
import type { QueuedItem } from './item-queue.js';
import { dropItems, evict, forget, load, pushItem } from './queues.js';
import { MAX_SEQ } from './storage.js';

/** An entry whose item needs no LMDB write any more: acked, its device forgotten, or written. */
function isDead(e: YoungEntry): boolean {
  return e.q.acked || e.d.forgotten || e.q.flush !== 'none';
}

function dropDeadYoung(f: Fragment): void {
  while (f.youngHead < f.young.length && isDead(f.young[f.youngHead])) f.young[f.youngHead++] = undefined as never;
}

function compactYoung(f: Fragment): void {
  if (f.youngHead === f.young.length) {
    f.young = [];
    f.youngHead = 0;
    f.youngSweepAt = YOUNG_SWEEP_MIN;
  } else if (f.youngHead > 1024 && f.youngHead * 2 > f.young.length) {
    f.young = f.young.slice(f.youngHead);
    f.youngHead = 0;
  }
}

/**
 * Lets go of acked items in the write-back queue at once, so what a delivered message leaves
 * behind dies young: a scavenge copies every object still reachable, and an item kept until the
 * next flush round would be copied twice. Dead entries at the front go now; dead ones behind a
 * live entry (an offline device's item waiting out the sync delay) go in a sweep whenever the
 * queue has doubled since the last one, so the cost per entry stays constant.
 */
export function releaseAcked(f: Fragment): void {
  dropDeadYoung(f);
  compactYoung(f);
  if (f.young.length - f.youngHead < f.youngSweepAt) return;
  const live: YoungEntry[] = [];
  for (let i = f.youngHead; i < f.young.length; i++) if (!isDead(f.young[i])) live.push(f.young[i]);
  f.young = live;
  f.youngHead = 0;
  f.youngSweepAt = Math.max(YOUNG_SWEEP_MIN, 2 * live.length);
}

/**
 * A device that LMDB has no row for, met in the log: a flush round before the crash may have
 * written some of its items without its position, so which of its rows LMDB holds is not known.
 */
function replayedDevice(name: string): DeviceState {
  const d = newDevice(name);
  d.storedHigh = MAX_SEQ;
  return d;
}

export function writeBackCache(f: Fragment): CacheFragment {
  const { store, users } = f;

  function flushUser(u: InboxUser, batch: FlushBatch): void {
    const devices: DeviceState[] = [];
    for (const d of u.devices.values()) {
      if (!d.dirty) continue;
      d.dirty = false;
      devices.push(d);
      if (d.ackedSeq > d.flushedAcked && d.storedHigh > d.flushedAcked) {
        for (const seq of store.seqs(u.name, d.name, d.flushedAcked + 1, d.ackedSeq + 1)) batch.add(store.removeItem(u.name, d.name, seq));
      }
      const acked = d.ackedSeq;
      batch.add(store.putDevice(u.name, d.name, { nextSeq: d.nextSeq, ackedSeq: acked }));
      batch.onCommit(() => { d.flushedAcked = Math.max(d.flushedAcked, acked); });
    }
    const flushed: string[] = [];
    for (const key of u.dirtyStates ?? []) {
      const s = u.states?.get(key);
      if (!s) continue;
      const cut = key.indexOf('\u0000');
      batch.add(store.putState(u.name, key.slice(0, cut), key.slice(cut + 1), s));
      flushed.push(key);
    }
    u.dirtyStates = null;
    batch.onCommit(() => {
      // States are re-read from LMDB when needed; the ones still changing stay.
      for (const key of flushed) if (!u.dirtyStates?.has(key) && !u.inflightStates?.has(key) && !u.pending?.has(key)) dropState(f, u, key);
    });
    batch.onFail(() => {
      for (const d of devices) if (!d.forgotten) d.dirty = true;
      for (const key of flushed) if (u.states?.has(key)) addTo(u, 'dirtyStates', key);
      f.dirtyUsers.add(u);
    });
  }

  function flushForgotten(u: InboxUser, batch: FlushBatch): void {
    const names = [...(u.forgotten ?? [])];
    u.forgotten = null;
    for (const name of names) {
      for (const seq of store.seqs(u.name, name, 0, MAX_SEQ)) batch.add(store.removeItem(u.name, name, seq));
      batch.add(store.removeDevice(u.name, name));
    }
    batch.onFail(() => {
      for (const name of names) addTo(u, 'forgotten', name);
      f.dirtyUsers.add(u);
    });
  }

  return {
    get bytes() { return f.bytes; },

    collect(cutoff, batch) {
      if (!f.writeBack) {
        for (const u of users.values()) for (const d of u.devices.values()) evict(f, d);
        return true;
      }
      // Removals of forgotten devices go first, so a device registered again under the same name
      // never loses items flushed after them.
      for (const u of f.dirtyUsers) if (u.forgotten !== null) flushForgotten(u, batch);
      const touched = new Set<DeviceState>();
      const flushing: QueuedItem[] = [];
      const taken: YoungEntry[] = [];
      let done = true;
      for (;;) {
        dropDeadYoung(f);
        if (f.youngHead >= f.young.length) break;
        if (batch.full()) {
          done = false;
          break;
        }
        const e = f.young[f.youngHead];
        if (e.at > cutoff) break;
        f.young[f.youngHead++] = undefined as never;
        e.q.flush = 'flushing';
        flushing.push(e.q);
        taken.push(e);
        touched.add(e.d);
        batch.add(store.putItem(e.u.name, e.d.name, e.q.seq, e.q.item));
        if (e.q.seq > e.d.storedHigh) e.d.storedHigh = e.q.seq;
      }
      compactYoung(f);
      batch.items += flushing.length;
      if (done) {
        // Oldest first: Set order is insertion order, so the users marked by markChanges are the
        // front of dirtyUsers (a change to a dirty user does not move it; a written one leaves).
        // One user's writes are issued together (a device's acked range may be long).
        for (const u of f.dirtyUsers) {
          if (batch.changes <= 0 || (f.markedLeft === 0 && batch.changes !== Infinity)) break;
          if (batch.full()) {
            done = false;
            break;
          }
          f.dirtyUsers.delete(u);
          if (f.markedLeft > 0) f.markedLeft--;
          batch.changes--;
          flushUser(u, batch);
        }
      }
      batch.onCommit(() => {
        for (const q of flushing) if (q.flush === 'flushing') q.flush = 'flushed';
        for (const d of touched) evict(f, d);
      });
      batch.onFail(() => {
        // Back to the front of the queue in LSN order: the next round writes them again, and
        // until then they pin the log (oldestUnflushedLsn).
        for (const q of flushing) if (q.flush === 'flushing') q.flush = 'none';
        f.young = [...taken, ...f.young.slice(f.youngHead)];
        f.youngHead = 0;
      });
      return done;
    },

    markChanges() {
      f.markedLeft = f.dirtyUsers.size;
      return f.markedLeft;
    },

    get markedLeft() { return f.markedLeft; },

    oldestUnflushedLsn() {
      dropDeadYoung(f);
      return f.youngHead < f.young.length ? f.young[f.youngHead].q.lsn : Infinity;
    },

    replay(ops, lsn) {
      const now = Date.now();
      for (const op of ops) {
        let u = load(f, op.user);
        if (!u) {
          u = newUser(op.user, 0);
          u.devices.set(NO_DEVICE, replayedDevice(NO_DEVICE));
          users.set(op.user, u);
          markDirty(f, u, NO_DEVICE);
        }
        switch (op.t) {
          case 'user':
            break;
          case 'device':
            if (!u.devices.has(op.device)) u.devices.set(op.device, replayedDevice(op.device));
            markDirty(f, u, op.device);
            break;
          case 'item': {
            const d = u.devices.get(op.device);
            if (!d || op.seq <= Math.max(d.ackedSeq, d.lastSeq)) break;
            const q = newItem(op.seq, op.item, false);
            q.durable = true;
            q.lsn = lsn;
            pushItem(f, d, q);
            if (u.queued !== null) u.queued += queuedBytes(op.item);
            d.nextSeq = Math.max(d.nextSeq, op.seq + 1);
            if (f.writeBack) f.young.push({ u, d, q, at: now });
            break;
          }
          case 'ack': {
            const d = u.devices.get(op.device);
            if (!d) break;
            if (op.seq > d.ackedSeq) {
              dropItems(f, u, d, op.seq);
              d.ackedSeq = op.seq;
            }
            d.nextSeq = Math.max(d.nextSeq, op.nextSeq);
            markDirty(f, u, op.device);
            break;
          }
          case 'state': {
            const key = stateKey(op.from, op.id);
            putState(f, u, key, op.state);
            addTo(u, 'dirtyStates', key);
            f.dirtyUsers.add(u);
            break;
          }
          case 'forget': {
            const d = u.devices.get(op.device);
            if (d) forget(f, u, d, true);
            break;
          }
        }
      }
    },
  };
}
