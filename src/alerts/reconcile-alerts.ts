import { randomBytes } from 'node:crypto';
import type { AlertRecord, AlertStorePort } from '../store/alert-store-port.js';
import type { Finding, WatchResult } from './finding.js';

/** How many occurrence ids an alert remembers (enough to count a daily job for weeks). */
const SEEN_LIMIT = 50;

export interface ReconcileOutcome {
  opened: number;
  updated: number;
  resolved: number;
}

/**
 * One poll's findings -> alerts: a new incident opens one alert, a finding of an open incident
 * updates it (new occurrences counted, facts refreshed), and an open alert its watcher judged and
 * did not find again is resolved. Every write is conditional, so replicas racing on the same
 * incident cannot open it twice or count an occurrence twice.
 */
export async function reconcileAlerts(
  alerts: AlertStorePort,
  results: WatchResult[],
  now: Date,
): Promise<ReconcileOutcome> {
  const outcome: ReconcileOutcome = { opened: 0, updated: 0, resolved: 0 };
  const open = await alerts.listAlerts({ state: 'open' });
  const openByKey = new Map(open.map((alert) => [alert.incidentKey, alert]));
  for (const result of results) {
    const found = new Set<string>();
    for (const finding of result.findings) {
      found.add(finding.key);
      const existing = openByKey.get(finding.key);
      if (!existing) {
        if (await alerts.openAlert(newAlert(finding, now))) outcome.opened += 1;
      } else if (await refresh(alerts, existing, finding, now)) outcome.updated += 1;
    }
    for (const alert of open) {
      if (alert.kind !== result.kind || found.has(alert.incidentKey) || !result.judges(alert.incidentKey))
        continue;
      const resolved = await alerts.updateAlert(
        alert.id,
        { version: alert.version },
        { state: 'resolved', resolvedAt: now, lastSeenAt: now },
      );
      if (resolved) outcome.resolved += 1;
    }
  }
  return outcome;
}

function newAlert(finding: Finding, now: Date): AlertRecord {
  const seen = (finding.occurrenceIds ?? []).slice(0, SEEN_LIMIT);
  return {
    id: `al-${randomBytes(4).toString('hex')}`,
    incidentKey: finding.key,
    kind: finding.kind,
    state: 'open',
    finding,
    occurrences: Math.max(1, seen.length),
    seen,
    firstSeenAt: now,
    lastSeenAt: now,
    deliveries: [],
    version: 1,
  };
}

/** Writes only when something people see changed: new facts or a new occurrence. */
async function refresh(
  alerts: AlertStorePort,
  alert: AlertRecord,
  finding: Finding,
  now: Date,
): Promise<boolean> {
  const fresh = (finding.occurrenceIds ?? []).filter((id) => !alert.seen.includes(id));
  const changed = JSON.stringify(alert.finding) !== JSON.stringify(finding);
  if (fresh.length === 0 && !changed) return false;
  const updated = await alerts.updateAlert(
    alert.id,
    { version: alert.version },
    {
      finding,
      occurrences: alert.occurrences + fresh.length,
      seen: [...fresh, ...alert.seen].slice(0, SEEN_LIMIT),
      lastSeenAt: now,
    },
  );
  return updated !== undefined;
}
