// One Session per connection: the protocol state machine (hello -> auth -> live -> closed) for one
// client and the wiring of its parts: reading (frame-reader), pings (ping-pacer), the account
// workflow, sends (send-path), a live device's other requests (live-requests) and output (outbox).
// Inbound frames are handled in arrival order. It dies with its socket and releases everything it
// registered with the services.
import { ErrorCode, FramingError, wire, type DecodedFrame, type Frame } from '../protocol/framing.js';
import type { SessionAddress, SessionEvent } from '../services/sessions/api.js';
import { AccountWorkflow, type AccountPeer, type Authenticated } from './account-workflow.js';
import type { GatewayContext } from './context.js';
import { frameOfEvent } from './event-frames.js';
import { FrameReader, type ReaderHost } from './frame-reader.js';
import { answerHello, bindDevice, loginOk, startDeliveries } from './handshake.js';
import type { IdleTracked } from './idle-sweeper.js';
import type { IntakeWaiter } from './intake-budget.js';
import { LiveRequests, type LiveReplies } from './live-requests.js';
import { Outbox, type OutboxHost } from './outbox.js';
import { PingPacer, type PingHost } from './ping-pacer.js';
import { addressKey, type PreLoginSlot } from './pre-login-limits.js';
import { refusalOf } from './request-error.js';
import { SendPath, type SendHost } from './send-path.js';
import type { EventReceiver } from './session-directory.js';
import { CLOSED_TRANSPORT, type Transport } from './transport.js';

type State = 'hello' | 'auth' | 'live' | 'closed';

/** Requests of one connection awaiting their reply before it stops reading (its bounded mailbox). */
const MAX_INFLIGHT = 1024;
/** Why a connection is not being read (bits of the reader's holds); the frames not yet split wait. */
const HOLD_PARKED = 1;
const HOLD_OUTPUT = 2;
const HOLD_PING = 4;
let nextSessionId = 1;

export class Session implements IdleTracked, IntakeWaiter, EventReceiver, ReaderHost, PingHost, AccountPeer, SendHost, OutboxHost, LiveReplies {
  /** A label for logs; the address (from login on) is what services know the session by. */
  readonly id = nextSessionId++;
  private address: SessionAddress | null = null;
  lastActivity = Date.now();
  wheelSecond = 0;
  wheelIndex = 0;
  private state: State = 'hello';
  user = '';
  device = '';
  private authBusy = false;
  /** Requests received and not yet answered; past MAX_INFLIGHT the socket is paused. */
  private inflight = 0;
  private readonly reader: FrameReader;
  private readonly pings: PingPacer;
  private readonly accounts: AccountWorkflow;
  private readonly sends: SendPath;
  /** The requests of the logged-in device; made at login. */
  private liveRequests: LiveRequests | null = null;
  private readonly outbox: Outbox;

  /** `slot` is this connection's place in the pre-login caps, given back at login or close. */
  constructor(private transport: Transport, private readonly ctx: GatewayContext, private slot: PreLoginSlot | null = null) {
    const now = Date.now();
    // The session is the host of each part (methods on its prototype): per-connection host objects
    // and closures cost about 3 KB of heap per idle session.
    this.reader = new FrameReader(transport, ctx, this);
    this.pings = new PingPacer(ctx, this, now);
    this.accounts = new AccountWorkflow(ctx, this);
    this.sends = new SendPath(ctx, this, now);
    this.outbox = new Outbox(transport, ctx, this);
    ctx.sessions.add(this);
    ctx.sweeper.track(this);
    ctx.metrics.connections.inc();
  }

  get alive(): boolean {
    return this.state !== 'closed';
  }

  get loggedIn(): boolean {
    return this.state === 'live';
  }

  // ---- what the parts ask of their connection ----

  get live(): boolean {
    return this.state === 'live';
  }

  get busy(): boolean {
    return this.inflight >= MAX_INFLIGHT || this.sends.waiting;
  }

  get outputHeld(): boolean {
    return this.reader.holding(HOLD_OUTPUT);
  }

  remote(): string {
    return this.transport.remote;
  }

  holdForPing(): void {
    this.reader.hold(HOLD_PING);
  }

  pingAnswered(): void {
    this.reader.unhold(HOLD_PING);
  }

  holdForOutput(): void {
    this.reader.hold(HOLD_OUTPUT);
  }

  outputDrained(): void {
    this.reader.unhold(HOLD_OUTPUT);
  }

  readingChanged(): void {
    this.reader.update();
  }

  grantCredit(bytes: number): void {
    const { user, device } = this;
    this.ctx.router.tell('inbox', user, { type: 'credit', user, device, sessionId: this.address!.id, bytes });
  }

  /** Before login the clock is the login timeout, from connecting; after it, the idle timeout. */
  get idleTimeoutMs(): number {
    return this.state === 'live' ? this.ctx.config.idleTimeoutMs : this.ctx.config.loginTimeoutMs;
  }

  // ---- inbound ----

  /** Bytes from the socket: any number of frames, possibly split anywhere. */
  onBytes(chunk: Uint8Array): void {
    if (this.state === 'closed') return;
    // Only a logged-in connection earns more time: others must log in within the idle timeout
    // of connecting, however much they ping (an idle pre-login socket is a cheap attack).
    if (this.state === 'live') this.lastActivity = Date.now();
    this.reader.push(chunk);
  }

  readFailed(err: unknown): void {
    if (!(err instanceof FramingError)) return this.crashed(err);
    if (err.code !== 'FRAME_TOO_LARGE') return this.fail(ErrorCode.BAD_FRAME, err.message);
    if (this.state === 'live') return this.fail(ErrorCode.FRAME_TOO_LARGE, err.message);
    this.preLoginTooLarge(err.message);
  }

  /** A frame or WebSocket message over maxPreLoginFrameBytes before login. */
  preLoginTooLarge(detail: string): void {
    this.ctx.metrics.refused.inc({ reason: 'pre_login_frame_too_large' });
    this.fail(ErrorCode.FRAME_TOO_LARGE, `${detail} (before login, frames and WebSocket messages are limited to ${this.ctx.config.maxPreLoginFrameBytes} bytes)`);
  }

  onFrame(frame: DecodedFrame): void {
    const ref = frame.ref;
    if (frame.body === 'ping') return this.pings.ping(ref, Number(frame.ping.nonce ?? 0));
    if (this.state === 'hello') {
      this.onHello(frame);
      return;
    }
    switch (frame.body) {
      case 'register': return this.guardAuth(ref, () => this.accounts.register(frame.register));
      case 'login': return this.guardAuth(ref, async () => this.goLive(ref, await this.accounts.login(frame.login)));
      case 'resume': return this.guardAuth(ref, async () => this.goLive(ref, await this.accounts.resume(frame.resume)));
      case 'hello': return this.error(ref, ErrorCode.UNKNOWN_FRAME, 'Hello was already received on this connection');
      case 'pong': return;
      case 'send': case 'ack': case 'markRead': case 'typing': case 'subscribe': case 'unsubscribe':
      case 'setPrivacy': case 'logout':
        if (this.state !== 'live') return this.error(ref, ErrorCode.NOT_AUTHENTICATED, 'log in first (Login or Resume)');
        return this.onLiveFrame(frame);
      default:
        return this.error(ref, ErrorCode.UNKNOWN_FRAME, frame.body
          ? `${frame.body} is sent by the server, not by clients`
          : 'unknown frame type: this server speaks atoll protocol v1');
    }
  }

  private onHello(frame: DecodedFrame): void {
    const answer = answerHello(this.ctx, frame);
    if (!('welcome' in answer)) {
      this.fail(answer.code, answer.message, frame.ref);
      return;
    }
    this.state = 'auth';
    this.reply(frame.ref, answer.welcome);
  }

  private onLiveFrame(frame: DecodedFrame): void {
    const ref = frame.ref;
    const live = this.liveRequests!;
    switch (frame.body) {
      case 'send': return this.sends.send(ref, frame.send);
      case 'ack': return live.ack(frame.ack.seq ?? 0);
      case 'markRead': return this.request(ref, () => live.markRead(frame.markRead));
      case 'typing': return live.typing(ref, frame.typing);
      case 'subscribe': return this.request(ref, () => live.subscribe(ref, frame.subscribe.users ?? []));
      case 'unsubscribe': return this.request(ref, () => live.unsubscribe(frame.unsubscribe.users ?? []));
      case 'setPrivacy': return this.request(ref, () => live.setPrivacy(frame.setPrivacy));
      case 'logout': return this.request(ref, () => this.logout(ref, !!frame.logout.forgetDevice));
    }
  }

  // ---- accounts ----

  /** One authentication request at a time; each answers through `request`. */
  private guardAuth(ref: number, work: () => Promise<unknown>): void {
    if (this.state === 'live') return this.error(ref, ErrorCode.ALREADY_AUTHENTICATED, 'this connection is already logged in');
    if (this.authBusy) return this.error(ref, ErrorCode.INVALID_ARGUMENT, 'another Register/Login/Resume is in progress on this connection');
    this.authBusy = true;
    this.request(ref, work, () => { this.authBusy = false; });
  }

  /** What counts as this connection's source for the per-address limits (IPv4 address, IPv6 /64). */
  addressKey(): string {
    if (this.slot !== null) return this.slot.key;
    const remote = this.transport.remote;
    const colon = remote.lastIndexOf(':');
    return addressKey(colon < 0 ? remote : remote.slice(0, colon));
  }

  /** Binds the device to this connection, answers LoginOk, then lets queued items flow. */
  private async goLive(ref: number, auth: Authenticated): Promise<void> {
    // Known by address before the inbox binds it: a 'replaced' may come the moment it does.
    // A login refused after this (the inbox busy) may be tried again on the same connection: the
    // directory then drops the earlier address, so only one entry refers to this connection.
    if (this.address) this.ctx.directory.remove(this.address.id);
    const address = (this.address = this.ctx.directory.add(this));
    const ackedSeq = await bindDevice(this.ctx, auth, address, () => this.state !== 'closed');
    if (ackedSeq === null) return;
    const { user, device } = auth;
    this.user = user;
    this.device = device;
    this.liveRequests = new LiveRequests(this.ctx, { user, device, address }, this);
    this.state = 'live';
    this.reader.maxFrameBytes = this.ctx.config.maxFrameBytes;
    this.slot?.release();
    this.slot = null;
    // From here the idle timeout runs instead of the login timeout.
    this.lastActivity = Date.now();
    this.ctx.sweeper.untrack(this);
    this.ctx.sweeper.track(this);
    this.ctx.metrics.sessionsLive.inc();
    this.reply(ref, loginOk(auth, ackedSeq));
    startDeliveries(this.ctx, auth, address, this.outbox.startCredit());
  }

  private async logout(ref: number, forgetDevice: boolean): Promise<unknown> {
    await this.accounts.logout(this.user, this.device, forgetDevice);
    this.reply(ref, { ok: {} });
    this.outbox.flush();
    this.close();
    return undefined;
  }

  // ---- flow control ----

  /** Sends are parked for the process-wide intake budget (see send-path.ts). */
  waitForIntake(): void {
    this.ctx.intake.wait(this);
  }

  intakeFreed(): void {
    // A connection paused this long did nothing wrong: the idle clock restarts.
    this.lastActivity = Date.now();
    this.sends.intakeFreed();
  }

  parkFull(): void {
    this.reader.hold(HOLD_PARKED);
  }

  parkFreed(): void {
    this.reader.unhold(HOLD_PARKED);
  }

  // ---- replies ----

  /**
   * Runs a request and answers it: a result of `undefined` means the work replied itself,
   * anything else is answered with Ok; failures become Error frames.
   */
  private request(ref: number, work: () => Promise<unknown>, done?: () => void): void {
    this.started();
    // Closures per request, not per connection: an idle session holds none.
    work().finally(() => this.settled()).then((result) => {
      if (result !== undefined) this.reply(ref, { ok: {} });
    }, (err) => this.requestFailed(ref, err)).finally(done).catch((err) => this.crashed(err));
  }

  started(): void {
    if (++this.inflight === MAX_INFLIGHT) this.reader.update();
  }

  settled(): void {
    if (this.inflight-- === MAX_INFLIGHT / 2) this.reader.update();
  }

  /** A bug in this connection's handling must not take the process down: end this connection only. */
  crashed(err: unknown): void {
    this.ctx.logger.error({ err, session: this.id }, 'session failed');
    this.fail(ErrorCode.INTERNAL, 'internal error; reconnect and resume');
  }

  requestFailed(ref: number, err: unknown): void {
    const refusal = refusalOf(err);
    if (refusal === null) {
      this.ctx.logger.error({ err, session: this.id }, 'request failed');
      this.push({ ref, error: { code: ErrorCode.INTERNAL, message: 'internal error; the request may be retried' } });
      return;
    }
    const { code, message, retryAfterMs, fatal } = refusal;
    if (fatal) return this.fail(code, message, ref);
    this.push({ ref, error: { code, message, retryAfterMs } });
  }

  reply(ref: number, frame: Frame): void {
    frame.ref = ref;
    this.push(frame);
  }

  error(ref: number, code: ErrorCode, message: string): void {
    this.push({ ref, error: { code, message } });
  }

  // ---- events from the services ----

  onEvent(event: SessionEvent): void {
    if (this.state === 'closed') return;
    switch (event.type) {
      case 'deliver':
        this.outbox.spend(event.item);
        this.push(frameOfEvent(event));
        return;
      case 'creditSpent':
        this.outbox.creditSpent();
        return;
      case 'presence':
        if (event.initial || !this.outbox.congested()) this.push(frameOfEvent(event));
        return;
      case 'typing':
        // Droppable: a backed-up connection skips it.
        if (!this.outbox.congested()) this.push(frameOfEvent(event));
        return;
      case 'replaced':
        this.fail(ErrorCode.SESSION_REPLACED, 'this device logged in on another connection');
        return;
    }
  }

  // ---- outbound and the end ----

  push(frame: Frame): boolean {
    if (this.state === 'closed') return false;
    this.outbox.push(frame);
    return true;
  }

  /** Sends a fatal error, flushes, and closes. */
  fail(code: ErrorCode, message: string, ref = 0, retryAfterMs = 0): void {
    if (this.state === 'closed') return;
    this.ctx.logger.debug({ session: this.id, code: wire.ErrorCode[code], message }, 'closing connection');
    this.outbox.pushLast({ ref, error: { code, message, fatal: true, retryAfterMs } });
    this.outbox.flush();
    this.close();
  }

  onIdle(): void {
    if (this.state === 'live') {
      this.fail(ErrorCode.IDLE_TIMEOUT, `nothing received for ${this.ctx.config.idleTimeoutMs} ms`);
      return;
    }
    this.ctx.metrics.refused.inc({ reason: 'login_timeout' });
    this.fail(ErrorCode.IDLE_TIMEOUT, `not logged in within ${this.ctx.config.loginTimeoutMs} ms of connecting (loginTimeoutMs); reconnect with back-off`);
  }

  /** Ends the connection gracefully (what is written is still delivered). */
  close(): void {
    if (this.state === 'closed') return;
    this.transport.end();
    this.closed();
  }

  /** The socket is gone: release what the services hold for this connection. */
  closed(): void {
    if (this.state === 'closed') return;
    const wasLive = this.state === 'live';
    this.state = 'closed';
    // The idle wheel keeps this object until its bucket fires: let go of the socket and buffers now.
    this.outbox.close();
    this.transport = CLOSED_TRANSPORT;
    this.pings.close();
    this.slot?.release();
    this.slot = null;
    this.sends.close();
    this.ctx.intake.cancel(this);
    this.reader.close();
    this.ctx.sessions.delete(this);
    this.ctx.sweeper.untrack(this);
    this.ctx.metrics.connections.dec();
    if (this.address) this.ctx.directory.remove(this.address.id);
    if (!wasLive) return;
    this.ctx.metrics.sessionsLive.dec();
    const { user, device } = this;
    this.ctx.router.tell('inbox', user, { type: 'detach', user, device, sessionId: this.address!.id });
    this.liveRequests!.release();
  }
}
