/**
 * ARM's throttling counters, reported in the `x-ms-ratelimit-remaining-*` headers. Subscription
 * buckets follow ARM's token bucket (reads 250 refilling 25/s, writes and deletes 200 refilling
 * 10/s); Compute adds per-operation-group counters. The counters are reported, not enforced:
 * throttling is injected on purpose through the admin API, so that tests and demos stay predictable.
 */
export type RequestClass = 'reads' | 'writes' | 'deletes';

const bucketSizes: Record<RequestClass, { capacity: number; refillPerSecond: number }> = {
  reads: { capacity: 250, refillPerSecond: 25 },
  writes: { capacity: 200, refillPerSecond: 10 },
  deletes: { capacity: 200, refillPerSecond: 10 },
};

/** Compute's counters per policy: 3-minute and 30-minute windows. */
const resourceWindows = [
  { suffix: '3Min', capacity: 4000, refillPerSecond: 4000 / 180 },
  { suffix: '30Min', capacity: 32000, refillPerSecond: 32000 / 1800 },
];

interface Bucket {
  level: number;
  updatedMs: number;
}

export interface RateLimiter {
  /** Takes one token and returns the headers to send. */
  take(
    subscriptionId: string,
    requestClass: RequestClass,
    resourcePolicy: string | undefined,
  ): Record<string, string>;
}

export function createRateLimiter(now: () => number): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const takeFrom = (key: string, capacity: number, refillPerSecond: number): number => {
    const at = now();
    const bucket = buckets.get(key) ?? { level: capacity, updatedMs: at };
    bucket.level = Math.min(capacity, bucket.level + ((at - bucket.updatedMs) / 1000) * refillPerSecond);
    bucket.updatedMs = at;
    bucket.level = Math.max(0, bucket.level - 1);
    buckets.set(key, bucket);
    return Math.floor(bucket.level);
  };
  return {
    take(subscriptionId, requestClass, resourcePolicy) {
      const size = bucketSizes[requestClass];
      const remaining = takeFrom(`${subscriptionId}:${requestClass}`, size.capacity, size.refillPerSecond);
      const headers: Record<string, string> = {
        [`x-ms-ratelimit-remaining-subscription-${requestClass}`]: String(remaining),
      };
      if (resourcePolicy) {
        headers['x-ms-ratelimit-remaining-resource'] = resourceWindows
          .map(
            (w) =>
              `${resourcePolicy}${w.suffix};${takeFrom(`${subscriptionId}:${resourcePolicy}${w.suffix}`, w.capacity, w.refillPerSecond)}`,
          )
          .join(',');
      }
      return headers;
    },
  };
}

export function requestClassOf(method: string): RequestClass {
  const upper = method.toUpperCase();
  if (upper === 'GET' || upper === 'HEAD') return 'reads';
  if (upper === 'DELETE') return 'deletes';
  return 'writes';
}
