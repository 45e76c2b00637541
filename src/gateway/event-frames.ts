// The gateway's codec for session events: what an owner sent to a session, as the wire frame the
// client reads. The only place where inbox items and presence become protocol frames.
import { wire, type Frame } from '../protocol/framing.js';
import type { SessionEvent } from '../services/sessions/api.js';

type FramedEvent = Extract<SessionEvent, { type: 'deliver' | 'presence' | 'typing' }>;

export function frameOfEvent(event: FramedEvent): Frame {
  switch (event.type) {
    case 'deliver': return deliverFrame(event);
    case 'presence': {
      const { user, online, lastSeen } = event.info;
      return { presence: { user, state: online ? wire.Presence.State.ONLINE : wire.Presence.State.OFFLINE, lastSeen } };
    }
    case 'typing': return { typing: { from: event.from, active: event.active } };
  }
}

function deliverFrame({ seq, item }: Extract<SessionEvent, { type: 'deliver' }>): Frame {
  if (item.kind === 'message') {
    return { deliver: { seq, message: { id: item.id, from: item.from, to: item.to, body: item.body, sentAt: item.sentAt, fromDevice: item.fromDevice } } };
  }
  const kind = item.receipt === 'delivered' ? wire.Receipt.Kind.DELIVERED : wire.Receipt.Kind.READ;
  return { deliver: { seq, receipt: { kind, by: item.by, ids: item.ids, at: item.at } } };
}
