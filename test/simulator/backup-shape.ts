import { readFile } from 'node:fs/promises';

/**
 * Compares the shape of an answer with an example body: every key of the example must be in the
 * answer with the same JSON type, recursively; array elements are compared with the example's first
 * element; a `null` in an example constrains nothing (the key may be absent). Values and extra
 * keys are not checked.
 */
export function shapeProblems(expected: unknown, actual: unknown, path = '$'): string[] {
  if (expected === null) return [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${kindOf(actual)}`];
    if (expected.length === 0) return [];
    if (actual.length === 0) return [`${path}: expected at least one element`];
    return actual.flatMap((element, index) => shapeProblems(expected[0], element, `${path}[${index}]`));
  }
  if (typeof expected === 'object') {
    if (kindOf(actual) !== 'object') return [`${path}: expected an object, got ${kindOf(actual)}`];
    const record = actual as Record<string, unknown>;
    return Object.entries(expected).flatMap(([key, value]) =>
      Object.hasOwn(record, key) || value === null
        ? shapeProblems(value, record[key], `${path}.${key}`)
        : [`${path}.${key}: missing`],
    );
  }
  return kindOf(expected) === kindOf(actual)
    ? []
    : [`${path}: expected ${kindOf(expected)}, got ${kindOf(actual)}`];
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Compares the headers of an answer with an example's (names case-insensitively; the answer's are
 * lower case): each must be there; an absolute URL must be answered with an absolute URL to the same
 * kind of resource (the segment before the id: `operationsStatus`, `operationResults`) with an
 * `api-version`; a number (Retry-After) with whole seconds. Other values are not checked.
 */
export function headerProblems(expected: Record<string, unknown>, actual: Record<string, string>): string[] {
  return Object.entries(expected).flatMap(([name, example]) => {
    const value = actual[name.toLowerCase()];
    if (value === undefined) return [`${name}: missing`];
    if (typeof example === 'number') {
      return /^\d+$/.test(value) ? [] : [`${name}: expected whole seconds, got '${value}'`];
    }
    const exampleUrl = typeof example === 'string' ? absoluteUrl(example) : undefined;
    if (!exampleUrl) return [];
    const url = absoluteUrl(value);
    if (!url) return [`${name}: expected an absolute URL, got '${value}'`];
    const kind = (parsed: URL) => parsed.pathname.split('/').at(-2)?.toLowerCase();
    return [
      ...(kind(url) === kind(exampleUrl)
        ? []
        : [`${name}: expected .../${kind(exampleUrl)}/{id}, got ${url.pathname}`]),
      ...(url.searchParams.has('api-version') ? [] : [`${name}: no api-version in '${value}'`]),
    ];
  });
}

function absoluteUrl(value: string): URL | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}

export async function loadFixture(name: string): Promise<unknown> {
  return (await readFixture(name)).body;
}

/** An answer without a body (202): its status and headers, copied from the example's response. */
export async function loadAcceptedFixture(
  name: string,
): Promise<{ status: number; headers: Record<string, unknown> }> {
  const { status, headers } = await readFixture(name);
  if (typeof status !== 'number' || !headers) throw new Error(`${name}: no status and headers`);
  return { status, headers };
}

async function readFixture(
  name: string,
): Promise<{ body: unknown; status?: number; headers?: Record<string, unknown> }> {
  const url = new URL(`../fixtures/backup/${name}.json`, import.meta.url);
  return JSON.parse(await readFile(url, 'utf8'));
}
