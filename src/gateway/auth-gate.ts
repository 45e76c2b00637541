// Admission control for logins: password hashing is slow and runs on libuv's small thread pool,
// so only a few run at once and a bounded number wait; past that, logins are refused as busy
// (a reconnect storm must not queue unboundedly).

export class AuthGateBusyError extends Error {
  constructor() {
    super('too many logins in progress');
    this.name = 'AuthGateBusyError';
  }
}

export class AuthGate {
  private running = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly concurrency: number, private readonly maxQueued: number) {}

  /** Runs `work` when a slot is free; rejects with AuthGateBusyError if the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) throw new AuthGateBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}
