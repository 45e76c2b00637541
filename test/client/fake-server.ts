// A scripted stand-in for the server, on a real TCP socket with the real framing, for tests of
// client-only behaviour (back-off, dedupe of replays, resend after a drop, heartbeats). Each test
// drives the server side frame by frame.
import net from 'node:net';
import type { Client, ClientEvents } from '../../src/client/index.js';
import { decodeFrame, encodeFrame, FrameSplitter, type DecodedFrame, type Frame } from '../../src/protocol/framing.js';

export const defaultWelcome = {
  protocolVersion: 1, server: 'fake/0', maxFrameBytes: 128 * 1024, maxBodyBytes: 64 * 1024,
  heartbeatMs: 25_000, idleTimeoutMs: 60_000, registrationOpen: true, sendRatePerSec: 200, sendBurst: 400,
};

/** The server side of one client connection. */
export class FakeConn {
  readonly received: DecodedFrame[] = [];
  private readonly queue: DecodedFrame[] = [];
  private waiter: ((frame: DecodedFrame | null) => void) | null = null;
  closed = false;
  readonly closedPromise: Promise<void>;

  constructor(readonly socket: net.Socket) {
    const splitter = new FrameSplitter(1 << 24);
    socket.on('data', (chunk) => splitter.push(chunk, (body) => this.push(decodeFrame(body))));
    socket.on('error', () => { /* the client may reset */ });
    this.closedPromise = new Promise((resolve) => socket.on('close', () => {
      this.closed = true;
      this.waiter?.(null);
      this.waiter = null;
      resolve();
    }));
  }

  private push(frame: DecodedFrame): void {
    this.received.push(frame);
    if (this.waiter !== null) {
      const w = this.waiter;
      this.waiter = null;
      w(frame);
    } else {
      this.queue.push(frame);
    }
  }

  /** The next frame from the client (optionally skipping some kinds), or an error after `timeoutMs`. */
  async next(timeoutMs = 3000, skip: string[] = ['ping', 'ack']): Promise<DecodedFrame> {
    for (;;) {
      const frame = await this.nextRaw(timeoutMs);
      if (frame.ping && skip.includes('ping')) {
        this.send({ ref: frame.ref, pong: { nonce: frame.ping.nonce } });
        continue;
      }
      if (frame.body !== undefined && skip.includes(frame.body)) continue;
      return frame;
    }
  }

  private nextRaw(timeoutMs: number): Promise<DecodedFrame> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.reject(new Error('fake server: connection closed while waiting for a frame'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`fake server: no frame within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = (frame) => {
        clearTimeout(timer);
        if (frame === null) reject(new Error('fake server: connection closed while waiting for a frame'));
        else resolve(frame);
      };
    });
  }

  /** Expects a frame of kind `body` and returns it. */
  async expect(body: string, timeoutMs = 3000): Promise<DecodedFrame> {
    const frame = await this.next(timeoutMs);
    if (frame.body !== body) throw new Error(`fake server: expected ${body}, got ${frame.body ?? 'empty'}`);
    return frame;
  }

  send(...frames: Frame[]): void {
    if (this.closed) return;
    this.socket.write(Buffer.concat(frames.map((f) => encodeFrame(f))));
  }

  /** Hello -> Welcome. */
  async handshake(welcome: Partial<typeof defaultWelcome> = {}): Promise<void> {
    const hello = await this.expect('hello');
    this.send({ ref: hello.ref, welcome: { ...defaultWelcome, ...welcome } });
  }

  /** Hello -> Welcome, then Login or Resume -> LoginOk. Returns the login/resume frame. */
  async accept(opts: { user?: string; device?: string; token?: string; ackedSeq?: number; welcome?: Partial<typeof defaultWelcome> } = {}): Promise<DecodedFrame> {
    await this.handshake(opts.welcome);
    const auth = await this.next();
    if (auth.body !== 'login' && auth.body !== 'resume') throw new Error(`fake server: expected login or resume, got ${auth.body}`);
    this.send({
      ref: auth.ref,
      loginOk: {
        user: opts.user ?? auth.login?.user ?? 'alice', device: opts.device ?? auth.login?.device ?? 'default',
        resumeToken: opts.token ?? 'token-1', tokenExpiresAt: Date.now() + 3_600_000, ackedSeq: opts.ackedSeq ?? 0, serverTime: Date.now(),
      },
    });
    return auth;
  }

  /** Cuts the connection abruptly, as a crash or a network failure would. */
  drop(): void {
    this.socket.resetAndDestroy();
  }
}

export class FakeServer {
  readonly connections: FakeConn[] = [];
  private readonly server: net.Server;
  private waiters: ((conn: FakeConn) => void)[] = [];
  private pending: FakeConn[] = [];

  private constructor() {
    this.server = net.createServer((socket) => {
      const conn = new FakeConn(socket);
      this.connections.push(conn);
      const waiter = this.waiters.shift();
      if (waiter !== undefined) waiter(conn);
      else this.pending.push(conn);
    });
  }

  static async start(): Promise<FakeServer> {
    const fake = new FakeServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get url(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /** The next client connection. */
  accept(timeoutMs = 3000): Promise<FakeConn> {
    const conn = this.pending.shift();
    if (conn !== undefined) return Promise.resolve(conn);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`fake server: no connection within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (c: FakeConn) => {
        clearTimeout(timer);
        resolve(c);
      };
      this.waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    for (const conn of this.connections) conn.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Resolves with the next `event` of `client`, or rejects after `timeoutMs`. */
export function nextEvent<K extends keyof ClientEvents>(client: Client, event: K, timeoutMs = 3000): Promise<ClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const listener = (value: ClientEvents[K]) => {
      clearTimeout(timer);
      client.off(event, listener);
      resolve(value);
    };
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no '${String(event)}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    client.on(event, listener);
  });
}

/** Waits until `predicate` holds, polling every 5 ms, or throws after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
