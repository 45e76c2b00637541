// The presence service owner: per fragment of user ids, online state, last seen and the live
// sessions subscribed to each user. Subscriptions are not stored: clients renew them on login.
import type { Handlers, Router } from '../../cluster/router.js';
import type { ServiceSpec } from '../../cluster/local-router.js';
import { committed } from '../../store/store-write.js';
import type { PresenceRecord } from '../../store/kv.js';
import type { Services } from '../index.js';
import type { SessionAddress } from '../sessions/api.js';
import type { PresenceApi, PresenceInfo } from './api.js';
import type { PresenceStorage } from './storage.js';

interface PresenceState {
  online: boolean;
  lastSeen: number;
  hideLastSeen: boolean;
  /** Null while nobody watches (most online users): an empty Map costs about 0.2 KB. */
  subscribers: Map<string, SessionAddress> | null;
  /** Writes of this state not yet committed. */
  writes: number;
}

export function presenceService(stores: PresenceStorage, router: Router<Services>): ServiceSpec<PresenceApi> {
  return { createFragment: () => presenceFragment(stores, router) };
}

function presenceFragment(stores: PresenceStorage, router: Router<Services>): Handlers<PresenceApi> {
  const states = new Map<string, PresenceState>();

  const state = (user: string): PresenceState => {
    let s = states.get(user);
    if (!s) {
      const rec = stores.presence.get(user);
      s = { online: false, lastSeen: rec?.lastSeen ?? 0, hideLastSeen: rec?.hideLastSeen ?? false, subscribers: null, writes: 0 };
      states.set(user, s);
    }
    return s;
  };
  const info = (user: string, s: PresenceState): PresenceInfo => ({ user, online: s.online, lastSeen: s.hideLastSeen ? 0 : s.lastSeen });
  const persist = (user: string, s: PresenceState): Promise<unknown> => {
    const rec: PresenceRecord = { lastSeen: s.lastSeen, hideLastSeen: s.hideLastSeen };
    s.writes++;
    return committed(stores.presence.put(user, rec), null).finally(() => {
      s.writes--;
      forgetIfIdle(user, s);
    });
  };
  // Only online users and users someone watches stay in RAM; the rest is in the store. A state
  // is kept while its write is in flight, since the store does not show it until committed.
  const forgetIfIdle = (user: string, s: PresenceState) => {
    if (!s.online && s.subscribers === null && s.writes === 0 && states.get(user) === s) states.delete(user);
  };
  const broadcast = (user: string, s: PresenceState) => {
    // Presence blips are droppable: a backed-up connection skips them (the session decides).
    const event = { type: 'presence', info: info(user, s), initial: false } as const;
    if (s.subscribers === null) return;
    for (const session of s.subscribers.values()) router.toSession(session, event);
  };

  return {
    online({ user }) {
      const s = state(user);
      s.online = true;
      broadcast(user, s);
    },
    offline({ user, at }) {
      const s = state(user);
      s.online = false;
      s.lastSeen = at;
      // Last seen is best effort: a failed write (a full disk) must not become an unhandled rejection.
      persist(user, s).catch(warn);
      broadcast(user, s);
      forgetIfIdle(user, s);
    },
    subscribe({ user, session }) {
      const s = state(user);
      (s.subscribers ??= new Map()).set(session.id, session);
      const now = info(user, s);
      router.toSession(session, { type: 'presence', info: now, initial: true });
      return now;
    },
    unsubscribe({ user, sessionId }) {
      const s = states.get(user);
      if (!s) return;
      if (s.subscribers?.delete(sessionId) && s.subscribers.size === 0) s.subscribers = null;
      forgetIfIdle(user, s);
    },
    async setPrivacy({ user, hideLastSeen }) {
      const s = state(user);
      s.hideLastSeen = hideLastSeen;
      const written = persist(user, s);
      if (!s.online) broadcast(user, s);
      forgetIfIdle(user, s);
      await written;
      return { ok: true };
    },
  };
}

function warn(err: unknown): void {
  process.emitWarning(`atoll presence: last seen not stored: ${(err as Error)?.message ?? String(err)}`);
}
