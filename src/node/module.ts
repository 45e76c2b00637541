// The contract every service of a node implements (the node's gen_mod): its name, the settings
// it reads, the modules it needs, the storage it asks for, and how it builds its fragment owners.
// build-node.ts turns a list of modules into a running node.
import type { Registry } from 'prom-client';
import type { ServiceSpec } from '../cluster/local-router.js';
import type { Router } from '../cluster/router.js';
import { defaultConfig, type ServerConfig } from '../config.js';
import type { Services } from '../services/index.js';
import type { TableSource } from '../services/storage.js';
import type { StorageEngine } from '../store/engine.js';
import type { StorageHealth } from '../store/storage-health.js';

export type ServiceName = keyof Services & string;
export type ConfigKey = keyof ServerConfig;

/** The settings a module reads, each with what it means to the module; the defaults are the config's. */
export type OptionDocs<K extends ConfigKey> = { readonly [P in K]: string };

/** What a module is handed when the node builds it. */
export interface ModuleContext<K extends ConfigKey, St> {
  /** Only the settings the module declared. */
  readonly options: Readonly<Pick<ServerConfig, K>>;
  /** The module's storage, opened over the node's store. */
  readonly storage: St;
  /** How it reaches other modules (and its own other fragments). */
  readonly router: Router<Services>;
  /** The node's storage engine: the log, the write-back cache and its flusher. */
  readonly engine: StorageEngine;
  readonly registry: Registry;
  /** Free-space state of the store's directories; null where nothing watches it (some tests). */
  readonly health: StorageHealth | null;
}

/** A built module: the owner of each fragment, and what to do when the node starts and stops. */
export interface ServiceInstance<N extends ServiceName> extends ServiceSpec<Services[N]> {
  /** After recovery, before clients are served. */
  start?(): void | Promise<void>;
  /** When the node closes, before the storage engine and the store do (modules stop in reverse order). */
  stop?(): void | Promise<void>;
}

export interface Module<N extends ServiceName, K extends ConfigKey, St> {
  readonly name: N;
  /** One line on the module's job. */
  readonly doc: string;
  readonly options: OptionDocs<K>;
  /** Modules this one calls: they are registered before it, and a node without them is refused. */
  readonly requires: readonly ServiceName[];
  /** Asks the node's store for the module's tables (the interface is the module's own). */
  storage(tables: TableSource): St;
  create(ctx: ModuleContext<K, St>): ServiceInstance<N>;
}

/** A module of any name, settings and storage, as a node's list holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module's own types differ; the list only needs the shape
export type AnyModule = Module<any, any, any>;

/** Checks a module's shape where it is written; the type keeps its name, settings and storage. */
export function defineModule<N extends ServiceName, K extends ConfigKey, St>(module: Module<N, K, St>): Module<N, K, St> {
  return module;
}

/** The values of a module's settings in `config` (only the keys it declared). */
export function moduleOptions<K extends ConfigKey>(module: { options: OptionDocs<K> }, config: ServerConfig): Pick<ServerConfig, K> {
  const picked = {} as Pick<ServerConfig, K>;
  for (const key of Object.keys(module.options) as K[]) picked[key] = config[key];
  return picked;
}

/** A module's settings at their defaults, with their docs: what `atoll` documents per module. */
export function moduleDefaults(module: AnyModule): { key: ConfigKey; default: unknown; doc: string }[] {
  return Object.entries(module.options as Record<ConfigKey, string>).map(([key, doc]) => ({ key: key as ConfigKey, default: defaultConfig[key as ConfigKey], doc }));
}
