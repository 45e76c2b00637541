// A byte-forwarding TCP proxy between a client and the real server, so a test can cut live
// connections mid-stream (as a network failure or a crashed gateway would) without mocking, and
// see which frames went each way (raw TCP framing only).
import net from 'node:net';
import { decodeFrame, FrameSplitter, type DecodedFrame } from '../../src/protocol/framing.js';

/** A frame that went through the proxy: 'up' from the client to the server, 'down' back. */
export interface TappedFrame { dir: 'up' | 'down'; frame: DecodedFrame }

export class CuttableProxy {
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private readonly server: net.Server;
  /** Every frame that passed, in the order the proxy saw them. */
  readonly frames: TappedFrame[] = [];
  private waiters: (() => void)[] = [];

  private constructor(public targetPort: number, tapping: boolean) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.pairs.add(pair);
      client.pipe(upstream);
      upstream.pipe(client);
      if (tapping) {
        this.tap(client, 'up');
        this.tap(upstream, 'down');
      }
      const end = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
  }

  private tap(socket: net.Socket, dir: TappedFrame['dir']): void {
    const splitter = new FrameSplitter(1 << 24);
    socket.on('data', (chunk: Buffer) => {
      splitter.push(chunk, (body) => this.frames.push({ dir, frame: decodeFrame(body) }));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves once `predicate` holds over the frames seen so far, or throws after `timeoutMs`. */
  async waitForFrames(predicate: (frames: TappedFrame[]) => boolean, timeoutMs = 5000, what = 'frames'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.frames)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`proxy: timed out after ${timeoutMs} ms waiting for ${what}; saw ${this.frames.length} frame(s)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  /** `tap`: record the frames (only for a raw TCP target, not WebSocket). */
  static async start(targetPort: number, opts: { tap?: boolean } = {}): Promise<CuttableProxy> {
    const proxy = new CuttableProxy(targetPort, opts.tap ?? false);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get openConnections(): number {
    return this.pairs.size;
  }

  /** Resets every proxied connection on both sides; returns how many were cut. */
  cutAll(): number {
    const n = this.pairs.size;
    for (const [client, upstream] of this.pairs) {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }
    this.pairs.clear();
    return n;
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
