/**
 * How ARM scopes nest: `/` holds everything, and a scope holds every path below it, segment by
 * segment and case-insensitively (`/subscriptions/S` holds `/subscriptions/s/resourceGroups/rg`,
 * not `/subscriptions/S2`).
 */
export function scopeContains(outer: string, inner: string): boolean {
  const a = normalizeScope(outer);
  const b = normalizeScope(inner);
  return a === '' || b === a || b.startsWith(`${a}/`);
}

/** Lower case, no trailing slash; `/` becomes the empty string (the root). */
function normalizeScope(scope: string): string {
  return scope.toLowerCase().replace(/\/+$/, '');
}
