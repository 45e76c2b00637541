// Logs rate-limit refusals at warn without letting a flood flood the log: at most one line per
// address per interval, carrying how many refusals were left unlogged since the last one.
import type { Logger } from 'pino';

const MAX_ADDRESSES = 10_000;

export class RefusalLog {
  /** Per address: when its last line was written and refusals since; oldest first. */
  private readonly last = new Map<string, { at: number; unlogged: number }>();

  constructor(private readonly logger: Logger, private readonly intervalMs = 60_000) {}

  refused(address: string, details: Record<string, unknown>, now = Date.now()): void {
    const entry = this.last.get(address);
    if (entry !== undefined && now - entry.at < this.intervalMs) {
      entry.unlogged++;
      return;
    }
    this.last.delete(address);
    if (this.last.size >= MAX_ADDRESSES) this.last.delete(this.last.keys().next().value!);
    this.last.set(address, { at: now, unlogged: 0 });
    this.logger.warn({ address, ...details, refusedUnlogged: entry?.unlogged ?? 0 }, 'request refused by a rate limit (one line per address per minute)');
  }
}
