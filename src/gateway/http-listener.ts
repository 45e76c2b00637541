// The HTTP listener: WebSocket sessions at /v1/ws (each binary message carries one or more
// frames), plus /healthz and the Prometheus /metrics endpoint.
import http from 'node:http';
import https from 'node:https';
import type tls from 'node:tls';
import type { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode } from '../protocol/framing.js';
import { Session, type GatewayContext } from './session.js';
import type { Transport } from './transport.js';

export const WS_PATH = '/v1/ws';

export function createHttpListener(ctx: GatewayContext, registry: Registry, tlsOptions: tls.TlsOptions | null): http.Server {
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
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
  const wss = new WebSocketServer({ noServer: true, maxPayload: ctx.config.maxFrameBytes * 4, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, ctx, `${req.socket.remoteAddress}:${req.socket.remotePort}`));
  });
  return server;
}

function attach(ws: WebSocket, ctx: GatewayContext, remote: string): void {
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
  const session = new Session(transport, ctx);
  ws.on('message', (data, isBinary) => {
    if (!isBinary) {
      session.fail(ErrorCode.BAD_FRAME, 'send frames in binary WebSocket messages, not text');
      return;
    }
    session.onBytes(toBytes(data));
  });
  ws.on('close', () => session.closed());
  ws.on('error', () => ws.terminate());
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
