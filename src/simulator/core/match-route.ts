import type { RouteDefinition } from './route-types.js';

/**
 * Matches a request path against the route table the way ARM does: literal segments compare
 * case-insensitively, and every segment is percent-decoded first (clients send `;` as `%3B`).
 */
export type RouteMatch =
  | { kind: 'matched'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'none' };

interface CompiledRoute {
  route: RouteDefinition;
  segments: { literal?: string; param?: string }[];
}

export interface RouteTable {
  match(method: string, segments: readonly string[]): RouteMatch;
}

export function createRouteTable(routes: readonly RouteDefinition[]): RouteTable {
  const compiled: CompiledRoute[] = routes.map((route) => ({
    route,
    segments: compileSegments(route.pattern),
  }));
  return {
    match(method, segments) {
      const allowed: string[] = [];
      for (const candidate of compiled) {
        const params = matchSegments(candidate.segments, segments);
        if (!params) continue;
        if (candidate.route.method === method.toUpperCase())
          return { kind: 'matched', route: candidate.route, params };
        allowed.push(candidate.route.method);
      }
      return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'none' };
    },
  };
}

/** Splits a raw URL path into decoded segments; a malformed escape is an ARM 400, not a crash. */
export function splitPath(pathname: string): string[] | undefined {
  const raw = pathname.split('/').filter((segment) => segment !== '');
  try {
    return raw.map((segment) => decodeURIComponent(segment));
  } catch (error) {
    // A malformed escape: the caller answers 400 as ARM does.
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

function compileSegments(pattern: string): CompiledRoute['segments'] {
  return pattern
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment)?.[1];
      return param ? { param } : { literal: segment.toLowerCase() };
    });
}

function matchSegments(
  pattern: CompiledRoute['segments'],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const expected = pattern[index];
    const actual = segments[index];
    if (expected === undefined || actual === undefined) return undefined;
    if (expected.literal !== undefined) {
      if (expected.literal !== actual.toLowerCase()) return undefined;
    } else if (expected.param !== undefined) {
      if (actual === '') return undefined;
      params[expected.param] = actual;
    }
  }
  return params;
}
