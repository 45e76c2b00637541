// WebSocket transport: binary messages carry one or more length-prefixed frames. Works with the
// browser's WebSocket and with the `ws` package, through the API they share.
import type { Transport, TransportHandlers, TransportOptions, WebSocketFactory, WebSocketLike } from './transport.js';
import type { ServerTarget } from './url.js';

const OPEN = 1;

export function connectWebSocket(target: ServerTarget, options: TransportOptions, handlers: TransportHandlers, create: WebSocketFactory): Promise<Transport> {
  return new Promise((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = create(target.url);
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    socket.binaryType = 'arraybuffer';
    let opened = false;
    let closed = false;
    let lastError: Error | null = null;
    const timer = setTimeout(() => {
      lastError = new Error(`could not open ${target.url} within ${options.connectTimeoutMs} ms`);
      socket.close();
      finish(lastError);
    }, options.connectTimeoutMs);

    const finish = (error: Error | null) => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      socket.onopen = socket.onmessage = socket.onerror = null;
      if (!opened) reject(error ?? new Error(`${target.url} closed before it opened`));
      else handlers.onClose(error);
    };

    socket.onopen = () => {
      opened = true;
      clearTimeout(timer);
      resolve({
        send(bytes) {
          if (!closed && socket.readyState === OPEN) socket.send(bytes);
        },
        close() {
          socket.close(1000);
          // Browsers may delay the close event; the caller needs onClose promptly.
          finish(null);
        },
      });
    };
    socket.onmessage = (ev) => {
      if (ev.data instanceof ArrayBuffer) return handlers.onData(new Uint8Array(ev.data));
      lastError = new Error('server sent a text WebSocket message; the protocol uses binary messages only');
      socket.close(1003);
      finish(lastError);
    };
    socket.onerror = (ev) => {
      const message = (ev as { message?: string; error?: Error }).error?.message ?? (ev as { message?: string }).message;
      lastError = new Error(`WebSocket ${target.url}: ${message ?? 'connection error'}`);
    };
    socket.onclose = (ev) => {
      finish(lastError ?? (ev.code === 1000 ? null : new Error(`WebSocket ${target.url} closed (code ${ev.code}${ev.reason ? `, ${ev.reason}` : ''})`)));
    };
  });
}
