import type { ChatEvent, ConversationRef } from '../chat/chat-event.js';
import type { ChatPort } from '../chat/chat-port.js';
import type { View } from '../chat/view.js';
import type { Policy } from '../config/policy.js';
import type { Logger } from '../observability/create-logger.js';
import { formatTime } from '../operations/format-values.js';
import { formatSeconds } from '../operations/site-recovery/recovery-plan-lookup.js';
import type { ScheduleRecord } from '../store/alert-store-port.js';
import type { StorePort } from '../store/store-port.js';
import { nextRunAfter, type ScheduleRule } from './schedule-rule.js';

export interface FireSchedulesOptions {
  store: StorePort;
  chat: ChatPort;
  policy: Policy;
  log: Logger;
  now: () => Date;
  newCorrelationId: () => string;
  /** Runs a command as if typed: the router's normal path (roles, approval card, audit). */
  runCommand(event: ChatEvent): Promise<void>;
}

/** Less late than this is on time (the timer runs every 30 s). */
const ON_TIME_MS = 2 * 60_000;

/**
 * Fires every schedule that is due: one conditional update moves it to its next run, and only the
 * process whose update wins fires it, so a schedule fires once across replicas and restarts. A
 * run missed while the bot was down fires once when it is back, saying how late it is. Returns
 * how many fired.
 */
export async function fireDueSchedules(options: FireSchedulesOptions): Promise<number> {
  const { store, log } = options;
  const now = options.now();
  const due = (await store.alerts.listSchedules({ state: 'active' })).filter(
    (schedule) => schedule.nextRunAt.getTime() <= now.getTime(),
  );
  let fired = 0;
  for (const schedule of due) {
    const next = nextRunAfter(schedule.rule as ScheduleRule, now);
    const claimed = await store.alerts.updateSchedule(
      schedule.id,
      { version: schedule.version },
      { lastFiredAt: now, nextRunAt: next },
    );
    if (!claimed) continue;
    fired += 1;
    await fire(options, schedule, now, next).catch((error: unknown) =>
      log.error({ err: error, schedule: schedule.id }, 'a scheduled drill could not be asked for'),
    );
  }
  return fired;
}

async function fire(
  options: FireSchedulesOptions,
  schedule: ScheduleRecord,
  now: Date,
  next: Date,
): Promise<void> {
  const { chat, policy, log } = options;
  const lateMs = now.getTime() - schedule.nextRunAt.getTime();
  const role = policy.settingsFor('dr.drill').role;
  const allowed = policy.holds(schedule.createdBy, role);
  const notice = await chat.post(
    chat.channelOf(schedule.conversation),
    renderScheduleNotice(schedule, lateMs, next, allowed ? undefined : role),
  );
  log.info({ schedule: schedule.id, app: schedule.app, lateMs, allowed }, 'scheduled drill fired');
  if (!allowed) return;
  const conversation: ConversationRef = chat.threadOf(notice);
  await options.runCommand({
    kind: 'text',
    text: `dr drill ${schedule.app} because scheduled drill (${schedule.id}: ${schedule.ruleText})`,
    platform: conversation.platform,
    actor: schedule.createdBy,
    conversation,
    origin: 'automation',
    correlationId: options.newCorrelationId(),
    receivedAt: now,
  });
}

export function renderScheduleNotice(
  schedule: ScheduleRecord,
  lateMs: number,
  next: Date,
  missingRole?: string,
): View {
  const late = lateMs > ON_TIME_MS;
  const notes = late
    ? [
        `This is ${formatSeconds(lateMs / 1000)} late: it was due at ${formatTime(schedule.nextRunAt)}, and the bot was not running then.`,
      ]
    : [];
  if (missingRole)
    notes.push(
      `Not asked: ${schedule.createdBy.displayName}, who set this schedule, no longer has the ${missingRole} role that drills need. Someone who has it can set it again (\`schedule drill ${schedule.app} ...\`) and \`schedule delete ${schedule.id}\` this one.`,
    );
  return {
    kind: 'schedule-fired',
    title: `Scheduled drill: ${schedule.app}`,
    tone: missingRole ? 'attention' : late ? 'warning' : 'accent',
    summary: missingRole
      ? `The drill of ${schedule.app} was due, but could not be asked for.`
      : `Asking for the drill of ${schedule.app} now, for ${schedule.createdBy.displayName}, who set this schedule; an approver decides as usual.`,
    facts: [
      { label: 'Schedule', value: `${schedule.id}: ${schedule.ruleText}` },
      { label: 'Due', value: formatTime(schedule.nextRunAt) },
      { label: 'Next', value: formatTime(next) },
    ],
    notes,
    footer: `Stop it with \`schedule delete ${schedule.id}\`.`,
  };
}
