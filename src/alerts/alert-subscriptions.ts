import { randomBytes } from 'node:crypto';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';
import { parseDuration } from '../commands/parse-duration.js';
import { suggestClosest } from '../commands/suggest-closest.js';
import { formatTime } from '../operations/format-values.js';
import type { Operation, OperationContext, PlannedOperation } from '../operations/operation.js';
import type { AlertSubscription } from '../store/alert-store-port.js';
import { ALERT_KIND_SUMMARIES, type AlertKind } from './alert-kinds.js';

interface SubscriptionPlan {
  kind: string;
  scope?: string;
}

function describeKind(kind: string): string {
  return kind === 'all'
    ? 'every kind of alert'
    : `${kind} alerts (${ALERT_KIND_SUMMARIES[kind as AlertKind]})`;
}

function describeSubscription(plan: SubscriptionPlan): string {
  return `${describeKind(plan.kind)}${plan.scope ? ` about ${plan.scope}` : ''}`;
}

function subscriptionPlanOf(context: OperationContext): SubscriptionPlan {
  const kind = String(context.command.args.kind);
  const scope =
    context.command.args.scope === undefined
      ? undefined
      : String(context.command.args.scope).trim().toLowerCase();
  return scope ? { kind, scope } : { kind };
}

/** A scope must name something the bot can see: an app, a resource group or a VM. */
async function checkScope(context: OperationContext, scope: string): Promise<void> {
  const { azure, signal } = context;
  const [vms, plans] = await Promise.all([
    azure.listVms({ abortSignal: signal }),
    azure.siteRecovery.vaults.length > 0 ? azure.siteRecovery.listRecoveryPlans({ abortSignal: signal }) : [],
  ]);
  const names = [
    ...new Set([...plans.map((p) => p.name), ...vms.flatMap((vm) => [vm.name, vm.resourceGroup])]),
  ];
  if (names.some((name) => name.toLowerCase() === scope)) return;
  const closest = suggestClosest(scope, names, 3);
  throw new UserFacingError(`There is no app, resource group or VM named \`${scope}\`.`, {
    title: 'Unknown scope',
    nextStep:
      closest.length > 0
        ? `Did you mean ${closest.map((c) => `\`${c}\``).join(', ')}?`
        : 'Leave the scope out to hear about everything, or see `vms` and `dr status` for names.',
  });
}

async function channelSubscriptions(context: OperationContext): Promise<AlertSubscription[]> {
  const { platform, conversationId } = context.event.conversation;
  return context.store.alerts.listSubscriptions({ platform, conversationId });
}

function subscriptionRows(subscriptions: AlertSubscription[]): string[][] {
  return subscriptions.map((s) => [
    s.kind,
    s.scope ?? 'everything',
    s.createdBy.displayName,
    formatTime(s.createdAt),
  ]);
}

const subscriptionColumns = ['Kind', 'About', 'Set by', 'Since'];

/** `alerts subscribe <kind|all> [app|rg|vm]`. */
export const subscribeAlerts: PlannedOperation<SubscriptionPlan> = {
  async plan(context) {
    const plan = subscriptionPlanOf(context);
    if (plan.scope) await checkScope(context, plan.scope);
    return {
      plan,
      view: {
        kind: 'alerts-subscribe',
        title: 'Subscribe this channel to alerts',
        summary: `This channel will hear about ${describeSubscription(plan)}. The bot checks Azure every few minutes.`,
      },
    };
  },
  async execute(context, plan) {
    const added = await context.store.alerts.addSubscription({
      id: `as-${randomBytes(4).toString('hex')}`,
      conversation: context.event.conversation,
      kind: plan.kind,
      ...(plan.scope ? { scope: plan.scope } : {}),
      createdBy: context.event.actor,
      createdAt: context.now(),
    });
    const subscriptions = await channelSubscriptions(context);
    return {
      kind: 'alerts-subscribed',
      title: added ? 'Subscribed' : 'Already subscribed',
      tone: 'good',
      summary: added
        ? `This channel hears about ${describeSubscription(plan)} from the next check on. Each incident is one card, updated while it lasts and answered "resolved" in its thread.`
        : `This channel already hears about ${describeSubscription(plan)}.`,
      tables: [
        {
          title: 'Subscriptions of this channel',
          columns: subscriptionColumns,
          rows: subscriptionRows(subscriptions),
        },
      ],
      notes: [
        `Pause with \`alerts mute ${plan.kind} for 2h\`; stop with \`alerts unsubscribe ${plan.kind}${plan.scope ? ` ${plan.scope}` : ''}\`.`,
      ],
    };
  },
};

/** `alerts unsubscribe <kind|all> [app|rg|vm]`. */
export const unsubscribeAlerts: PlannedOperation<SubscriptionPlan> = {
  async plan(context) {
    const plan = subscriptionPlanOf(context);
    const matching = (await channelSubscriptions(context)).filter(
      (s) =>
        (plan.kind === 'all' || s.kind === plan.kind) && (plan.scope === undefined || s.scope === plan.scope),
    );
    const view: View = {
      kind: 'alerts-unsubscribe',
      title: 'Unsubscribe this channel',
      summary:
        matching.length > 0
          ? `This channel will stop hearing about ${describeSubscription(plan)} (${matching.length} subscription(s)).`
          : `This channel is not subscribed to ${describeSubscription(plan)}; nothing to stop. \`alerts list\` shows what it hears.`,
    };
    return { plan, view, nothingToDo: matching.length === 0 };
  },
  async execute(context, plan) {
    const { platform, conversationId } = context.event.conversation;
    const removed = await context.store.alerts.removeSubscriptions(
      platform,
      conversationId,
      plan.kind,
      plan.scope,
    );
    return {
      kind: 'alerts-unsubscribed',
      title: 'Unsubscribed',
      tone: 'good',
      summary: `This channel no longer hears about ${describeSubscription(plan)} (${removed} subscription(s) removed). Alerts already posted stay.`,
    };
  },
};

interface MutePlan {
  kind: string;
  until: string;
}

/** `alerts mute <kind|all> for <duration>`. */
export const muteAlerts: PlannedOperation<MutePlan> = {
  async plan(context) {
    const kind = String(context.command.args.kind);
    const duration = parseDuration(String(context.command.args.for));
    if (!duration)
      throw new Error(`The parser let through a bad duration: ${String(context.command.args.for)}`);
    const until = new Date(context.now().getTime() + duration.milliseconds);
    return {
      plan: { kind, until: until.toISOString() },
      view: {
        kind: 'alerts-mute',
        title: 'Mute alerts in this channel',
        summary: `No ${kind === 'all' ? '' : `${kind} `}alert cards or updates in this channel until ${formatTime(until)}. Incidents are still tracked; the ones still open are posted when the mute ends.`,
      },
    };
  },
  async execute(context, plan) {
    const { platform, conversationId } = context.event.conversation;
    const until = new Date(plan.until);
    await context.store.alerts.setMute({
      platform,
      conversationId,
      kind: plan.kind,
      until,
      by: context.event.actor,
    });
    return {
      kind: 'alerts-muted',
      title: 'Muted',
      tone: 'good',
      summary: `No ${plan.kind === 'all' ? '' : `${plan.kind} `}alerts in this channel until ${formatTime(until)}.`,
    };
  },
};

/** `alerts list`: this channel's subscriptions and mutes, and every open alert. */
export const listAlerts: Operation = async (context) => {
  const { platform, conversationId } = context.event.conversation;
  const [subscriptions, mutes, open] = await Promise.all([
    channelSubscriptions(context),
    context.store.alerts.listMutes(context.now()),
    context.store.alerts.listAlerts({ state: 'open', limit: 50 }),
  ]);
  const here = mutes.filter((m) => m.platform === platform && m.conversationId === conversationId);
  return {
    kind: 'alerts-list',
    title: 'Alerts',
    summary:
      subscriptions.length > 0
        ? `This channel is subscribed to ${subscriptions.length} kind(s) of alert; ${open.length} alert(s) open.`
        : `This channel hears no alerts; \`alerts subscribe all\` changes that. ${open.length} alert(s) open.`,
    tables: [
      ...(subscriptions.length > 0
        ? [{ title: 'Subscriptions', columns: subscriptionColumns, rows: subscriptionRows(subscriptions) }]
        : []),
      ...(here.length > 0
        ? [
            {
              title: 'Muted',
              columns: ['Kind', 'Until', 'By'],
              rows: here.map((m) => [m.kind, formatTime(m.until), m.by.displayName]),
            },
          ]
        : []),
      ...(open.length > 0
        ? [
            {
              title: 'Open alerts',
              columns: ['Alert', 'What', 'Since', 'Times'],
              rows: open.map((a) => [
                a.id,
                (a.finding as { title?: string }).title ?? a.kind,
                formatTime(a.firstSeenAt),
                String(a.occurrences),
              ]),
            },
          ]
        : []),
    ],
  };
};
