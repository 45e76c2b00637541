// What owners send to a live session, wherever it runs: domain events addressed by a session
// address, plain data only. The gateway turns them into wire frames (src/gateway/event-frames.ts).
import type { InboxItemRecord } from '../../store/kv.js';
import type { PresenceInfo } from '../presence/api.js';

/** Where a live session is: the node that holds its connection and an id unique across nodes and restarts. */
export interface SessionAddress {
  node: string;
  id: string;
}

export type SessionEvent =
  /** An inbox item for the session's device; the session spends `deliveryCost(item)` of its credit on it. */
  | { type: 'deliver'; seq: number; item: InboxItemRecord }
  /** The inbox holds items for the device but the session's credit is spent: grant more once the connection drains. */
  | { type: 'creditSpent' }
  /** A subscribed user's presence: `initial` (the state when subscribing) is always shown; later changes are droppable. */
  | { type: 'presence'; info: PresenceInfo; initial: boolean }
  /** Droppable: a typing indicator from `from`. */
  | { type: 'typing'; from: string; active: boolean }
  /** Another connection logged in as this device: this one ends. */
  | { type: 'replaced' };

/** Bytes a delivery is counted as, by the inbox spending credit and by the session granting it. */
export function deliveryCost(item: InboxItemRecord): number {
  return item.kind === 'message' ? 64 + item.body.length : 64;
}
