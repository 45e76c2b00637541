// Token buckets by key (an address, a user name) in bounded memory: at most `maxKeys` buckets,
// the least recently used one dropped first. A dropped bucket is one nobody touched for the
// longest time, so it has usually refilled already (a full bucket is the same as none).

import { TokenBucket } from './token-bucket.js';

export class KeyedBuckets {
  /** In order of last use, oldest first (a Map keeps insertion order; a use re-inserts). */
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(readonly capacity: number, readonly ratePerSec: number, readonly maxKeys: number) {}

  get size(): number {
    return this.buckets.size;
  }

  /** Takes a token for `key`: 0 when taken, else the milliseconds until the next one. */
  take(key: string, now = Date.now()): number {
    const bucket = this.touch(key, now);
    return bucket.take(now) ? 0 : bucket.msUntilToken();
  }

  /** Without taking one: 0 when `key` has a token now, else the milliseconds until it has. */
  peek(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key);
    if (bucket === undefined || bucket.fullAt(now)) return 0;
    if (!bucket.take(now)) return bucket.msUntilToken();
    bucket.giveBack();
    return 0;
  }

  /**
   * Returns a token taken for work that turned out not to count. A bucket full again is the
   * same as none and is dropped: a successful login leaves nothing behind for its account.
   */
  giveBack(key: string, now = Date.now()): void {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return;
    bucket.giveBack();
    if (bucket.fullAt(now)) this.buckets.delete(key);
  }

  private touch(key: string, now: number): TokenBucket {
    let bucket = this.buckets.get(key);
    if (bucket !== undefined) {
      this.buckets.delete(key);
    } else {
      bucket = new TokenBucket(this.capacity, this.ratePerSec, now);
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    }
    this.buckets.set(key, bucket);
    return bucket;
  }
}
