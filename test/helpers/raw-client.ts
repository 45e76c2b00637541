// A bare protocol client for server tests: raw frames over real TCP or WebSocket sockets, with
// helpers to await a particular frame. Tests of misbehaving clients write bytes directly.
import net from 'node:net';
import { WebSocket } from 'ws';
import { FrameSplitter, decodeFrame, encodeFrame, encodeFrames, type DecodedFrame, type Frame } from '../../src/protocol/framing.js';

export class RawClient {
  readonly frames: DecodedFrame[] = [];
  closed = false;
  private waiters: Array<() => void> = [];
  private nextRef = 1;
  private splitter = new FrameSplitter(16 * 1024 * 1024);

  private constructor(
    private readonly sendBytes: (b: Uint8Array) => void,
    private readonly endFn: () => void,
    /** Stops or restarts reading the socket, so the server sees a client that does not read. */
    readonly reading: (on: boolean) => void,
  ) {}

  /** `localAddress` picks the source address (any of 127.0.0.0/8), for per-address limits. */
  static async connect(url: string, localAddress?: string): Promise<RawClient> {
    if (url.startsWith('tcp://')) {
      const { hostname, port } = new URL(url.replace('tcp://', 'http://'));
      const socket = net.connect({ port: Number(port), host: hostname, localAddress });
      await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
      const c = new RawClient((b) => socket.write(b), () => socket.end(), (on) => { if (on) socket.resume(); else socket.pause(); });
      socket.on('data', (d) => c.onBytes(d));
      socket.on('close', () => c.onClose());
      socket.on('error', () => undefined);
      return c;
    }
    const ws = new WebSocket(url, { localAddress });
    ws.binaryType = 'nodebuffer';
    // Listen before 'open': a frame sent right after the upgrade arrives in the same event.
    const c = new RawClient((b) => ws.send(b), () => ws.close(), (on) => { if (on) ws.resume(); else ws.pause(); });
    ws.on('message', (d: Buffer) => c.onBytes(d));
    ws.on('close', () => c.onClose());
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    ws.on('error', () => undefined);
    return c;
  }

  /** Connects, says Hello, and logs in (registering first when asked). */
  static async login(url: string, user: string, password: string, device = 'd1', register = false): Promise<RawClient> {
    const c = await RawClient.connect(url);
    await c.request({ hello: { protocolVersion: 1, client: 'raw-test' } }, 'welcome');
    if (register) await c.request({ register: { user, password } }, 'ok');
    await c.request({ login: { user, password, device } }, 'loginOk');
    return c;
  }

  private onBytes(chunk: Uint8Array): void {
    this.splitter.push(chunk, (body) => this.frames.push(decodeFrame(body)));
    this.wake();
  }

  private onClose(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  write(bytes: Uint8Array): void {
    this.sendBytes(bytes);
  }

  /** Sends a frame with a fresh ref and returns the ref. */
  sendFrame(frame: Frame): number {
    const ref = frame.ref ?? this.nextRef++;
    this.sendBytes(encodeFrame({ ...frame, ref }));
    return ref;
  }

  sendFrames(frames: Frame[]): void {
    this.sendBytes(encodeFrames(frames));
  }

  /** Sends a request and resolves with its reply; rejects on an Error reply unless `expect` is 'error'. */
  async request(frame: Frame, expect: string): Promise<DecodedFrame> {
    const ref = this.sendFrame(frame);
    const reply = await this.waitFor((f) => f.ref === ref);
    if (reply.body !== expect) throw new Error(`expected ${expect} for ref ${ref}, got ${describe([reply])}`);
    return reply;
  }

  /** Resolves with the first received frame (not yet taken) matching `pred`, and removes it. */
  async waitFor(pred: (f: DecodedFrame) => boolean, timeoutMs = 5000): Promise<DecodedFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.frames.findIndex(pred);
      if (i >= 0) return this.frames.splice(i, 1)[0];
      if (this.closed) throw new Error(`connection closed while waiting; frames: ${describe(this.frames)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for a frame; have: ${describe(this.frames)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** Waits until the server closes the connection. */
  async waitClosed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('connection was not closed');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** Collects `n` Deliver frames, acking each cumulatively as it arrives. */
  async receive(n: number, timeoutMs = 10_000): Promise<DecodedFrame[]> {
    const out: DecodedFrame[] = [];
    while (out.length < n) {
      const f = await this.waitFor((x) => x.body === 'deliver', timeoutMs);
      out.push(f);
      this.sendFrame({ ref: 0, ack: { seq: f.deliver!.seq } });
    }
    return out;
  }

  close(): void {
    this.endFn();
  }
}

/** A short account of frames for failure messages (bodies can be megabytes). */
function describe(frames: DecodedFrame[]): string {
  const text = JSON.stringify(frames.slice(0, 5), (key, value: unknown) => (key === 'body' && typeof value === 'object' ? '<bytes>' : value));
  return `${frames.length} frame(s): ${text.slice(0, 800)}`;
}
