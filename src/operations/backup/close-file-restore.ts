import type { View } from '../../chat/view.js';
import { formatTime } from '../format-values.js';
import type { Operation } from '../operation.js';
import { resolveVm } from '../resolve-vm.js';
import { findProtectedVm } from './find-protected-vm.js';

/**
 * `restore files <vm> done`: revokes every open file-restore session of the VM (Azure knows which
 * recovery points are mounted). Safe, so no approval; the job that shows the session then closes.
 */
export const closeFileRestore: Operation = async (context) => {
  const { command, azure, signal } = context;
  const vm = await resolveVm(azure, String(command.args.vm), signal);
  const item = await findProtectedVm(context, vm);
  const points = await azure.backup.listRecoveryPoints(item, { abortSignal: signal });
  const open = points.filter((p) => p.fileRecoveryActive);
  if (open.length === 0) {
    return {
      kind: 'file-restore-closed',
      title: `No file restore of ${vm.name} is open`,
      tone: 'neutral',
      summary: 'Nothing to close: no recovery point of it is mounted.',
    };
  }
  const times = open.map((p) => formatTime(p.time)).join(', ');
  if (command.dryRun) {
    return {
      kind: 'file-restore-closed',
      title: `Dry run: close the file restore of ${vm.name}`,
      tone: 'accent',
      summary: `Would unmount the recovery point(s) of ${times}. Nothing was changed.`,
    };
  }
  await context.progress.show({
    kind: 'file-restore-closing',
    title: `Closing the file restore of ${vm.name}`,
    tone: 'accent',
    progress: { steps: open.map((p) => ({ label: `Unmount ${formatTime(p.time)}`, state: 'running' })) },
  });
  for (const point of open) {
    await azure.backup.revokeFileRecovery(item, point.name, { abortSignal: signal });
  }
  const view: View = {
    kind: 'file-restore-closed',
    title: `File restore of ${vm.name} closed`,
    tone: 'good',
    summary: `Unmounted the recovery point(s) of ${times}; the script no longer works.`,
    notes: ['Unmount the disks on the machine where you ran the script, too (the script offers it).'],
  };
  return view;
};
