// Raw TCP (and TLS) transport for Node.js: a plain byte stream of length-prefixed frames.
// Loaded only for tcp:// and tls:// URLs, so browsers never import node:net.
import type { Socket } from 'node:net';
import type { Transport, TransportHandlers, TransportOptions } from './transport.js';
import type { ServerTarget } from './url.js';

export async function connectTcp(target: ServerTarget, options: TransportOptions, handlers: TransportHandlers): Promise<Transport> {
  // Imported here, not at the top: a bundler that inlines this module must not hoist node:net
  // into the browser's entry chunk.
  const net = await import('node:net');
  const tls = await import('node:tls');
  return new Promise((resolve, reject) => {
    const base = { host: target.host, port: target.port, ...(options.localAddress !== undefined ? { localAddress: options.localAddress } : {}) };
    const socket: Socket = target.secure
      ? tls.connect({
        ...base,
        servername: net.isIP(target.host) === 0 ? target.host : undefined,
        ...(options.tls?.ca !== undefined ? { ca: typeof options.tls.ca === 'string' ? options.tls.ca : Buffer.from(options.tls.ca) } : {}),
        ...(options.tls?.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.tls.rejectUnauthorized } : {}),
      })
      : net.connect(base);
    const readyEvent = target.secure ? 'secureConnect' : 'connect';
    let opened = false;
    let closed = false;
    let lastError: Error | null = null;
    const timer = setTimeout(() => {
      socket.destroy(new Error(`could not connect to ${target.url} within ${options.connectTimeoutMs} ms`));
    }, options.connectTimeoutMs);

    socket.setNoDelay(true);
    socket.once(readyEvent, () => {
      opened = true;
      clearTimeout(timer);
      resolve({
        send(bytes) {
          if (!closed && !socket.destroyed) socket.write(bytes);
        },
        close() {
          socket.end();
          // Do not wait for the peer's FIN: give up the socket after a short grace period.
          setTimeout(() => socket.destroy(), 1000).unref();
        },
      });
    });
    socket.on('data', (chunk: Buffer) => handlers.onData(chunk));
    socket.on('error', (err) => { lastError = err; });
    socket.on('close', () => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      if (!opened) reject(lastError ?? new Error(`${target.url} closed before it connected`));
      else handlers.onClose(lastError);
    });
  });
}
