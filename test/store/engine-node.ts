// Test harness for the storage engine without sockets: one node built from the server's modules
// (src/node/build-node.ts), driven through router calls and fake sessions.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Registry } from 'prom-client';
import { resolveConfig, type ServerConfig } from '../../src/config.js';
import { frameOfEvent } from '../../src/gateway/event-frames.js';
import { SessionDirectory, type EventReceiver } from '../../src/gateway/session-directory.js';
import type { Frame } from '../../src/protocol/framing.js';
import { buildNode, type AtollNode } from '../../src/node/build-node.js';
import { NODE_MODULES } from '../../src/services/index.js';
import type { SessionAddress, SessionEvent } from '../../src/services/sessions/api.js';
import { TEST_ROUTER } from '../helpers/server.js';

export interface EngineNode extends AtollNode {
  /** Where the router hands session events: FakeSessions register here. */
  directory: SessionDirectory;
}

/**
 * Opens a node on `dataDir` and replays its log, built as the server builds it (same modules,
 * same order); the flusher only runs when the test asks.
 */
export async function openEngineNode(dataDir: string, overrides: Partial<ServerConfig> = {}): Promise<EngineNode> {
  const config = resolveConfig({ dataDir, fragments: 8, inboxWindow: 100_000, ...TEST_ROUTER, ...overrides });
  const node = await buildNode(config, NODE_MODULES, { flusher: false });
  const directory = new SessionDirectory('test');
  node.router.serveSessions(directory);
  return Object.assign(node, { directory });
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

/** Stores `total` messages from 'sender' for user `to`, a thousand requests at a time. */
export async function flood(node: EngineNode, to: string, total: number): Promise<void> {
  for (let sent = 0; sent < total; sent += 1000) {
    await Promise.all(Array.from({ length: Math.min(1000, total - sent) }, (_, k) =>
      node.router.call('inbox', to, { type: 'store', to, from: 'sender', fromDevice: 'web', id: `m${sent + k}`, body: Buffer.from('x'), now: Date.now() })));
  }
}

/** A copy of the data dir as a crash at this moment would leave it (no process holds it). */
export function copyAsCrashed(from: string, to: string, logDirs: string[]): void {
  cpSync(from, to, { recursive: true });
  rmSync(join(to, 'atoll.mdb-lock'), { force: true });
  for (const d of logDirs) rmSync(join(to, d, 'LOCK'), { force: true });
}
