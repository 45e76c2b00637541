// Reconnect back-off: exponential growth, capped, with jitter so a server restart is not met by
// every client at the same instant (the reconnect-storm lesson).

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction of the delay that is random: 0.5 means a delay between 50% and 100% of the step. */
  jitter: number;
}

export const defaultBackoff: Readonly<BackoffOptions> = Object.freeze({ initialMs: 250, maxMs: 30_000, factor: 2, jitter: 0.5 });

/** Delay before reconnect attempt number `attempt` (0 for the first). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const step = Math.min(options.maxMs, options.initialMs * options.factor ** attempt);
  const jitter = Math.min(1, Math.max(0, options.jitter));
  return Math.round(step * (1 - jitter * random()));
}
