// A device's queue of inbox items in seq order. The first `inFlight` items have been pushed to
// the current session and await its ack; taking from the front is O(1).

export interface QueuedItem {
  seq: number;
  item: import('../../store/kv.js').InboxItemRecord;
  /** Written to disk; only durable items are delivered. */
  durable: boolean;
}

export class ItemQueue {
  private items: QueuedItem[] = [];
  private head = 0;
  /** Items at the front already pushed to the attached session. */
  inFlight = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  at(index: number): QueuedItem {
    return this.items[this.head + index];
  }

  push(item: QueuedItem): void {
    this.items.push(item);
  }

  /** Removes and returns the items with seq <= `seq` from the front. */
  shiftUpTo(seq: number): QueuedItem[] {
    const out: QueuedItem[] = [];
    while (this.head < this.items.length && this.items[this.head].seq <= seq) {
      out.push(this.items[this.head]);
      this.items[this.head++] = undefined as never;
    }
    this.inFlight = Math.max(0, this.inFlight - out.length);
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return out;
  }
}
