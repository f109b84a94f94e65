/**
 * Lookups keyed by request values (names, ids, operation ids) must see only the record's own
 * entries: on a plain object, `records['constructor']` or `records['__proto__']` would answer with
 * what every object inherits. Those are valid Azure names, so they must behave like any other.
 */
export function ownValue<T>(records: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(records, key) ? records[key] : undefined;
}
