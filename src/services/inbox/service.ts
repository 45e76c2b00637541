// The inbox service owner: per fragment of user ids, each user's devices and their queues.
// State lives in RAM (loaded on first touch). Every change is made durable through the storage
// engine (log, write-through or memory) and replies and deliveries wait for that. Undelivered
// items reach LMDB only if they linger past the sync delay (write-back); see src/store/engine.ts.
// A send is acked only once every copy it implies is durable: the recipient's (with the message
// state) and the carbons for the sender's other devices, kept by the sender's owner.
// This file wires one owner: its state (fragment.ts), its write-back cache (write-back.ts) and
// its handlers, each in the file of its job.
import { Gauge } from 'prom-client';
import type { Handlers, Router } from '../../cluster/router.js';
import type { ServiceSpec } from '../../cluster/local-router.js';
import type { Services } from '../index.js';
import { ack } from './acks.js';
import type { InboxApi } from './api.js';
import { credit, detach, start, typing } from './delivery.js';
import { attach, claimDevice, ensureUser, forgetDevice } from './devices.js';
import { newFragment, type Fragment, type InboxOptions } from './fragment.js';
import { markRead, receipt } from './receipts.js';
import { carbon, store } from './sends.js';
import type { InboxStore } from './storage.js';
import { writeBackCache } from './write-back.js';

export function inboxService(stores: InboxStore, router: Router<Services>, options: InboxOptions): ServiceSpec<InboxApi> {
  const fragments: Fragment[] = [];
  if (options.registry) {
    new Gauge({
      name: 'atoll_inbox_users_cached', help: 'Users whose inbox is held in RAM (names that are no user are never kept)', registers: [options.registry],
      collect() { this.set(fragments.reduce((n, f) => n + f.users.size, 0)); },
    });
    new Gauge({
      name: 'atoll_inbox_write_back_entries',
      help: 'Entries of the write-back queues: durable items that LMDB lacks yet, and acked ones not yet let go',
      registers: [options.registry],
      collect() { this.set(fragments.reduce((n, f) => n + f.young.length - f.youngHead, 0)); },
    });
  }
  return {
    createFragment: (fragment) => {
      const f = newFragment(fragment, new Map(), stores, router, options);
      fragments.push(f);
      options.engine.register(fragment, writeBackCache(f));
      // One handler per message, in the API's order; each does its work in the file of its job.
      return {
        ensureUser: (req) => ensureUser(f, req),
        store: (req) => store(f, req),
        carbon: (req) => carbon(f, req),
        claimDevice: (req) => claimDevice(f, req),
        attach: (req) => attach(f, req),
        start: (req) => start(f, req),
        credit: (req) => credit(f, req),
        detach: (req) => detach(f, req),
        ack: (req) => ack(f, req),
        markRead: (req) => markRead(f, req),
        receipt: (req) => receipt(f, req),
        typing: (req) => typing(f, req),
        forgetDevice: (req) => forgetDevice(f, req),
      } satisfies Handlers<InboxApi>;
    },
  };
}
