// The gateway's Prometheus figures, registered on the server's own registry (several servers may
// run in one process, in tests). Per-frame counts are plain fields, published when scraped:
// a prom-client inc() per frame would allocate on the hottest path.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { IntakeBudget } from './intake-budget.js';
import { RATE_LIMIT_REASONS, type LoginLimits } from './login-limits.js';
import type { PreLoginLimits, RefusalReason } from './pre-login-limits.js';

/** Why a connection was turned away: at connect (the pre-login caps) or before it logged in. */
export type RefusedReason = RefusalReason | 'login_timeout' | 'pre_login_frame_too_large';

export interface GatewayCounts {
  framesIn: number;
  framesOut: number;
  messagesAccepted: number;
  slowConsumers: number;
  intakePauses: number;
  /** Times a connection stopped being read because it pinged past its rate. */
  pingPauses: number;
  /** Times a connection stopped being read because its unsent output passed its bound. */
  outputPauses: number;
  /** Sends refused with STORAGE_UNAVAILABLE (full storage, or behind a refused send of the same connection). */
  storageRefusals: number;
}

export interface GatewayMetrics {
  connections: Gauge;
  sessionsLive: Gauge;
  /** Connections refused or closed before login, by reason. */
  refused: Counter<'reason'>;
  /** Logins that failed: wrong password or unknown user ('password'), bad resume token ('token'). */
  loginFailures: Counter<'kind'>;
  /** Logins, Resumes and Registers refused with RATE_LIMITED, by the limit that refused them. */
  rateLimited: Counter<'reason'>;
  counts: GatewayCounts;
}

export function gatewayMetrics(registry: Registry, intake: IntakeBudget, preLogin: PreLoginLimits, loginLimits: LoginLimits): GatewayMetrics {
  const registers = [registry];
  const counts: GatewayCounts = { framesIn: 0, framesOut: 0, messagesAccepted: 0, slowConsumers: 0, intakePauses: 0, pingPauses: 0, outputPauses: 0, storageRefusals: 0 };
  const counter = (name: string, help: string, key: keyof GatewayCounts) => {
    let published = 0;
    new Counter({
      name, help, registers,
      collect() {
        this.inc(counts[key] - published);
        published = counts[key];
      },
    });
  };
  counter('atoll_frames_in_total', 'Frames received from clients', 'framesIn');
  counter('atoll_frames_out_total', 'Frames sent to clients', 'framesOut');
  counter('atoll_messages_accepted_total', 'Messages made durable and acked to their sender', 'messagesAccepted');
  counter('atoll_slow_consumers_total', 'Connections closed because they read too slowly', 'slowConsumers');
  counter('atoll_intake_pauses_total', 'Times a sending connection began to park sends because the intake budget was used up (past a few parked sends it stops being read)', 'intakePauses');
  counter('atoll_ping_pauses_total', 'Times a connection stopped being read because it pinged faster than pingRatePerSec', 'pingPauses');
  counter('atoll_storage_refused_sends_total', 'Sends refused with STORAGE_UNAVAILABLE because storage was full (or behind a refused send of the same connection)', 'storageRefusals');
  counter('atoll_output_pauses_total', 'Times a connection stopped being read because its unsent output passed its bound', 'outputPauses');
  new Gauge({
    name: 'atoll_connections_pre_login', help: 'Open connections not logged in yet (capped by maxPreLogin)', registers,
    collect() { this.set(preLogin.size); },
  });
  const refused = new Counter({
    name: 'atoll_connections_refused_total', registers, labelNames: ['reason'] as const,
    help: 'Connections refused at connect (address_limit, pre_login_limit) or closed before login (login_timeout, pre_login_frame_too_large)',
  });
  for (const reason of ['address_limit', 'pre_login_limit', 'login_timeout', 'pre_login_frame_too_large'] satisfies RefusedReason[]) refused.inc({ reason }, 0);
  new Gauge({
    name: 'atoll_intake_bytes', help: 'Bytes of received message bodies not yet durable (intakeBudgetBytes plus at most one body per sending connection)', registers,
    collect() { this.set(intake.bytes); },
  });
  new Gauge({
    name: 'atoll_intake_peak_bytes', help: 'Highest atoll_intake_bytes since start (to size intakeBudgetBytes)', registers,
    collect() { this.set(intake.peak); },
  });
  const { loginFailures, rateLimited } = loginMetrics(registry, loginLimits);
  return {
    loginFailures,
    rateLimited,
    connections: new Gauge({ name: 'atoll_connections', help: 'Open client connections', registers }),
    sessionsLive: new Gauge({ name: 'atoll_sessions_live', help: 'Logged-in sessions', registers }),
    refused,
    counts,
  };
}

function loginMetrics(registry: Registry, limits: LoginLimits): Pick<GatewayMetrics, 'loginFailures' | 'rateLimited'> {
  const registers = [registry];
  const loginFailures = new Counter({
    name: 'atoll_login_failures_total', registers, labelNames: ['kind'] as const,
    help: 'Failed logins: unknown user or wrong password (password), unknown, revoked or expired resume token (token)',
  });
  for (const kind of ['password', 'token']) loginFailures.inc({ kind }, 0);
  const rateLimited = new Counter({
    name: 'atoll_auth_rate_limited_total', registers, labelNames: ['reason'] as const,
    help: 'Login, Resume and Register requests refused with RATE_LIMITED, by limit (login_address, login_user, register_address, auth_queue_address)',
  });
  for (const reason of RATE_LIMIT_REASONS) rateLimited.inc({ reason }, 0);
  new Gauge({
    name: 'atoll_rate_limit_keys', help: 'Keys (addresses or accounts) each login limit keeps a bucket for (capped by maxRateLimitKeys)', registers,
    labelNames: ['limit'] as const,
    collect() {
      this.set({ limit: 'login_address' }, limits.loginPerAddress.size);
      this.set({ limit: 'login_user' }, limits.failuresPerUser.size);
      this.set({ limit: 'register_address' }, limits.registerPerAddress.size);
    },
  });
  return { loginFailures, rateLimited };
}
