// Bounds the sends that were read from sockets and are not yet durable, across all connections, in
// bytes and in number: past either bound, new sends wait (parked by their connection, which stops
// being read past a few: TCP pushes back on its client) until both are half free again. Without
// it, a storage backlog (the inbox cache over its budget, a slow disk) or more offered load than
// the server can serve would pile up sends in RAM as fast as clients can write them, and every one
// of them would wait behind all the others.
// Connections with sends waiting are let in a bounded number per event-loop turn, in the order they
// began to wait, and while any wait, every other connection's sends queue behind them: otherwise
// the connections read first after room is made (in the same poll of the sockets) take it all
// again, and those that wait are starved for as long as the overload lasts.

/** A connection with sends waiting for the budget; told when it may let them in. */
export interface IntakeWaiter {
  intakeFreed(): void;
}

/**
 * Waiting connections let in per event-loop turn while there is room. Each lets in at most the few
 * sends it parked (see send-path.ts), so a turn's work stays bounded.
 */
export const RESUME_PER_TURN = 256;

export class IntakeBudget {
  private used = 0;
  private sends = 0;
  private highest = 0;
  private full = false;
  private resuming = false;
  private readonly waiting = new Set<IntakeWaiter>();

  constructor(private readonly limit: number, private readonly maxSends = Infinity) {}

  /** Bytes of bodies held now. */
  get bytes(): number {
    return this.used;
  }

  /** Sends held now. */
  get count(): number {
    return this.sends;
  }

  /** The most bytes held at once since start. */
  get peak(): number {
    return this.highest;
  }

  /** Whether the bound is reached: waiting connections are not let in. */
  get exhausted(): boolean {
    return this.full;
  }

  /** Whether a new send must wait: the bound is reached, or connections wait to be let in before it. */
  get mustWait(): boolean {
    return this.full || this.waiting.size > 0;
  }

  /** Counts a send in. Never refuses: the send is already in RAM; later sends wait while `mustWait`. */
  take(bytes: number): void {
    this.used += bytes;
    this.sends++;
    if (this.used > this.highest) this.highest = this.used;
    if (this.used >= this.limit || this.sends >= this.maxSends) this.full = true;
  }

  /** Counts a send out (durable, refused, or dropped with its connection). */
  give(bytes: number): void {
    this.used -= bytes;
    this.sends--;
    if (!this.full || this.used > this.limit / 2 || this.sends > this.maxSends / 2) return;
    this.full = false;
    this.resumeLater();
  }

  private resumeLater(): void {
    if (this.resuming || this.waiting.size === 0) return;
    this.resuming = true;
    setImmediate(() => this.resumeSome());
  }

  /** Resumes the longest-paused connections while there is room, a bounded number this turn. */
  private resumeSome(): void {
    this.resuming = false;
    let resumed = 0;
    for (const w of this.waiting) {
      if (this.full || resumed === RESUME_PER_TURN) break;
      this.waiting.delete(w);
      resumed++;
      w.intakeFreed();
    }
    if (!this.full) this.resumeLater();
  }

  /** Registers a connection that has sends waiting for the budget (at the end of the line). */
  wait(w: IntakeWaiter): void {
    this.waiting.add(w);
    // Queued behind others while there is room: the turn that lets them in lets this one in too.
    if (!this.full) this.resumeLater();
  }

  /** Forgets a connection that closed while waiting. */
  cancel(w: IntakeWaiter): void {
    this.waiting.delete(w);
  }
}
