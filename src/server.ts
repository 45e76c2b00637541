// Wires one Atoll node together: store, router with its fragment owners, services, gateway listeners.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type net from 'node:net';
import type tls from 'node:tls';
import { pino, type Logger } from 'pino';
import { Registry, collectDefaultMetrics, Gauge } from 'prom-client';
import { createRouter, type NodeRouter } from './cluster/create-router.js';
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
import type { GatewayContext, Session } from './gateway/session.js';
import { SessionDirectory } from './gateway/session-directory.js';
import { createTcpListener } from './gateway/tcp-listener.js';
import { ErrorCode } from './protocol/framing.js';
import { accountsService } from './services/accounts/service.js';
import type { Services } from './services/index.js';
import { inboxService } from './services/inbox/service.js';
import { presenceService } from './services/presence/service.js';
import { checkBeforeOpen, lockDataDir, logDirsOf } from './store/data-check.js';
import { StorageEngine, type RecoveryReport } from './store/engine.js';
import { openStores } from './store/kv.js';
import { StorageHealth } from './store/storage-health.js';
import { VERSION } from './version.js';

export interface AtollServer {
  /** The bound HTTP/WebSocket port (useful when the config asked for 0). */
  readonly httpPort: number;
  /** The bound TCP port, or -1 when the TCP listener is off. */
  readonly tcpPort: number;
  /** Prometheus registry of this server's figures. */
  readonly metrics: Registry;
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
  const repairedFiles = await checkBeforeOpen(config);
  const stores = openStores(config.dataDir);
  const router = createRouter<Services>(config);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const storage = storageHealth(config, registry, logger);
  let engine: StorageEngine;
  try {
    engine = await StorageEngine.open({ config, stores, registry, fragmentOf: (user) => router.fragmentOf(user), health: storage });
  } catch (err) {
    await stores.root.close();
    throw err;
  }
  router.register('accounts', accountsService(stores, storage));
  router.register('inbox', inboxService(stores, router, {
    window: config.inboxWindow, windowBytes: config.inboxWindowBytes, engine,
    maxDevicesPerUser: config.maxDevicesPerUser, maxQueuedBytesPerUser: config.maxQueuedBytesPerUser, registry,
  }));
  router.register('presence', presenceService(stores, router));
  let recovery: RecoveryReport;
  try {
    recovery = await engine.recover();
  } catch (err) {
    await stores.root.close();
    throw err;
  }
  for (const note of [...repairedFiles, ...recovery.repaired]) logger.error(note.details, note.msg);
  for (const note of recovery.warnings) logger.warn(note.details, note.msg);
  logger.info({ durability: config.durability, ms: Math.round(recovery.ms), records: recovery.records, ops: recovery.ops, flushRounds: recovery.flushRounds }, 'storage recovered');
  engine.start();
  await storage.start();
  registerLoadGauge(registry, router);
  const sessions = new Set<Session>();
  // One node until cluster mode names them.
  const directory = new SessionDirectory('local');
  router.serveSessions(directory);
  const intake = new IntakeBudget(config.intakeBudgetBytes);
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
    storage.stop();
    await engine.close();
    await stores.root.close();
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
    // Every write issued so far resolves before close returns: nothing acked is left behind.
    await engine.close();
    storage.stop();
    await stores.root.flushed;
    await stores.root.close();
    logger.info('stopped');
  })());
  return { httpPort, tcpPort, metrics: registry, close };
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

function registerLoadGauge(registry: Registry, router: NodeRouter<Services>): void {
  new Gauge({
    name: 'atoll_fragment_load_skew',
    help: 'Requests handled by the busiest fragment divided by the mean, per service',
    labelNames: ['service'],
    registers: [registry],
    collect() {
      for (const service of ['accounts', 'inbox', 'presence'] as const) {
        const load = router.load(service);
        const total = load.reduce((a, b) => a + b, 0);
        const mean = total / load.length;
        this.set({ service }, mean > 0 ? Math.max(...load) / mean : 0);
      }
    },
  });
}
