// A latency histogram with HDR-style log-linear buckets: exact below 2^SUB_BITS, then about
// 0.4% relative precision up to MAX_VALUE. Mergeable, so worker processes can ship theirs home.

const SUB_BITS = 8;
const SUB = 2 ** SUB_BITS; // values below this are their own bucket
const HALF = SUB / 2;
/** Largest value kept in a bucket (about 19 hours in microseconds); larger ones clamp, `max` stays exact. */
export const MAX_VALUE = 2 ** 36;
const BUCKETS = bucketOf(MAX_VALUE) + 1;

/** A histogram as shipped between processes: only the non-empty buckets. */
export interface HistogramData {
  counts: [index: number, count: number][];
  total: number;
  min: number;
  max: number;
  sum: number;
}

export interface Percentiles {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Index of the bucket holding a non-negative integer value. */
export function bucketOf(value: number): number {
  if (value < SUB) return value;
  let msb = Math.floor(Math.log2(value));
  // log2 may round up just below a power of two; correct it so the mantissa stays in range
  if (2 ** msb > value) msb--;
  else if (2 ** (msb + 1) <= value) msb++;
  const shift = msb - (SUB_BITS - 1);
  const mantissa = Math.floor(value / 2 ** shift); // in [HALF, SUB)
  return shift * HALF + mantissa;
}

/** Largest value that falls into bucket `index` (HDR's "highest equivalent value"). */
export function bucketHigh(index: number): number {
  if (index < SUB) return index;
  const shift = Math.floor(index / HALF) - 1;
  const mantissa = index - shift * HALF;
  return (mantissa + 1) * 2 ** shift - 1;
}

export class Histogram {
  private counts = new Float64Array(BUCKETS);
  total = 0;
  min = Infinity;
  max = 0;
  sum = 0;

  /** Records one value (negative values count as 0; fractions are truncated). */
  record(value: number): void {
    const v = value > 0 ? Math.floor(value) : 0;
    this.counts[bucketOf(v < MAX_VALUE ? v : MAX_VALUE)]++;
    this.total++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  /** The smallest recorded value v such that at least `p` percent of values are <= v (bucket precision). */
  percentile(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return i === BUCKETS - 1 ? this.max : Math.min(bucketHigh(i), this.max); // the last bucket holds clamped values
    }
    return this.max;
  }

  summary(): Percentiles {
    return {
      count: this.total,
      min: this.total === 0 ? 0 : this.min,
      mean: this.total === 0 ? 0 : this.sum / this.total,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: this.max,
    };
  }

  merge(other: Histogram | HistogramData): void {
    const data = other instanceof Histogram ? other.toData() : other;
    for (const [index, count] of data.counts) {
      if (!Number.isInteger(index) || index < 0 || index >= BUCKETS) throw new RangeError(`histogram bucket ${index} out of range`);
      this.counts[index] += count;
    }
    this.total += data.total;
    this.sum += data.sum;
    if (data.total > 0) {
      this.min = Math.min(this.min, data.min);
      this.max = Math.max(this.max, data.max);
    }
  }

  toData(): HistogramData {
    const counts: [number, number][] = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i] !== 0) counts.push([i, this.counts[i]]);
    return { counts, total: this.total, min: this.total === 0 ? 0 : this.min, max: this.max, sum: this.sum };
  }

  static fromData(data: HistogramData): Histogram {
    const h = new Histogram();
    h.merge(data);
    return h;
  }
}
