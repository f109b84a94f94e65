/** One page of a VM's recovery points: the window the user asked for, then pages of `pageSize`. */
export interface PointWindow {
  /** Points at or after this instant. */
  since?: Date;
  /** Points at or before this instant. */
  until?: Date;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface PointPage<T> {
  /** This page's points, newest first. */
  shown: T[];
  /** How many points the window holds, on every page. */
  matching: number;
  page: number;
  /** At least 1, also when the window is empty. */
  pages: number;
  /** Points on later (older) pages. */
  older: number;
}

/**
 * Newest first (ties by name, so the order never depends on Azure's), inside the window, then the
 * page. Following `page + 1` while `older > 0` visits every point of the window exactly once.
 */
export function pagePoints<T extends { time: Date; name: string }>(
  points: readonly T[],
  window: PointWindow,
): PointPage<T> {
  const since = window.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const until = window.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const matching = points
    .filter((p) => p.time.getTime() >= since && p.time.getTime() <= until)
    .sort((a, b) => b.time.getTime() - a.time.getTime() || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const size = Math.max(1, Math.floor(window.pageSize));
  const page = Math.max(1, Math.floor(window.page));
  const start = (page - 1) * size;
  const shown = matching.slice(start, start + size);
  return {
    shown,
    matching: matching.length,
    page,
    pages: Math.max(1, Math.ceil(matching.length / size)),
    older: Math.max(0, matching.length - start - shown.length),
  };
}
