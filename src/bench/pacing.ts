// Open-loop send schedule: the time of send i is fixed in advance from the offered rate, never
// from when the previous send finished, so a stalled server cannot hide latency (coordinated omission).

/** One stretch of the run at a constant offered rate. */
export interface Step {
  rate: number; // messages per second
  durationS: number;
}

/** Rates for a run: `rate` alone, or `rate, rate+step, ...` for `steps` steps. */
export function stepRates(rate: number, step: number, steps: number, durationS: number): Step[] {
  const out: Step[] = [];
  const count = step > 0 ? Math.max(1, steps) : 1;
  for (let i = 0; i < count; i++) out.push({ rate: rate + i * step, durationS });
  return out;
}

/** Splits each step's rate evenly across `parts` senders (workers); rates need not be integers. */
export function splitSteps(steps: readonly Step[], parts: number): Step[] {
  return steps.map((s) => ({ rate: s.rate / parts, durationS: s.durationS }));
}

interface PlannedStep {
  startUs: number;
  firstIndex: number;
  count: number;
  intervalUs: number;
}

/**
 * The schedule of one sender, starting at `startUs` (microseconds on the clock the caller uses).
 * Send number i is due at `timeOf(i)`; `dueBy(now)` says how many sends should have happened.
 */
export class Schedule {
  private readonly planned: PlannedStep[] = [];
  readonly total: number;
  readonly endUs: number;

  constructor(readonly startUs: number, readonly steps: readonly Step[]) {
    let at = startUs;
    let index = 0;
    for (const s of steps) {
      if (!(s.rate >= 0) || !(s.durationS > 0)) throw new RangeError(`bad step: rate ${s.rate}/s for ${s.durationS} s`);
      const count = Math.floor(s.rate * s.durationS);
      this.planned.push({ startUs: at, firstIndex: index, count, intervalUs: s.rate > 0 ? 1e6 / s.rate : Infinity });
      index += count;
      at += s.durationS * 1e6;
    }
    this.total = index;
    this.endUs = at;
  }

  /** How many sends are due at time `nowUs` (all sends whose scheduled time is <= now). */
  dueBy(nowUs: number): number {
    if (nowUs < this.startUs) return 0;
    if (nowUs >= this.endUs) return this.total;
    const k = this.stepAt(nowUs);
    const p = this.planned[k];
    const inStep = Math.floor((nowUs - p.startUs) / p.intervalUs) + 1;
    return p.firstIndex + Math.min(p.count, inStep);
  }

  /** Scheduled time of send `index`. */
  timeOf(index: number): number {
    const k = this.stepOfIndex(index);
    const p = this.planned[k];
    return p.startUs + (index - p.firstIndex) * p.intervalUs;
  }

  /** Which step send `index` belongs to. */
  stepOfIndex(index: number): number {
    for (let k = this.planned.length - 1; k >= 0; k--) if (index >= this.planned[k].firstIndex) return k;
    return 0;
  }

  /** Which step is running at `nowUs` (the last one after the end). */
  stepAt(nowUs: number): number {
    for (let k = this.planned.length - 1; k >= 0; k--) if (nowUs >= this.planned[k].startUs) return k;
    return 0;
  }
}
