import { ArmError } from './arm-error.js';
import { normalizeLocation } from './resource-id.js';

/** Typed reads of an ARM request body, failing with Azure's errors. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function readObject(value: unknown, name: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw ArmError.invalidRequestContent(`'${name}' must be a JSON object`);
  return value;
}

export function readString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw ArmError.invalidRequestContent(`'${name}' must be a string`);
  return value;
}

export function readNumber(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw ArmError.invalidRequestContent(`'${name}' must be a number`);
  return value;
}

export function readBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw ArmError.invalidRequestContent(`'${name}' must be true or false`);
  return value;
}

/** ARM requires `location` on every tracked resource; it answers LocationRequired otherwise. */
export function readLocation(body: JsonObject): string {
  const location = readString(body.location, 'location');
  if (!location)
    throw ArmError.gateway(400, 'LocationRequired', 'The location property is required for this definition.');
  return normalizeLocation(location);
}

export function readTags(value: unknown): Record<string, string> | undefined {
  const tags = readObject(value, 'tags');
  if (!tags) return undefined;
  const result: Record<string, string> = {};
  for (const [key, tag] of Object.entries(tags)) {
    if (typeof tag !== 'string') throw ArmError.invalidRequestContent(`tag '${key}' must be a string`);
    result[key] = tag;
  }
  return result;
}
