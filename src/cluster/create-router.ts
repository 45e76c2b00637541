// Picks the router a node runs on from its config: in-process, or in-process through bytes (a test
// setting that proves only plain data crosses between services).
import type { ServerConfig } from '../config.js';
import { LocalRouter } from './local-router.js';
import type { Api } from './router.js';
import { SerializingRouter } from './serializing-router.js';

export function createRouter<S extends Record<string, Api>>(config: Pick<ServerConfig, 'router' | 'fragments' | 'hashSeed' | 'mailboxLimit'>): LocalRouter<S> | SerializingRouter<S> {
  return config.router === 'serializing'
    ? new SerializingRouter<S>(config.fragments, config.hashSeed, config.mailboxLimit)
    : new LocalRouter<S>(config.fragments, config.hashSeed, config.mailboxLimit);
}
