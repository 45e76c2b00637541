// The inbox module: devices, per-device queues, idempotent sends, carbons and receipts. It tells
// presence when a user's first device comes online and its last one goes.
import { defineModule } from '../../node/module.js';
import { inboxService } from './service.js';
import { inboxStore } from './storage.js';

export const inboxModule = defineModule({
  name: 'inbox',
  doc: 'devices, per-device queues, idempotent sends, carbons, receipts and typing',
  options: {
    inboxWindow: 'items pushed to a device before it must ack some; also the batch read back from LMDB',
    inboxWindowBytes: 'the same window in bytes (whichever is reached first); also caps one read-back',
    maxDevicesPerUser: 'devices one user may claim; a new device past it gets TOO_MANY_DEVICES',
    maxQueuedBytesPerUser: 'undelivered bytes one user may hold; a send past it gets QUOTA_EXCEEDED',
  },
  requires: ['presence'],
  storage: inboxStore,
  create: ({ options, storage, router, engine, registry }) => inboxService(storage, router, {
    window: options.inboxWindow, windowBytes: options.inboxWindowBytes, engine,
    maxDevicesPerUser: options.maxDevicesPerUser, maxQueuedBytesPerUser: options.maxQueuedBytesPerUser, registry,
  }),
});
