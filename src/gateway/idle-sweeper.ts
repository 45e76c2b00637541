// One shared timer for every connection's idle timeout: a coarse wheel of one-second buckets.
// Activity only updates a timestamp; a connection is re-bucketed lazily when its bucket fires.

export interface IdleTracked {
  lastActivity: number;
  /** Called once when the connection was silent for the whole timeout. */
  onIdle(): void;
  /** False once the connection is closed: the sweeper forgets it. */
  readonly alive: boolean;
}

export class IdleSweeper {
  private readonly buckets = new Map<number, IdleTracked[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly timeoutMs: number, tickMs = 1000) {
    this.timer = setInterval(() => this.sweep(Date.now()), tickMs);
    this.timer.unref();
  }

  track(conn: IdleTracked): void {
    this.place(conn, conn.lastActivity + this.timeoutMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.buckets.clear();
  }

  private place(conn: IdleTracked, deadline: number): void {
    const second = Math.ceil(deadline / 1000);
    const bucket = this.buckets.get(second);
    if (bucket) bucket.push(conn);
    else this.buckets.set(second, [conn]);
  }

  private sweep(now: number): void {
    const current = Math.floor(now / 1000);
    for (const [second, conns] of this.buckets) {
      if (second > current) continue;
      this.buckets.delete(second);
      for (const conn of conns) {
        if (!conn.alive) continue;
        const deadline = conn.lastActivity + this.timeoutMs;
        if (deadline <= now) conn.onIdle();
        else this.place(conn, deadline);
      }
    }
  }
}
