// The HTTP listener: WebSocket sessions at /v1/ws (each binary message carries one or more
// frames), plus /healthz and the Prometheus /metrics endpoint.
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import type tls from 'node:tls';
import type { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode } from '../protocol/framing.js';
import { admitConnection, REFUSED_LINGER_MS, type Refusal } from './admission.js';
import type { PreLoginSlot } from './pre-login-limits.js';
import type { GatewayContext } from './context.js';
import { Session } from './session.js';
import type { Transport } from './transport.js';

export const WS_PATH = '/v1/ws';

/**
 * Every socket of the HTTP port counts against the pre-login caps from the moment it is accepted
 * (an idle socket costs the same whether it would have asked for /healthz or a WebSocket), until
 * its WebSocket session logs in or it closes. Keyed by remote address and port, which also names
 * the socket after a TLS handshake.
 */
type Admission = PreLoginSlot | Refusal;

export function createHttpListener(ctx: GatewayContext, registry: Registry, tlsOptions: tls.TlsOptions | null): http.Server {
  const admissions = new Map<string, Admission>();
  const keyOf = (socket: { remoteAddress?: string; remotePort?: number }) => `${socket.remoteAddress}:${socket.remotePort}`;
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (isRefusal(admissions.get(keyOf(req.socket)))) {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '2', connection: 'close' }).end('too many connections from your address are not logged in; retry later\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      // Degraded, not down: reads, deliveries and acks still work, new messages are refused.
      const storage = ctx.storage.snapshot();
      if (!storage.available) {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '2' })
          .end(`degraded: storage unavailable (${storage.reason}); free space on the data disk\n`);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (path === '/metrics') {
      registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => res.writeHead(500).end());
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found; WebSocket clients connect to ${WS_PATH}\n`);
  };
  const server = tlsOptions ? https.createServer(tlsOptions, onRequest) : http.createServer(onRequest);
  // Room for a few frames per message; a message over this closes with WebSocket code 1009.
  // Events are emitted while ws handles a chunk, which the pre-login byte count relies on.
  const wss = new WebSocketServer({ noServer: true, maxPayload: ctx.config.maxFrameBytes * 4, perMessageDeflate: false, allowSynchronousEvents: true });
  server.on('connection', (raw: net.Socket) => {
    const admitted = admitConnection(ctx, raw.remoteAddress);
    // Over TLS there is no channel for an Error frame before the handshake: drop it now.
    if (tlsOptions && isRefusal(admitted)) return raw.destroy();
    const key = keyOf(raw);
    admissions.set(key, admitted);
    if (isRefusal(admitted)) setTimeout(() => raw.destroy(), 2 * REFUSED_LINGER_MS).unref();
    raw.once('close', () => {
      if (admissions.get(key) === admitted) admissions.delete(key);
      if (!isRefusal(admitted)) admitted.release();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    const remote = keyOf(req.socket);
    const admitted = admissions.get(remote);
    admissions.delete(remote);
    if (admitted === undefined) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!isRefusal(admitted)) return attach(ws, socket, ctx, remote, admitted);
      ws.send(admitted.frame);
      ws.close(1008);
      setTimeout(() => ws.terminate(), REFUSED_LINGER_MS).unref();
    });
  });
  return server;
}

function isRefusal(admitted: Admission | undefined): admitted is Refusal {
  return admitted !== undefined && 'frame' in admitted;
}

/** Bytes of a masked client frame header for a payload of `length` (RFC 6455 §5.2). */
function wsHeaderBytes(length: number): number {
  return length < 126 ? 6 : length < 65536 ? 8 : 14;
}

function attach(ws: WebSocket, socket: Duplex, ctx: GatewayContext, remote: string, slot: PreLoginSlot): void {
  // ws has no drain event: count sends whose callback (written to the socket) has not fired yet.
  let unsent = 0;
  let drained: Array<() => void> = [];
  const onSent = () => {
    if (--unsent > 0) return;
    const waiting = drained;
    drained = [];
    for (const fn of waiting) fn();
  };
  const transport: Transport = {
    write: (bytes) => {
      // Past close() a send only builds an error for its callback.
      if (ws.readyState !== ws.OPEN) return;
      unsent++;
      ws.send(bytes, { binary: true }, onSent);
    },
    bufferedBytes: () => ws.bufferedAmount,
    whenDrained: (fn) => {
      if (unsent === 0) setImmediate(fn);
      else drained.push(fn);
    },
    end: () => {
      ws.close(1000);
      setTimeout(() => ws.terminate(), 5000).unref();
    },
    destroy: () => ws.terminate(),
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    remote,
  };
  const session = new Session(transport, ctx, slot);
  const limit = ctx.config.maxPreLoginFrameBytes;
  const tooLarge = (detail: string) => {
    session.preLoginTooLarge(detail);
    // What ws buffered of the message goes now, not after the close handshake.
    ws.pause();
    transport.whenDrained(() => ws.terminate());
  };
  // ws enforces only maxPayload, the limit after login, and buffers a message until it is whole.
  // Before login the raw bytes received since the last whole message are counted (ws handles a
  // chunk before this listener sees it), so a big message is cut off at the first chunk that
  // passes the small limit instead of being buffered.
  let partial = 0;
  let consumed = 0;
  const onRaw = (chunk: Buffer) => {
    if (session.loggedIn || !session.alive) {
      socket.off('data', onRaw);
      return;
    }
    partial = Math.max(0, partial + chunk.length - consumed);
    consumed = 0;
    if (partial > limit + wsHeaderBytes(limit)) tooLarge(`a WebSocket message of more than ${limit} bytes`);
  };
  socket.on('data', onRaw);
  ws.on('message', (data, isBinary) => {
    const bytes = toBytes(data);
    if (!session.loggedIn) {
      consumed += bytes.length + wsHeaderBytes(bytes.length);
      if (bytes.length > limit) return tooLarge(`a WebSocket message of ${bytes.length} bytes`);
    }
    if (!isBinary) {
      session.fail(ErrorCode.BAD_FRAME, 'send frames in binary WebSocket messages, not text');
      return;
    }
    session.onBytes(bytes);
  });
  ws.on('close', () => session.closed());
  ws.on('error', () => ws.terminate());
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
