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

export async function loadFixture(name: string): Promise<unknown> {
  const url = new URL(`../fixtures/backup/${name}.json`, import.meta.url);
  const fixture = JSON.parse(await readFile(url, 'utf8')) as { body: unknown };
  return fixture.body;
}
