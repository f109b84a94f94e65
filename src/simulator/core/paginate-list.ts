import { ArmError } from './arm-error.js';
import type { ArmResult, RouteContext } from './route-types.js';

/**
 * One page of an ARM list. The next page is an absolute `nextLink` with a `$skiptoken`, built from
 * the incoming URL so that it keeps the caller's origin, api-version and other query parameters.
 * Only the page's items are rendered: rendering all of them for every page made listing N
 * resources cost N x pages renders.
 */
export function paginateList<T>(
  context: RouteContext,
  items: readonly T[],
  render: (item: T) => unknown = (item) => item,
): ArmResult {
  const offset = readSkipToken(context.url.searchParams.get('$skiptoken'));
  const end = offset + context.pageSize;
  const body: { value: unknown[]; nextLink?: string } = { value: items.slice(offset, end).map(render) };
  if (end < items.length) {
    const next = new URL(context.url.pathname, context.origin);
    for (const [key, value] of context.url.searchParams)
      if (key !== '$skiptoken') next.searchParams.append(key, value);
    next.searchParams.set('$skiptoken', Buffer.from(`offset:${end}`).toString('base64url'));
    body.nextLink = next.toString();
  }
  return { status: 200, body };
}

function readSkipToken(token: string | null): number {
  if (token === null) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match?.[1])
    throw ArmError.invalidParameter(
      `The value '${token}' of parameter '$skiptoken' is invalid.`,
      '$skiptoken',
    );
  return Number(match[1]);
}
