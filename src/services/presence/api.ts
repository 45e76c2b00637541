// Messages of the presence service: who is online, when they were last seen, who wants to know.
import type { SessionAddress } from '../sessions/api.js';

export interface PresenceInfo {
  user: string;
  online: boolean;
  /** 0 when unknown or hidden by the user. */
  lastSeen: number;
}

export type PresenceApi = {
  /** The user's first device came online. */
  online: { req: { user: string }; res: void };
  /** The user's last device went offline at `at`. */
  offline: { req: { user: string; at: number }; res: void };
  /** Adds `session` to the user's subscribers and pushes it the current state (before any later change). */
  subscribe: { req: { user: string; session: SessionAddress }; res: PresenceInfo };
  unsubscribe: { req: { user: string; sessionId: string }; res: void };
  /** Whether the user's last-seen time is shown to others. */
  setPrivacy: { req: { user: string; hideLastSeen: boolean }; res: { ok: true } };
};
