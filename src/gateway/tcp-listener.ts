// The raw TCP (or TLS) listener: one Session per socket, the socket's bytes fed straight in.
import net from 'node:net';
import tls from 'node:tls';
import { Session, type GatewayContext } from './session.js';
import type { Transport } from './transport.js';

export function createTcpListener(ctx: GatewayContext, tlsOptions: tls.TlsOptions | null): net.Server {
  const onSocket = (socket: net.Socket) => {
    socket.setNoDelay(true);
    const transport: Transport = {
      write: (bytes) => { socket.write(bytes); },
      bufferedBytes: () => socket.writableLength,
      whenDrained: (fn) => {
        if (socket.writableLength === 0) setImmediate(fn);
        else socket.once('drain', fn);
      },
      end: () => {
        socket.end();
        // A peer that never reads must not keep the socket open.
        setTimeout(() => socket.destroy(), 5000).unref();
      },
      destroy: () => socket.destroy(),
      pause: () => socket.pause(),
      resume: () => socket.resume(),
      remote: `${socket.remoteAddress}:${socket.remotePort}`,
    };
    const session = new Session(transport, ctx);
    socket.on('data', (chunk) => session.onBytes(chunk));
    socket.on('close', () => session.closed());
    socket.on('error', () => socket.destroy());
  };
  return tlsOptions ? tls.createServer(tlsOptions, onSocket) : net.createServer(onSocket);
}
