// The Atoll client: a session over one connection at a time, with automatic reconnect and resume,
// a durable-intent outbox (sends survive drops and are resent with the same id), and
// exactly-once delivery of inbox items to the application.
import type { DecodedFrame, Frame } from '../protocol/framing.js';
import { wire } from '../protocol/framing.js';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff.js';
import { Connection, type ServerInfo } from './connection.js';
import { Emitter } from './emitter.js';
import { AtollError, fromWireError } from './errors.js';
import { parseServerUrl, type ServerTarget } from './url.js';

export interface ClientOptions {
  /** 'ws://H:P[/path]' ('/v1/ws' when the path is omitted), 'wss://…', 'tcp://H:P', 'tls://H:P'. */
  server: string;
  user?: string;
  password?: string;
  /** Device name; 'default' when omitted. */
  device?: string;
  /** Resume token to use instead of the password. */
  token?: string;
  /** Reconnect and resume after an unexpected drop. Default true. */
  reconnect?: boolean;
  /**
   * Ack each inbox item once it was handed to the 'message'/'receipt' listeners. Default true.
   * Off: call ack(seq) once the application has processed the items up to seq. Either way nothing
   * is acked before it was handed out (see src/client/README.md, "Inbox items and acks").
   */
  autoAck?: boolean;
  backoff?: Partial<BackoffOptions>;
  clientName?: string;
  /** Transport plus Hello/Welcome. Default 10000. */
  connectTimeoutMs?: number;
  /** Default 15000. */
  requestTimeoutMs?: number;
  /** Node only. */
  tls?: { ca?: string | Uint8Array; rejectUnauthorized?: boolean };
  /** Node only: source address (e.g. 127.0.0.2). */
  localAddress?: string;
}

export type ClientState = 'idle' | 'connecting' | 'authenticating' | 'live' | 'reconnecting' | 'closed';

export interface ReceivedMessage {
  seq: number;
  id: string;
  from: string;
  to: string;
  body: Uint8Array;
  /** The body as UTF-8. */
  text: string;
  sentAt: number;
  fromDevice: string;
  /** from === my user: a copy of my own send from another device. */
  outgoing: boolean;
}

export interface ReceivedReceipt {
  seq: number;
  kind: 'delivered' | 'read';
  by: string;
  ids: string[];
  at: number;
}

export interface TypingEvent { from: string; active: boolean }
export interface PresenceEvent { user: string; state: 'online' | 'offline'; lastSeen: number }

export interface LoginInfo {
  user: string;
  device: string;
  resumeToken: string;
  tokenExpiresAt: number;
  ackedSeq: number;
  serverTime: number;
}

export interface SendResult { id: string; sentAt: number; duplicate: boolean }

export interface ClientEvents {
  message: ReceivedMessage;
  receipt: ReceivedReceipt;
  typing: TypingEvent;
  presence: PresenceEvent;
  state: ClientState;
  /** Errors not tied to a request: the server's ref-0 errors, and why the client gave up. */
  error: AtollError;
  login: LoginInfo;
}

/** Sends waiting for their SendAck, across connections. */
const MAX_OUTBOX = 10_000;
/** Sends on the wire at once (fewer if Welcome.send_burst says so); the rest wait, in order. */
const MAX_IN_FLIGHT_SENDS = 256;
/** The server's per-request limit for user and id lists. */
const LIST_CHUNK = 1000;
const MIN_RETRY_MS = 50;
/** Times a Login, Register or Resume refused with RATE_LIMITED is sent again before the call rejects with it. */
const MAX_RATE_LIMITED_RETRIES = 2;
/** Errors after which reconnecting cannot help. */
const TERMINAL_CODES = new Set(['AUTH_FAILED', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_DEVICES', 'SESSION_REPLACED', 'INVALID_TOKEN', 'UNSUPPORTED_VERSION', 'ALREADY_AUTHENTICATED']);
/** Send errors that mean "not now": nothing was stored; every send waits retryAfterMs, then goes again with its id. */
const SEND_LATER_CODES = new Set(['RATE_LIMITED', 'SERVER_BUSY', 'STORAGE_UNAVAILABLE']);

interface OutboxEntry {
  order: number;
  id: string;
  to: string;
  body: Uint8Array;
  promise: Promise<SendResult>;
  resolve(result: SendResult): void;
  reject(error: AtollError): void;
  /** The connection it is in flight on, or null while it waits. */
  conn: Connection | null;
  ref: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/** A request that needs a live session; replayed on the next connection if the current one drops. */
interface SessionCall {
  body: Omit<Frame, 'ref'>;
  resolve(frame: DecodedFrame): void;
  reject(error: AtollError): void;
  onReply: ((frame: DecodedFrame) => void) | undefined;
  conn: Connection | null;
  ref: number;
  timer: ReturnType<typeof setTimeout>;
}

/** An inbox item received and not yet handed out (no listener for it yet). */
type InboxItem =
  | { seq: number; kind: 'message'; message: ReceivedMessage }
  | { seq: number; kind: 'receipt'; receipt: ReceivedReceipt }
  /** A kind this client does not know (from a newer server): nothing to hand to. */
  | { seq: number; kind: 'unknown' };

/** An item handed out or passed over whose seq the server has not been told yet. */
interface Unacked {
  seq: number;
  /** Handed to the application with autoAck off: acked only by its ack(). */
  byApp: boolean;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

export class Client extends Emitter<ClientEvents> {
  private readonly options: ClientOptions;
  private readonly target: ServerTarget;
  private readonly backoff: BackoffOptions;
  private readonly autoAck: boolean;
  private readonly connectTimeoutMs: number;
  private readonly requestTimeoutMs: number;

  private currentState: ClientState = 'idle';
  private conn: Connection | null = null;
  private connecting: Promise<ServerInfo> | null = null;
  private info: ServerInfo | null = null;
  private live = false;
  /** A login succeeded: drops are followed by reconnect and resume until close/logout. */
  private hadSession = false;
  private stopping = false;
  private currentUser: string | undefined;
  private currentDevice: string | undefined;
  private token: string | undefined;
  private password: string | undefined;

  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectAttempt = 0;
  private attemptRunning = false;

  /** Highest inbox seq received (held or handed out): anything at or below it is a replay. */
  private lastSeq = 0;
  /** Received items waiting, in seq order, for a listener; `heldHead` is the next to hand out. */
  private held: InboxItem[] = [];
  private heldHead = 0;
  private draining = false;
  private drainScheduled = false;
  /** Highest seq handed out or passed over: everything at or below it left the held queue. */
  private handedSeq = 0;
  /** Handed-out or passed-over items above `ackTarget`, in seq order. */
  private unacked: Unacked[] = [];
  /** Highest seq the server may be told is processed; `ackSent` what it was told. */
  private ackTarget = 0;
  private ackSent = 0;
  private ackScheduled = false;

  private readonly outbox = new Map<string, OutboxEntry>();
  private waiting: OutboxEntry[] = [];
  private waitingHead = 0;
  private rebuildWaiting = false;
  private inFlightSends = 0;
  private sendOrder = 0;
  /** Set by a "send later" error: nothing is sent again until every send in flight is answered. */
  private drainBeforeResend = false;
  /** performance.now() until which sends wait (RATE_LIMITED, SERVER_BUSY, STORAGE_UNAVAILABLE). */
  private pausedUntil = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | null = null;

  private readonly calls = new Set<SessionCall>();
  private readonly subscriptions = new Set<string>();

  constructor(options: ClientOptions) {
    super();
    this.options = { ...options };
    this.target = parseServerUrl(options.server);
    this.backoff = { ...defaultBackoff, ...options.backoff };
    this.autoAck = options.autoAck ?? true;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.token = options.token;
  }

  get state(): ClientState { return this.currentState; }
  get resumeToken(): string | undefined { return this.token; }
  get user(): string | undefined { return this.currentUser; }
  get device(): string | undefined { return this.currentDevice; }
  /** What the server said in Welcome on the current (or last) connection. */
  get serverInfo(): ServerInfo | null { return this.info; }

  /** Opens the transport and does Hello/Welcome. Resolves at once if already connected. */
  connect(): Promise<ServerInfo> {
    if (this.currentState === 'closed') return Promise.reject(closedError());
    if (this.conn !== null) return Promise.resolve(this.conn.info);
    if (this.connecting !== null) return this.connecting;
    if (this.reconnectTimer !== null) {
      // Reconnecting: try now instead of waiting out the back-off.
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      void this.attemptReconnect();
      if (this.connecting !== null) return this.connecting;
    }
    return this.openConnection().catch((err: unknown) => {
      if (!this.hadSession && this.currentState !== 'closed') this.setState('idle');
      throw err;
    });
  }

  /** Creates an account (does not log in). `inviteCode` is needed when the server's open registration is off. */
  async register(user: string, password: string, opts: { inviteCode?: string } = {}): Promise<void> {
    const conn = await this.handshakeConnection();
    const reply = await this.handshakeCall(conn, { register: { user, password, inviteCode: opts.inviteCode ?? '' } });
    if (!reply.ok) throw unexpected('Ok', reply);
  }

  async login(creds?: { user: string; password: string; device?: string }): Promise<LoginInfo> {
    const user = creds?.user ?? this.options.user;
    const password = creds?.password ?? this.options.password;
    const device = creds?.device ?? this.options.device ?? 'default';
    if (!user || !password) {
      if (creds === undefined && this.options.token) return this.resume(this.options.token);
      throw new AtollError('INVALID_ARGUMENT', 'login needs a user and a password, in the call or in ClientOptions');
    }
    this.assertNoSession();
    const conn = await this.handshakeConnection();
    const info = await this.authenticate(conn, { login: { user, password, device } });
    this.password = password;
    return info;
  }

  async resume(token?: string): Promise<LoginInfo> {
    const useToken = token ?? this.token ?? this.options.token;
    if (!useToken) throw new AtollError('INVALID_ARGUMENT', 'resume needs a token: pass one, or set ClientOptions.token');
    this.assertNoSession();
    const conn = await this.handshakeConnection();
    const info = await this.authenticate(conn, { resume: { token: useToken } });
    if (this.options.password && this.options.user === info.user) this.password = this.options.password;
    return info;
  }

  /**
   * Sends a message. Resolves once the server holds it durably. While the client is not live the
   * send waits in the outbox and goes out (with the same id) once it is.
   */
  send(to: string, body: string | Uint8Array, opts?: { id?: string }): Promise<SendResult> {
    if (this.currentState === 'closed') return Promise.reject(closedError());
    if (!this.hadSession && this.currentState === 'idle') return Promise.reject(notAuthenticated());
    const id = opts?.id ?? randomId();
    if (id.length < 1 || id.length > 64) return Promise.reject(new AtollError('INVALID_ARGUMENT', `message id must be 1-64 characters; got ${id.length}`));
    const existing = this.outbox.get(id);
    if (existing !== undefined) return existing.promise;
    if (this.outbox.size >= MAX_OUTBOX) {
      return Promise.reject(new AtollError('QUEUE_FULL', `${MAX_OUTBOX} messages are already waiting for the server; wait for some sends to complete`));
    }
    const bytes = typeof body === 'string' ? utf8Encoder.encode(body) : body;
    const tooLarge = this.bodyTooLarge(bytes);
    if (tooLarge !== null) return Promise.reject(tooLarge);
    const entry = newOutboxEntry(++this.sendOrder, id, to, bytes);
    this.outbox.set(id, entry);
    this.waiting.push(entry);
    this.pumpSends();
    return entry.promise;
  }

  async markRead(from: string, ids: string[]): Promise<void> {
    await Promise.all(chunks(ids).map((part) => this.sessionCall({ markRead: { from, ids: part } })));
  }

  /** Typing indicators are never queued: dropped unless live. */
  typing(to: string, active = true): void {
    if (this.live && this.conn !== null) this.conn.post({ typing: { to, active } });
  }

  /** Subscribes to presence; kept across reconnects. */
  async subscribe(users: string[]): Promise<void> {
    for (const user of users) this.subscriptions.add(user);
    await Promise.all(chunks(users).map(async (part) => {
      try {
        await this.sessionCall({ subscribe: { users: part } });
      } catch (err) {
        for (const user of part) this.subscriptions.delete(user);
        throw err;
      }
    }));
  }

  async unsubscribe(users: string[]): Promise<void> {
    for (const user of users) this.subscriptions.delete(user);
    await Promise.all(chunks(users).map((part) => this.sessionCall({ unsubscribe: { users: part } })));
  }

  async setPrivacy(p: { hideLastSeen: boolean }): Promise<void> {
    await this.sessionCall({ setPrivacy: { hideLastSeen: p.hideLastSeen } });
  }

  /**
   * Acks every inbox item up to `seq` (for autoAck: false). Sent once per tick, cumulatively.
   * Clamped to what was handed out: an item still held for a listener is never acked.
   */
  ack(seq: number): void {
    const upTo = Math.min(seq, this.handedSeq);
    if (upTo <= this.ackTarget) return;
    this.ackTarget = upTo;
    let drop = 0;
    while (drop < this.unacked.length && this.unacked[drop].seq <= upTo) drop++;
    this.unacked.splice(0, drop);
    this.advanceAck();
  }

  async logout(opts: { forgetDevice?: boolean } = {}): Promise<void> {
    if (this.currentState === 'closed') throw closedError();
    if (!this.hadSession) throw notAuthenticated();
    // Set in the reply handler, before the server closes the socket, so the close is expected.
    await this.sessionCall({ logout: { forgetDevice: opts.forgetDevice ?? false } }, () => { this.stopping = true; });
    this.token = undefined;
    this.password = undefined;
    await this.shutdown(null, false);
  }

  /** Closes the connection for good; pending sends and requests reject with CLOSED. */
  close(): Promise<void> {
    return this.shutdown(null, false);
  }

  // ---- connections ----

  private openConnection(): Promise<ServerInfo> {
    this.setState('connecting');
    const attempt = Connection.open(this.target, {
      connectTimeoutMs: this.connectTimeoutMs,
      clientName: this.options.clientName ?? 'atoll-js/0.1.0',
      ...(this.options.tls !== undefined ? { tls: this.options.tls } : {}),
      ...(this.options.localAddress !== undefined ? { localAddress: this.options.localAddress } : {}),
    }, {
      onFrame: (conn, frame) => this.onFrame(conn, frame),
      onClose: (conn, error) => this.onConnectionClose(conn, error),
    }).then((conn) => {
      this.connecting = null;
      if (this.currentState === 'closed' || this.stopping) {
        void conn.close();
        throw closedError();
      }
      if (conn.closed) throw new AtollError('CLOSED', `connection to ${this.target.url} closed right after Welcome`);
      this.conn = conn;
      this.info = conn.info;
      this.setState('authenticating');
      return conn.info;
    }, (err: unknown) => {
      this.connecting = null;
      throw err;
    });
    this.connecting = attempt;
    return attempt;
  }

  private async handshakeConnection(): Promise<Connection> {
    await this.connect();
    if (this.conn === null) throw new AtollError('CLOSED', `connection to ${this.target.url} closed`);
    return this.conn;
  }

  private assertNoSession(): void {
    if (this.currentState === 'closed') throw closedError();
    if (this.hadSession) throw new AtollError('ALREADY_AUTHENTICATED', 'this client is already logged in (it resumes by itself after a drop); use a new Client for another login');
  }

  /** A request on a connection that is not logged in yet: it fails with the connection. */
  private handshakeCall(conn: Connection, body: Omit<Frame, 'ref'>, onReply?: (frame: DecodedFrame) => void): Promise<DecodedFrame> {
    return this.retryWhileStorageDown(() => this.handshakeCallOnce(conn, body, onReply), MAX_RATE_LIMITED_RETRIES);
  }

  private handshakeCallOnce(conn: Connection, body: Omit<Frame, 'ref'>, onReply?: (frame: DecodedFrame) => void): Promise<DecodedFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        conn.forget(ref);
        reject(new AtollError('TIMEOUT', `no reply to ${requestName(body)} within ${this.requestTimeoutMs} ms`));
      }, this.requestTimeoutMs);
      const ref = conn.request(body, {
        reply: (frame) => {
          clearTimeout(timer);
          if (frame.error) return reject(fromWireError(frame.error));
          onReply?.(frame);
          resolve(frame);
        },
        lost: (error) => {
          clearTimeout(timer);
          reject(new AtollError('CLOSED', `connection lost before the reply to ${requestName(body)}: ${error.message}`, { cause: error }));
        },
      });
    });
  }

  /** Login or Resume on `conn`. The session starts synchronously when LoginOk is read, before any Deliver behind it. */
  private async authenticate(conn: Connection, body: Omit<Frame, 'ref'>): Promise<LoginInfo> {
    this.setState('authenticating');
    let info: LoginInfo | null = null;
    const reply = await this.handshakeCall(conn, body, (frame) => {
      if (frame.loginOk) info = this.startSession(conn, frame.loginOk);
    });
    if (info === null) throw unexpected('LoginOk', reply);
    return info;
  }

  private startSession(conn: Connection, ok: NonNullable<DecodedFrame['loginOk']>): LoginInfo {
    const info: LoginInfo = {
      user: ok.user ?? '',
      device: ok.device ?? '',
      resumeToken: ok.resumeToken ?? '',
      tokenExpiresAt: num(ok.tokenExpiresAt),
      ackedSeq: num(ok.ackedSeq),
      serverTime: num(ok.serverTime),
    };
    const resuming = this.hadSession;
    this.currentUser = info.user;
    this.currentDevice = info.device;
    this.token = info.resumeToken;
    this.lastSeq = Math.max(this.lastSeq, info.ackedSeq);
    this.ackSent = info.ackedSeq;
    this.hadSession = true;
    this.live = true;
    this.reconnectAttempt = 0;
    this.setState('live');
    this.emit('login', info);
    if (resuming) this.resubscribe(conn);
    this.scheduleAck();
    for (const call of this.calls) if (call.conn === null) this.transmitCall(conn, call);
    this.rebuildWaiting = true;
    this.pumpSends();
    return info;
  }

  /** Presence subscriptions live on the connection: renew them on every new one. */
  private resubscribe(conn: Connection): void {
    for (const part of chunks([...this.subscriptions])) {
      conn.request({ subscribe: { users: part } }, {
        reply: (frame) => {
          if (frame.error) this.emit('error', fromWireError(frame.error));
        },
        lost: () => { /* the next connection subscribes again */ },
      });
    }
  }

  private onConnectionClose(conn: Connection, error: AtollError | null): void {
    if (conn !== this.conn) return;
    this.conn = null;
    this.live = false;
    if (this.stopping || this.currentState === 'closed') return;
    if (!this.hadSession) {
      this.setState('idle');
      return;
    }
    if (this.attemptRunning) return; // the running attempt sees its own failure
    if (error !== null && TERMINAL_CODES.has(error.code)) {
      void this.shutdown(error, false); // already reported through 'error' when its frame arrived
      return;
    }
    if (this.options.reconnect === false) {
      void this.shutdown(new AtollError('CLOSED', `connection lost and reconnect is off${error ? `: ${error.message}` : ''}`, { cause: error }), true);
      return;
    }
    this.scheduleReconnect(error?.retryAfterMs ?? 0);
  }

  private scheduleReconnect(minDelayMs: number): void {
    this.setState('reconnecting');
    const delay = Math.max(minDelayMs, backoffDelay(this.reconnectAttempt++, this.backoff));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.attemptReconnect();
    }, delay);
  }

  private async attemptReconnect(): Promise<void> {
    if (this.attemptRunning) return;
    this.attemptRunning = true;
    try {
      await this.openConnection();
      await this.reauthenticate();
    } catch (err) {
      this.afterFailedAttempt(toAtollError(err));
    } finally {
      this.attemptRunning = false;
    }
  }

  private async reauthenticate(): Promise<void> {
    const conn = this.conn;
    if (conn === null) throw new AtollError('CLOSED', 'connection lost before resuming');
    try {
      if (this.token === undefined) throw new AtollError('INVALID_TOKEN', 'no resume token');
      await this.authenticate(conn, { resume: { token: this.token } });
    } catch (err) {
      const password = this.password;
      if (!(err instanceof AtollError) || err.code !== 'INVALID_TOKEN' || password === undefined || this.currentUser === undefined) throw err;
      await this.authenticate(conn, { login: { user: this.currentUser, password, device: this.currentDevice ?? 'default' } });
    }
  }

  private afterFailedAttempt(error: AtollError): void {
    if (this.stopping || this.currentState === 'closed') return;
    if (TERMINAL_CODES.has(error.code)) {
      void this.shutdown(error, true);
      return;
    }
    const conn = this.conn;
    if (conn !== null) {
      // The connection opened but the session did not start (e.g. Resume timed out): drop it.
      this.conn = null;
      this.live = false;
      void conn.close();
    }
    this.scheduleReconnect(error.retryAfterMs);
  }

  private async shutdown(error: AtollError | null, report: boolean): Promise<void> {
    if (this.currentState === 'closed') return;
    this.stopping = true;
    this.live = false;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    if (this.pauseTimer !== null) clearTimeout(this.pauseTimer);
    this.reconnectTimer = this.pauseTimer = null;
    this.rejectPending(error);
    // Held items were never acked: the server keeps them for the device's next session.
    this.held = [];
    this.heldHead = 0;
    const conn = this.conn;
    this.conn = null;
    this.setState('closed');
    if (report && error !== null) this.emit('error', error);
    if (conn !== null) await conn.close();
  }

  private rejectPending(cause: AtollError | null): void {
    const why = cause === null ? 'the client was closed' : cause.message;
    for (const entry of this.outbox.values()) {
      if (entry.timer !== null) clearTimeout(entry.timer);
      entry.conn = null;
      entry.reject(new AtollError('CLOSED', `${why} before the server confirmed message ${entry.id}; it may or may not be stored: resend it with the same id to be sure`, { cause }));
    }
    this.outbox.clear();
    this.inFlightSends = 0;
    this.waiting = [];
    this.waitingHead = 0;
    for (const call of this.calls) {
      clearTimeout(call.timer);
      call.reject(new AtollError('CLOSED', `${why} before the reply to ${requestName(call.body)}`, { cause }));
    }
    this.calls.clear();
  }

  // ---- frames from the server ----

  private onFrame(conn: Connection, frame: DecodedFrame): void {
    if (conn !== this.conn) return;
    if (frame.deliver) return this.onDeliver(frame.deliver);
    if (frame.typing) return this.emit('typing', { from: frame.typing.from ?? '', active: frame.typing.active ?? false });
    if (frame.presence) {
      const p = frame.presence;
      return this.emit('presence', { user: p.user ?? '', state: p.state === wire.Presence.State.ONLINE ? 'online' : 'offline', lastSeen: num(p.lastSeen) });
    }
    if (frame.error) return this.emit('error', fromWireError(frame.error));
  }

  private onDeliver(d: NonNullable<DecodedFrame['deliver']>): void {
    const seq = num(d.seq);
    if (seq <= this.lastSeq) {
      // A replay after a resume. If it was handed out, make sure the server learns that; if it is
      // still held, it stays held (and unacked) until a listener takes it.
      this.scheduleAck();
      return;
    }
    this.lastSeq = seq;
    if (d.message) this.held.push({ seq, kind: 'message', message: this.toMessage(seq, d.message) });
    else if (d.receipt) this.held.push({ seq, kind: 'receipt', receipt: toReceipt(seq, d.receipt) });
    else this.held.push({ seq, kind: 'unknown' });
    this.drain();
  }

  /** A 'message' or 'receipt' listener may take held items: hand them out once the caller's tick is over. */
  protected override listenerAdded(event: keyof ClientEvents): void {
    if ((event !== 'message' && event !== 'receipt') || this.heldHead >= this.held.length || this.drainScheduled) return;
    // Not at once: listeners attached together (message, then receipt) all see the backlog.
    this.drainScheduled = true;
    queueMicrotask(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  /**
   * Hands held items out in seq order, and stops at the first one nobody may take yet. A message
   * waits for a 'message' listener. A receipt goes to a 'receipt' listener; with none, but a
   * 'message' listener, the application has chosen not to follow receipts: it is passed over (and
   * acked), so it cannot hold the queue behind it forever.
   */
  private drain(): void {
    if (this.draining) return; // a listener attached a listener: the running loop goes on
    this.draining = true;
    try {
      while (this.heldHead < this.held.length && this.currentState !== 'closed') {
        const item = this.held[this.heldHead];
        const taker = this.takerOf(item);
        if (taker === null) break;
        this.heldHead++;
        // Recorded before the listeners run, so an ack(seq) from inside one counts.
        this.handedSeq = item.seq;
        this.unacked.push({ seq: item.seq, byApp: taker !== 'nobody' && !this.autoAck });
        if (item.kind === 'message') this.emit('message', item.message);
        else if (item.kind === 'receipt' && taker === 'receipt') this.emit('receipt', item.receipt);
      }
      if (this.heldHead === this.held.length) {
        this.held = [];
        this.heldHead = 0;
      }
    } finally {
      this.draining = false;
    }
    this.advanceAck();
  }

  private takerOf(item: InboxItem): 'message' | 'receipt' | 'nobody' | null {
    const ready = this.listenerCount('message') > 0;
    if (item.kind === 'message') return ready ? 'message' : null;
    if (item.kind === 'receipt' && this.listenerCount('receipt') > 0) return 'receipt';
    return ready ? 'nobody' : null;
  }

  /** Moves the ack over every leading item that needs no ack() from the application. */
  private advanceAck(): void {
    let n = 0;
    while (n < this.unacked.length && !this.unacked[n].byApp) n++;
    if (n > 0) {
      this.ackTarget = Math.max(this.ackTarget, this.unacked[n - 1].seq);
      this.unacked.splice(0, n);
    }
    this.scheduleAck();
  }

  private toMessage(seq: number, m: NonNullable<NonNullable<DecodedFrame['deliver']>['message']>): ReceivedMessage {
    const body = m.body ?? new Uint8Array(0);
    const from = m.from ?? '';
    return {
      seq,
      id: m.id ?? '',
      from,
      to: m.to ?? '',
      body,
      text: utf8Decoder.decode(body),
      sentAt: num(m.sentAt),
      fromDevice: m.fromDevice ?? '',
      outgoing: from === this.currentUser,
    };
  }

  private scheduleAck(): void {
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    queueMicrotask(() => {
      this.ackScheduled = false;
      if (!this.live || this.conn === null || this.ackTarget <= this.ackSent) return;
      this.conn.post({ ack: { seq: this.ackTarget } });
      this.ackSent = this.ackTarget;
    });
  }

  // ---- session calls ----

  private sessionCall(body: Omit<Frame, 'ref'>, onReply?: (frame: DecodedFrame) => void): Promise<DecodedFrame> {
    return this.retryWhileStorageDown(() => this.sessionCallOnce(body, onReply));
  }

  /**
   * STORAGE_UNAVAILABLE (the server could store nothing, e.g. its disk is full) is not the
   * request's fault: send it again after retryAfterMs, as long as that fits in requestTimeoutMs.
   * So is RATE_LIMITED on Login/Register/Resume, up to `rateLimitedRetries` times: each one
   * counts toward the server's failed attempts on the connection, so the client does not spend
   * them all on waiting.
   */
  private async retryWhileStorageDown(attempt: () => Promise<DecodedFrame>, rateLimitedRetries = 0): Promise<DecodedFrame> {
    const deadline = performance.now() + this.requestTimeoutMs;
    let rateLimited = 0;
    for (;;) {
      try {
        return await attempt();
      } catch (err) {
        if (!(err instanceof AtollError) || err.fatal) throw err;
        const retry = err.code === 'STORAGE_UNAVAILABLE' || (err.code === 'RATE_LIMITED' && rateLimited++ < rateLimitedRetries);
        if (!retry) throw err;
        const wait = Math.max(MIN_RETRY_MS, err.retryAfterMs);
        if (this.currentState === 'closed' || performance.now() + wait > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  private sessionCallOnce(body: Omit<Frame, 'ref'>, onReply?: (frame: DecodedFrame) => void): Promise<DecodedFrame> {
    if (this.currentState === 'closed') return Promise.reject(closedError());
    if (!this.hadSession && this.currentState === 'idle') return Promise.reject(notAuthenticated());
    return new Promise((resolve, reject) => {
      const call: SessionCall = {
        body, resolve, reject, onReply, conn: null, ref: 0,
        timer: setTimeout(() => {
          this.calls.delete(call);
          if (call.conn !== null) call.conn.forget(call.ref);
          reject(new AtollError('TIMEOUT', `no reply to ${requestName(body)} within ${this.requestTimeoutMs} ms`));
        }, this.requestTimeoutMs),
      };
      this.calls.add(call);
      if (this.live && this.conn !== null) this.transmitCall(this.conn, call);
    });
  }

  private transmitCall(conn: Connection, call: SessionCall): void {
    call.conn = conn;
    call.ref = conn.request(call.body, {
      reply: (frame) => {
        clearTimeout(call.timer);
        this.calls.delete(call);
        if (frame.error) return call.reject(fromWireError(frame.error));
        call.onReply?.(frame);
        call.resolve(frame);
      },
      lost: () => {
        // Safe to replay: it goes out again once the session is back.
        call.conn = null;
        call.ref = 0;
      },
    });
  }

  // ---- the outbox ----

  private bodyTooLarge(body: Uint8Array): AtollError | null {
    if (this.info === null || this.info.maxBodyBytes <= 0 || body.length <= this.info.maxBodyBytes) return null;
    return new AtollError('MESSAGE_TOO_LARGE', `message body of ${body.length} bytes exceeds the server's limit of ${this.info.maxBodyBytes}`);
  }

  /** Puts waiting sends on the wire, in the order they were made, up to the in-flight limit. */
  private pumpSends(): void {
    const conn = this.conn;
    if (!this.live || conn === null || performance.now() < this.pausedUntil) return;
    if (this.drainBeforeResend && this.inFlightSends > 0) return;
    this.drainBeforeResend = false;
    if (this.rebuildWaiting) {
      // After a drop or a rate limit some earlier sends wait again: restore the original order.
      this.rebuildWaiting = false;
      this.waiting = [...this.outbox.values()].filter((e) => e.conn === null);
      this.waitingHead = 0;
    }
    // The server accepts `sendBurst` sends at once; more in flight could meet its fatal RATE_LIMITED.
    const limit = conn.info.sendBurst > 0 ? Math.min(conn.info.sendBurst, MAX_IN_FLIGHT_SENDS) : MAX_IN_FLIGHT_SENDS;
    while (this.inFlightSends < limit && this.waitingHead < this.waiting.length) {
      const entry = this.waiting[this.waitingHead++];
      if (entry.conn !== null || !this.outbox.has(entry.id)) continue;
      this.transmitSend(conn, entry);
    }
    if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.waitingHead);
      this.waitingHead = 0;
    }
  }

  private transmitSend(conn: Connection, entry: OutboxEntry): void {
    const tooLarge = this.bodyTooLarge(entry.body);
    if (tooLarge !== null) {
      this.outbox.delete(entry.id);
      entry.reject(tooLarge);
      return;
    }
    entry.conn = conn;
    this.inFlightSends++;
    entry.ref = conn.request({ send: { id: entry.id, to: entry.to, body: entry.body } }, {
      reply: (frame) => {
        if (entry.conn === conn) this.onSendReply(entry, frame);
      },
      lost: () => {
        if (entry.conn !== conn) return;
        this.settleInFlight(entry);
        this.rebuildWaiting = true; // resent, with the same id, on the next connection
      },
    });
    entry.timer = setTimeout(() => {
      conn.forget(entry.ref);
      this.settleInFlight(entry);
      this.outbox.delete(entry.id);
      entry.reject(new AtollError('TIMEOUT', `no SendAck for message ${entry.id} within ${this.requestTimeoutMs} ms; it may or may not be stored: resend it with the same id to be sure`));
      this.pumpSends();
    }, this.requestTimeoutMs);
  }

  private settleInFlight(entry: OutboxEntry): void {
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = null;
    entry.conn = null;
    entry.ref = 0;
    this.inFlightSends--;
  }

  private onSendReply(entry: OutboxEntry, frame: DecodedFrame): void {
    this.settleInFlight(entry);
    if (frame.error) {
      const error = fromWireError(frame.error);
      if (SEND_LATER_CODES.has(error.code)) {
        this.pauseSends(error.retryAfterMs);
        this.rebuildWaiting = true;
        // Sends after this one may be on the wire still: they are answered before anything goes
        // again, so the resend starts from the oldest and no later message can overtake it.
        this.drainBeforeResend = true;
        this.pumpSends();
        return;
      }
      this.outbox.delete(entry.id);
      entry.reject(error);
    } else if (frame.sendAck) {
      this.outbox.delete(entry.id);
      entry.resolve({ id: frame.sendAck.id ?? entry.id, sentAt: num(frame.sendAck.sentAt), duplicate: frame.sendAck.duplicate ?? false });
    } else {
      this.outbox.delete(entry.id);
      entry.reject(unexpected('SendAck', frame));
    }
    this.pumpSends();
  }

  /**
   * The server asked us to slow down: hold every send until it said to retry. Measured on the
   * monotonic clock (a wall-clock step must not stretch it), and re-armed when the timer fires
   * early: timers count whole milliseconds of the event loop's own clock, so one may fire a
   * fraction of a millisecond before another clock says the time is up, and a pause whose timer
   * found it "not over yet" would otherwise hold the outbox for good.
   */
  private pauseSends(retryAfterMs: number): void {
    const until = performance.now() + Math.max(MIN_RETRY_MS, retryAfterMs);
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.armPauseTimer();
  }

  private armPauseTimer(): void {
    if (this.pauseTimer !== null) clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => {
      this.pauseTimer = null;
      if (performance.now() < this.pausedUntil) return this.armPauseTimer();
      this.pumpSends();
    }, Math.max(1, Math.ceil(this.pausedUntil - performance.now())));
  }

  private setState(state: ClientState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.emit('state', state);
  }
}

function newOutboxEntry(order: number, id: string, to: string, body: Uint8Array): OutboxEntry {
  let resolve!: (result: SendResult) => void;
  let reject!: (error: AtollError) => void;
  const promise = new Promise<SendResult>((res, rej) => { resolve = res; reject = rej; });
  // A send rejected while nobody awaits it yet must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { order, id, to, body, promise, resolve, reject, conn: null, ref: 0, timer: null };
}

function toReceipt(seq: number, r: NonNullable<NonNullable<DecodedFrame['deliver']>['receipt']>): ReceivedReceipt {
  return {
    seq,
    kind: r.kind === wire.Receipt.Kind.READ ? 'read' : 'delivered',
    by: r.by ?? '',
    ids: [...(r.ids ?? [])],
    at: num(r.at),
  };
}

/** A 64-bit field: framing.ts decodes them as numbers; absent ones are 0. */
function num(value: number | null | undefined): number {
  return value ?? 0;
}

function chunks<T>(items: T[]): T[][] {
  if (items.length === 0) return [];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += LIST_CHUNK) out.push(items.slice(i, i + LIST_CHUNK));
  return out;
}

/** A random message id: 16 random bytes as hex (crypto.randomUUID needs a secure context in browsers). */
function randomId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function requestName(body: Omit<Frame, 'ref'>): string {
  const key = Object.keys(body).find((k) => (body as Record<string, unknown>)[k] != null);
  return key ?? 'request';
}

function toAtollError(err: unknown): AtollError {
  if (err instanceof AtollError) return err;
  return new AtollError('TRANSPORT', err instanceof Error ? err.message : String(err), { cause: err });
}

function closedError(): AtollError {
  return new AtollError('CLOSED', 'the client is closed');
}

function notAuthenticated(): AtollError {
  return new AtollError('NOT_AUTHENTICATED', 'log in first (login() or resume())');
}

function unexpected(expected: string, frame: DecodedFrame): AtollError {
  return new AtollError('PROTOCOL', `expected ${expected}, got ${frame.body ?? 'an empty frame'}`);
}
