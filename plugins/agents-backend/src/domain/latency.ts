/**
 * Latency kept as counts in power-of-two millisecond buckets: bucket i holds calls that took
 * less than 2^i ms (the last one holds the rest), so daily rollups can be summed and still
 * give percentiles.
 */
export const LATENCY_BUCKETS = 16;

export function emptyBuckets(): number[] {
  return new Array(LATENCY_BUCKETS).fill(0);
}

export function bucketOf(durationMs: number): number {
  for (let i = 0; i < LATENCY_BUCKETS - 1; i++) {
    if (durationMs < 2 ** i) return i;
  }
  return LATENCY_BUCKETS - 1;
}

export function addBuckets(into: number[], from: readonly number[]): number[] {
  for (let i = 0; i < LATENCY_BUCKETS; i++) into[i] += from[i] ?? 0;
  return into;
}

/** The upper bound, in ms, of the bucket holding the q-th quantile; undefined without calls. */
export function percentileMs(
  buckets: readonly number[],
  q: number,
): number | undefined {
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return undefined;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < LATENCY_BUCKETS; i++) {
    seen += buckets[i];
    if (seen >= rank) return 2 ** i;
  }
  return 2 ** (LATENCY_BUCKETS - 1);
}
