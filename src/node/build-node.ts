// Builds one node from a list of modules: checks and opens the store, creates the router and the
// storage engine, registers every module in dependency order, replays the log and starts the
// modules. The server puts the gateway in front of what it returns; tests drive it directly.
import { Registry } from 'prom-client';
import { createRouter } from '../cluster/create-router.js';
import type { ServiceSpec } from '../cluster/local-router.js';
import type { Router, SessionSink } from '../cluster/router.js';
import type { ServerConfig } from '../config.js';
import { NODE_MODULES, type Services } from '../services/index.js';
import { checkBeforeOpen, type RepairNote } from '../store/data-check.js';
import { StorageEngine, type RecoveryReport } from '../store/engine.js';
import { openStores, type Stores } from '../store/kv.js';
import type { StorageHealth } from '../store/storage-health.js';
import { lmdbTables } from '../store/tables.js';
import { moduleOptions, type AnyModule, type ServiceInstance, type ServiceName } from './module.js';
import { orderModules } from './order.js';

/** What a node needs of its router besides routing: owners to register, placement, load figures. */
export interface NodeRouter extends Router<Services> {
  register<N extends ServiceName>(service: N, spec: ServiceSpec<Services[N]>): void;
  fragmentOf(key: string): number;
  load(service: ServiceName): number[];
  /** Where events for this node's sessions go (the gateway's directory). */
  serveSessions(sink: SessionSink): void;
}

export interface NodeOptions {
  /** Where every figure goes; a fresh registry when absent. */
  registry?: Registry;
  /** Watches free space; absent, a full disk is only refused where it is met. */
  health?: StorageHealth;
  /** Start the engine's flusher once recovered (default). Tests that flush by hand pass false. */
  flusher?: boolean;
}

export interface AtollNode {
  readonly config: ServerConfig;
  readonly stores: Stores;
  readonly router: NodeRouter;
  readonly engine: StorageEngine;
  readonly registry: Registry;
  /** The registered modules' names, in the order they were registered and started. */
  readonly modules: readonly ServiceName[];
  /** What a repaired start accepted in the files before they were opened (log at error level). */
  readonly repairedFiles: RepairNote[];
  readonly recovery: RecoveryReport;
  /** Stops the modules (in reverse order), waits for every durable write, and closes the store. */
  close(): Promise<void>;
}

/** Refused (ModuleListError) before anything is opened when the list cannot be ordered. */
export async function buildNode(config: ServerConfig, modules: readonly AnyModule[] = NODE_MODULES, options: NodeOptions = {}): Promise<AtollNode> {
  const ordered = orderModules(modules);
  const repairedFiles = await checkBeforeOpen(config);
  const stores = openStores(config.dataDir);
  let built: { node: AtollNode; instances: ServiceInstance<ServiceName>[] };
  try {
    built = await assemble(config, ordered, stores, repairedFiles, options);
  } catch (err) {
    await stores.root.close();
    throw err;
  }
  try {
    for (const instance of built.instances) await instance.start?.();
  } catch (err) {
    await built.node.close();
    throw err;
  }
  return built.node;
}

/** Everything up to a recovered store, with the modules registered but not yet started. */
async function assemble(config: ServerConfig, ordered: AnyModule[], stores: Stores, repairedFiles: RepairNote[], options: NodeOptions) {
  const registry = options.registry ?? new Registry();
  const health = options.health ?? null;
  // The router `config.router` names: in-process, or serialising for tests.
  const router: NodeRouter = createRouter<Services>(config);
  const engine = await StorageEngine.open({ config, stores, registry, fragmentOf: (user) => router.fragmentOf(user), health: options.health });
  const tables = lmdbTables(stores);
  const instances: ServiceInstance<ServiceName>[] = [];
  for (const m of ordered) {
    const instance: ServiceInstance<ServiceName> = m.create({ options: moduleOptions(m, config), storage: m.storage(tables), router, engine, registry, health });
    router.register(m.name as ServiceName, instance as never);
    instances.push(instance);
  }
  const recovery = await engine.recover();
  if (options.flusher !== false) engine.start();
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= (async () => {
    for (const instance of [...instances].reverse()) await instance.stop?.();
    // Every write issued so far resolves before close returns: nothing acked is left behind.
    await engine.close();
    await stores.root.flushed;
    await stores.root.close();
  })());
  const node: AtollNode = { config, stores, router, engine, registry, modules: ordered.map((m) => m.name as ServiceName), repairedFiles, recovery, close };
  return { node, instances };
}
