// The send path of one connection: a Send's checks, its count against the process-wide intake
// budget (while it is used up, sends are parked here in order, a few per connection, and the
// connection's other frames are still read), the connection's rate (a token bucket: past it, sends
// wait in order while the socket is not read), the hand-off to the recipient's inbox, and the
// SendAck or refusal that answers it.
import { OwnerBusyError } from '../cluster/router.js';
import { ErrorCode, type Frame } from '../protocol/framing.js';
import type { atoll } from '../protocol/generated/atoll.js';
import { StorageUnavailableError } from '../store/log/errors.js';
import type { GatewayContext } from './context.js';
import { storageRetryMs } from './request-error.js';
import { TokenBucket } from './token-bucket.js';
import { validMessageId, validUser } from './validate.js';

/** When a Send refused for a full inbox may be tried again: the inbox drains only as the recipient reads. */
const QUOTA_RETRY_MS = 60_000;

interface PendingSend { ref: number; id: string; to: string; body: Uint8Array; order: number }

/**
 * Sends one connection may park while the intake budget is used up before it stops being read
 * (in number and in bytes of intakeCost, whichever is reached first; at least one is parked).
 * Reading on while a few sends wait is what lets the device's acks, receipts and pings through,
 * and acks are what free the server; parked sends are not counted against the budget until they
 * are let in, so the budget still bounds the work handed to storage, and this bounds the rest.
 */
export const PARK_SENDS = 16;
export const PARK_BYTES = 16 * 1024;

/** What a pending Send is counted as against the intake budget: its body and its bookkeeping. */
function intakeCost(p: PendingSend): number {
  return p.body.length + 128;
}

/** What the send path needs of its connection. */
export interface SendHost {
  readonly alive: boolean;
  /** The logged-in user and device the sends are from. */
  readonly user: string;
  readonly device: string;
  push(frame: Frame): void;
  fail(code: ErrorCode, message: string, ref: number, retryAfterMs?: number): void;
  /** Answers a failed request the way every request's failure is answered. */
  requestFailed(ref: number, err: unknown): void;
  crashed(err: unknown): void;
  /** A request began or was answered (the connection's bound on requests in flight). */
  started(): void;
  settled(): void;
  /** Sends began waiting for the intake budget: be told (intakeFreed) when it frees. */
  waitForIntake(): void;
  /** As many sends are parked as one connection may park: stop reading. */
  parkFull(): void;
  /** Parked sends were let in: reading may go on. */
  parkFreed(): void;
  /** Sends began or stopped waiting for the rate: whether to read may have changed. */
  readingChanged(): void;
}

export class SendPath {
  private readonly tokens: TokenBucket;
  /** Sends received so far; orders the refusals below. */
  private order = 0;
  /**
   * The earliest send of this connection refused with STORAGE_UNAVAILABLE and not offered again
   * yet; while set, every other send is refused the same way (see refusedForStorage).
   */
  private storageBarrier: { id: string; order: number } | null = null;
  /** Sends waiting for a rate token, in arrival order; null when none wait. */
  private queue: PendingSend[] | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Sends read while the intake budget was used up, in arrival order, not yet counted; null when none. */
  private parked: PendingSend[] | null = null;
  private parkedBytes = 0;

  constructor(private readonly ctx: GatewayContext, private readonly host: SendHost, now: number) {
    this.tokens = new TokenBucket(ctx.config.sendBurst, ctx.config.sendRatePerSec, now);
  }

  /** Whether sends wait for the rate (the connection is not read meanwhile). */
  get waiting(): boolean {
    return this.queue !== null;
  }

  send(ref: number, req: atoll.v1.Send.$Shape): void {
    const { id, to } = req;
    const body = req.body ?? new Uint8Array(0);
    if (!validMessageId(id)) return this.error(ref, ErrorCode.INVALID_ARGUMENT, 'Send.id must be 1-64 characters without control characters');
    if (!validUser(to)) return this.error(ref, ErrorCode.INVALID_ARGUMENT, 'Send.to must be a user name (1-32 of a-z 0-9 . _ -)');
    if (body.length > this.ctx.config.maxBodyBytes) {
      return this.error(ref, ErrorCode.MESSAGE_TOO_LARGE, `body of ${body.length} bytes exceeds the limit of ${this.ctx.config.maxBodyBytes}`);
    }
    // A decoded body is a view into the whole receive buffer: keep an exact copy, or one queued
    // byte could pin a 64 KiB chunk.
    const pending: PendingSend = { ref, id, to, body: new Uint8Array(body), order: ++this.order };
    if (this.parked !== null || this.ctx.intake.mustWait) return this.park(pending);
    this.admit(pending);
  }

  /** The intake budget has room again: parked sends go in, in order, while it lasts. */
  intakeFreed(): void {
    const parked = this.parked;
    if (parked === null || !this.host.alive) return;
    let next = 0;
    while (next < parked.length && !this.ctx.intake.exhausted) {
      const pending = parked[next++];
      this.parkedBytes -= intakeCost(pending);
      this.admit(pending);
      if (!this.host.alive) return;
    }
    parked.splice(0, next);
    if (parked.length > 0) {
      this.host.waitForIntake();
      if (!this.parkIsFull()) this.host.parkFreed();
      return;
    }
    this.parked = null;
    this.parkedBytes = 0;
    this.host.parkFreed();
  }

  /** While the intake budget is used up: the send waits here, uncounted; past the cap the connection stops being read. */
  private park(pending: PendingSend): void {
    if (this.parked === null) {
      this.parked = [];
      this.ctx.metrics.counts.intakePauses++;
      this.host.waitForIntake();
    }
    this.parked.push(pending);
    this.parkedBytes += intakeCost(pending);
    if (this.parkIsFull()) this.host.parkFull();
  }

  private parkIsFull(): boolean {
    return this.parked !== null && (this.parked.length >= PARK_SENDS || this.parkedBytes >= PARK_BYTES);
  }

  /** Counts a send in and passes it on to the rate limit. */
  private admit(pending: PendingSend): void {
    this.ctx.intake.take(intakeCost(pending));
    if (this.queue !== null) return this.enqueue(pending);
    if (!this.tokens.take()) {
      this.queue = [];
      this.enqueue(pending);
      this.host.readingChanged();
      return;
    }
    this.dispatch(pending);
  }

  /** The connection is gone: sends still waiting for a rate token die with it (the client resends them). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const pending of this.queue ?? []) this.ctx.intake.give(intakeCost(pending));
    this.queue = null;
    // Parked sends were never counted in.
    this.parked = null;
    this.parkedBytes = 0;
  }

  /**
   * Over the rate, sends wait here in order and the socket stops being read (TCP backpressure
   * slows the client). Refusing one send while a later one is accepted would break per-pair order.
   */
  private enqueue(pending: PendingSend): void {
    const queue = this.queue!;
    if (queue.length >= this.ctx.config.sendBurst) {
      this.ctx.intake.give(intakeCost(pending));
      this.host.fail(ErrorCode.RATE_LIMITED, `kept sending past the rate limit of ${this.ctx.config.sendRatePerSec} messages/s`, pending.ref);
      return;
    }
    queue.push(pending);
    if (this.timer === null) this.timer = setTimeout(this.drain, this.tokens.msUntilToken());
  }

  private drain = (): void => {
    this.timer = null;
    const queue = this.queue;
    if (queue === null || !this.host.alive) return;
    let next = 0;
    while (next < queue.length && this.tokens.take()) this.dispatch(queue[next++]);
    queue.splice(0, next);
    if (queue.length > 0) {
      this.timer = setTimeout(this.drain, this.tokens.msUntilToken());
      return;
    }
    this.queue = null;
    this.host.readingChanged();
  };

  private dispatch(pending: PendingSend): void {
    const { ref, id, to, body } = pending;
    if (this.refusedForStorage(pending)) return;
    // The call is enqueued now, in frame order: that is what keeps per-pair order.
    const storageEpoch = this.ctx.storage.epoch;
    const { user, device } = this.host;
    const stored = this.ctx.router.call('inbox', to, { type: 'store', to, from: user, fromDevice: device, id, body, now: Date.now(), storageEpoch });
    this.host.started();
    stored.finally(() => {
      this.ctx.intake.give(intakeCost(pending));
      this.host.settled();
    }).then((res) => {
      if (!res.ok && res.code === 'QUOTA_EXCEEDED') {
        // Not fatal: this message is refused as a whole, like one to an unknown user (nothing stored).
        const message = `the inbox of ${to} is full (${res.queuedBytes} bytes undelivered, the limit is ${this.ctx.config.maxQueuedBytesPerUser}): `
          + `nothing was stored; send it again later, once ${to}'s devices have fetched their messages`;
        return this.host.push({ ref, error: { code: ErrorCode.QUOTA_EXCEEDED, message, retryAfterMs: QUOTA_RETRY_MS } });
      }
      if (!res.ok && res.code === 'STORAGE_UNAVAILABLE') return this.refuse(pending);
      if (!res.ok) return this.error(ref, ErrorCode.USER_NOT_FOUND, `no user named ${to}`);
      this.ctx.metrics.counts.messagesAccepted++;
      this.host.push({ ref, sendAck: { id, sentAt: res.sentAt, duplicate: res.duplicate } });
    }, (err) => {
      // A refused send followed by accepted ones would break order: end the connection instead;
      // the client resumes and resends everything unacked, in order.
      if (err instanceof OwnerBusyError) this.host.fail(ErrorCode.SERVER_BUSY, 'the server is overloaded; reconnect with back-off and resend', ref, 1000);
      else if (err instanceof StorageUnavailableError) this.refuse(pending);
      else this.host.requestFailed(ref, err);
    }).catch((err) => this.host.crashed(err));
  }

  /**
   * Full storage must not break per-sender order, and a refusal is not fatal (the connection and
   * everything it holds stay). Once a send was refused, every later send of this connection is
   * refused too, until the refused one is offered again with its id: a client that resends in
   * order (the SDK waits for every send in flight to be answered, then resends from the oldest)
   * can then never see a later message stored before an earlier one. Sends that arrived before
   * the refusal was known are refused by the inbox itself (the storage epoch moved).
   */
  private refusedForStorage(pending: PendingSend): boolean {
    const barrier = this.storageBarrier;
    if (barrier !== null && pending.id !== barrier.id) {
      this.refuse(pending);
      return true;
    }
    if (barrier !== null) this.storageBarrier = null;
    if (this.ctx.storage.available) return false;
    this.refuse(pending);
    return true;
  }

  private refuse(pending: PendingSend): void {
    const barrier = this.storageBarrier;
    if (barrier === null || pending.order < barrier.order) this.storageBarrier = { id: pending.id, order: pending.order };
    this.ctx.metrics.counts.storageRefusals++;
    this.host.push({
      ref: pending.ref,
      error: {
        code: ErrorCode.STORAGE_UNAVAILABLE, retryAfterMs: storageRetryMs(),
        message: 'the server\'s storage is full: nothing was stored; send it again (same id) after retry_after_ms, and send nothing newer before it',
      },
    });
  }

  private error(ref: number, code: ErrorCode, message: string): void {
    this.host.push({ ref, error: { code, message } });
  }
}
