// The raw TCP (or TLS) listener: one Session per socket, the socket's bytes fed straight in.
// Connections are counted against the pre-login caps as soon as they are accepted, before any
// TLS handshake, so sockets that never get further cannot pile up either.
import net from 'node:net';
import tls from 'node:tls';
import { admitConnection, REFUSED_LINGER_MS } from './admission.js';
import type { PreLoginSlot } from './pre-login-limits.js';
import type { GatewayContext } from './context.js';
import { Session } from './session.js';
import type { Transport } from './transport.js';

export function createTcpListener(ctx: GatewayContext, tlsOptions: tls.TlsOptions | null): net.Server {
  const start = (socket: net.Socket, slot: PreLoginSlot) => {
    socket.setNoDelay(true);
    const transport: Transport = {
      write: (bytes) => {
        // Past end() a write only builds an error with a stack trace: 5,000 of them made a stop miss its deadline.
        if (socket.writable) socket.write(bytes);
      },
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
    const session = new Session(transport, ctx, slot);
    socket.on('data', (chunk) => session.onBytes(chunk));
    socket.on('close', () => session.closed());
    socket.on('error', () => socket.destroy());
  };
  if (!tlsOptions) {
    return net.createServer((socket) => {
      const admitted = admitConnection(ctx, socket.remoteAddress);
      if (!('frame' in admitted)) return start(socket, admitted);
      socket.on('error', () => socket.destroy());
      socket.end(admitted.frame);
      setTimeout(() => socket.destroy(), REFUSED_LINGER_MS).unref();
    });
  }
  // With TLS the slot is taken for the raw socket; a refused one is dropped before the handshake
  // (there is no channel yet to send an Error frame on), which costs the server nothing.
  const handshaking = new Map<string, PreLoginSlot>();
  const server = tls.createServer(tlsOptions, (socket) => {
    const key = `${socket.remoteAddress}:${socket.remotePort}`;
    const slot = handshaking.get(key);
    handshaking.delete(key);
    if (!slot) return socket.destroy();
    start(socket, slot);
  });
  server.on('connection', (raw: net.Socket) => {
    const admitted = admitConnection(ctx, raw.remoteAddress);
    if ('frame' in admitted) return raw.destroy();
    const key = `${raw.remoteAddress}:${raw.remotePort}`;
    handshaking.set(key, admitted);
    raw.once('close', () => {
      if (handshaking.get(key) === admitted) handshaking.delete(key);
      admitted.release();
    });
  });
  return server;
}
