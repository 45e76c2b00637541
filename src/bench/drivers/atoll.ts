// The Atoll protocol driver: raw frames from src/protocol/framing.ts over TCP or WebSocket, with
// every socket's writes and cumulative acks batched per event-loop tick to keep the generator cheap.
import net from 'node:net';
import WebSocket from 'ws';
import { encodeFrames, decodeFrame, FrameSplitter, wire, PROTOCOL_VERSION, type Frame, type DecodedFrame } from '../../protocol/framing.js';
import { nowUs } from '../clock.js';
import type { Target } from '../types.js';
import type { BenchConn, ConnEvents, ConnOptions } from './types.js';

const MAX_FRAME = 1 << 20;
const CONNECT_TIMEOUT_MS = 30_000;
const DEVICE = 'bench';

/** Connections with frames or an ack waiting; flushed once per tick. */
const dirty: AtollConn[] = [];
let flushScheduled = false;

function scheduleFlush(conn: AtollConn): void {
  if (conn.queued) return;
  conn.queued = true;
  dirty.push(conn);
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(flushAll);
}

function flushAll(): void {
  flushScheduled = false;
  const list = dirty.splice(0, dirty.length);
  for (const conn of list) {
    conn.queued = false;
    conn.flush();
  }
}

type Phase = 'idle' | 'connecting' | 'hello' | 'register' | 'login' | 'resume' | 'ready' | 'closed';

interface Link {
  write(bytes: Uint8Array): void;
  end(): void;
  destroy(): void;
}

export class AtollConn implements BenchConn {
  queued = false;
  private phase: Phase = 'idle';
  private link: Link | null = null;
  private out: Frame[] = [];
  private ref = 0;
  private controlRef = 0;
  private highSeq = 0;
  private ackedSeq = 0;
  private token: string | null = null;
  private startedUs = 0;
  private register = false;
  private pendingSends = 0;
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(
    private readonly target: Target,
    private readonly opts: ConnOptions,
    private readonly nameOf: (user: number) => string,
    private readonly events: ConnEvents,
  ) {}

  get user(): number {
    return this.opts.user;
  }
  get isReady(): boolean {
    return this.phase === 'ready';
  }
  get unacked(): number {
    return this.pendingSends;
  }

  open(register: boolean): void {
    if (this.phase !== 'idle' && this.phase !== 'closed') return;
    this.register = register;
    this.phase = 'connecting';
    this.closing = false;
    this.startedUs = nowUs();
    this.highSeq = 0;
    this.ackedSeq = 0;
    this.pendingSends = 0;
    this.out = [];
    this.timer = setTimeout(() => this.fail('CONNECT_TIMEOUT'), CONNECT_TIMEOUT_MS);
    this.link = this.target.transport === 'ws' ? this.openWs() : this.openTcp();
  }

  private openTcp(): Link {
    const socket = net.connect({ host: this.target.host, port: this.target.port, localAddress: this.opts.localAddress });
    socket.setNoDelay(true);
    const splitter = new FrameSplitter(MAX_FRAME);
    const link: Link = { write: (b) => socket.write(b), end: () => socket.end(), destroy: () => socket.destroy() };
    // Events of a socket this connection already replaced (a dropped one, after a reconnect) are ignored.
    const live = () => this.link === link;
    socket.on('connect', () => { if (live()) this.onOpen(); });
    socket.on('data', (chunk) => { if (live()) this.onBytes(splitter, chunk); });
    socket.on('error', (err: NodeJS.ErrnoException) => { if (live()) this.onGone(err.code ?? 'SOCKET_ERROR'); });
    socket.on('close', () => { if (live()) this.onGone('CLOSED'); });
    return link;
  }

  private openWs(): Link {
    const url = `ws://${this.target.host}:${this.target.port}${this.target.path}`;
    const ws = new WebSocket(url, { perMessageDeflate: false, localAddress: this.opts.localAddress });
    ws.binaryType = 'nodebuffer';
    const splitter = new FrameSplitter(MAX_FRAME);
    const link: Link = {
      write: (b) => ws.send(b, { binary: true }),
      end: () => ws.close(1000),
      destroy: () => ws.terminate(),
    };
    const live = () => this.link === link;
    ws.on('open', () => { if (live()) this.onOpen(); });
    ws.on('message', (data: Buffer) => { if (live()) this.onBytes(splitter, data); });
    ws.on('error', (err: NodeJS.ErrnoException) => { if (live()) this.onGone(err.code ?? 'WS_ERROR'); });
    ws.on('close', () => { if (live()) this.onGone('CLOSED'); });
    return link;
  }

  private onOpen(): void {
    this.phase = 'hello';
    this.request({ hello: { protocolVersion: PROTOCOL_VERSION, client: 'atoll-bench' } });
  }

  private request(body: Frame): void {
    this.controlRef = this.nextRef();
    this.push({ ...body, ref: this.controlRef });
  }

  private nextRef(): number {
    this.ref = this.ref >= 0xfffffff0 ? 1 : this.ref + 1;
    return this.ref;
  }

  private push(frame: Frame): void {
    this.out.push(frame);
    scheduleFlush(this);
  }

  flush(): void {
    if (this.link === null || this.phase === 'closed' || this.phase === 'connecting') return;
    if (this.highSeq > this.ackedSeq && this.phase === 'ready') {
      this.out.push({ ack: { seq: this.highSeq } });
      this.ackedSeq = this.highSeq;
    }
    if (this.out.length === 0) return;
    const frames = this.out;
    this.out = [];
    this.link.write(encodeFrames(frames));
  }

  private onBytes(splitter: FrameSplitter, chunk: Uint8Array): void {
    try {
      splitter.push(chunk, (body) => this.onFrame(decodeFrame(body)));
    } catch (err) {
      this.events.error(this, 'BAD_FRAME_FROM_SERVER');
      this.fail(`BAD_FRAME_FROM_SERVER: ${(err as Error).message}`);
    }
  }

  private onFrame(f: DecodedFrame): void {
    switch (f.body) {
      case 'deliver':
        return this.onDeliver(f.deliver!);
      case 'sendAck':
        this.pendingSends--;
        this.events.acked(this, f.sendAck!.id ?? '');
        if (this.pendingSends === 0) this.wake();
        return;
      case 'error':
        return this.onError(f.ref ?? 0, f.error!);
      case 'ping':
        return this.push({ pong: { nonce: f.ping!.nonce } });
      case 'welcome':
        return this.afterWelcome();
      case 'ok':
        if (this.phase === 'register' && f.ref === this.controlRef) this.login();
        return;
      case 'loginOk':
        return this.onLoginOk(f.loginOk!);
      default:
        return; // pong, presence, typing: nothing to do
    }
  }

  private afterWelcome(): void {
    if (this.token !== null) {
      this.phase = 'resume';
      this.request({ resume: { token: this.token } });
      return;
    }
    if (this.register) {
      this.phase = 'register';
      this.request({ register: { user: this.opts.userName, password: this.opts.password } });
      return;
    }
    this.login();
  }

  private login(): void {
    this.phase = 'login';
    this.request({ login: { user: this.opts.userName, password: this.opts.password, device: DEVICE } });
  }

  private onLoginOk(ok: NonNullable<DecodedFrame['loginOk']>): void {
    this.token = ok.resumeToken || null;
    this.phase = 'ready';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.events.ready(this, this.startedUs);
    scheduleFlush(this); // an ack may be waiting for messages that arrived before LoginOk was read
  }

  private onDeliver(d: NonNullable<DecodedFrame['deliver']>): void {
    const seq = Number(d.seq);
    if (seq > this.highSeq) this.highSeq = seq;
    scheduleFlush(this);
    if (d.message) {
      const body = d.message.body;
      this.events.message(this, d.message.id ?? '', body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1') : '');
    } else if (d.receipt) {
      this.events.receipt(this);
    }
  }

  private onError(ref: number, e: NonNullable<DecodedFrame['error']>): void {
    const code = wire.ErrorCode[e.code ?? 0] ?? String(e.code);
    if (ref !== 0 && ref === this.controlRef && this.phase !== 'ready') {
      if (this.phase === 'register' && code === 'USER_EXISTS') return this.login();
      if (this.phase === 'resume' && code === 'INVALID_TOKEN') {
        this.token = null;
        return this.login();
      }
      this.events.error(this, code);
      return this.fail(code, e.retryAfterMs || undefined);
    }
    this.events.error(this, code);
    if (ref !== 0 && this.phase === 'ready') {
      // a refused Send: it will never be acked
      this.pendingSends = Math.max(0, this.pendingSends - 1);
      if (this.pendingSends === 0) this.wake();
    }
  }

  send(toUser: number, id: string, body: string): void {
    if (this.phase !== 'ready') return;
    this.pendingSends++;
    this.push({ ref: this.nextRef(), send: { id, to: this.nameOf(toUser), body: Buffer.from(body, 'latin1') } });
  }

  heartbeat(): void {
    if (this.phase === 'ready') this.push({ ping: { nonce: 1 } });
  }

  barrier(): Promise<void> {
    if (this.pendingSends === 0 || this.phase !== 'ready') return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  close(): void {
    if (this.link === null) return;
    this.closing = true;
    this.flush();
    this.link.end();
    this.finish();
  }

  destroy(): void {
    if (this.link === null) return;
    this.closing = true;
    this.link.destroy();
    this.finish();
  }

  private fail(reason: string, retryAfterMs?: number): void {
    if (this.phase === 'closed' || this.phase === 'idle') return;
    const wasReady = this.phase === 'ready';
    this.closing = true;
    this.link?.destroy();
    this.finish();
    if (wasReady) this.events.closed(this, reason);
    else this.events.failed(this, reason, retryAfterMs);
  }

  private onGone(reason: string): void {
    if (this.closing) return;
    this.fail(reason);
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.link = null;
    this.phase = 'closed';
    this.out = [];
    this.wake();
  }
}

export function createAtollConn(target: Target, opts: ConnOptions, nameOf: (u: number) => string, events: ConnEvents): AtollConn {
  return new AtollConn(target, opts, nameOf, events);
}
