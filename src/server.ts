// Wires one Atoll node together: store, fragments, services, gateway listeners.
import type { ServerConfig } from './config.js';
import type { Logger } from 'pino';

export interface AtollServer {
  /** The bound HTTP/WebSocket port (useful when the config asked for 0). */
  readonly httpPort: number;
  /** The bound TCP port, or -1 when the TCP listener is off. */
  readonly tcpPort: number;
  /** Stops accepting, tells clients SHUTTING_DOWN, flushes the store and closes it. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
}

export async function startServer(_config: ServerConfig, _options: StartOptions = {}): Promise<AtollServer> {
  throw new Error('startServer: not built yet');
}
