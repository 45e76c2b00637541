// The rate ladder of `chat --until-saturated`: at the end of each step, whether the server has
// saturated, so that the ladder ends there instead of after a fixed number of steps.

/** What the ladder needs of one step, as counted so far (messages of a step may still be in flight). */
export interface LadderStep {
  offeredRate: number;
  offered: number;
  delivered: number;
  p99Ms: number;
}

/** Why a step, judged once a whole further step has passed, saturated the server; null if it kept up. */
function saturated(s: LadderStep | undefined, saturationP99Ms: number): string | null {
  if (s === undefined || s.offered === 0) return null;
  if (s.p99Ms > saturationP99Ms) return `p99 ${s.p99Ms.toFixed(0)} ms over ${saturationP99Ms} ms at ${s.offeredRate} msgs/s`;
  const share = s.delivered / s.offered;
  if (share < 0.98) return `${(share * 100).toFixed(1)}% delivered a step later at ${s.offeredRate} msgs/s`;
  return null;
}

/**
 * Called at the end of step `k` (0-based) with every step's counters so far: a reason to stop, or null.
 * A step is judged in full once the next one has run too (its late messages have had that long to
 * arrive). The ladder ends after two saturated steps in a row, so that one step spoiled by a busy
 * neighbour on this shared machine does not end it; and at once when under half of the current
 * step's messages have arrived by its end (the server is far behind).
 */
export function ladderStop(steps: readonly LadderStep[], k: number, saturationP99Ms: number): string | null {
  const a = k >= 2 ? saturated(steps[k - 2], saturationP99Ms) : null;
  const b = a !== null ? saturated(steps[k - 1], saturationP99Ms) : null;
  if (a !== null && b !== null) return `saturated two steps in a row: ${a}; ${b}`;
  const cur = steps[k];
  if (cur !== undefined && cur.offered > 0 && cur.delivered < 0.5 * cur.offered) {
    return `saturated: ${((cur.delivered / cur.offered) * 100).toFixed(1)}% of the messages offered at ${cur.offeredRate} msgs/s delivered by the step's end`;
  }
  return null;
}
