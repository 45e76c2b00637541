// Test harness for the storage engine without sockets: LMDB stores, the router and the inbox,
// presence and accounts services of one node, driven through router calls and fake sessions.
import { Registry } from 'prom-client';
import { createRouter, type NodeRouter } from '../../src/cluster/create-router.js';
import { resolveConfig, type ServerConfig } from '../../src/config.js';
import { frameOfEvent } from '../../src/gateway/event-frames.js';
import { SessionDirectory, type EventReceiver } from '../../src/gateway/session-directory.js';
import type { Frame } from '../../src/protocol/framing.js';
import { accountsService } from '../../src/services/accounts/service.js';
import type { Services } from '../../src/services/index.js';
import type { SessionAddress, SessionEvent } from '../../src/services/sessions/api.js';
import { inboxService } from '../../src/services/inbox/service.js';
import { presenceService } from '../../src/services/presence/service.js';
import { StorageEngine, type RecoveryReport } from '../../src/store/engine.js';
import { openStores, type Stores } from '../../src/store/kv.js';
import { TEST_ROUTER } from '../helpers/server.js';

export interface EngineNode {
  config: ServerConfig;
  stores: Stores;
  router: NodeRouter<Services>;
  engine: StorageEngine;
  registry: Registry;
  /** Where the router hands session events: FakeSessions register here. */
  directory: SessionDirectory;
  recovery: RecoveryReport;
  close(): Promise<void>;
}

/** Opens a node on `dataDir` and replays its log; the flusher only runs when the test asks. */
export async function openEngineNode(dataDir: string, overrides: Partial<ServerConfig> = {}): Promise<EngineNode> {
  const config = resolveConfig({ dataDir, fragments: 8, inboxWindow: 100_000, ...TEST_ROUTER, ...overrides });
  const stores = openStores(dataDir);
  const router = createRouter<Services>(config);
  const registry = new Registry();
  const engine = await StorageEngine.open({ config, stores, registry, fragmentOf: (u) => router.fragmentOf(u) });
  router.register('accounts', accountsService(stores));
  router.register('inbox', inboxService(stores, router, {
    window: config.inboxWindow, windowBytes: config.inboxWindowBytes, engine,
    maxDevicesPerUser: config.maxDevicesPerUser, maxQueuedBytesPerUser: config.maxQueuedBytesPerUser,
  }));
  router.register('presence', presenceService(stores, router));
  const directory = new SessionDirectory('test');
  router.serveSessions(directory);
  const recovery = await engine.recover();
  return {
    config, stores, router, engine, registry, directory, recovery,
    async close() {
      await engine.close();
      await stores.root.close();
    },
  };
}

/** A session that records the events the services send it, and their frames as a client would see them. */
export class FakeSession implements EventReceiver {
  readonly address: SessionAddress;
  readonly events: SessionEvent[] = [];
  readonly frames: Frame[] = [];
  constructor(node: EngineNode) {
    this.address = node.directory.add(this);
  }
  get id(): string {
    return this.address.id;
  }
  onEvent(event: SessionEvent): void {
    this.events.push(event);
    if (event.type === 'deliver' || event.type === 'presence' || event.type === 'typing') this.frames.push(frameOfEvent(event));
  }
  get delivered(): NonNullable<Frame['deliver']>[] {
    return this.frames.flatMap((f) => (f.deliver ? [f.deliver] : []));
  }
}

/** Attaches a fake session to a device and starts deliveries (with credit that never runs out); returns it and the device's acked position. */
export async function attach(node: EngineNode, user: string, device: string): Promise<{ session: FakeSession; ackedSeq: number }> {
  const session = new FakeSession(node);
  const { ackedSeq } = await node.router.call('inbox', user, { type: 'attach', user, device, session: session.address });
  await node.router.call('inbox', user, { type: 'start', user, device, sessionId: session.id, credit: Number.MAX_SAFE_INTEGER });
  return { session, ackedSeq };
}

export async function detach(node: EngineNode, user: string, device: string, session: FakeSession): Promise<void> {
  await node.router.call('inbox', user, { type: 'detach', user, device, sessionId: session.id });
  node.directory.remove(session.id);
}

export async function metric(registry: Registry, name: string): Promise<number> {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
  return (m?.values ?? []).reduce((a, v) => a + Number(v.value), 0);
}

/** Waits (up to 5 s) until a metric's value satisfies `ok`; throws saying what it last was. */
export async function waitForMetric(registry: Registry, name: string, ok: (value: number) => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await metric(registry, name);
    if (ok(value)) return;
    if (Date.now() > deadline) throw new Error(`${name} stayed at ${value}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
