import type { View } from '../../chat/view.js';
import { formatAge, formatGB, formatTime } from '../format-values.js';
import type { Operation } from '../operation.js';
import { resolveVm, withActiveCopy } from '../resolve-vm.js';
import { listSetsOfVm } from './snapshot-sets.js';

const maxRows = 20;

/** `snapshots <vm>`: the VM's snapshot sets, newest first, with age, kind and billed size. */
export const listVmSnapshots: Operation = async ({ command, azure, signal, now }) => {
  const vm = await resolveVm(azure, String(command.args.vm), signal);
  const sets = await listSetsOfVm(azure, vm, signal);
  if (sets.length === 0) {
    return withActiveCopy(vm, {
      kind: 'snapshot-list',
      title: `No snapshot sets of ${vm.name}`,
      tone: 'neutral',
      summary: `The bot has not taken any snapshot of ${vm.name} that still exists.`,
      notes: [`Take one: \`snapshot ${vm.name}\`.`],
    });
  }
  const at = now();
  const shown = sets.slice(0, maxRows);
  const view: View = {
    kind: 'snapshot-list',
    title: `Snapshot sets of ${vm.name}`,
    tone: 'neutral',
    summary: `${sets.length} set(s), newest first.`,
    tables: [
      {
        columns: ['Set', 'Taken', 'Kind', 'Disks', 'Billed', 'Expires'],
        rows: shown.map((set) => [
          set.id,
          formatAge(set.createdAt, at),
          set.incremental ? 'incremental' : 'full',
          String(set.snapshots.length),
          formatGB(set.billedGB),
          formatTime(set.expires),
        ]),
        note: sets.length > maxRows ? `${sets.length - maxRows} older set(s) not shown.` : undefined,
      },
    ],
    notes: [
      `New disks from a set: \`disks from snapshot ${shown[0]?.id}\`. Remove old sets: \`snapshot prune ${vm.name} older-than 7d\`.`,
    ],
  };
  return withActiveCopy(vm, view);
};
