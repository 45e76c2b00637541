// Merges the reports of all worker processes into one: sums counters, merges histograms,
// and counts lost and duplicated messages from the ids the workers kept.
import { Histogram } from './histogram.js';
import type { StepCounters, WorkerReport } from './types.js';

export interface MergedStep {
  offered: number;
  sent: number;
  skipped: number;
  heldBack: number;
  acked: number;
  /** All messages received (online and waiting for an away recipient). */
  delivered: number;
  latency: Histogram;
  awayLatency: Histogram;
  lagMaxUs: number;
}

export interface Merged {
  workers: number;
  connected: number;
  connectFailures: number;
  connectTime: Histogram;
  firstReadyUs: number;
  lastReadyUs: number;
  rejectedLogins: number;
  errors: Record<string, number>;
  steps: MergedStep[];
  /** Messages received in each second since the chat schedule started, with their latencies. */
  bySecond: Histogram[];
  received: number;
  receipts: number;
  stale: number;
  closes: number;
  awayLeaves: number;
  lastReceiveUs: number;
  cpu: { userUs: number; systemUs: number };
  rssBytes: number;
  /** Only when ids were tracked: acked (or sent, when the protocol has no acks) ids never received, and repeats. */
  lost?: number;
  duplicates?: number;
  uniqueReceived?: number;
}

export function emptyStep(): StepCounters {
  return { offered: 0, sent: 0, skipped: 0, heldBack: 0, acked: 0, latency: new Histogram().toData(), awayLatency: new Histogram().toData(), lagMaxUs: 0 };
}

export function mergeReports(reports: readonly WorkerReport[]): Merged {
  const out: Merged = {
    workers: reports.length,
    connected: 0,
    connectFailures: 0,
    connectTime: new Histogram(),
    firstReadyUs: Infinity,
    lastReadyUs: 0,
    rejectedLogins: 0,
    errors: {},
    steps: [],
    bySecond: [],
    received: 0,
    receipts: 0,
    stale: 0,
    closes: 0,
    awayLeaves: 0,
    lastReceiveUs: 0,
    cpu: { userUs: 0, systemUs: 0 },
    rssBytes: 0,
  };
  for (const r of reports) {
    out.connected += r.connected;
    out.connectFailures += r.connectFailures;
    out.connectTime.merge(r.connectTime);
    if (r.connected > 0 && r.firstReadyUs > 0) out.firstReadyUs = Math.min(out.firstReadyUs, r.firstReadyUs);
    out.lastReadyUs = Math.max(out.lastReadyUs, r.lastReadyUs);
    out.rejectedLogins += r.rejectedLogins;
    for (const [code, n] of Object.entries(r.errors)) out.errors[code] = (out.errors[code] ?? 0) + n;
    r.steps.forEach((s, k) => mergeStep(out.steps, k, s));
    r.bySecond.forEach((h, k) => {
      while (out.bySecond.length <= k) out.bySecond.push(new Histogram());
      out.bySecond[k].merge(h);
    });
    out.received += r.received;
    out.receipts += r.receipts;
    out.stale += r.stale;
    out.closes += r.closes;
    out.awayLeaves += r.awayLeaves;
    out.lastReceiveUs = Math.max(out.lastReceiveUs, r.lastReceiveUs);
    out.cpu.userUs += r.cpu.userUs;
    out.cpu.systemUs += r.cpu.systemUs;
    out.rssBytes += r.rssBytes;
  }
  if (out.firstReadyUs === Infinity) out.firstReadyUs = 0;
  if (reports.some((r) => r.sentIds !== undefined)) Object.assign(out, countLoss(reports));
  return out;
}

function mergeStep(steps: MergedStep[], k: number, s: StepCounters): void {
  while (steps.length <= k) {
    steps.push({ offered: 0, sent: 0, skipped: 0, heldBack: 0, acked: 0, delivered: 0, latency: new Histogram(), awayLatency: new Histogram(), lagMaxUs: 0 });
  }
  const m = steps[k];
  m.offered += s.offered;
  m.sent += s.sent;
  m.skipped += s.skipped;
  m.heldBack += s.heldBack;
  m.acked += s.acked;
  m.latency.merge(s.latency);
  m.awayLatency.merge(s.awayLatency);
  m.delivered = m.latency.total + m.awayLatency.total;
  m.lagMaxUs = Math.max(m.lagMaxUs, s.lagMaxUs);
}

/** Ids sent (and acked) by any worker that no worker received, and receipts of the same id twice. */
export function countLoss(reports: readonly WorkerReport[]): { lost: number; duplicates: number; uniqueReceived: number } {
  const received = new Set<string>();
  let duplicates = 0;
  for (const r of reports) {
    for (const id of r.receivedIds ?? []) {
      if (received.has(id)) duplicates++;
      else received.add(id);
    }
  }
  let lost = 0;
  for (const r of reports) for (const id of r.sentIds ?? []) if (!received.has(id)) lost++;
  return { lost, duplicates, uniqueReceived: received.size };
}
