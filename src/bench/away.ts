// The "mostly online" mix of `atoll bench chat --away`: which of a worker's users leave when, and
// for how long. A pure, seeded plan, so a run can be repeated and the coordinator can recompute it.
import { seededRandom } from '../seeded-random.js';

/** One absence: local user `index` drops its session at `leaveMs` and logs back in at `backMs` (ms after the start). */
export interface Leave {
  index: number;
  leaveMs: number;
  backMs: number;
}

/** 0..n-1 in a seeded random order (Fisher-Yates). */
export function permutation(n: number, seed: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  const rnd = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Users of `count` away at once in the steady state. */
export function awaySlots(count: number, share: number): number {
  return Math.round(count * share);
}

/**
 * The absences of `count` users over a run of `durationMs`: with k = share * count slots, one
 * user leaves every awayForMs / k, taken in turn from a seeded order, and each stays away exactly
 * awayForMs, so after a ramp of awayForMs about k users are away at any moment. Nobody leaves
 * after the run's end; the last ones come back up to awayForMs later. share <= 0.5 guarantees that
 * a user is back (for at least awayForMs) before its turn comes again.
 */
export function awayPlan(count: number, share: number, awayForMs: number, durationMs: number, seed: number): Leave[] {
  if (!(share >= 0 && share <= 0.5)) throw new RangeError(`away share must be in 0..0.5, got ${share}`);
  if (!(awayForMs > 0)) throw new RangeError(`away time must be > 0 ms, got ${awayForMs}`);
  const k = awaySlots(count, share);
  if (k === 0) return [];
  const order = permutation(count, seed);
  const gapMs = awayForMs / k;
  const out: Leave[] = [];
  for (let i = 0; i * gapMs < durationMs; i++) {
    const leaveMs = i * gapMs;
    out.push({ index: order[i % count], leaveMs, backMs: leaveMs + awayForMs });
  }
  return out;
}

/** The most users a plan has away at the same time. */
export function peakAway(plan: readonly Leave[]): number {
  const edges = plan.flatMap((l) => [[l.leaveMs, 1], [l.backMs, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, d] of edges) {
    now += d;
    peak = Math.max(peak, now);
  }
  return peak;
}

/** The seed of a worker's plan: fixed, so runs repeat, but different per worker. */
export function awaySeed(worker: number): number {
  return 0x5eed + worker * 7919;
}
