// One connection to the server: transport, frame splitting, one batched write per tick, request
// refs, the Hello/Welcome handshake and the heartbeat. The Client builds the session on top.
import { decodeFrame, encodeFrames, FrameSplitter, FramingError, PROTOCOL_VERSION, type DecodedFrame, type Frame } from '../protocol/framing.js';
import { AtollError, fromWireError } from './errors.js';
import { connectTransport, type Transport, type TransportOptions } from './transport.js';
import type { ServerTarget } from './url.js';

/** Bytes one write (one WebSocket message) may carry, roughly. */
const MAX_WRITE_BYTES = 64 * 1024;

/** What the server said about itself in Welcome. */
export interface ServerInfo {
  protocolVersion: number;
  server: string;
  maxFrameBytes: number;
  maxBodyBytes: number;
  heartbeatMs: number;
  idleTimeoutMs: number;
  registrationOpen: boolean;
  /** Sends per second the server accepts on one connection (0: not said). */
  sendRatePerSec: number;
  /** Sends the server accepts at once; the client keeps at most this many in flight (0: not said). */
  sendBurst: number;
}

export interface ConnectionOptions extends TransportOptions {
  clientName: string;
}

export interface ConnectionEvents {
  /** A frame the server sent on its own (ref 0). */
  onFrame(conn: Connection, frame: DecodedFrame): void;
  /** The connection is gone. `error` is the server's fatal error, a transport error, or null. */
  onClose(conn: Connection, error: AtollError | null): void;
}

/** What a request waits for: its reply, or the loss of the connection. */
export interface ReplyHandler {
  reply(frame: DecodedFrame): void;
  lost(error: AtollError): void;
}

/** Frames from the server may be large (a full window of inbox items is many frames, not one). */
const MAX_INBOUND_FRAME_BYTES = 16 * 1024 * 1024;
const MAX_REF = 0xffffffff;

export class Connection {
  info!: ServerInfo;
  private transport: Transport | null = null;
  private readonly splitter = new FrameSplitter(MAX_INBOUND_FRAME_BYTES);
  private readonly waiting = new Map<number, ReplyHandler>();
  private batch: Frame[] = [];
  private lastRef = 0;
  private pingNonce = 0;
  private lastSentAt = Date.now();
  private lastReceivedAt = Date.now();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private opened = false;
  private closedFlag = false;
  private closeReason: AtollError | null = null;
  private readonly closeWaiters: (() => void)[] = [];

  private constructor(private readonly target: ServerTarget, private readonly events: ConnectionEvents) {}

  /** Opens the transport and does Hello/Welcome, all within `connectTimeoutMs`. */
  static async open(target: ServerTarget, options: ConnectionOptions, events: ConnectionEvents): Promise<Connection> {
    const conn = new Connection(target, events);
    const started = Date.now();
    try {
      conn.transport = await connectTransport(target, options, {
        onData: (bytes) => conn.onData(bytes),
        onClose: (error) => conn.onTransportClose(error),
      });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new AtollError('TRANSPORT', `cannot connect to ${target.url}: ${why}`, { cause: err });
    }
    const remaining = Math.max(1, options.connectTimeoutMs - (Date.now() - started));
    try {
      conn.info = await conn.handshake(options.clientName, remaining);
    } catch (err) {
      conn.close();
      throw err;
    }
    conn.opened = true;
    conn.startHeartbeat();
    return conn;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Sends a request with a fresh ref; `handler` gets its reply or the loss of the connection. */
  request(body: Omit<Frame, 'ref'>, handler: ReplyHandler): number {
    const ref = this.nextRef();
    if (this.closedFlag) {
      const reason = this.closeReason;
      queueMicrotask(() => handler.lost(reason ?? new AtollError('CLOSED', 'the connection is closed')));
      return ref;
    }
    this.waiting.set(ref, handler);
    this.post({ ...body, ref });
    return ref;
  }

  /** Stops waiting for a reply (after a client-side timeout); a late reply is ignored. */
  forget(ref: number): void {
    this.waiting.delete(ref);
  }

  /** Queues a frame; all frames queued in one tick go out in one write. */
  post(frame: Frame): void {
    if (this.closedFlag) return;
    this.batch.push(frame);
    if (this.batch.length === 1) queueMicrotask(() => this.flush());
  }

  /** Closes the connection (with `reason` reported to onClose); resolves once the transport is gone. */
  close(reason: AtollError | null = null): Promise<void> {
    if (reason !== null && this.closeReason === null) this.closeReason = reason;
    if (this.closedFlag) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.closeWaiters.push(resolve));
    this.flush();
    if (this.transport === null) this.onTransportClose(null);
    else this.transport.close();
    return done;
  }

  private handshake(clientName: string, timeoutMs: number): Promise<ServerInfo> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.forget(ref);
        reject(new AtollError('TIMEOUT', `${this.target.url} did not answer Hello within ${timeoutMs} ms`));
      }, timeoutMs);
      const ref = this.request({ hello: { protocolVersion: PROTOCOL_VERSION, client: clientName } }, {
        reply: (frame) => {
          clearTimeout(timer);
          if (frame.error) return reject(fromWireError(frame.error));
          if (!frame.welcome) return reject(new AtollError('PROTOCOL', `expected Welcome, got ${frame.body ?? 'an empty frame'}`));
          resolve(toServerInfo(frame.welcome));
        },
        lost: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  private nextRef(): number {
    this.lastRef = this.lastRef >= MAX_REF ? 1 : this.lastRef + 1;
    return this.lastRef;
  }

  private flush(): void {
    if (this.batch.length === 0 || this.transport === null) return;
    const frames = this.batch;
    this.batch = [];
    if (this.closedFlag) return;
    // One write per tick, but no single write (one WebSocket message) much above 64 KiB: the
    // server refuses WebSocket messages over 4x its frame limit.
    let start = 0;
    let bytes = 0;
    for (let i = 0; i < frames.length; i++) {
      const size = 64 + (frames[i].send?.body?.length ?? 0);
      if (bytes > 0 && bytes + size > MAX_WRITE_BYTES) {
        this.transport.send(encodeFrames(frames.slice(start, i)));
        start = i;
        bytes = 0;
      }
      bytes += size;
    }
    this.transport.send(encodeFrames(start === 0 ? frames : frames.slice(start)));
    this.lastSentAt = Date.now();
  }

  private onData(bytes: Uint8Array): void {
    this.lastReceivedAt = Date.now();
    try {
      this.splitter.push(bytes, (body) => this.dispatch(decodeFrame(body)));
    } catch (err) {
      if (!(err instanceof FramingError)) throw err;
      void this.close(new AtollError('PROTOCOL', `the server sent a bad frame: ${err.message}`, { cause: err }));
    }
  }

  private dispatch(frame: DecodedFrame): void {
    if (this.closedFlag) return;
    if (frame.error?.fatal && this.closeReason === null) this.closeReason = fromWireError(frame.error);
    if (frame.ping) {
      this.post({ ref: frame.ref, pong: { nonce: frame.ping.nonce } });
      return;
    }
    if (frame.ref !== 0) {
      const handler = this.waiting.get(frame.ref);
      if (handler === undefined) return; // a late reply to a request that timed out, or our Ping's Pong
      this.waiting.delete(frame.ref);
      handler.reply(frame);
      return;
    }
    this.events.onFrame(this, frame);
  }

  private onTransportClose(error: Error | null): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.batch = [];
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const reason = this.closeReason
      ?? (error === null ? null : new AtollError('TRANSPORT', `connection to ${this.target.url} failed: ${error.message}`, { cause: error }));
    const lostError = reason ?? new AtollError('CLOSED', `connection to ${this.target.url} closed`);
    const handlers = [...this.waiting.values()];
    this.waiting.clear();
    for (const handler of handlers) handler.lost(lostError);
    if (this.opened) this.events.onClose(this, reason);
    for (const resolve of this.closeWaiters.splice(0)) resolve();
  }

  /** Pings when either direction has been quiet, and gives up when the server is silent too long. */
  private startHeartbeat(): void {
    const { heartbeatMs, idleTimeoutMs } = this.info;
    if (heartbeatMs <= 0 || idleTimeoutMs <= 0) return;
    const period = Math.max(10, Math.floor(Math.min(heartbeatMs, idleTimeoutMs) / 4));
    this.heartbeat = setInterval(() => {
      const now = Date.now();
      if (now - this.lastReceivedAt >= idleTimeoutMs) {
        void this.close(new AtollError('TIMEOUT', `nothing received from ${this.target.url} for ${idleTimeoutMs} ms`));
        return;
      }
      if (now - this.lastSentAt >= heartbeatMs || now - this.lastReceivedAt >= heartbeatMs) {
        this.post({ ref: this.nextRef(), ping: { nonce: ++this.pingNonce } });
      }
    }, period);
  }
}

function toServerInfo(w: NonNullable<DecodedFrame['welcome']>): ServerInfo {
  return {
    protocolVersion: w.protocolVersion ?? 0,
    server: w.server ?? '',
    maxFrameBytes: w.maxFrameBytes ?? 0,
    maxBodyBytes: w.maxBodyBytes ?? 0,
    heartbeatMs: w.heartbeatMs ?? 0,
    idleTimeoutMs: w.idleTimeoutMs ?? 0,
    registrationOpen: w.registrationOpen ?? false,
    sendRatePerSec: w.sendRatePerSec ?? 0,
    sendBurst: w.sendBurst ?? 0,
  };
}
