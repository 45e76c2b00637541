// The live sessions of this node by address id: mints addresses unique across nodes and restarts,
// and hands the router's session events to the session they are addressed to.
import { randomBytes } from 'node:crypto';
import type { SessionSink } from '../cluster/router.js';
import type { SessionAddress, SessionEvent } from '../services/sessions/api.js';

export interface EventReceiver {
  onEvent(event: SessionEvent): void;
}

export class SessionDirectory implements SessionSink {
  /** Random per process start: an id of a session from before a restart never names a new one. */
  private readonly incarnation = randomBytes(6).toString('base64url');
  private next = 0;
  private readonly live = new Map<string, EventReceiver>();

  constructor(readonly node: string) {}

  /** A new address for `receiver`, which gets every event sent to it until `remove`. */
  add(receiver: EventReceiver): SessionAddress {
    const id = `${this.incarnation}.${(this.next++).toString(36)}`;
    this.live.set(id, receiver);
    return { node: this.node, id };
  }

  remove(id: string): void {
    this.live.delete(id);
  }

  deliver(id: string, event: SessionEvent): void {
    this.live.get(id)?.onEvent(event);
  }
}
