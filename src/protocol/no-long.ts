// 64-bit fields (sequence numbers, unix ms) fit in a double far below 2^53: decode them as plain
// numbers, never as Long objects, without touching protobufjs's shared settings (util.Long,
// configure()), which belong to whatever application embeds Atoll.
import protobuf from 'protobufjs/minimal.js';

/** A uint64 varint as a double (exact below 2^53). Same errors as protobufjs's own reader. */
function readUint64(this: protobuf.Reader): number {
  let value = 0;
  for (let shift = 0; shift < 70; shift += 7) {
    if (this.pos >= this.len) throw new RangeError(`index out of range: ${this.pos} + 1 > ${this.len}`);
    const byte = this.buf[this.pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value;
  }
  throw new Error('invalid varint encoding');
}

class NumberReader extends protobuf.Reader {}
/** Node Buffers keep protobufjs's faster Buffer-based string and bytes reads. */
class NumberBufferReader extends protobuf.BufferReader {}
for (const reader of [NumberReader, NumberBufferReader]) {
  (reader.prototype as unknown as { uint64: () => number }).uint64 = readUint64;
}

/** A reader for `bytes` whose uint64 fields come out as numbers; the generated decoders accept it as is. */
export function numberReader(bytes: Uint8Array): protobuf.Reader {
  const buffer = (protobuf.util as unknown as { Buffer?: { isBuffer(value: unknown): boolean } | null }).Buffer;
  return buffer?.isBuffer(bytes) ? new NumberBufferReader(bytes as Buffer) : new NumberReader(bytes);
}

/**
 * The generated classes build their 64-bit defaults (fields absent from the wire) when they load,
 * as Long objects if long.js is installed: make them 0 on our own classes, recursively.
 */
export function zeroLongDefaults(namespace: object): void {
  for (const value of Object.values(namespace)) {
    if (typeof value !== 'function') continue;
    const proto = (value as { prototype?: Record<string, unknown> }).prototype;
    if (proto !== undefined) {
      for (const key of Object.keys(proto)) if (isLong(proto[key])) proto[key] = 0;
    }
    zeroLongDefaults(value as object); // nested message types
  }
}

function isLong(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { low?: unknown; high?: unknown; unsigned?: unknown };
  return typeof v.low === 'number' && typeof v.high === 'number' && typeof v.unsigned === 'boolean';
}
