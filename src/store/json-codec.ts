/**
 * JSON for the store's JSON columns (plans, handles, messages, results, details, decisions, actors,
 * conversations). Plain JSON would turn a Date into a string and a record read back would no longer
 * equal the one written, so Dates are written as `{"$date": "<ISO 8601>"}` (MongoDB Extended JSON's
 * spelling) and revived as Dates. An object whose only key is `$date` with a string or null value is
 * therefore reserved. `undefined` means "no value" and is stored as SQL NULL, unlike JSON `null`.
 */
const DATE_TAG = '$date';

function encodeValue(this: unknown, key: string, value: unknown): unknown {
  // `value` has already been through Date.prototype.toJSON; the holder still has the Date itself.
  const raw = (this as Record<string, unknown>)[key];
  if (!(raw instanceof Date)) return value;
  return { [DATE_TAG]: Number.isNaN(raw.getTime()) ? null : raw.toISOString() };
}

function isDateTag(value: unknown): value is { [DATE_TAG]: string | null } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const tag: unknown = (value as Record<string, unknown>)[DATE_TAG];
  return keys.length === 1 && keys[0] === DATE_TAG && (typeof tag === 'string' || tag === null);
}

function reviveValue(_key: string, value: unknown): unknown {
  if (!isDateTag(value)) return value;
  return new Date(value[DATE_TAG] ?? Number.NaN);
}

/** The column text for `value`; undefined becomes SQL NULL. */
export function encodeJson(value: unknown): string | null {
  if (value === undefined) return null;
  return JSON.stringify(value, encodeValue);
}

/** The column text for a value the port requires; a missing one is a caller's bug, named here. */
export function encodeRequiredJson(value: unknown, field: string): string {
  const text = encodeJson(value);
  if (text === null) throw new TypeError(`Store field ${field} is required.`);
  return text;
}

/** The value of a JSON column; SQL NULL becomes undefined. */
export function decodeJson(text: string | null): unknown {
  if (text === null) return undefined;
  return JSON.parse(text, reviveValue);
}

/** Decodes a JSON column that the schema declares NOT NULL and the port types as `T`. */
export function decodeJsonAs<T>(text: string | null, column: string): T {
  if (text === null) throw new TypeError(`Store column ${column} is NULL but must hold JSON.`);
  return decodeJson(text) as T;
}
