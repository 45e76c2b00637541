// What a logged-in device asks of the services besides Send and Logout: acks, read receipts,
// typing (rate-limited, droppable), presence subscriptions and privacy. One per live connection,
// made at login with the identity it speaks for.
import { ErrorCode, type Frame } from '../protocol/framing.js';
import type { atoll } from '../protocol/generated/atoll.js';
import type { SessionAddress } from '../services/sessions/api.js';
import type { GatewayContext } from './context.js';
import { RequestError } from './request-error.js';
import { validMessageId, validUser } from './validate.js';

const MAX_IDS_PER_REQUEST = 1000;
/** Typing indicators one connection may send per second; more are dropped. */
const TYPING_PER_SEC = 20;

/** Who the requests are from: the device and the session address the services know it by. */
export interface LiveIdentity {
  user: string;
  device: string;
  address: SessionAddress;
}

/** How the requests answer on their connection. */
export interface LiveReplies {
  reply(ref: number, frame: Frame): void;
  error(ref: number, code: ErrorCode, message: string): void;
}

export class LiveRequests {
  private subscriptions: Set<string> | null = null;
  private typingWindowStart = 0;
  private typingInWindow = 0;

  constructor(private readonly ctx: GatewayContext, private readonly me: LiveIdentity, private readonly out: LiveReplies) {}

  ack(seq: number): void {
    const { user, device, address } = this.me;
    this.ctx.router.tell('inbox', user, { type: 'ack', user, device, sessionId: address.id, seq: Number(seq) });
  }

  async markRead(req: atoll.v1.MarkRead.$Shape): Promise<unknown> {
    const ids = req.ids ?? [];
    if (!validUser(req.from)) throw new RequestError(ErrorCode.INVALID_ARGUMENT, 'MarkRead.from must be a user name');
    if (ids.length === 0 || ids.length > MAX_IDS_PER_REQUEST || !ids.every(validMessageId)) {
      throw new RequestError(ErrorCode.INVALID_ARGUMENT, `MarkRead.ids must hold 1 to ${MAX_IDS_PER_REQUEST} message ids`);
    }
    const { user } = this.me;
    return this.ctx.router.call('inbox', user, { type: 'markRead', user, from: req.from, ids, now: Date.now() });
  }

  typing(ref: number, req: atoll.v1.Typing.$Shape): void {
    if (!validUser(req.to)) return this.out.error(ref, ErrorCode.INVALID_ARGUMENT, 'Typing.to must be a user name');
    if (req.to === this.me.user) return;
    const now = Date.now();
    if (now - this.typingWindowStart >= 1000) {
      this.typingWindowStart = now;
      this.typingInWindow = 0;
    }
    if (++this.typingInWindow > TYPING_PER_SEC) return; // droppable: shed silently
    this.ctx.router.cast('inbox', req.to, { type: 'typing', to: req.to, from: this.me.user, active: !!req.active });
  }

  async subscribe(ref: number, users: string[]): Promise<undefined> {
    const subs = (this.subscriptions ??= new Set());
    if (users.length > MAX_IDS_PER_REQUEST || !users.every(validUser)) {
      throw new RequestError(ErrorCode.INVALID_ARGUMENT, `Subscribe.users must hold up to ${MAX_IDS_PER_REQUEST} user names`);
    }
    const fresh = users.filter((u) => !subs.has(u));
    if (subs.size + fresh.length > this.ctx.config.maxSubscriptions) {
      throw new RequestError(ErrorCode.INVALID_ARGUMENT, `at most ${this.ctx.config.maxSubscriptions} presence subscriptions per connection`);
    }
    for (const u of fresh) subs.add(u);
    // Each presence owner pushes the current state itself, in its own order with later changes.
    await Promise.all(users.map((user) => this.ctx.router.call('presence', user, { type: 'subscribe', user, session: this.me.address })));
    this.out.reply(ref, { ok: {} });
    return undefined;
  }

  async unsubscribe(users: string[]): Promise<null> {
    if (users.length > MAX_IDS_PER_REQUEST || !users.every(validUser)) {
      throw new RequestError(ErrorCode.INVALID_ARGUMENT, `Unsubscribe.users must hold up to ${MAX_IDS_PER_REQUEST} user names`);
    }
    for (const user of users) {
      if (!this.subscriptions?.delete(user)) continue;
      this.ctx.router.tell('presence', user, { type: 'unsubscribe', user, sessionId: this.me.address.id });
    }
    return null;
  }

  setPrivacy(req: atoll.v1.SetPrivacy.$Shape): Promise<unknown> {
    const { user } = this.me;
    return this.ctx.router.call('presence', user, { type: 'setPrivacy', user, hideLastSeen: !!req.hideLastSeen });
  }

  /** The connection is gone: its presence subscriptions end. */
  release(): void {
    const sessionId = this.me.address.id;
    for (const sub of this.subscriptions ?? []) {
      this.ctx.router.tell('presence', sub, { type: 'unsubscribe', user: sub, sessionId });
    }
    this.subscriptions = null;
  }
}
