/** Longer words are not typos of anything we know; capping them keeps the cost bounded. */
const MAX_COMPARED_LENGTH = 80;

/**
 * The candidates closest to a word, for "did you mean" answers: command words, VM names, apps.
 * Case-insensitive; typos (one edit per few letters, swapped letters count once) and parts of a
 * name (`sql` -> vm-sql-01) both count. Best first, at most `max`, none far behind the best.
 */
export function suggestClosest(word: string, candidates: readonly string[], max = 3): string[] {
  const needle = word.toLowerCase();
  if (needle === '' || needle.length > MAX_COMPARED_LENGTH) return [];
  const limit = allowedDistance(needle.length);
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const score = closeness(needle, candidate.toLowerCase(), limit);
    if (score !== undefined) scored.push({ candidate, score });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  // Only the best and the nearly as good: an exact match is not buried under distant ones.
  const cutoff = (scored[0]?.score ?? 0) + 1;
  return scored
    .filter((entry) => entry.score <= cutoff)
    .slice(0, Math.max(0, max))
    .map((entry) => entry.candidate);
}

/** About one edit per four letters: `vm-web-1` finds vm-web-01 and vm-web-02, not vm-dev-01. */
function allowedDistance(length: number): number {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

function closeness(needle: string, candidate: string, limit: number): number | undefined {
  if (candidate.length > MAX_COMPARED_LENGTH) return undefined;
  const distance = damerauLevenshtein(needle, candidate);
  if (distance <= limit) return distance;
  // A part of the name ("web-01", "sql") is a fair hint, ranked after real typos.
  if (needle.length >= 3 && candidate.includes(needle)) return limit + 0.5;
  return undefined;
}

/**
 * Edit distance where insertions, deletions, substitutions and swaps of two neighbouring
 * letters ("snapshto") cost one each (the optimal string alignment variant).
 */
export function damerauLevenshtein(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  let beforePrevious = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = new Array<number>(cols).fill(i);
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current[j] = best;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[cols - 1] ?? 0;
}
