// The frame splitter: any split of the byte stream yields the same frames; limits hold; a peer
// dribbling a large frame byte by byte costs linear time.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import { FrameSplitter, FramingError, decodeFrame, encodeFrames, type Frame } from '../../src/protocol/framing.js';

const frames: Frame[] = [
  { ref: 1, hello: { protocolVersion: 1, client: 'x' } },
  { ref: 2, ok: {} },
  { ref: 3, send: { id: 'a', to: 'b', body: new Uint8Array(300).fill(7) } },
  { ref: 0, ping: { nonce: 42 } },
  { ref: 4, send: { id: 'big', to: 'b', body: new Uint8Array(20_000).fill(1) } },
];

/** A short, exact fingerprint of a frame (bodies as hex hashes), so failures print small. */
function digest(f: Frame): string {
  const body = f.send?.body;
  return JSON.stringify({ ...f, send: f.send && { ...f.send, body: body && createHash('sha1').update(body).digest('hex') } });
}

function split(bytes: Uint8Array, sizes: () => number): Frame[] {
  const out: Frame[] = [];
  const splitter = new FrameSplitter(64 * 1024);
  for (let pos = 0; pos < bytes.length;) {
    const n = Math.max(1, sizes());
    splitter.push(bytes.subarray(pos, pos + n), (body) => out.push(decodeFrame(body)));
    pos += n;
  }
  assert.equal(splitter.bufferedBytes, 0);
  return out;
}

it('yields the same frames however the stream is split', () => {
  const bytes = encodeFrames(frames);
  const whole = split(bytes, () => bytes.length);
  assert.equal(whole.length, frames.length);
  let seed = 7;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % 40; };
  for (const sizes of [() => 1, () => 2, () => 3, () => 7, random]) {
    assert.deepEqual(split(bytes, sizes).map(digest), whole.map(digest));
  }
});

it('handles empty frames and prefixes split inside the varint', () => {
  const bytes = encodeFrames([{}, { ref: 300 }, {}]);
  assert.equal(split(bytes, () => 1).length, 3);
});

it('refuses an oversized frame from its prefix, even when the prefix arrives in pieces', () => {
  const splitter = new FrameSplitter(1000);
  splitter.push(Uint8Array.from([0xe9]), () => assert.fail('no frame'));
  assert.throws(() => splitter.push(Uint8Array.from([0x07]), () => undefined), (e: unknown) => e instanceof FramingError && e.code === 'FRAME_TOO_LARGE');
});

it('refuses a length prefix longer than five bytes', () => {
  const splitter = new FrameSplitter(1000);
  assert.throws(() => splitter.push(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), () => undefined), (e: unknown) => e instanceof FramingError && e.code === 'BAD_FRAME');
});

it('copies a dribbled frame once: one byte at a time costs about as much as one write', () => {
  const big = encodeFrames([{ ref: 1, send: { id: 'x', to: 'y', body: new Uint8Array(120_000) } }]);
  const splitter = new FrameSplitter(128 * 1024);
  let got = 0;
  // 120 KB fed in 1-byte chunks: a quadratic splitter copies ~7 GB here and takes many seconds.
  for (let i = 0; i < big.length; i++) splitter.push(big.subarray(i, i + 1), () => { got++; });
  assert.equal(got, 1);
});
