// Answers one connection's Pings, in every state, so they are rate-limited in every state: past
// the burst the connection is not read until a token is due (a flooder is slowed by TCP, and
// costs nothing while it waits); the Ping that found no token is answered first.
import type { Frame } from '../protocol/framing.js';
import type { GatewayContext } from './context.js';
import { TokenBucket } from './token-bucket.js';

/** What the pacer needs of its connection. */
export interface PingHost {
  readonly alive: boolean;
  reply(ref: number, frame: Frame): void;
  /** Stop reading until the waiting Ping is answered. */
  holdForPing(): void;
  pingAnswered(): void;
}

export class PingPacer {
  private readonly tokens: TokenBucket;
  /** The Ping that found no token: answered when one comes, before anything after it is read. */
  private pending: { ref: number; nonce: number } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: GatewayContext, private readonly host: PingHost, now: number) {
    this.tokens = new TokenBucket(ctx.config.pingBurst, ctx.config.pingRatePerSec, now);
  }

  ping(ref: number, nonce: number): void {
    if (this.tokens.take()) {
      this.host.reply(ref, { pong: { nonce } });
      return;
    }
    this.pending = { ref, nonce };
    this.ctx.metrics.counts.pingPauses++;
    this.host.holdForPing();
    this.timer = setTimeout(this.due, this.tokens.msUntilToken());
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pending = null;
  }

  private due = (): void => {
    this.timer = null;
    const pending = this.pending;
    this.pending = null;
    if (pending === null || !this.host.alive) return;
    this.tokens.take();
    this.host.reply(pending.ref, { pong: { nonce: pending.nonce } });
    this.host.pingAnswered();
  };
}
