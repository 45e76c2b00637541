// One worker's share of the simulated users: opens their connections, paces their sends on an
// open-loop schedule, records what arrives, and reports counters. Runs inside a worker process.
import { sourceFor } from './addresses.js';
import { nowUs } from './clock.js';
import { Histogram } from './histogram.js';
import { Schedule, type Step } from './pacing.js';
import { awayPlan, awaySeed, type Leave } from './away.js';
import { createAtollConn } from './drivers/atoll.js';
import { createXmppConn } from './drivers/xmpp.js';
import { userName, type BenchConn, type ConnEvents } from './drivers/types.js';
import type { AwaySpec, StepCounters, UserRange, WorkerReport, WorkerSetup } from './types.js';

const MAX_LOGIN_RETRIES = 30;
const MAX_TRACKED_IDS = 5_000_000;
/** Sends written per timer tick at most, so sockets get read between bursts. */
const MAX_SENDS_PER_TICK = 20_000;
/** Other senders tried when the scheduled one is away (--away), so the offered rate is kept. */
const AWAY_SENDER_PROBES = 8;
/** Longest wait, after the last planned return, for away users to be logged in again. */
const RETURN_LIMIT_MS = 60_000;
/**
 * Heartbeats go out a few every 50 ms, as independent phones' would: a second's worth sent at
 * once (250 at 5,000 users) held the server for several milliseconds, a tail real traffic lacks.
 */
const HEARTBEAT_TICK_MS = 50;

interface LiveStep {
  offered: number;
  sent: number;
  skipped: number;
  heldBack: number;
  acked: number;
  latency: Histogram;
  awayLatency: Histogram;
  lagMaxUs: number;
}

function newStep(): LiveStep {
  return { offered: 0, sent: 0, skipped: 0, heldBack: 0, acked: 0, latency: new Histogram(), awayLatency: new Histogram(), lagMaxUs: 0 };
}

/** Message body: run id, step, scheduled send time (µs, monotonic), padded to the requested size. */
export function encodeBody(runId: string, step: number, sendUs: number, bytes: number): string {
  const head = `${runId}|${step}|${Math.round(sendUs)}|`;
  return head.length >= bytes ? head : head + 'x'.repeat(bytes - head.length);
}

export type ParsedBody = { runId: string; step: number; sendUs: number } | null;

export function decodeBody(body: string): ParsedBody {
  const a = body.indexOf('|');
  const b = a === -1 ? -1 : body.indexOf('|', a + 1);
  const c = b === -1 ? -1 : body.indexOf('|', b + 1);
  if (c === -1) return null;
  const step = Number(body.slice(a + 1, b));
  const sendUs = Number(body.slice(b + 1, c));
  if (!Number.isInteger(step) || step < 0 || !Number.isFinite(sendUs)) return null;
  return { runId: body.slice(0, a), step, sendUs };
}

export class Fleet implements ConnEvents {
  private readonly conns: BenchConn[] = [];
  private steps: LiveStep[] = [newStep()];
  /** Arrivals per second since the chat schedule started (0: no schedule yet). */
  private bySecond: Histogram[] = [];
  private chatStartUs = 0;
  private connected = 0;
  private connectFailures = 0;
  private connectTime = new Histogram();
  private firstReadyUs = 0;
  private lastReadyUs = 0;
  private rejectedLogins = 0;
  private errors: Record<string, number> = {};
  private received = 0;
  private receipts = 0;
  private stale = 0;
  private closes = 0;
  private awayLeaves = 0;
  /** Users that went away: Infinity until they are logged in again, then the time they came back. */
  private backUs = new Map<BenchConn, number>();
  /** Away users whose return login has not settled yet. */
  private returning = new Set<BenchConn>();
  private lastReceiveUs = 0;
  private sentIds: string[] = [];
  private receivedIds: string[] = [];
  private pendingOpen: ((conn: BenchConn, ok: boolean) => void) | null = null;
  private retries = new Map<BenchConn, number>();
  private schedule: Schedule | null = null;
  private heartbeatTimer: NodeJS.Timeout;
  private heartbeatCursor = 0;
  private heartbeatsOwed = 0;
  private readonly acks: boolean;
  private register = false;
  /** Set by stopChat: the running schedule sends nothing more. */
  private chatStopped = false;

  constructor(private readonly setup: WorkerSetup) {
    const { target } = setup;
    this.acks = target.transport !== 'xmpp' || setup.xmppWork === 'equal';
    const nameOf = (u: number) => userName(setup.userPrefix, u);
    for (let i = 0; i < setup.userCount; i++) {
      const user = setup.firstUser + i;
      const opts = {
        user,
        userName: nameOf(user),
        password: setup.password,
        localAddress: setup.perSource > 0 ? sourceFor(user, target.host, setup.perSource) : undefined,
      };
      this.conns.push(target.transport === 'xmpp' ? createXmppConn(target, opts, nameOf, this, setup.xmppWork) : createAtollConn(target, opts, nameOf, this));
    }
    this.heartbeatTimer = setInterval(() => this.heartbeats(), HEARTBEAT_TICK_MS);
    this.heartbeatTimer.unref();
  }

  /** Every connection of this worker, by local index. */
  get allConns(): readonly BenchConn[] {
    return this.conns;
  }

  /** Conns of global users in `range` that this worker owns. */
  private local(range: UserRange): BenchConn[] {
    const from = Math.max(range.first, this.setup.firstUser) - this.setup.firstUser;
    const to = Math.min(range.first + range.count, this.setup.firstUser + this.setup.userCount) - this.setup.firstUser;
    return from < to ? this.conns.slice(from, to) : [];
  }

  private count(code: string): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }

  // ---- ConnEvents ----
  ready(conn: BenchConn, startedUs: number): void {
    const now = nowUs();
    this.connected++;
    this.connectTime.record(now - startedUs);
    if (this.firstReadyUs === 0) this.firstReadyUs = now;
    this.lastReadyUs = now;
    this.retries.delete(conn);
    if (this.returning.delete(conn)) this.backUs.set(conn, now);
    this.pendingOpen?.(conn, true);
  }

  failed(conn: BenchConn, reason: string, retryAfterMs?: number): void {
    const tries = this.retries.get(conn) ?? 0;
    if (retryAfterMs !== undefined && tries < MAX_LOGIN_RETRIES) {
      this.rejectedLogins++;
      this.retries.set(conn, tries + 1);
      const delay = retryAfterMs * (0.5 + Math.random());
      setTimeout(() => conn.open(this.register), delay);
      return;
    }
    this.count(reason);
    this.connectFailures++;
    this.retries.delete(conn);
    this.returning.delete(conn);
    this.pendingOpen?.(conn, false);
  }

  message(conn: BenchConn, id: string, body: string): void {
    const now = nowUs();
    this.lastReceiveUs = now;
    const parsed = decodeBody(body);
    if (parsed === null || parsed.runId !== this.setup.runId) {
      this.stale++;
      return;
    }
    this.received++;
    while (this.steps.length <= parsed.step) this.steps.push(newStep());
    // sent before this recipient came back from an absence (or while it is still logging in):
    // it waited for an away user, and its latency says how long the user was gone, not how fast delivery is
    const back = this.backUs.get(conn);
    const waited = back !== undefined && parsed.sendUs < back;
    (waited ? this.steps[parsed.step].awayLatency : this.steps[parsed.step].latency).record(now - parsed.sendUs);
    if (this.chatStartUs > 0 && now >= this.chatStartUs) this.arrivedAt(now, now - parsed.sendUs);
    if (this.setup.trackIds && this.receivedIds.length < MAX_TRACKED_IDS) this.receivedIds.push(id);
  }

  private arrivedAt(now: number, latencyUs: number): void {
    const second = Math.floor((now - this.chatStartUs) / 1e6);
    while (this.bySecond.length <= second) this.bySecond.push(new Histogram());
    this.bySecond[second].record(latencyUs);
  }

  receipt(): void {
    this.receipts++;
  }

  acked(_conn: BenchConn, id: string): void {
    const k = this.schedule !== null ? this.schedule.stepOfIndex(Number(id.slice(id.lastIndexOf('.') + 1))) : 0;
    if (this.steps[k]) this.steps[k].acked++;
    if (this.setup.trackIds && this.sentIds.length < MAX_TRACKED_IDS) this.sentIds.push(id);
  }

  error(_conn: BenchConn, code: string): void {
    this.count(code);
  }

  closed(_conn: BenchConn, reason: string): void {
    this.closes++;
    this.connected--;
    this.count(`closed:${reason}`);
  }

  // ---- commands ----

  /** Opens the connections of `range`, at most `concurrency` logins at a time; resolves when all settled. */
  connect(range: UserRange, register: boolean, concurrency: number): Promise<void> {
    const todo = this.local(range).filter((c) => !c.isReady);
    this.register = register;
    this.firstReadyUs = 0;
    this.lastReadyUs = 0;
    return new Promise((resolve) => {
      let next = 0;
      let settled = 0;
      const startOne = () => {
        if (next < todo.length) todo[next++].open(register);
      };
      this.pendingOpen = () => {
        settled++;
        if (settled >= todo.length) {
          this.pendingOpen = null;
          resolve();
          return;
        }
        startOne();
      };
      if (todo.length === 0) {
        this.pendingOpen = null;
        resolve();
        return;
      }
      for (let i = 0; i < Math.min(concurrency, todo.length); i++) startOne();
    });
  }

  disconnect(range: UserRange): void {
    for (const c of this.local(range)) {
      if (c.isReady) this.connected--;
      c.close();
    }
  }

  /** Drops every connection of `range` at once; reconnects them all (resuming where the protocol can). */
  async drop(range: UserRange, reconnect: boolean, concurrency: number): Promise<void> {
    const conns = this.local(range);
    for (const c of conns) {
      if (c.isReady) this.connected--;
      c.destroy();
    }
    if (reconnect) await this.connect(range, false, concurrency);
  }

  /**
   * Sends on the open-loop schedule until it ends; each send goes from a local sender to a random
   * recipient. With `away`, local users also leave and come back on the seeded plan of away.ts
   * while it runs; the command ends once the schedule is done and every away user is back.
   * With `window`, a sender that has that many sends not yet acked holds its turn back (counted,
   * not sent), as a client that waits for the server would.
   */
  chat(startUs: number, steps: Step[], senders: UserRange, recipients: UserRange, away?: AwaySpec, window = 0): Promise<void> {
    const schedule = new Schedule(startUs, steps);
    this.schedule = schedule;
    this.chatStopped = false;
    this.steps = steps.map(() => newStep());
    this.bySecond = [];
    this.chatStartUs = startUs;
    this.backUs.clear();
    this.returning.clear();
    const from = this.local(senders);
    const absences = away ? new Absences(this, awayPlan(this.conns.length, away.share, away.forMs, (schedule.endUs - startUs) / 1000, awaySeed(this.setup.worker)), startUs) : null;
    let index = 0;
    let cursor = 0;
    return new Promise((resolve) => {
      const tick = () => {
        const now = nowUs();
        absences?.advance(now);
        const due = Math.min(schedule.dueBy(now), index + MAX_SENDS_PER_TICK);
        for (; index < due; index++) {
          const k = schedule.stepOfIndex(index);
          const step = this.steps[k];
          step.offered++;
          if (from.length === 0) continue;
          let sender = from[cursor];
          cursor = cursor + 1 === from.length ? 0 : cursor + 1;
          // an away sender hands its turn to the next online one; without --away the turn is skipped
          for (let probe = 0; absences !== null && !sender.isReady && probe < AWAY_SENDER_PROBES; probe++) {
            sender = from[cursor];
            cursor = cursor + 1 === from.length ? 0 : cursor + 1;
          }
          if (!sender.isReady) {
            step.skipped++;
            continue;
          }
          if (window > 0 && sender.unacked >= window) {
            step.heldBack++;
            continue;
          }
          const at = schedule.timeOf(index);
          const lag = now - at;
          if (lag > step.lagMaxUs) step.lagMaxUs = lag;
          const to = pickRecipient(recipients, sender.user);
          const id = `${this.setup.runId}.${this.setup.worker}.${index}`;
          sender.send(to, id, encodeBody(this.setup.runId, k, at, this.setup.bodyBytes));
          step.sent++;
          if (!this.acks && this.setup.trackIds && this.sentIds.length < MAX_TRACKED_IDS) this.sentIds.push(id);
        }
        if (index < schedule.total && !this.chatStopped) return void setTimeout(tick, 1);
        if (absences === null || absences.settled(now)) return resolve();
        setTimeout(tick, 20); // the schedule is done; wait for the last away users to come back
      };
      tick();
    });
  }

  /** Ends the running schedule at its next tick; what was sent so far is still counted. */
  stopChat(): void {
    this.chatStopped = true;
  }

  /** Drops a session on purpose, as a phone losing coverage would: the socket goes, the server queues. */
  leave(conn: BenchConn): boolean {
    if (!conn.isReady) return false;
    this.connected--;
    this.awayLeaves++;
    this.backUs.set(conn, Infinity);
    conn.destroy();
    return true;
  }

  /** Logs an away user back in: Resume where the driver has it (Atoll), else a fresh login. */
  comeBack(conn: BenchConn): void {
    this.returning.add(conn);
    conn.open(false);
  }

  get returnsPending(): number {
    return this.returning.size;
  }

  /** Away users still not back when the wait ends count as failed returns. */
  giveUpReturns(): void {
    for (const _ of this.returning) this.count('AWAY_RETURN_TIMEOUT');
    this.connectFailures += this.returning.size;
    this.returning.clear();
  }

  /** Sends `perRecipient` messages to every recipient this worker covers, in batches of `batch`, waiting for the server between batches. */
  async fixed(senders: UserRange, recipients: UserRange, perRecipient: number, batch: number): Promise<void> {
    this.schedule = null;
    this.steps = [newStep()];
    const from = this.local(senders).filter((c) => c.isReady);
    if (from.length === 0) return;
    const step = this.steps[0];
    let cursor = 0;
    let n = 0;
    const total = recipients.count * perRecipient;
    while (n < total) {
      const used = new Set<BenchConn>();
      for (let b = 0; b < batch && n < total; b++, n++) {
        const to = recipients.first + (n % recipients.count);
        const sender = from[cursor];
        cursor = (cursor + 1) % from.length;
        step.offered++;
        if (!sender.isReady) {
          step.skipped++;
          continue;
        }
        const id = `${this.setup.runId}.${this.setup.worker}.${n}`;
        sender.send(to, id, encodeBody(this.setup.runId, 0, nowUs(), this.setup.bodyBytes));
        step.sent++;
        used.add(sender);
        if (!this.acks && this.setup.trackIds && this.sentIds.length < MAX_TRACKED_IDS) this.sentIds.push(id);
      }
      await Promise.all([...used].map((c) => c.barrier()));
    }
  }

  private heartbeats(): void {
    this.heartbeatsOwed += (this.conns.length * HEARTBEAT_TICK_MS) / this.setup.heartbeatMs;
    const now = Math.floor(this.heartbeatsOwed);
    this.heartbeatsOwed -= now;
    for (let i = 0; i < now && this.conns.length > 0; i++) {
      this.heartbeatCursor = (this.heartbeatCursor + 1) % this.conns.length;
      this.conns[this.heartbeatCursor].heartbeat();
    }
  }

  progress(): { connected: number; failed: number; sent: number; received: number } {
    return { connected: this.connected, failed: this.connectFailures, sent: this.steps.reduce((a, s) => a + s.sent, 0), received: this.received };
  }

  report(): WorkerReport {
    const cpu = process.cpuUsage();
    const steps: StepCounters[] = this.steps.map((s) => ({
      offered: s.offered,
      sent: s.sent,
      skipped: s.skipped,
      heldBack: s.heldBack,
      acked: s.acked,
      latency: s.latency.toData(),
      awayLatency: s.awayLatency.toData(),
      lagMaxUs: s.lagMaxUs,
    }));
    return {
      worker: this.setup.worker,
      connected: this.connected,
      connectFailures: this.connectFailures,
      connectTime: this.connectTime.toData(),
      firstReadyUs: this.firstReadyUs,
      lastReadyUs: this.lastReadyUs,
      rejectedLogins: this.rejectedLogins,
      errors: { ...this.errors },
      steps,
      bySecond: this.bySecond.map((h) => h.toData()),
      received: this.received,
      receipts: this.receipts,
      stale: this.stale,
      closes: this.closes,
      awayLeaves: this.awayLeaves,
      lastReceiveUs: this.lastReceiveUs,
      cpu: { userUs: cpu.user, systemUs: cpu.system },
      rssBytes: process.memoryUsage.rss(),
      ...(this.setup.trackIds ? { sentIds: this.sentIds, receivedIds: this.receivedIds } : {}),
    };
  }

  /** Counters start over (connect times, errors); connections stay as they are. */
  resetCounters(): void {
    this.connectTime = new Histogram();
    this.connectFailures = 0;
    this.rejectedLogins = 0;
    this.errors = {};
    this.received = 0;
    this.receipts = 0;
    this.stale = 0;
    this.closes = 0;
    this.awayLeaves = 0;
    this.sentIds = [];
    this.receivedIds = [];
    this.steps = [newStep()];
    this.bySecond = [];
    this.chatStartUs = 0;
  }

  stop(): void {
    clearInterval(this.heartbeatTimer);
    for (const c of this.conns) c.destroy();
  }
}

/** A random user of `range` other than `self` (self only when the range has one user). */
export function pickRecipient(range: UserRange, self: number): number {
  if (range.count <= 1) return range.first;
  for (;;) {
    const u = range.first + Math.floor(Math.random() * range.count);
    if (u !== self) return u;
  }
}

/** Walks one worker's away plan along the run's clock: who leaves now, who comes back now. */
class Absences {
  private nextLeave = 0;
  private nextBack = 0;
  /** Whether the plan's leave i really dropped a session (its user may not have been online). */
  private readonly left: boolean[] = [];
  private readonly deadlineUs: number;

  private readonly conns: readonly BenchConn[];

  constructor(private readonly fleet: Fleet, private readonly plan: readonly Leave[], private readonly startUs: number) {
    this.conns = fleet.allConns;
    const lastBackMs = plan.length > 0 ? plan[plan.length - 1].backMs : 0;
    this.deadlineUs = startUs + (lastBackMs + RETURN_LIMIT_MS) * 1000;
  }

  advance(nowUs: number): void {
    const elapsedMs = (nowUs - this.startUs) / 1000;
    // every absence lasts the same time, so returns come in the order of the leaves
    while (this.nextBack < this.nextLeave && this.plan[this.nextBack].backMs <= elapsedMs) {
      if (this.left[this.nextBack]) this.fleet.comeBack(this.conns[this.plan[this.nextBack].index]);
      this.nextBack++;
    }
    while (this.nextLeave < this.plan.length && this.plan[this.nextLeave].leaveMs <= elapsedMs) {
      this.left.push(this.fleet.leave(this.conns[this.plan[this.nextLeave].index]));
      this.nextLeave++;
    }
  }

  /** Every planned return has happened and logged in (or failed), or the wait is over. */
  settled(nowUs: number): boolean {
    if (this.nextBack === this.plan.length && this.fleet.returnsPending === 0) return true;
    if (nowUs <= this.deadlineUs) return false;
    this.fleet.giveUpReturns();
    return true;
  }
}
