// One shared timer for every connection's idle timeout: a coarse wheel of one-second buckets.
// Activity only updates a timestamp; a connection is re-bucketed lazily when its bucket fires,
// and removed at once (swap-remove, O(1)) when it closes, so closed sessions are not kept.
// A tick that comes much later than scheduled (the process was stopped, or the event loop
// blocked) does not count the pause against anyone: nobody could be read during it, and what
// clients sent meanwhile is read only after the timers run.

export interface IdleTracked {
  lastActivity: number;
  /** Called once when the connection was silent for the whole timeout. */
  onIdle(): void;
  /** False once the connection is closed. */
  readonly alive: boolean;
  /** Where the sweeper keeps it: bucket second and index (maintained by the sweeper only). */
  wheelSecond: number;
  wheelIndex: number;
  /** This connection's own timeout, when it is not the sweeper's (e.g. before login). */
  readonly idleTimeoutMs?: number;
}

/** A tick this much later than its period means a pause, not a slow turn of the event loop. */
const LATE_TICK_MS = 1000;

export class IdleSweeper {
  private readonly buckets = new Map<number, IdleTracked[]>();
  private readonly timer: NodeJS.Timeout;
  private lastTick = Date.now();

  constructor(private readonly timeoutMs: number, private readonly tickMs = 1000) {
    this.timer = setInterval(() => this.sweep(Date.now()), tickMs);
    this.timer.unref();
  }

  track(conn: IdleTracked): void {
    this.place(conn, this.deadline(conn));
  }

  /** Forgets a closed connection now rather than when its bucket fires. */
  untrack(conn: IdleTracked): void {
    const bucket = this.buckets.get(conn.wheelSecond);
    if (!bucket || bucket[conn.wheelIndex] !== conn) return;
    const last = bucket.pop()!;
    if (last !== conn) {
      bucket[conn.wheelIndex] = last;
      last.wheelIndex = conn.wheelIndex;
    }
    if (bucket.length === 0) this.buckets.delete(conn.wheelSecond);
  }

  stop(): void {
    clearInterval(this.timer);
    this.buckets.clear();
  }

  /** Connections currently tracked (for tests and figures). */
  get size(): number {
    let n = 0;
    for (const bucket of this.buckets.values()) n += bucket.length;
    return n;
  }

  private place(conn: IdleTracked, deadline: number): void {
    const second = Math.ceil(deadline / 1000);
    let bucket = this.buckets.get(second);
    if (!bucket) {
      bucket = [];
      this.buckets.set(second, bucket);
    }
    conn.wheelSecond = second;
    conn.wheelIndex = bucket.length;
    bucket.push(conn);
  }

  private deadline(conn: IdleTracked): number {
    return conn.lastActivity + (conn.idleTimeoutMs ?? this.timeoutMs);
  }

  private sweep(now: number): void {
    const paused = now - this.lastTick - this.tickMs;
    this.lastTick = now;
    const excused = paused > LATE_TICK_MS ? paused : 0;
    const current = Math.floor(now / 1000);
    for (const [second, conns] of this.buckets) {
      if (second > current) continue;
      this.buckets.delete(second);
      for (const conn of conns) {
        if (!conn.alive) continue;
        // The pause is given back: the connection has as long as it had left when it began.
        if (excused > 0) conn.lastActivity = Math.min(now, conn.lastActivity + excused);
        const deadline = this.deadline(conn);
        if (deadline <= now) conn.onIdle();
        else this.place(conn, deadline);
      }
    }
  }
}
