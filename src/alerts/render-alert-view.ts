import { createHash } from 'node:crypto';
import type { View } from '../chat/view.js';
import { formatTime } from '../operations/format-values.js';
import type { AlertRecord } from '../store/alert-store-port.js';
import type { Finding } from './finding.js';

/** "2nd", "3rd", "11th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * The alert card: the facts and buttons to act while it is open; once resolved, the same card
 * says so and loses its buttons (the thread gets a "resolved" reply).
 */
export function renderAlertView(alert: AlertRecord): View {
  const finding = alert.finding as Finding;
  const open = alert.state === 'open';
  const repeated = alert.occurrences > 1 ? ` Still failing: ${ordinal(alert.occurrences)} time.` : '';
  return {
    kind: open ? 'alert' : 'alert-resolved',
    title: open ? finding.title : `Resolved: ${finding.title}`,
    tone: open ? finding.tone : 'good',
    summary: open ? `${finding.summary}${repeated}` : finding.resolution,
    facts: [
      ...finding.facts,
      { label: 'Open since', value: formatTime(alert.firstSeenAt) },
      ...(open ? [] : [{ label: 'Resolved', value: formatTime(alert.resolvedAt) }]),
    ],
    actions: open ? finding.actions : [],
    notes: open ? [`Pause these with \`alerts mute ${finding.kind} for 2h\`.`] : undefined,
    footer: `Alert ${alert.id} · ${finding.kind}${alert.occurrences > 1 ? ` · ${alert.occurrences} times` : ''}`,
  };
}

/** The reply in the alert's thread when it no longer holds. */
export function renderResolvedReply(alert: AlertRecord): View {
  const finding = alert.finding as Finding;
  return {
    kind: 'alert-resolved-reply',
    title: `Resolved: ${finding.title}`,
    tone: 'good',
    summary: `${finding.resolution} Open from ${formatTime(alert.firstSeenAt)} to ${formatTime(alert.resolvedAt)}.`,
    footer: `Alert ${alert.id}`,
  };
}

/** Which state of an alert a card shows: the card is updated only when this changes. */
export function alertDigest(alert: AlertRecord): string {
  const drawn = JSON.stringify([alert.state, alert.finding, alert.occurrences]);
  return createHash('sha256').update(drawn).digest('hex').slice(0, 16);
}
