// Splits a byte stream into protocol frames and joins frames into one write.
// Every frame is a protobuf `Frame` prefixed by its length as a varint (protobuf "delimited"
// format), on TCP and inside WebSocket messages alike.
import protobuf from 'protobufjs/minimal.js';
import { atoll } from './generated/atoll.js';
import { numberReader, zeroLongDefaults } from './no-long.js';

export const wire = atoll.v1;
zeroLongDefaults(wire);
export type Frame = atoll.v1.Frame.$Properties;
export type DecodedFrame = ReturnType<typeof atoll.v1.Frame.decode>;
export const ErrorCode = atoll.v1.ErrorCode;
export type ErrorCode = atoll.v1.ErrorCode;
export const PROTOCOL_VERSION = 1;

/** Why a byte stream could not be split into frames. */
export class FramingError extends Error {
  constructor(readonly code: 'FRAME_TOO_LARGE' | 'BAD_FRAME', message: string) {
    super(message);
    this.name = 'FramingError';
  }
}

/** Encodes several frames into one buffer, so a batch costs one socket write. */
export function encodeFrames(frames: readonly Frame[]): Uint8Array {
  const writer = protobuf.Writer.create();
  for (const frame of frames) wire.Frame.encodeDelimited(frame, writer);
  return writer.finish();
}

export function encodeFrame(frame: Frame): Uint8Array {
  return wire.Frame.encodeDelimited(frame).finish();
}

/** Decodes one frame body (without its length prefix), 64-bit fields as numbers. Throws FramingError on garbage. */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  try {
    return wire.Frame.decode(numberReader(bytes));
  } catch (err) {
    throw new FramingError('BAD_FRAME', `frame is not a valid atoll.v1.Frame: ${(err as Error).message}`);
  }
}

/**
 * Incremental splitter for a stream of length-prefixed frames. Refuses a length prefix above
 * `maxFrameBytes` before buffering the body (the limit may change between pushes, e.g. at login).
 * A frame split across chunks is copied once into a buffer of its exact size, so a peer dribbling
 * bytes costs O(frame size), never more.
 */
export class FrameSplitter {
  /** Bytes of a length prefix that is still incomplete (fewer than 5). */
  private header: Uint8Array | null = null;
  /** The body of a frame whose length is known, being filled. */
  private body: Uint8Array | null = null;
  private filled = 0;

  constructor(public maxFrameBytes: number) {}

  /**
   * Feeds bytes; calls `onFrame` with each complete frame body, in order. When `onFrame` returns
   * false the splitter stops after that frame and returns the bytes it has not looked at (a view
   * of `chunk`, to push again later); otherwise it returns null.
   */
  push(chunk: Uint8Array, onFrame: (body: Uint8Array) => unknown): Uint8Array | null {
    let pos = 0;
    if (this.header !== null) {
      const joined = concat(this.header, chunk.subarray(0, 5));
      const header = readVarint(joined, 0);
      if (header === null) {
        this.header = joined;
        return null;
      }
      pos = header[1] - this.header.length;
      this.header = null;
      this.check(header[0]);
      this.body = new Uint8Array(header[0]);
      this.filled = 0;
    }
    if (this.body !== null) {
      const body = this.body;
      const take = Math.min(body.length - this.filled, chunk.length - pos);
      body.set(chunk.subarray(pos, pos + take), this.filled);
      this.filled += take;
      pos += take;
      if (this.filled < body.length) return null;
      this.body = null;
      this.filled = 0;
      if (onFrame(body) === false) return rest(chunk, pos);
    }
    while (pos < chunk.length) {
      const header = readVarint(chunk, pos);
      if (header === null) {
        this.header = chunk.slice(pos);
        return null;
      }
      const [length, bodyStart] = header;
      this.check(length);
      const end = bodyStart + length;
      if (end > chunk.length) {
        this.body = new Uint8Array(length);
        this.body.set(chunk.subarray(bodyStart));
        this.filled = chunk.length - bodyStart;
        return null;
      }
      pos = end;
      if (onFrame(chunk.subarray(bodyStart, end)) === false) return rest(chunk, pos);
    }
    return null;
  }

  /** Bytes of a frame that has started but not finished. */
  get bufferedBytes(): number {
    return (this.header?.length ?? 0) + this.filled;
  }

  private check(length: number): void {
    if (length > this.maxFrameBytes) {
      throw new FramingError('FRAME_TOO_LARGE', `frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes}`);
    }
  }
}

/** Reads a varint (at most 5 bytes: lengths fit in 32 bits). Returns null if incomplete. */
function readVarint(buf: Uint8Array, start: number): [number, number] | null {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const at = start + i;
    if (at >= buf.length) return null;
    const byte = buf[at];
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [value, at + 1];
  }
  throw new FramingError('BAD_FRAME', 'frame length prefix is longer than 5 bytes');
}

function rest(chunk: Uint8Array, pos: number): Uint8Array | null {
  return pos < chunk.length ? chunk.subarray(pos) : null;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
