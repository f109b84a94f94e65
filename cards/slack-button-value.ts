/**
 * How a ViewAction travels through a Slack button, and back. The button's `action_id` is
 * `${verb}:${index}` (unique within the message, as Slack requires, even when two buttons share a
 * verb); its `value` is the JSON `{verb, ...data}`, the same data an Adaptive Card Execute carries.
 * A `block_actions` payload returns both as sent; the adapter reads the value with
 * parseButtonValue, and can fall back on verbOfActionId.
 */

/** Slack's limit for a button value; a longer one is a bug in the view (checkBlockKit reports it). */
export const MAX_BUTTON_VALUE_LENGTH = 2000;

export function buttonActionId(verb: string, index: number): string {
  return `${verb}:${index}`;
}

/** The verb of an action_id made by buttonActionId: everything before the last ':'. */
export function verbOfActionId(actionId: string): string | undefined {
  const colon = actionId.lastIndexOf(':');
  return colon > 0 ? actionId.slice(0, colon) : undefined;
}

/** The button's own verb wins over a stray `verb` key in its data (as on Teams). */
export function encodeButtonValue(verb: string, data: Record<string, string>): string {
  const { verb: _shadowed, ...rest } = data;
  return JSON.stringify({ verb, ...rest });
}

/**
 * The verb and data of a button value, or undefined when it is not one of ours. Clicks come from
 * the network, so anything goes: non-JSON, arrays and non-objects give undefined, as does a
 * missing or empty verb; values that are not strings are dropped. `data` never holds `verb`.
 */
export function parseButtonValue(value: string): { verb: string; data: Record<string, string> } | undefined {
  const parsed = parseJson(value);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { verb, ...rest } = parsed as Record<string, unknown>;
  if (typeof verb !== 'string' || verb === '') return undefined;
  // fromEntries defines own properties, so a "__proto__" key stays an ordinary key.
  const data = Object.fromEntries(
    Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return { verb, data };
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    // Not JSON: not a value we made. The caller treats undefined as "ignore this click".
    return undefined;
  }
}
