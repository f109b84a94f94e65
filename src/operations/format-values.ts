/** Small, consistent formatting for cards: sizes, ages, durations. */

export function formatGB(value: number | undefined): string {
  if (value === undefined) return 'n/a';
  if (value === 0) return '0 GB';
  if (value < 1) return `${(value * 1024).toFixed(0)} MB`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} GB`;
}

export function formatAge(from: Date | undefined, now: Date): string {
  if (!from) return 'unknown';
  const seconds = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400 * 2) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

export function formatElapsed(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** "2026-11-24 07:12 UTC": unambiguous for people in several time zones during an incident. */
export function formatTime(date: Date | undefined): string {
  if (!date) return 'unknown';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
