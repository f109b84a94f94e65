import type { ChatPort } from '../chat/chat-port.js';
import type { Logger } from '../observability/create-logger.js';
import type {
  AlertDelivery,
  AlertMute,
  AlertRecord,
  AlertStorePort,
  AlertSubscription,
} from '../store/alert-store-port.js';
import type { Finding } from './finding.js';
import { alertDigest, renderAlertView, renderResolvedReply } from './render-alert-view.js';

export interface DeliveryOutcome {
  posted: number;
  updated: number;
  resolvedReplies: number;
}

/** Resolved alerts looked at for a "resolved" reply still owed (the newest this many). */
const RESOLVED_WINDOW = 200;

/**
 * Alerts -> channels. Each subscribed channel gets one message per alert: posted when the alert
 * opens (as a new thread), updated in place when what it shows changes, and answered in its
 * thread when it is resolved. A muted channel hears nothing of that kind until the mute ends;
 * then it gets the alerts still open. One channel failing does not stop the others.
 */
export async function deliverAlerts(
  alerts: AlertStorePort,
  chat: ChatPort,
  log: Logger,
  now: Date,
): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { posted: 0, updated: 0, resolvedReplies: 0 };
  const subscriptions = await alerts.listSubscriptions();
  if (subscriptions.length === 0) return outcome;
  const mutes = await alerts.listMutes(now);
  const open = await alerts.listAlerts({ state: 'open' });
  const resolved = (await alerts.listAlerts({ state: 'resolved', limit: RESOLVED_WINDOW })).filter((alert) =>
    alert.deliveries.some((delivery) => !delivery.resolvedShown),
  );
  for (const alert of [...open, ...resolved]) {
    const deliveries = alert.deliveries.map((delivery) => ({ ...delivery }));
    let changed = false;
    for (const subscription of channelsFor(alert, subscriptions)) {
      const { platform, conversationId } = subscription.conversation;
      if (isMuted(mutes, platform, conversationId, alert.kind)) continue;
      const delivery = deliveries.find((d) => d.platform === platform && d.conversationId === conversationId);
      try {
        const step = await deliverTo(chat, alert, subscription, delivery);
        if (step === 'none') continue;
        changed = true;
        if (typeof step === 'object') {
          deliveries.push(step);
          outcome.posted += 1;
        } else outcome[step] += 1;
      } catch (error) {
        log.warn(
          { err: error, alert: alert.id, conversationId },
          'an alert could not be delivered to a channel',
        );
      }
    }
    if (changed && !(await alerts.updateAlert(alert.id, { version: alert.version }, { deliveries })))
      log.warn(
        { alert: alert.id },
        'an alert changed while it was delivered; its messages are reconciled next poll',
      );
  }
  return outcome;
}

/** A new delivery when the alert was posted; which step it took otherwise. `delivery` is changed in place. */
async function deliverTo(
  chat: ChatPort,
  alert: AlertRecord,
  subscription: AlertSubscription,
  delivery: AlertDelivery | undefined,
): Promise<AlertDelivery | 'updated' | 'resolvedReplies' | 'none'> {
  const digest = alertDigest(alert);
  if (alert.state === 'open') {
    if (!delivery) {
      const message = await chat.post(chat.channelOf(subscription.conversation), renderAlertView(alert));
      const { platform, conversationId } = subscription.conversation;
      return { platform, conversationId, message, shown: digest };
    }
    if (delivery.shown === digest) return 'none';
    await chat.update(delivery.message, renderAlertView(alert));
    delivery.shown = digest;
    return 'updated';
  }
  if (!delivery || delivery.resolvedShown) return 'none';
  await chat.update(delivery.message, renderAlertView(alert));
  delivery.shown = digest;
  await chat.post(chat.threadOf(delivery.message), renderResolvedReply(alert));
  delivery.resolvedShown = true;
  return 'resolvedReplies';
}

/** The subscriptions an alert goes to, one per channel. */
function channelsFor(alert: AlertRecord, subscriptions: AlertSubscription[]): AlertSubscription[] {
  const subjects = (alert.finding as Finding).subjects ?? [];
  const byChannel = new Map<string, AlertSubscription>();
  for (const subscription of subscriptions) {
    if (subscription.kind !== 'all' && subscription.kind !== alert.kind) continue;
    if (subscription.scope && !subjects.includes(subscription.scope)) continue;
    const key = `${subscription.conversation.platform}\u0000${subscription.conversation.conversationId}`;
    if (!byChannel.has(key)) byChannel.set(key, subscription);
  }
  return [...byChannel.values()];
}

export function isMuted(mutes: AlertMute[], platform: string, conversationId: string, kind: string): boolean {
  return mutes.some(
    (mute) =>
      mute.platform === platform &&
      mute.conversationId === conversationId &&
      (mute.kind === 'all' || mute.kind === kind),
  );
}
