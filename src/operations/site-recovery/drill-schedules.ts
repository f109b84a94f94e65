import { randomBytes } from 'node:crypto';
import { UserFacingError } from '../../chat/user-facing-error.js';
import { sameRule } from '../../schedules/same-rule.js';
import {
  describeRule,
  nextRunAfter,
  parseScheduleRule,
  type ScheduleRule,
} from '../../schedules/schedule-rule.js';
import type { AlertStorePort } from '../../store/alert-store-port.js';
import { formatTime } from '../format-values.js';
import type { Operation, PlannedOperation } from '../operation.js';
import { findPlan, requireSiteRecovery } from './recovery-plan-lookup.js';

interface SchedulePlan {
  app: string;
  rule: ScheduleRule;
  ruleText: string;
}

/** `schedule drill <app> monthly [on the first monday 09:00 Europe/Amsterdam]`. */
export const scheduleDrill: PlannedOperation<SchedulePlan> = {
  async plan(context) {
    const { azure, command, signal } = context;
    requireSiteRecovery(azure);
    const parsed = parseScheduleRule(String(command.args.when ?? 'monthly'));
    if (!parsed.ok) throw new UserFacingError(parsed.message, { title: 'Cannot read the schedule' });
    const plans = await azure.siteRecovery.listRecoveryPlans({ abortSignal: signal });
    const app = findPlan(plans, String(command.args.app)).name;
    await refuseDuplicate(context.store.alerts, app, parsed.rule, context.event.conversation.conversationId);
    const ruleText = describeRule(parsed.rule);
    const runs: Date[] = [];
    let after = context.now();
    for (let i = 0; i < 3; i += 1) {
      after = nextRunAfter(parsed.rule, after);
      runs.push(after);
    }
    return {
      plan: { app, rule: parsed.rule, ruleText },
      view: {
        kind: 'schedule-plan',
        title: `Schedule drills of ${app}`,
        summary: `${ruleText}: the bot asks for \`dr drill ${app}\` in this channel, as you, and an approver decides as usual.`,
        facts: runs.map((run, i) => ({ label: i === 0 ? 'First' : 'Then', value: formatTime(run) })),
      },
    };
  },
  async execute(context, plan) {
    // Again here: another request for the same schedule may have been confirmed meanwhile.
    await refuseDuplicate(
      context.store.alerts,
      plan.app,
      plan.rule,
      context.event.conversation.conversationId,
    );
    const nextRunAt = nextRunAfter(plan.rule, context.now());
    const id = `sc-${randomBytes(3).toString('hex')}`;
    await context.store.alerts.insertSchedule({
      id,
      kind: 'drill',
      app: plan.app,
      rule: plan.rule,
      ruleText: plan.ruleText,
      conversation: context.event.conversation,
      createdBy: context.event.actor,
      createdAt: context.now(),
      nextRunAt,
      state: 'active',
      version: 1,
    });
    return {
      kind: 'schedule-created',
      title: `Drills of ${plan.app} scheduled`,
      tone: 'good',
      summary: `${plan.ruleText}. The first request comes ${formatTime(nextRunAt)}, in this channel.`,
      facts: [
        { label: 'Schedule', value: id },
        { label: 'Next', value: formatTime(nextRunAt) },
      ],
      notes: [`\`schedules\` lists them; \`schedule delete ${id}\` stops this one.`],
    };
  },
};

/**
 * A second schedule with the same app and times would ask for every drill twice: refused, with the
 * one that exists named (id, when, next run, where) and the command that stops it.
 */
async function refuseDuplicate(
  store: AlertStorePort,
  app: string,
  rule: ScheduleRule,
  conversationId: string,
): Promise<void> {
  const active = await store.listSchedules({ state: 'active' });
  const same = active.find(
    (s) => s.kind === 'drill' && s.app.toLowerCase() === app.toLowerCase() && sameRule(s.rule, rule),
  );
  if (!same) return;
  const where =
    same.conversation.conversationId === conversationId ? 'in this channel' : 'in another channel';
  throw new UserFacingError(
    `Drills of ${same.app} are already scheduled ${same.ruleText}: schedule ${same.id}, set by ${same.createdBy.displayName} ${where}, next ${formatTime(same.nextRunAt)}. A second one would ask for each drill twice.`,
    {
      title: 'Already scheduled',
      facts: [
        { label: 'Schedule', value: same.id },
        { label: 'When', value: same.ruleText },
        { label: 'Next', value: formatTime(same.nextRunAt) },
      ],
      nextStep: `To change its times, stop it with \`schedule delete ${same.id}\` and schedule again; \`schedules\` lists them all.`,
    },
  );
}

/** `schedules`. */
export const listSchedules: Operation = async (context) => {
  const schedules = await context.store.alerts.listSchedules({ state: 'active' });
  if (schedules.length === 0)
    return {
      kind: 'schedules',
      title: 'Schedules',
      summary: 'No drill is scheduled. `schedule drill <app> monthly` sets one.',
    };
  return {
    kind: 'schedules',
    title: 'Schedules',
    summary: `${schedules.length} drill schedule(s).`,
    tables: [
      {
        columns: ['Id', 'App', 'When', 'Next', 'Last fired', 'Set by'],
        rows: schedules.map((s) => [
          s.id,
          s.app,
          s.ruleText,
          formatTime(s.nextRunAt),
          s.lastFiredAt ? formatTime(s.lastFiredAt) : 'never',
          s.createdBy.displayName,
        ]),
      },
    ],
  };
};

/** `schedule delete <id>`. */
export const deleteSchedule: PlannedOperation<{ id: string; version: number; app: string }> = {
  async plan(context) {
    const id = String(context.command.args.id).trim();
    const schedule = await context.store.alerts.getSchedule(id);
    if (schedule?.state !== 'active')
      throw new UserFacingError(`There is no active schedule \`${id.slice(0, 40)}\`.`, {
        title: 'Unknown schedule',
        nextStep: '`schedules` lists them.',
      });
    return {
      plan: { id, version: schedule.version, app: schedule.app },
      view: {
        kind: 'schedule-delete',
        title: `Stop schedule ${id}`,
        summary: `Drills of ${schedule.app} (${schedule.ruleText}) will no longer be asked for. Next would have been ${formatTime(schedule.nextRunAt)}.`,
      },
    };
  },
  async execute(context, plan) {
    const current = await context.store.alerts.getSchedule(plan.id);
    const stopped =
      current && current.state === 'active'
        ? await context.store.alerts.updateSchedule(
            plan.id,
            { version: current.version },
            { state: 'deleted' },
          )
        : undefined;
    if (!stopped)
      throw new UserFacingError(
        `Schedule \`${plan.id}\` was stopped or changed meanwhile; nothing was done.`,
        {
          title: 'Schedule changed',
          nextStep: '`schedules` shows where it stands.',
        },
      );
    return {
      kind: 'schedule-deleted',
      title: `Schedule ${plan.id} stopped`,
      tone: 'good',
      summary: `No more drills of ${plan.app} will be asked for by this schedule.`,
    };
  },
};
