import type { View } from '../../chat/view.js';
import { parseDuration } from '../../commands/parse-duration.js';
import { formatAge, formatTime } from '../format-values.js';
import type { Operation } from '../operation.js';
import { resolveVm, withActiveCopy } from '../resolve-vm.js';
import { findProtectedVm } from './find-protected-vm.js';

const maxRows = 20;

const consistency: Record<string, string> = {
  AppConsistent: 'application',
  FileSystemConsistent: 'file system',
  CrashConsistent: 'crash',
};

/** `recovery points <vm> [since 7d]`: the VM's Azure Backup recovery points, newest first. */
export const listRecoveryPoints: Operation = async (context) => {
  const { command, azure, signal, now } = context;
  const vm = await resolveVm(azure, String(command.args.vm), signal);
  const item = await findProtectedVm(context, vm);
  const all = await azure.backup.listRecoveryPoints(item, { abortSignal: signal });
  const at = now();
  const sinceMs = command.args.since ? parseDuration(String(command.args.since))?.milliseconds : undefined;
  const points = sinceMs === undefined ? all : all.filter((p) => at.getTime() - p.time.getTime() <= sinceMs);
  if (points.length === 0) {
    return withActiveCopy(vm, {
      kind: 'recovery-point-list',
      title: `No recovery points of ${vm.name}${sinceMs === undefined ? '' : ' in that time'}`,
      tone: 'warning',
      summary:
        all.length === 0
          ? `Azure Backup has no recovery point of ${vm.name} yet.`
          : `The newest is from ${formatTime(all[0]?.time)} (${formatAge(all[0]?.time, at)}).`,
      notes: [`Take one now: \`backup ${vm.name}\`.`],
    });
  }
  const shown = points.slice(0, maxRows);
  const view: View = {
    kind: 'recovery-point-list',
    title: `Recovery points of ${vm.name}`,
    tone: 'neutral',
    summary: `${points.length} point(s), newest first, in vault ${item.vault.name} (policy ${item.policyName ?? 'unknown'}).`,
    tables: [
      {
        columns: ['Time (UTC)', 'Age', 'Consistency', 'Tier', 'Point'],
        rows: shown.map((p) => [
          formatTime(p.time),
          formatAge(p.time, at),
          consistency[p.type] ?? p.type,
          p.tiers.map((t) => t.replace(/RP$/, '')).join(', ') || 'n/a',
          p.name,
        ]),
        note:
          points.length > maxRows
            ? `${points.length - maxRows} older point(s) not shown: narrow it with \`recovery points ${vm.name} since 7d\`.`
            : undefined,
      },
    ],
    notes: [`Restore from one: \`restore ${vm.name} from <time or point> as new <name>\`.`],
  };
  return withActiveCopy(vm, view);
};
