// The inbox's state changes as records: what the log stores, what replay re-applies and what
// write-through turns into LMDB writes. Every op is absolute (sets a value, never increments),
// so applying a suffix of the log over a store that already holds part of it gives the same state.
import type { InboxItemRecord, MessageStateRecord } from './kv.js';

export type InboxOp =
  /** The user's inbox exists. */
  | { t: 'user'; user: string }
  /** A device was registered (with an empty queue). */
  | { t: 'device'; user: string; device: string }
  /** An item sits at `seq` in the device's queue. */
  | { t: 'item'; user: string; device: string; seq: number; item: InboxItemRecord }
  /** The device processed everything up to `seq` (previously up to `from`); `nextSeq` is the device's counter. */
  | { t: 'ack'; user: string; device: string; from: number; seq: number; nextSeq: number }
  /** The outcome of message (from, id) sent to `user`. */
  | { t: 'state'; user: string; from: string; id: string; state: MessageStateRecord }
  /** The device was unregistered; its queue is gone. */
  | { t: 'forget'; user: string; device: string };

const OP_CODES = { user: 1, device: 2, item: 3, ack: 4, state: 5, forget: 6 } as const;

/** A growable byte writer: varints, strings and byte arrays. */
class Writer {
  buf = Buffer.allocUnsafe(256);
  pos = 0;

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  uint(v: number): void {
    this.room(10);
    // Safe integers need up to 53 bits: plain arithmetic, no 32-bit shifts.
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  bytes(b: Uint8Array): void {
    this.uint(b.length);
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  str(s: string): void {
    const len = Buffer.byteLength(s);
    this.uint(len);
    this.room(len);
    this.pos += this.buf.write(s, this.pos);
  }

  bool(b: boolean): void {
    this.uint(b ? 1 : 0);
  }
}

/** Reading past the end or an unknown code throws: the log's CRC makes that a bug, not damage. */
class Reader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  uint(): number {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw new RangeError('inbox op: truncated varint');
      const b = this.buf[this.pos++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 0x80;
    }
  }

  bytes(): Uint8Array {
    const len = this.uint();
    if (this.pos + len > this.buf.length) throw new RangeError('inbox op: truncated bytes');
    // An exact copy with a memory of its own: a view (or a pooled Buffer) would keep the whole
    // record or pool slab alive as long as the body is queued, unseen by the cache's accounting.
    const out = Buffer.allocUnsafeSlow(len);
    out.set(this.buf.subarray(this.pos, this.pos + len));
    this.pos += len;
    return out;
  }

  str(): string {
    const len = this.uint();
    if (this.pos + len > this.buf.length) throw new RangeError('inbox op: truncated string');
    const out = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.pos, len).toString('utf8');
    this.pos += len;
    return out;
  }

  bool(): boolean {
    return this.uint() === 1;
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }
}

function writeItem(w: Writer, it: InboxItemRecord): void {
  if (it.kind === 'message') {
    w.uint(1);
    w.str(it.id);
    w.str(it.from);
    w.str(it.to);
    w.bytes(it.body);
    w.uint(it.sentAt);
    w.str(it.fromDevice);
    return;
  }
  w.uint(it.receipt === 'delivered' ? 2 : 3);
  w.str(it.by);
  w.uint(it.ids.length);
  for (const id of it.ids) w.str(id);
  w.uint(it.at);
}

function readItem(r: Reader): InboxItemRecord {
  const kind = r.uint();
  if (kind === 1) {
    return { kind: 'message', id: r.str(), from: r.str(), to: r.str(), body: r.bytes(), sentAt: r.uint(), fromDevice: r.str() };
  }
  if (kind !== 2 && kind !== 3) throw new RangeError(`inbox op: unknown item kind ${kind}`);
  const by = r.str();
  const ids: string[] = [];
  for (let n = r.uint(); n > 0; n--) ids.push(r.str());
  return { kind: 'receipt', receipt: kind === 2 ? 'delivered' : 'read', by, ids, at: r.uint() };
}

/** Encodes the ops of one request as one log record (so they are durable together or not at all). */
export function encodeOps(ops: readonly InboxOp[]): Uint8Array {
  const w = new Writer();
  w.uint(ops.length);
  for (const op of ops) {
    w.uint(OP_CODES[op.t]);
    w.str(op.user);
    switch (op.t) {
      case 'user':
        break;
      case 'device':
      case 'forget':
        w.str(op.device);
        break;
      case 'item':
        w.str(op.device);
        w.uint(op.seq);
        writeItem(w, op.item);
        break;
      case 'ack':
        w.str(op.device);
        w.uint(op.from);
        w.uint(op.seq);
        w.uint(op.nextSeq);
        break;
      case 'state':
        w.str(op.from);
        w.str(op.id);
        w.uint(op.state.sentAt);
        w.bool(op.state.delivered);
        // Flags: bit 0 read, bit 1 carbons pending (records written before the second bit read as before).
        w.uint((op.state.read ? 1 : 0) | (op.state.carbonsPending ? 2 : 0));
        break;
    }
  }
  return w.buf.subarray(0, w.pos);
}

export function decodeOps(record: Uint8Array): InboxOp[] {
  const r = new Reader(record);
  const ops: InboxOp[] = [];
  for (let n = r.uint(); n > 0; n--) {
    const code = r.uint();
    const user = r.str();
    switch (code) {
      case OP_CODES.user:
        ops.push({ t: 'user', user });
        break;
      case OP_CODES.device:
        ops.push({ t: 'device', user, device: r.str() });
        break;
      case OP_CODES.forget:
        ops.push({ t: 'forget', user, device: r.str() });
        break;
      case OP_CODES.item:
        ops.push({ t: 'item', user, device: r.str(), seq: r.uint(), item: readItem(r) });
        break;
      case OP_CODES.ack:
        ops.push({ t: 'ack', user, device: r.str(), from: r.uint(), seq: r.uint(), nextSeq: r.uint() });
        break;
      case OP_CODES.state: {
        const from = r.str();
        const id = r.str();
        const sentAt = r.uint();
        const delivered = r.bool();
        const flags = r.uint();
        const state: MessageStateRecord = { sentAt, delivered, read: (flags & 1) !== 0 };
        if (flags & 2) state.carbonsPending = true;
        ops.push({ t: 'state', user, from, id, state });
        break;
      }
      default:
        throw new RangeError(`inbox op: unknown op code ${code}`);
    }
  }
  if (!r.done) throw new RangeError('inbox op: trailing bytes');
  return ops;
}
