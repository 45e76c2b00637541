// Admission control for logins: password hashing is slow and runs on libuv's small thread pool,
// so only a few run at once and a bounded number wait; past that, logins are refused as busy
// (a reconnect storm must not queue unboundedly). Waiting work is queued per source address and
// the queues are served in turn, so a flood from one address delays another address's login by
// a few hashing slots at most, however much of it waits.

export class AuthGateBusyError extends Error {
  constructor() {
    super('too many logins in progress');
    this.name = 'AuthGateBusyError';
  }
}

/** One address has as much work waiting as it may: it, not the server, is what is too busy. */
export class AuthGateAddressBusyError extends Error {
  constructor() {
    super('too many logins waiting from one address');
    this.name = 'AuthGateAddressBusyError';
  }
}

export class AuthGate {
  private running = 0;
  private waitingTotal = 0;
  /** Waiting work by key, in the order the keys are served next (served keys go to the back). */
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly concurrency: number, private readonly maxQueued: number, private readonly maxQueuedPerKey = maxQueued) {}

  /**
   * Runs `work` when a slot is free and `key`'s turn comes; rejects with AuthGateBusyError when
   * the queue is full, AuthGateAddressBusyError when `key`'s share of it is.
   */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      const queue = this.waiting.get(key);
      if (this.waitingTotal >= this.maxQueued) throw new AuthGateBusyError();
      if (queue !== undefined && queue.length >= this.maxQueuedPerKey) throw new AuthGateAddressBusyError();
      await new Promise<void>((resolve) => {
        if (queue === undefined) this.waiting.set(key, [resolve]);
        else queue.push(resolve);
        this.waitingTotal++;
      });
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      this.next();
    }
  }

  /** Hands the finished slot to the first waiter of the key whose turn it is. */
  private next(): void {
    const first = this.waiting.entries().next();
    if (first.done) {
      this.running--;
      return;
    }
    const [key, queue] = first.value;
    const resolve = queue.shift()!;
    this.waiting.delete(key);
    if (queue.length > 0) this.waiting.set(key, queue);
    this.waitingTotal--;
    resolve();
  }

  get queued(): number {
    return this.waitingTotal;
  }
}
