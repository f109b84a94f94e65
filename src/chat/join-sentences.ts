/**
 * Sentences from different sources (a notice and a plan's summary, Azure's error message and its
 * recommendation) as one paragraph: each ends with a full stop (or its own ! ? … :) before the
 * next begins, so "expired at 19:39 UTC" and "Deletes 2 snapshots." never run together.
 * Blank parts are left out.
 */
export function joinSentences(...parts: (string | undefined)[]): string {
  return parts
    .map((part) => part?.trim() ?? '')
    .filter(Boolean)
    .map((part, index, all) => (index < all.length - 1 ? endSentence(part) : part))
    .join(' ');
}

/** The text with a full stop at its end unless it already ends a sentence. */
export function endSentence(text: string): string {
  return /[.!?…:;]["'”’)]*$/.test(text) ? text : `${text}.`;
}
