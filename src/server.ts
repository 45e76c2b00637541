// Starts one Atoll node: the node built from its modules (src/node/build-node.ts), with the gateway's
// listeners, admission control and metrics in front of it.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type net from 'node:net';
import type tls from 'node:tls';
import { pino, type Logger } from 'pino';
import { Registry, Gauge } from 'prom-client';
import type { ServerConfig } from './config.js';
import { AuthGate } from './gateway/auth-gate.js';
import { createHttpListener } from './gateway/http-listener.js';
import { IdleSweeper } from './gateway/idle-sweeper.js';
import { IntakeBudget } from './gateway/intake-budget.js';
import { gatewayMetrics } from './gateway/metrics.js';
import { OutboxFlusher } from './gateway/outbox-flusher.js';
import { LoginLimits } from './gateway/login-limits.js';
import { PreLoginLimits } from './gateway/pre-login-limits.js';
import { RefusalLog } from './gateway/refusal-log.js';
import type { GatewayContext } from './gateway/context.js';
import type { Session } from './gateway/session.js';
import { SessionDirectory } from './gateway/session-directory.js';
import { createTcpListener } from './gateway/tcp-listener.js';
import { buildNode, type AtollNode } from './node/build-node.js';
import { ErrorCode } from './protocol/framing.js';
import { registerProcessMetrics } from './node/process-metrics.js';
import { NODE_MODULES } from './services/index.js';
import { lockDataDir, logDirsOf } from './store/data-check.js';
import { StorageHealth } from './store/storage-health.js';
import { VERSION } from './version.js';

export interface AtollServer {
  /** The bound HTTP/WebSocket port (useful when the config asked for 0). */
  readonly httpPort: number;
  /** The bound TCP port, or -1 when the TCP listener is off. */
  readonly tcpPort: number;
  /** Prometheus registry of this server's figures. */
  readonly metrics: Registry;
  /** The node's modules, in the order they were registered. */
  readonly modules: readonly string[];
  /** Stops accepting, tells clients SHUTTING_DOWN, waits for durable writes and closes the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<AtollServer> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const dataLock = await lockDataDir(config.dataDir);
  let server: AtollServer;
  try {
    server = await startLocked(config, logger);
  } catch (err) {
    await dataLock.release();
    throw err;
  }
  let closing: Promise<void> | null = null;
  // The directory stays taken until the store is closed: a new server may then start on it.
  const close = () => (closing ??= server.close().finally(() => dataLock.release()));
  return { ...server, close };
}

async function startLocked(config: ServerConfig, logger: Logger): Promise<AtollServer> {
  const registry = new Registry();
  registerProcessMetrics(registry);
  const storage = storageHealth(config, registry, logger);
  const node = await buildNode(config, NODE_MODULES, { registry, health: storage });
  const { router, recovery } = node;
  for (const note of [...node.repairedFiles, ...recovery.repaired]) logger.error(note.details, note.msg);
  for (const note of recovery.warnings) logger.warn(note.details, note.msg);
  logger.info({ durability: config.durability, ms: Math.round(recovery.ms), records: recovery.records, ops: recovery.ops, flushRounds: recovery.flushRounds }, 'storage recovered');
  await storage.start();
  registerLoadGauge(registry, node);
  const sessions = new Set<Session>();
  // One node until cluster mode names them.
  const directory = new SessionDirectory('local');
  router.serveSessions(directory);
  const intake = new IntakeBudget(config.intakeBudgetBytes, config.intakeMaxSends);
  const preLogin = new PreLoginLimits(config.maxPreLoginPerAddress, config.maxPreLogin);
  const loginLimits = new LoginLimits(config);
  const ctx: GatewayContext = {
    config, router, logger, sessions, directory,
    auth: new AuthGate(config.maxConcurrentAuth, config.maxQueuedAuth, config.maxQueuedAuthPerAddress),
    flusher: new OutboxFlusher(),
    sweeper: new IdleSweeper(config.idleTimeoutMs),
    metrics: gatewayMetrics(registry, intake, preLogin, loginLimits),
    serverName: `atoll/${VERSION}`,
    intake,
    preLogin,
    loginLimits,
    refusalLog: new RefusalLog(logger),
    storage,
  };
  const tlsOptions = config.tls ? readTls(config.tls) : null;
  const http = createHttpListener(ctx, registry, tlsOptions);
  const tcp = config.tcpPort >= 0 ? createTcpListener(ctx, tlsOptions) : null;
  try {
    await listen(http, config.host, config.httpPort, config.listenBacklog);
    if (tcp) await listen(tcp, config.host, config.tcpPort, config.listenBacklog);
  } catch (err) {
    http.close();
    tcp?.close();
    await node.close();
    storage.stop();
    throw err;
  }
  const httpPort = (http.address() as AddressInfo).port;
  const tcpPort = tcp ? (tcp.address() as AddressInfo).port : -1;
  const scheme = tlsOptions ? 'wss' : 'ws';
  logger.info({ httpPort, tcpPort, host: config.host, dataDir: config.dataDir, fragments: config.fragments, router: config.router,
    ws: `${scheme}://${config.host}:${httpPort}/v1/ws`, tcp: tcp ? `${tlsOptions ? 'tls' : 'tcp'}://${config.host}:${tcpPort}` : null },
  'atoll listening');

  let closing: Promise<void> | null = null;
  const close = () => (closing ??= (async () => {
    logger.info('shutting down');
    http.close();
    tcp?.close();
    for (const s of [...sessions]) s.fail(ErrorCode.SHUTTING_DOWN, 'the server is restarting; reconnect with back-off and Resume');
    ctx.sweeper.stop();
    http.closeAllConnections?.();
    await node.close();
    storage.stop();
    logger.info('stopped');
  })());
  return { httpPort, tcpPort, metrics: registry, modules: node.modules, close };
}

/** Free space of every directory the server writes to, with one log line per change. */
function storageHealth(config: ServerConfig, registry: Registry, logger: Logger): StorageHealth {
  const dirs = config.durability === 'log' ? [config.dataDir, ...logDirsOf(config)] : [config.dataDir];
  return new StorageHealth({
    dirs, reserveBytes: config.storageReserveBytes, registry,
    onChange(available, state) {
      if (!available) {
        logger.warn({ freeBytes: state.freeBytes, reserveBytes: state.reserveBytes, reason: state.reason, dirs },
          'storage unavailable: new sends, registrations and logins are refused with STORAGE_UNAVAILABLE until space is freed');
      } else {
        logger.info({ freeBytes: state.freeBytes, reserveBytes: state.reserveBytes }, 'storage available again: writes resumed');
      }
    },
  });
}

function listen(server: net.Server, host: string, port: number, backlog: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE'
        ? new Error(`port ${port} on ${host} is already in use: stop the other process or pick another port (--http-port / --tcp-port)`)
        : err);
    };
    server.once('error', onError);
    server.listen({ port, host, backlog }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function readTls(paths: { cert: string; key: string }): tls.TlsOptions {
  try {
    return { cert: readFileSync(paths.cert), key: readFileSync(paths.key) };
  } catch (err) {
    throw new Error(`cannot read the TLS certificate or key (${(err as Error).message}); check tls.cert and tls.key`);
  }
}

function registerLoadGauge(registry: Registry, node: AtollNode): void {
  new Gauge({
    name: 'atoll_fragment_load_skew',
    help: 'Requests handled by the busiest fragment divided by the mean, per service',
    labelNames: ['service'],
    registers: [registry],
    collect() {
      for (const service of node.modules) {
        const load = node.router.load(service);
        const total = load.reduce((a, b) => a + b, 0);
        const mean = total / load.length;
        this.set({ service }, mean > 0 ? Math.max(...load) / mean : 0);
      }
    },
  });
}
