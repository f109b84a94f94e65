import type { VmRef, VmSummary } from '../../azure/azure-port.js';
import { type BackupItemRef, backupItemRefOf, type RestoreRequest } from '../../azure/backup-port.js';
import { consistencyWord } from '../../chat/domain-words.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { Fact, View } from '../../chat/view.js';
import { formatCommand } from '../../commands/format-command.js';
import { formatAge, formatTime } from '../format-values.js';
import type { OperationContext } from '../operation.js';
import { resolveVm, withActiveCopy } from '../resolve-vm.js';
import { type ChooseOptions, chooseRecoveryPoint } from './choose-recovery-point.js';
import { findProtectedVm } from './find-protected-vm.js';
import { type RestoreKind, resolveRestoreTarget } from './resolve-restore-target.js';

/** A restore, resolved: JSON, stored with the approval request and run exactly as approved. */
export interface RestorePlan {
  kind: RestoreKind;
  vm: VmRef & { location: string };
  item: BackupItemRef;
  point: { name: string; id: string; time: string; type: string; chosenBy?: string };
  request: RestoreRequest;
  /** replace: the VM's disks when planned (they stay behind, detached) and whether it was running. */
  replaced?: { diskNames: string[]; wasRunning: boolean };
}

/** Power states a VM passes through; a replace waits until it has settled. */
const transitions = new Set(['starting', 'stopping', 'deallocating']);

/**
 * Resolves `restore <vm> [from ...] as new <name> | disks | replace`: the VM, its backup item, the
 * recovery point, and where the restore goes. Changes nothing; refuses what Azure would refuse
 * (a name already taken, a VM in the middle of starting or stopping) before anyone approves it.
 */
export async function planRestore(
  context: OperationContext,
  kind: RestoreKind,
): Promise<{ plan: RestorePlan; view: View }> {
  const { command, azure, signal } = context;
  const vm = await resolveVm(azure, String(command.args.vm), signal);
  const item = await findProtectedVm(context, vm);
  const points = await azure.backup.listRecoveryPoints(item, { abortSignal: signal });
  const { point, chosenBy } = chooseRecoveryPoint(
    points,
    String(command.args.from ?? 'latest'),
    vm.name,
    choiceOptions(context),
  );
  const args = command.args;
  const request = resolveRestoreTarget(
    kind,
    vm,
    {
      rg: optional(args.rg),
      name: optional(args.name),
      network: optional(args.network),
      subnet: optional(args.subnet),
    },
    azure.backup.restoreDefaults,
  );
  if (request.kind === 'new') await assertNameFree(context, vm, request);
  const plan: RestorePlan = {
    kind,
    vm: {
      id: vm.id,
      subscriptionId: vm.subscriptionId,
      resourceGroup: vm.resourceGroup,
      name: vm.name,
      location: vm.location,
    },
    item: backupItemRefOf(item),
    point: {
      name: point.name,
      id: point.id,
      time: point.time.toISOString(),
      type: point.type,
      ...(chosenBy ? { chosenBy } : {}),
    },
    request,
  };
  if (kind === 'replace') plan.replaced = await replaceableState(context, vm);
  return { plan, view: withActiveCopy(vm, renderRestorePlan(plan, context.now())) };
}

/** How `from` is read for this command: now, UTC, and the same command with another point to offer. */
export function choiceOptions(context: OperationContext): ChooseOptions {
  const { command } = context;
  return {
    now: context.now(),
    timeZone: 'UTC',
    retry: (from) => formatCommand(command.spec, { ...command.args, from }, command.dryRun),
    consistencyOf: consistencyWord,
  };
}

function optional(value: unknown): string | undefined {
  return value === undefined || value === '' ? undefined : String(value);
}

/** A restore as a new VM fails at the end if the name is taken: say so before anyone approves. */
async function assertNameFree(
  context: OperationContext,
  source: VmSummary,
  request: Extract<RestoreRequest, { kind: 'new' }>,
): Promise<void> {
  const group = request.targetResourceGroupId.split('/').pop() ?? '';
  const vms = await context.azure.listVms({ abortSignal: context.signal });
  const taken = vms.find(
    (vm) =>
      vm.subscriptionId.toLowerCase() === source.subscriptionId.toLowerCase() &&
      vm.resourceGroup.toLowerCase() === group.toLowerCase() &&
      vm.name.toLowerCase() === request.targetVmName.toLowerCase(),
  );
  if (taken) {
    throw new UserFacingError(`A VM named ${taken.name} already exists in ${taken.resourceGroup}.`, {
      title: 'Name taken',
      nextStep: `Choose another name: \`restore ${source.name} as new ${source.name}-restored\`, or restore in place with \`replace\`.`,
    });
  }
}

/** A replace stops the VM: it must exist and not be in the middle of starting or stopping. */
async function replaceableState(
  context: OperationContext,
  vm: VmSummary,
): Promise<{ diskNames: string[]; wasRunning: boolean }> {
  const details = await context.azure.getVm(vm, { abortSignal: context.signal });
  if (transitions.has(details.powerState)) {
    throw new UserFacingError(`${vm.name} is ${details.powerState}; its disks cannot be replaced now.`, {
      title: 'VM is changing state',
      nextStep: `Wait until \`status ${vm.name}\` shows it running or stopped, then run the restore again.`,
    });
  }
  return {
    diskNames: details.disks.map((disk) => disk.name),
    wasRunning: details.powerState !== 'deallocated' && details.powerState !== 'stopped',
  };
}

export function restoreTitle(plan: RestorePlan): string {
  if (plan.request.kind === 'new') return `Restore ${plan.vm.name} as new VM ${plan.request.targetVmName}`;
  if (plan.request.kind === 'disks') return `Restore the disks of ${plan.vm.name}`;
  return `Replace the disks of ${plan.vm.name}`;
}

/** A stored plan's recovery point as facts: its time and age (the data a restore gives up), consistency, id. */
export function pointFacts(
  plan: { point: { name: string; time: string; type: string; chosenBy?: string } },
  now: Date,
): Fact[] {
  const time = new Date(plan.point.time);
  return [
    { label: 'Recovery point', value: `${formatTime(time)} (${formatAge(time, now)})` },
    ...(plan.point.chosenBy ? [{ label: 'Chosen as', value: plan.point.chosenBy }] : []),
    { label: 'Consistency', value: consistencyWord(plan.point.type) },
    { label: 'Point id', value: plan.point.name },
  ];
}

/** The plan's card: dry runs and approval requests show it. */
export function renderRestorePlan(plan: RestorePlan, now: Date): View {
  const { request } = plan;
  const group = (id: string) => id.split('/').pop() ?? id;
  const time = new Date(plan.point.time);
  const target: Fact[] =
    request.kind === 'new'
      ? [
          { label: 'New VM', value: `${request.targetVmName} in ${group(request.targetResourceGroupId)}` },
          {
            label: 'Network',
            value: `${group(request.virtualNetworkId)} / ${group(request.subnetId)}`,
          },
        ]
      : request.kind === 'disks'
        ? [{ label: 'New disks in', value: group(request.targetResourceGroupId) }]
        : [{ label: 'VM', value: `${plan.vm.name} (${plan.vm.resourceGroup})` }];
  const notes =
    request.kind === 'replace'
      ? [
          `Everything written to ${plan.vm.name} after ${formatTime(time)} (${formatAge(time, now).replace(' ago', '')} of changes) is lost.`,
          plan.replaced?.wasRunning
            ? `${plan.vm.name} is running: it is stopped (deallocated) for the restore and started again after. Users of it see an outage until then.`
            : `${plan.vm.name} is stopped and stays stopped.`,
          `Its current disks (${plan.replaced?.diskNames.join(', ') || 'none'}) stay in ${plan.vm.resourceGroup}, detached, so you can go back.`,
        ]
      : [`${plan.vm.name} itself is not touched.`];
  return {
    kind: 'restore-plan',
    title: restoreTitle(plan),
    tone: request.kind === 'replace' ? 'warning' : 'accent',
    summary:
      request.kind === 'replace'
        ? `Replaces the disks of ${plan.vm.name} with the recovery point of ${formatTime(time)}.`
        : `Restores ${plan.vm.name} from the recovery point of ${formatTime(time)} (vault ${plan.item.vault.name}).`,
    facts: [...pointFacts(plan, now), ...target],
    notes,
  };
}
