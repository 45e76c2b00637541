// The byte pipe under the protocol: one interface, a WebSocket and a TCP implementation. The
// protocol code never knows which one it runs on. Node-only modules load lazily, so a browser
// bundle never touches them.
import type { ServerTarget } from './url.js';

export interface Transport {
  /** Writes bytes (one or more whole frames). Ignored once closed. */
  send(bytes: Uint8Array): void;
  /** Closes the pipe; `onClose` follows once. */
  close(): void;
}

export interface TransportHandlers {
  onData(bytes: Uint8Array): void;
  /** Called once, when the pipe is gone; `error` says why if it was not a clean close. */
  onClose(error: Error | null): void;
}

export interface TransportOptions {
  connectTimeoutMs: number;
  tls?: { ca?: string | Uint8Array; rejectUnauthorized?: boolean };
  localAddress?: string;
}

/** Opens a transport to `target`. Rejects if it cannot be opened within the timeout. */
export async function connectTransport(target: ServerTarget, options: TransportOptions, handlers: TransportHandlers): Promise<Transport> {
  if (target.kind === 'tcp') {
    if (!isNode()) throw new Error(`${target.url}: tcp:// and tls:// need Node.js; use ws:// or wss:// in a browser`);
    const { connectTcp } = await import('./transport-tcp.js');
    return connectTcp(target, options, handlers);
  }
  const { connectWebSocket } = await import('./transport-ws.js');
  return connectWebSocket(target, options, handlers, await webSocketFactory(options));
}

function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/** A minimal view of the WebSocket API shared by browsers and the `ws` package. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

async function webSocketFactory(options: TransportOptions): Promise<WebSocketFactory> {
  const nodeOnly = options.tls !== undefined || options.localAddress !== undefined;
  const Global = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (Global !== undefined && !(nodeOnly && isNode())) return (url) => new Global(url);
  if (!isNode()) throw new Error('no WebSocket implementation: this environment has no global WebSocket');
  const { WebSocket: NodeWebSocket } = await import('ws');
  const wsOptions = {
    ...(options.tls?.ca !== undefined ? { ca: typeof options.tls.ca === 'string' ? options.tls.ca : Buffer.from(options.tls.ca) } : {}),
    ...(options.tls?.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.tls.rejectUnauthorized } : {}),
    ...(options.localAddress !== undefined ? { localAddress: options.localAddress } : {}),
    perMessageDeflate: false,
  };
  return (url) => new NodeWebSocket(url, wsOptions) as unknown as WebSocketLike;
}
