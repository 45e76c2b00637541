// Shapes shared by the bench coordinator and its worker processes: the target server, the
// commands sent over IPC, and the counters each worker reports back.
import type { HistogramData } from './histogram.js';
import type { Step } from './pacing.js';
import type { XmppWork } from './drivers/xmpp.js';

export type Transport = 'tcp' | 'ws' | 'xmpp';

export interface Target {
  transport: Transport;
  host: string;
  port: number;
  /** WebSocket path, for ws:// only. */
  path: string;
  /** XMPP domain (the part after @ in a JID), for xmpp:// only. */
  domain: string;
}

/** Everything a worker needs to know about the run, sent once at start. */
export interface WorkerSetup {
  worker: number;
  target: Target;
  /** Global index of this worker's first user, and how many users it owns. */
  firstUser: number;
  userCount: number;
  userPrefix: string;
  password: string;
  runId: string;
  /** Message body size in bytes (at least the header with the timestamp). */
  bodyBytes: number;
  /** Keep every message id sent/received, to count lost and duplicated messages exactly. */
  trackIds: boolean;
  /** Connections per loopback source address (0: let the kernel choose the source). */
  perSource: number;
  /** Interval between heartbeats of one idle connection. */
  heartbeatMs: number;
  /** XMPP only: plain <message>, or the per-message work Atoll does (acks and receipts). */
  xmppWork: XmppWork;
}

/** A range of global user indices. */
export interface UserRange {
  first: number;
  count: number;
}

/** The "mostly online" mix: about `share` of each worker's users away at any moment, each for `forMs`. */
export interface AwaySpec {
  share: number;
  forMs: number;
}

export type Command =
  | { t: 'setup'; setup: WorkerSetup }
  | { t: 'connect'; range: UserRange; register: boolean; concurrency: number; retryBusy: boolean }
  | { t: 'disconnect'; range: UserRange }
  | { t: 'chat'; startUs: number; steps: Step[]; senders: UserRange; recipients: UserRange; away?: AwaySpec; window?: number }
  /** Ends a running chat schedule now (a rate ladder that found the server saturated). */
  | { t: 'stopChat' }
  | { t: 'fixed'; senders: UserRange; recipients: UserRange; perRecipient: number; maxInFlight: number }
  | { t: 'drop'; range: UserRange; reconnect: boolean; concurrency: number }
  | { t: 'report' }
  | { t: 'reset' }
  | { t: 'exit' };

/** Counters for one step of a paced run, keyed by the step the message was scheduled in. */
export interface StepCounters {
  /** Messages the schedule asked for. */
  offered: number;
  /** Messages written to a socket. */
  sent: number;
  /** Messages the schedule asked for while the sender was not connected. */
  skipped: number;
  /** Messages not sent because the sender already had its window of unacked sends (the server pushing back). */
  heldBack: number;
  /** Messages the server acknowledged (Atoll's SendAck, durable; XMPP with --xmpp-work equal: a Stream Management ack). */
  acked: number;
  /** Messages received by a recipient that was online, with their send→receive latency. */
  latency: HistogramData;
  /** Messages that waited for a recipient who was away (--away): sent before it came back. */
  awayLatency: HistogramData;
  /** Largest delay between a send's scheduled time and when it was written (the generator's own lag). */
  lagMaxUs: number;
}

export interface WorkerReport {
  worker: number;
  connected: number;
  connectFailures: number;
  /** Time from starting a connection to being logged in, per connection, in microseconds. */
  connectTime: HistogramData;
  /** Monotonic microseconds of the first and last successful login of the last connect/drop command. */
  firstReadyUs: number;
  lastReadyUs: number;
  /** Logins refused by the server with a retryable code (SERVER_BUSY, RATE_LIMITED). */
  rejectedLogins: number;
  /** Error codes the server sent, by name, and local failures (connect refused, timeouts). */
  errors: Record<string, number>;
  steps: StepCounters[];
  /** Messages received in each second since the chat schedule started (by arrival), with their latencies. */
  bySecond: HistogramData[];
  /** Messages received (all, including duplicates), receipts received, and messages of an earlier run. */
  received: number;
  receipts: number;
  stale: number;
  /** Unexpected connection closes. */
  closes: number;
  /** Sessions dropped on purpose by the --away plan (each comes back after --away-for). */
  awayLeaves: number;
  /** Monotonic microseconds when the last message arrived. */
  lastReceiveUs: number;
  cpu: { userUs: number; systemUs: number };
  rssBytes: number;
  sentIds?: string[];
  receivedIds?: string[];
}

export type WorkerEvent =
  | { t: 'ready' }
  | { t: 'done'; command: Command['t'] }
  | { t: 'progress'; connected: number; failed: number; sent: number; received: number }
  | { t: 'report'; report: WorkerReport }
  | { t: 'fatal'; message: string };
