// What every connection of a node shares: the settings, the router, the limits and budgets that
// span connections, and the node's live sessions. server.ts builds one; each Session gets it.
import type { Logger } from 'pino';
import type { ServerConfig } from '../config.js';
import type { ErrorCode } from '../protocol/framing.js';
import type { Router } from '../cluster/router.js';
import type { Services } from '../services/index.js';
import type { StorageHealth } from '../store/storage-health.js';
import type { AuthGate } from './auth-gate.js';
import type { IdleSweeper } from './idle-sweeper.js';
import type { IntakeBudget } from './intake-budget.js';
import type { LoginLimits } from './login-limits.js';
import type { GatewayMetrics } from './metrics.js';
import type { OutboxFlusher } from './outbox-flusher.js';
import type { PreLoginLimits } from './pre-login-limits.js';
import type { RefusalLog } from './refusal-log.js';
import type { SessionDirectory } from './session-directory.js';

/** What the node needs of each open connection: a way to end it (at shutdown). */
export interface OpenConnection {
  /** Sends a fatal error, flushes, and closes. */
  fail(code: ErrorCode, message: string): void;
}

export interface GatewayContext {
  config: ServerConfig;
  router: Router<Services>;
  logger: Logger;
  auth: AuthGate;
  flusher: OutboxFlusher;
  sweeper: IdleSweeper;
  metrics: GatewayMetrics;
  /** Every open connection, logged in or not. */
  sessions: Set<OpenConnection>;
  /** Addresses of the logged-in sessions, for the events the router hands to them. */
  directory: SessionDirectory;
  serverName: string;
  intake: IntakeBudget;
  preLogin: PreLoginLimits;
  loginLimits: LoginLimits;
  refusalLog: RefusalLog;
  storage: StorageHealth;
}
