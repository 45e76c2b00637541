// A token bucket: `capacity` tokens at most, refilled continuously at `ratePerSec`. The one way
// the gateway rate-limits (Pings and Sends per connection, logins and registrations per key).

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(readonly capacity: number, readonly ratePerSec: number, now = Date.now()) {
    this.tokens = capacity;
    this.at = now;
  }

  /** Takes one token if there is one; false leaves the bucket as it is (refilled to `now`). */
  take(now = Date.now()): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Puts back a token taken in advance for work that turned out not to count (never above capacity). */
  giveBack(): void {
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }

  /** Milliseconds from the last take until a whole token is there (at least 1). */
  msUntilToken(): number {
    return Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSec));
  }

  /** Whether the bucket would be full at `now`: such a bucket is the same as a fresh one. */
  fullAt(now: number): boolean {
    return this.tokens + ((now - this.at) * this.ratePerSec) / 1000 >= this.capacity;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) * this.ratePerSec) / 1000);
    this.at = now;
  }
}
