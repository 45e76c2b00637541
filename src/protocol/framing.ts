// Splits a byte stream into protocol frames and joins frames into one write.
// Every frame is a protobuf `Frame` prefixed by its length as a varint (protobuf "delimited"
// format), on TCP and inside WebSocket messages alike.
import './no-long.js';
import protobuf from 'protobufjs/minimal.js';
import { atoll } from './generated/atoll.js';

export const wire = atoll.v1;
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

/** Decodes one frame body (without its length prefix). Throws FramingError on garbage. */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  try {
    return wire.Frame.decode(bytes);
  } catch (err) {
    throw new FramingError('BAD_FRAME', `frame is not a valid atoll.v1.Frame: ${(err as Error).message}`);
  }
}

/**
 * Incremental splitter for a stream of length-prefixed frames. Keeps at most one partial frame,
 * and refuses a length prefix above `maxFrameBytes` before buffering the body.
 */
export class FrameSplitter {
  private pending: Uint8Array | null = null;

  constructor(private readonly maxFrameBytes: number) {}

  /** Feeds bytes; calls `onFrame` with each complete frame body, in order. */
  push(chunk: Uint8Array, onFrame: (body: Uint8Array) => void): void {
    let buf = chunk;
    if (this.pending !== null) {
      buf = concat(this.pending, chunk);
      this.pending = null;
    }
    let pos = 0;
    while (pos < buf.length) {
      const header = readVarint(buf, pos);
      if (header === null) break; // the length prefix itself is incomplete
      const [length, bodyStart] = header;
      if (length > this.maxFrameBytes) {
        throw new FramingError('FRAME_TOO_LARGE', `frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes}`);
      }
      if (bodyStart + length > buf.length) break;
      onFrame(buf.subarray(bodyStart, bodyStart + length));
      pos = bodyStart + length;
    }
    if (pos < buf.length) this.pending = buf.slice(pos);
  }

  /** Bytes of a frame that has started but not finished. */
  get bufferedBytes(): number {
    return this.pending === null ? 0 : this.pending.length;
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
