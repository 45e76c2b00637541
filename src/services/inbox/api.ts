// Messages of the inbox service: per-device queues of messages and receipts, idempotent sends,
// delivery to attached sessions, and the receipts that acks and reads produce.
import type { SessionAddress } from '../sessions/api.js';

export type StoreResult =
  | { ok: true; sentAt: number; duplicate: boolean }
  | { ok: false; code: 'USER_NOT_FOUND' }
  /** The recipient's inbox holds maxQueuedBytesPerUser undelivered bytes (`queuedBytes` now): nothing was stored. */
  | { ok: false; code: 'QUOTA_EXCEEDED'; queuedBytes: number }
  /** Storage became full (or was) after the send arrived: nothing was stored. */
  | { ok: false; code: 'STORAGE_UNAVAILABLE' };

export type ClaimResult = { ok: true } | { ok: false; code: 'TOO_MANY_DEVICES'; devices: number };

export type InboxApi = {
  /** Makes sure `user` has an inbox (idempotent); messages to unknown users are refused. */
  ensureUser: { req: { user: string }; res: { ok: true } };
  /** Queues a message for every device of `to` (but the sending device); resolves once it and its carbons are durable. */
  store: {
    /** storageEpoch: the storage health's epoch when the send arrived (refused if it moved since). */
    req: { to: string; from: string; fromDevice: string; id: string; body: Uint8Array; now: number; storageEpoch?: number };
    res: StoreResult;
  };
  /** Queues a copy of `user`'s own message for the user's other devices (once per (to, id)); resolves once durable. */
  carbon: { req: { user: string; to: string; fromDevice: string; id: string; body: Uint8Array; sentAt: number }; res: { ok: true } };
  /** Registers the device if new, durably, unless the user has maxDevicesPerUser already (Login asks before issuing a token). */
  claimDevice: { req: { user: string; device: string }; res: ClaimResult };
  /** Binds a live session to a device (registering the device if new); deliveries wait for `start`. */
  attach: { req: { user: string; device: string; session: SessionAddress }; res: { ackedSeq: number } };
  /** Starts delivering queued items to the attached session (after it has sent LoginOk), up to `credit` bytes. */
  start: { req: { user: string; device: string; sessionId: string; credit: number }; res: void };
  /** The session lets the inbox deliver `bytes` more (its connection drained). */
  credit: { req: { user: string; device: string; sessionId: string; bytes: number }; res: void };
  /** The session is gone. */
  detach: { req: { user: string; device: string; sessionId: string }; res: void };
  /** The device processed every item up to `seq`. */
  ack: { req: { user: string; device: string; sessionId: string; seq: number }; res: void };
  /** `user` read these messages from `from`: queue READ receipts for `from`. */
  markRead: { req: { user: string; from: string; ids: string[]; now: number }; res: { ok: true } };
  /** Queues a receipt for every device of `user`. */
  receipt: { req: { user: string; kind: 'delivered' | 'read'; by: string; ids: string[]; at: number }; res: { ok: true } };
  /** Forwards a typing indicator to the online devices of `to`; never stored. */
  typing: { req: { to: string; from: string; active: boolean }; res: void };
  /** Unregisters a device: its queue is dropped and nothing more is queued for it. */
  forgetDevice: { req: { user: string; device: string }; res: { ok: true } };
};
