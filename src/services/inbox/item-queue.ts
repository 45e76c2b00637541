// A device's queue of inbox items held in RAM, in seq order. The first `inFlight` items have been
// pushed to the current session and await its ack; taking from the front is O(1).
import type { InboxItemRecord } from '../../store/kv.js';

/** Where an item is relative to the indexed store (LMDB). */
export type FlushState = 'none' | 'flushing' | 'flushed';

export interface QueuedItem {
  seq: number;
  item: InboxItemRecord;
  /** Durable (log, LMDB or, in memory mode, accepted); only durable items are delivered. */
  durable: boolean;
  /** LSN of the log record that made it durable (0 outside log mode or until durable). */
  lsn: number;
  flush: FlushState;
  /** Acked by the device (set when it leaves the queue). */
  acked: boolean;
  /** Estimated RAM it holds. */
  bytes: number;
}

export class ItemQueue {
  private items: QueuedItem[] = [];
  private head = 0;
  /** Items at the front already pushed to the attached session. */
  private sent = 0;
  /** Estimated bytes of those items. */
  private sentBytes = 0;

  get inFlight(): number {
    return this.sent;
  }

  get inFlightBytes(): number {
    return this.sentBytes;
  }

  /** Marks the first unsent item as pushed to the session and returns it. */
  markSent(): QueuedItem {
    const q = this.items[this.head + this.sent++];
    this.sentBytes += q.bytes;
    return q;
  }

  /** The session is gone or replaced: everything is unsent again. */
  resetSent(): void {
    this.sent = 0;
    this.sentBytes = 0;
  }

  get length(): number {
    return this.items.length - this.head;
  }

  at(index: number): QueuedItem {
    return this.items[this.head + index];
  }

  push(item: QueuedItem): void {
    this.items.push(item);
  }

  /** Inserts items (in seq order, all below the item now at `index`) at `index`. */
  insertAt(index: number, items: QueuedItem[]): void {
    this.items.splice(this.head + index, 0, ...items);
  }

  /** Removes and returns `count` items from `index` on (none of them in flight). */
  removeRange(index: number, count: number): QueuedItem[] {
    if (index === 0) {
      const out = this.items.slice(this.head, this.head + count);
      for (let i = 0; i < count; i++) this.items[this.head + i] = undefined as never;
      this.head += count;
      this.compact();
      return out;
    }
    return this.items.splice(this.head + index, count);
  }

  /** Removes and returns the items with seq <= `seq` from the front. */
  shiftUpTo(seq: number): QueuedItem[] {
    const out: QueuedItem[] = [];
    while (this.head < this.items.length && this.items[this.head].seq <= seq) {
      const q = this.items[this.head];
      out.push(q);
      if (this.sent > 0) {
        this.sent--;
        this.sentBytes -= q.bytes;
      }
      this.items[this.head++] = undefined as never;
    }
    this.compact();
    return out;
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
