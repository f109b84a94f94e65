import { ALERT_KINDS } from '../../alerts/alert-kinds.js';
import type { ArgSpec, CommandSpec } from '../command-spec.js';
import { appArg, available } from './common-args.js';

const group = 'Alerts and schedules';

const kindArg: ArgSpec = {
  name: 'kind',
  type: 'enum',
  required: true,
  values: [...ALERT_KINDS, 'all'],
  placeholder: '<kind|all>',
  description: `What to hear about: ${ALERT_KINDS.map((k) => `\`${k}\``).join(', ')}, or \`all\`.`,
};

const scopeArg: ArgSpec = {
  name: 'scope',
  type: 'text',
  required: false,
  placeholder: '[app|rg|vm]',
  description: 'Only alerts about this app, resource group or VM; leave out for everything.',
};

export const alertCommands: readonly CommandSpec[] = [
  {
    id: 'alerts.subscribe',
    syntax: 'alerts subscribe <kind|all> [app|rg|vm]',
    words: ['alerts', 'subscribe'],
    aliases: ['subscribe alerts', 'alert subscribe', 'subscribe to alerts', 'alerts on'],
    args: [kindArg, scopeArg],
    sideEffects: 'change',
    role: 'operator',
    approvals: 0,
    group,
    summary: 'This channel hears when protection breaks (failed or missed backups, RPO, drills...).',
    help:
      'Subscribes the channel to alerts of one kind, or all, optionally for one app, resource group or VM. ' +
      'The bot checks Azure every few minutes with list calls; each incident is one card that is updated while ' +
      'it lasts ("still failing, 3rd time") and answered "resolved" in its thread. Its buttons run the usual ' +
      `commands, with the usual roles and approvals. Kinds: ${ALERT_KINDS.join(', ')}.`,
    examples: ['alerts subscribe all', 'alerts subscribe backup-failed shop', 'alerts subscribe rpo crm'],
    availability: available,
  },
  {
    id: 'alerts.list',
    syntax: 'alerts list',
    words: ['alerts', 'list'],
    aliases: ['alerts', 'list alerts', 'open alerts', 'alert list', 'show alerts'],
    args: [],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    group,
    summary: "This channel's alert subscriptions and mutes, and the open alerts.",
    help:
      'Lists what this channel is subscribed to, mutes in force and until when, and every alert open now, ' +
      'with its id, since when and how many times it happened.',
    examples: ['alerts list', 'alerts'],
    availability: available,
  },
  {
    id: 'alerts.unsubscribe',
    syntax: 'alerts unsubscribe <kind|all> [app|rg|vm]',
    words: ['alerts', 'unsubscribe'],
    aliases: ['unsubscribe alerts', 'alert unsubscribe', 'alerts off'],
    args: [kindArg, scopeArg],
    sideEffects: 'change',
    role: 'operator',
    approvals: 0,
    group,
    summary: 'Stop alerts of a kind (or all) in this channel.',
    help:
      'Removes the channel subscriptions of that kind (`all`: every kind), about that app, resource group or ' +
      'VM (left out: about anything). Alerts already posted stay as they are.',
    examples: ['alerts unsubscribe backup-failed shop', 'alerts unsubscribe all'],
    availability: available,
  },
  {
    id: 'alerts.mute',
    syntax: 'alerts mute <kind|all> for <duration>',
    words: ['alerts', 'mute'],
    aliases: ['mute alerts', 'alert mute', 'snooze alerts'],
    args: [
      kindArg,
      {
        name: 'for',
        type: 'duration',
        required: true,
        keywords: ['for'],
        maxDays: 7,
        placeholder: '<duration>',
        description: 'How long, up to 7 days: `30m`, `2h`, `1d`.',
      },
    ],
    sideEffects: 'change',
    role: 'operator',
    approvals: 0,
    group,
    summary: 'Pause alerts of a kind in this channel for a while (maintenance, a known outage).',
    help:
      'While muted, the channel gets no new alert cards and no updates of that kind; the watchers still track ' +
      'incidents, and the channel gets the ones still open when the mute ends.',
    examples: ['alerts mute backup-missed for 2h', 'alerts mute all for 30m'],
    availability: available,
  },
  {
    id: 'schedule.drill',
    syntax: 'schedule drill <app> monthly [on the first monday 09:00 Europe/Amsterdam]',
    words: ['schedule', 'drill'],
    aliases: ['schedule a drill', 'schedule dr drill', 'plan drill'],
    args: [
      appArg,
      {
        name: 'when',
        type: 'text',
        required: false,
        default: 'monthly',
        placeholder: 'monthly [on the first monday 09:00 Europe/Amsterdam]',
        description:
          '`monthly` (on the first Monday unless `on the second|third|fourth|last <weekday>` or `on day <n>`), ' +
          '`weekly [on <weekday>]` or `daily`; a time (default 09:00) and an IANA time zone (default UTC).',
      },
    ],
    sideEffects: 'change',
    role: 'operator',
    approvals: 0,
    group,
    summary: 'Ask for a drill of an app on a schedule, so drills are not forgotten.',
    help:
      'At each time the bot posts the drill request in this channel, as if you had typed `dr drill <app>`: with ' +
      'its pre-flight and approval card, so an approver still decides. Time-zone aware (daylight saving ' +
      'included); fired once, also across restarts and replicas; if the bot was down at that time it asks ' +
      'when it is back, and says how late it is. The same app at the same times twice is refused, naming the ' +
      'schedule that exists.',
    examples: [
      'schedule drill shop monthly on the first monday 09:00 Europe/Amsterdam',
      'schedule drill crm weekly on friday 14:00 UTC',
    ],
    availability: available,
  },
  {
    id: 'schedules.list',
    syntax: 'schedules',
    words: ['schedules'],
    aliases: ['schedule list', 'list schedules', 'drill schedules', 'show schedules'],
    args: [],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    group,
    summary: 'The drill schedules, with when each fires next.',
    help: 'Lists every active schedule: id, app, rule, channel, who set it, next and last time it fired.',
    examples: ['schedules', 'show schedules'],
    availability: available,
  },
  {
    id: 'schedule.delete',
    syntax: 'schedule delete <id>',
    words: ['schedule', 'delete'],
    aliases: ['delete schedule', 'remove schedule', 'unschedule'],
    args: [
      {
        name: 'id',
        type: 'text',
        required: true,
        placeholder: '<id>',
        description: 'The schedule id, as `schedules` lists it (`sc-1a2b3c`).',
      },
    ],
    sideEffects: 'change',
    role: 'operator',
    approvals: 0,
    group,
    summary: 'Stop a drill schedule.',
    help: 'Stops the schedule: it fires no more. Drills it already asked for are not affected.',
    examples: ['schedule delete sc-1a2b3c', 'unschedule sc-1a2b3c'],
    availability: available,
  },
];
