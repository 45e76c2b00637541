// The output side of one connection: frames queued and written once per event-loop turn (see
// outbox-flusher.ts), the output hold and the slow-consumer bound for a client that does not read,
// and the delivery credit: the bytes of deliveries the inbox may put in flight toward this socket.
import { ErrorCode, encodeFrames, type Frame } from '../protocol/framing.js';
import { deliveryCost } from '../services/sessions/api.js';
import type { GatewayContext } from './context.js';
import type { Flushable } from './outbox-flusher.js';
import { CLOSED_TRANSPORT, type Transport } from './transport.js';

/** Unsent output that stops reading before login: a few frames' worth of replies. */
const PRE_LOGIN_OUTPUT_FRAMES = 4;

/** What the outbox needs of its connection. */
export interface OutboxHost {
  readonly alive: boolean;
  /** Logged in: the output bound is the slow-consumer one, and credit is granted. */
  readonly live: boolean;
  /** Whether reading is held until the unsent output drains. */
  readonly outputHeld: boolean;
  /** Too much unsent output: stop reading until it drains. */
  holdForOutput(): void;
  outputDrained(): void;
  /** Tells the inbox it may deliver `bytes` more. */
  grantCredit(bytes: number): void;
  fail(code: ErrorCode, message: string): void;
  close(): void;
}

export class Outbox implements Flushable {
  private frames: Frame[] = [];
  /** Estimated bytes of `frames`, so congestion is seen before they are encoded. */
  private bytes = 0;
  /** Delivery credit the inbox holds for this connection (granted minus delivered bytes; see grant). */
  private credit = 0;
  /** The inbox said the credit is spent while items wait: grant more as soon as the connection drains. */
  private creditStarved = false;
  /** Set while a starved inbox waits for the buffer to drain. */
  private stallTimer: NodeJS.Timeout | null = null;
  /** Set while a whenDrained callback for the output hold is registered. */
  private awaitingDrain = false;

  constructor(private transport: Transport, private readonly ctx: GatewayContext, private readonly host: OutboxHost) {}

  push(frame: Frame): void {
    if (this.frames.length === 0) this.ctx.flusher.mark(this);
    this.frames.push(frame);
    this.bytes += 64 + (frame.deliver?.message?.body?.length ?? 0);
    // Replies pile up when the client sends but does not read: stop reading it until they drain
    // (flush waits for that), or one chunk of requests could queue megabytes of answers.
    if (!this.host.outputHeld && this.bytes + this.transport.bufferedBytes() > this.outputBound()) {
      this.ctx.metrics.counts.outputPauses++;
      this.host.holdForOutput();
    }
  }

  /** Queues the frame that ends the connection: past every bound, as the last one. */
  pushLast(frame: Frame): void {
    this.frames.push(frame);
  }

  /** A delivery on its way to the socket: it spends its cost of the inbox's credit. */
  spend(item: Parameters<typeof deliveryCost>[0]): void {
    this.credit -= deliveryCost(item);
  }

  /** The inbox's credit at login: a whole target. */
  startCredit(): number {
    this.credit = this.creditTarget();
    return this.credit;
  }

  /** The inbox holds items but has spent its credit. */
  creditSpent(): void {
    // Deliveries arrive before the creditSpent sent after them, so credit still counted here
    // is a grant on its way to the inbox, which resumes it: nothing to do.
    if (this.credit > 0) return;
    this.creditStarved = true;
    this.grant();
  }

  /** Whether droppable events (typing, later presence changes) should be skipped. */
  congested(): boolean {
    return this.transport.bufferedBytes() + this.bytes > this.creditTarget();
  }

  flush(): void {
    if (this.frames.length === 0 || !this.host.alive) return;
    const frames = this.frames;
    this.frames = [];
    this.bytes = 0;
    this.ctx.metrics.counts.framesOut += frames.length;
    this.transport.write(encodeFrames(frames));
    if (this.transport.bufferedBytes() > this.ctx.config.maxOutboundBytes) {
      this.ctx.metrics.counts.slowConsumers++;
      this.transport.write(encodeFrames([{ error: { code: ErrorCode.SLOW_CONSUMER, message: 'the client reads too slowly; reconnect and resume', fatal: true } }]));
      // end(), not destroy(): the reason is queued behind what the client has yet to read, and
      // end() gives up on a client that never reads after a few seconds.
      this.host.close();
      return;
    }
    if (this.host.outputHeld && !this.awaitingDrain) {
      this.awaitingDrain = true;
      this.transport.whenDrained(this.outputDrained);
    }
    // Deliveries went out: top the credit up now rather than wait for the inbox to run dry.
    if (this.host.live && this.credit < this.creditTarget() / 2) this.grant();
  }

  /** The connection is gone: drop what is unsent and let go of the socket. */
  close(): void {
    this.frames = [];
    this.transport = CLOSED_TRANSPORT;
    if (this.stallTimer) clearTimeout(this.stallTimer);
  }

  /** Unsent output past which the connection is not read: small before login, half the slow-consumer limit after. */
  private outputBound(): number {
    const c = this.ctx.config;
    return this.host.live ? c.maxOutboundBytes / 2 : PRE_LOGIN_OUTPUT_FRAMES * c.maxPreLoginFrameBytes;
  }

  private outputDrained = (): void => {
    this.awaitingDrain = false;
    this.host.outputDrained();
  };

  /** Unsent delivery bytes the inbox may put in flight toward this connection: a quarter of the slow-consumer limit. */
  private creditTarget(): number {
    return this.ctx.config.maxOutboundBytes / 4;
  }

  /**
   * Tops the inbox's credit up to what the connection can take: the target less what is unsent
   * and what the inbox may still deliver. Small top-ups wait (one grant per half a target) unless
   * the inbox is starved; a starved inbox facing a full buffer waits for it to drain, and a buffer
   * that never drains closes the connection as a slow consumer.
   */
  private grant(): void {
    if (!this.host.live || this.stallTimer) return;
    const target = this.creditTarget();
    const room = target - this.transport.bufferedBytes() - this.bytes - this.credit;
    if (room >= (this.creditStarved ? 1 : target / 2)) {
      this.credit += room;
      this.creditStarved = false;
      this.host.grantCredit(room);
      return;
    }
    if (!this.creditStarved) return;
    this.stallTimer = setTimeout(() => {
      this.ctx.metrics.counts.slowConsumers++;
      this.host.fail(ErrorCode.SLOW_CONSUMER, `the client read nothing for ${this.ctx.config.stallTimeoutMs} ms while messages waited; reconnect and resume`);
    }, this.ctx.config.stallTimeoutMs);
    this.transport.whenDrained(this.drainedForCredit);
  }

  private drainedForCredit = (): void => {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = null;
    this.grant();
  };
}
