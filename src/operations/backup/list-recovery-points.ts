import type { RecoveryPointInfo } from '../../azure/backup-port.js';
import { consistencyWord } from '../../chat/domain-words.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { View } from '../../chat/view.js';
import { formatCommand } from '../../commands/format-command.js';
import type { ParsedCommand } from '../../commands/parse-command.js';
import { readPointTime, resolvePointTime } from '../../commands/point-time.js';
import { formatAge, formatTime } from '../format-values.js';
import type { Operation } from '../operation.js';
import { resolveVm, withActiveCopy } from '../resolve-vm.js';
import { findProtectedVm } from './find-protected-vm.js';
import { pagePoints } from './page-recovery-points.js';

const pageSize = 20;
/** Times people type are read in UTC: the config names no other zone, and cards show UTC. */
const timeZone = 'UTC';

/**
 * `recovery points <vm> [since <time>] [until <time>] [page N]`: the VM's Azure Backup recovery
 * points, newest first, in pages of 20; every page that leaves points out names the command that
 * shows them.
 */
export const listRecoveryPoints: Operation = async (context) => {
  const { command, azure, signal, now } = context;
  const vm = await resolveVm(azure, String(command.args.vm), signal);
  const item = await findProtectedVm(context, vm);
  const all = await azure.backup.listRecoveryPoints(item, { abortSignal: signal });
  const at = now();
  const since = instantOf(command.args.since, at, 'start');
  const until = instantOf(command.args.until, at, 'end');
  const windowed = since !== undefined || until !== undefined;
  const requested = Number(command.args.page ?? 1);
  const result = pagePoints(all, { since, until, page: requested, pageSize });
  const again = (changes: Record<string, string | number | undefined>) =>
    `\`${formatCommand(command.spec, { ...command.args, ...changes })}\``;
  const window = describeWindow(since, until);
  if (result.matching === 0) {
    const newest = newestOf(all);
    return withActiveCopy(vm, {
      kind: 'recovery-point-list',
      title: `No recovery points of ${vm.name}${windowed ? ' in that time' : ''}`,
      tone: 'warning',
      summary:
        all.length === 0
          ? `Azure Backup has no recovery point of ${vm.name} yet.`
          : `None ${window}. The newest is from ${formatTime(newest?.time)} (${formatAge(newest?.time, at)}); ${all.length} point(s) in all.`,
      notes:
        all.length === 0
          ? [`Take one now: \`backup ${vm.name}\`.`]
          : [`All of them: ${again({ since: undefined, until: undefined, page: undefined })}.`],
    });
  }
  if (result.shown.length === 0) {
    return withActiveCopy(vm, {
      kind: 'recovery-point-list',
      title: `No page ${result.page} of recovery points of ${vm.name}`,
      tone: 'warning',
      summary: `${result.matching} point(s)${windowed ? ` ${window}` : ''} fill ${result.pages} page(s) of ${pageSize}.`,
      notes: [`The last page: ${again({ page: result.pages })}.`],
    });
  }
  const notes: string[] = [];
  if (result.older > 0)
    notes.push(
      `${result.older} older point(s) not shown: ${again({ page: result.page + 1 })} shows the next ${Math.min(pageSize, result.older)}.`,
    );
  if (result.page > 1) notes.push(`Newer ones: ${again({ page: result.page - 1 })}.`);
  const view: View = {
    kind: 'recovery-point-list',
    title: `Recovery points of ${vm.name}`,
    tone: 'neutral',
    summary:
      `${result.matching} point(s)${windowed ? ` ${window}` : ''}, newest first, in vault ${item.vault.name} (policy ${item.policyName ?? 'unknown'})` +
      (result.pages > 1 ? `; page ${result.page} of ${result.pages}.` : '.'),
    tables: [
      {
        columns: ['Time (UTC)', 'Age', 'Consistency', 'Tier', 'Point'],
        rows: result.shown.map((p) => [
          formatTime(p.time),
          formatAge(p.time, at),
          consistencyWord(p.type),
          p.tiers.map((t) => t.replace(/RP$/, '')).join(', ') || 'n/a',
          p.name,
        ]),
        note: notes.length > 0 ? notes.join(' ') : undefined,
      },
    ],
    notes: [`Restore from one: \`restore ${vm.name} from <time or point> as new <name>\`.`],
  };
  return withActiveCopy(vm, view);
};

/** A `since`/`until` value as an instant; the parser already read it, so a miss is a bug worth saying. */
function instantOf(
  value: ParsedCommand['args'][string],
  now: Date,
  dayAlone: 'start' | 'end',
): Date | undefined {
  if (value === undefined) return undefined;
  const time = readPointTime(String(value));
  if (!time) throw new UserFacingError(`\`${String(value).slice(0, 40)}\` is not a time I can read.`);
  return resolvePointTime(time, now, timeZone, dayAlone).at;
}

function describeWindow(since: Date | undefined, until: Date | undefined): string {
  if (since && until) return `from ${formatTime(since)} to ${formatTime(until)}`;
  if (since) return `since ${formatTime(since)}`;
  if (until) return `up to ${formatTime(until)}`;
  return '';
}

function newestOf(points: readonly RecoveryPointInfo[]): RecoveryPointInfo | undefined {
  return pagePoints(points, { page: 1, pageSize: 1 }).shown[0];
}
