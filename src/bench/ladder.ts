// The rate ladder of `chat --until-saturated`: at the end of each step, whether the server has
// saturated, so that the ladder ends there instead of after a fixed number of steps.

/** What the ladder needs of one step, as counted so far (messages of a step may still be in flight). */
export interface LadderStep {
  offeredRate: number;
  offered: number;
  delivered: number;
  p99Ms: number;
}

/**
 * Called at the end of step `k` (0-based) with every step's counters so far: a reason to stop, or null.
 * Step k-1 has had a whole step's time for its messages to arrive, so it is judged in full: p99 over
 * the bound, or under 98% of its messages delivered. Step k is judged only where partial counts
 * already decide: its p99 so far can only grow as late messages arrive, and under half delivered by
 * its own end means the server is far behind.
 */
export function ladderStop(steps: readonly LadderStep[], k: number, saturationP99Ms: number): string | null {
  const judge = (s: LadderStep | undefined, full: boolean): string | null => {
    if (s === undefined || s.offered === 0) return null;
    const at = `at ${s.offeredRate} msgs/s`;
    if (s.p99Ms > saturationP99Ms) return `saturated ${at}: p99 ${s.p99Ms.toFixed(0)} ms over ${saturationP99Ms} ms`;
    const share = s.delivered / s.offered;
    if (full && share < 0.98) return `saturated ${at}: ${(share * 100).toFixed(1)}% of the offered messages delivered a step later`;
    if (!full && share < 0.5) return `saturated ${at}: ${(share * 100).toFixed(1)}% of the offered messages delivered by the step's end`;
    return null;
  };
  return judge(k >= 1 ? steps[k - 1] : undefined, true) ?? judge(steps[k], false);
}
