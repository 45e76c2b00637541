// Bounds the memory held by message bodies that were read from sockets and are not yet durable,
// across all connections: past the budget, connections that send stop being read (TCP pushes back
// on their clients) until half of it is free again. Without it, a storage backlog (the inbox cache
// over its budget, a slow disk) would pile up bodies in RAM as fast as clients can write them.

/** A connection paused by the budget; told when it may read again. */
export interface IntakeWaiter {
  intakeFreed(): void;
}

export class IntakeBudget {
  private used = 0;
  private highest = 0;
  private full = false;
  private readonly waiting = new Set<IntakeWaiter>();

  constructor(private readonly limit: number) {}

  /** Bytes of bodies held now. */
  get bytes(): number {
    return this.used;
  }

  /** The most bytes held at once since start. */
  get peak(): number {
    return this.highest;
  }

  /** Whether connections that send must stop reading. */
  get exhausted(): boolean {
    return this.full;
  }

  /** Counts a body in. Never refuses: the body is already in RAM; the caller pauses if `exhausted`. */
  take(bytes: number): void {
    this.used += bytes;
    if (this.used > this.highest) this.highest = this.used;
    if (this.used >= this.limit) this.full = true;
  }

  /** Counts a body out (durable, refused, or dropped with its connection). */
  give(bytes: number): void {
    this.used -= bytes;
    if (!this.full || this.used > this.limit / 2) return;
    this.full = false;
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const w of waiting) w.intakeFreed();
  }

  /** Registers a connection that paused for the budget. */
  wait(w: IntakeWaiter): void {
    this.waiting.add(w);
  }

  /** Forgets a connection that closed while waiting. */
  cancel(w: IntakeWaiter): void {
    this.waiting.delete(w);
  }
}
