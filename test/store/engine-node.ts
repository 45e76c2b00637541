// Test harness for the storage engine without sockets: one node built from the server's modules
// (src/node/build-node.ts), driven through router calls and fake sessions.
import type { Registry } from 'prom-client';
import type { SessionRef } from '../../src/cluster/session-ref.js';
import { resolveConfig, type ServerConfig } from '../../src/config.js';
import type { Frame } from '../../src/protocol/framing.js';
import { buildNode, type AtollNode } from '../../src/node/build-node.js';
import { NODE_MODULES } from '../../src/services/index.js';

export type EngineNode = AtollNode;

/**
 * Opens a node on `dataDir` and replays its log, built as the server builds it (same modules,
 * same order); the flusher only runs when the test asks.
 */
export async function openEngineNode(dataDir: string, overrides: Partial<ServerConfig> = {}): Promise<EngineNode> {
  const config = resolveConfig({ dataDir, fragments: 8, inboxWindow: 100_000, ...overrides });
  return buildNode(config, NODE_MODULES, { flusher: false });
}

let nextSessionId = 1;

/** A session that records what the inbox pushes to it. */
export class FakeSession implements SessionRef {
  readonly id = nextSessionId++;
  readonly frames: Frame[] = [];
  push(frame: Frame): boolean {
    this.frames.push(frame);
    return true;
  }
  congested(): boolean {
    return false;
  }
  resumeWhenDrained(): void {}
  kick(): void {}
  get delivered(): NonNullable<Frame['deliver']>[] {
    return this.frames.flatMap((f) => (f.deliver ? [f.deliver] : []));
  }
}

/** Attaches a fake session to a device and starts deliveries; returns it and the device's acked position. */
export async function attach(node: EngineNode, user: string, device: string): Promise<{ session: FakeSession; ackedSeq: number }> {
  const session = new FakeSession();
  const { ackedSeq } = await node.router.call('inbox', user, { type: 'attach', user, device, session });
  await node.router.call('inbox', user, { type: 'start', user, device, sessionId: session.id });
  return { session, ackedSeq };
}

export async function detach(node: EngineNode, user: string, device: string, session: FakeSession): Promise<void> {
  await node.router.call('inbox', user, { type: 'detach', user, device, sessionId: session.id });
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
