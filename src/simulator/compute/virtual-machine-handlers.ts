import { ArmError } from '../core/arm-error.js';
import { inScope } from '../core/list-in-scope.js';
import { acceptedResult } from '../core/long-running-operations.js';
import { ownValue } from '../core/own-property.js';
import { paginateList } from '../core/paginate-list.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { assertNoPendingOperation, scopeOf } from './compute-scope.js';
import type { PowerState, VirtualMachineRecord } from './compute-state.js';
import { disksOfUpdate, readVmUpdate, type VmUpdate } from './read-vm-update.js';
import { renderInstanceView, renderVirtualMachine } from './render-virtual-machine.js';

/** `$expand=instanceView` (get, list) and `statusOnly=true` (listAll) add the instance view. */
function wantsInstanceView(context: RouteContext): boolean {
  const expand = context.url.searchParams.get('$expand')?.toLowerCase() ?? '';
  return expand.split(',').includes('instanceview') || context.url.searchParams.get('statusOnly') === 'true';
}

export function listVirtualMachines(context: RouteContext): ArmResult {
  const view = wantsInstanceView(context)
    ? { instanceView: true as const, nowMs: context.nowMs }
    : { instanceView: false as const };
  return paginateList(context, inScope(context.state.compute.virtualMachines, context), (vm) =>
    renderVirtualMachine(context.state, vm, view),
  );
}

export function getVirtualMachine(context: RouteContext): ArmResult {
  return {
    status: 200,
    body: renderVirtualMachine(
      context.state,
      requireVm(context),
      wantsInstanceView(context) ? { instanceView: true, nowMs: context.nowMs } : { instanceView: false },
    ),
  };
}

export function getInstanceView(context: RouteContext): ArmResult {
  return { status: 200, body: renderInstanceView(context.state, requireVm(context), context.nowMs) };
}

export function requireVm(context: RouteContext): VirtualMachineRecord {
  const scope = scopeOf(context);
  const name = context.params.vmName ?? '';
  const vm = ownValue(context.state.compute.virtualMachines, resourceKey(scope.id('virtualMachines', name)));
  if (!vm) throw ArmError.resourceNotFound(`Microsoft.Compute/virtualMachines/${name}`, scope.resourceGroup);
  return vm;
}

interface PowerAction {
  kind: string;
  transition: string;
  target: PowerState;
  durationSeconds: number;
}

const powerActions: Record<string, PowerAction> = {
  start: { kind: 'vm.start', transition: 'starting', target: 'running', durationSeconds: 60 },
  deallocate: {
    kind: 'vm.deallocate',
    transition: 'deallocating',
    target: 'deallocated',
    durationSeconds: 90,
  },
  powerOff: { kind: 'vm.powerOff', transition: 'stopping', target: 'stopped', durationSeconds: 30 },
};

/** POST start / deallocate / powerOff: 202 with the async headers, as Compute answers. */
export function powerActionHandler(action: keyof typeof powerActions): (context: RouteContext) => ArmResult {
  const spec = ownValue(powerActions, action);
  if (!spec) throw new Error(`Unknown VM power action ${action}`);
  return (context) => {
    const vm = requireVm(context);
    assertNoPendingOperation(context.state, vm, action);
    const alreadyThere = vm.powerState === spec.target;
    const operation = context.startOperation({
      namespace: 'Microsoft.Compute',
      kind: spec.kind,
      subscriptionId: vm.subscriptionId,
      location: vm.location,
      resourceId: vm.id,
      durationSeconds: alreadyThere ? 2 : spec.durationSeconds,
      payload: { target: spec.target },
    });
    vm.pendingOperationId = operation.id;
    if (!alreadyThere) vm.transitionState = spec.transition;
    vm.provisioningState = 'Updating';
    return acceptedResult(context, operation, 202);
  };
}

/** PATCH: tags, size, OS disk swap and data disks; 200 with the async headers, as Compute answers. */
export function patchVirtualMachine(context: RouteContext): ArmResult {
  const vm = requireVm(context);
  assertNoPendingOperation(context.state, vm, 'update');
  const update = readVmUpdate(context.state, vm, context.readBody());
  const operation = context.startOperation({
    namespace: 'Microsoft.Compute',
    kind: 'vm.update',
    subscriptionId: vm.subscriptionId,
    location: vm.location,
    resourceId: vm.id,
    durationSeconds: 20,
    payload: { ...update },
  });
  vm.pendingOperationId = operation.id;
  vm.provisioningState = 'Updating';
  reserveAttachedDisks(context, vm, update, operation.id);
  return acceptedResult(
    context,
    operation,
    200,
    renderVirtualMachine(context.state, vm, { instanceView: false }),
  );
}

/**
 * Disks the update attaches are reserved for this VM at once, as Compute does: until the update
 * ends, another VM cannot attach them and they cannot be deleted (see diskOwner).
 */
function reserveAttachedDisks(
  context: RouteContext,
  vm: VirtualMachineRecord,
  update: VmUpdate,
  operationId: string,
): void {
  for (const diskId of disksOfUpdate(update)) {
    const disk = ownValue(context.state.compute.disks, resourceKey(diskId));
    if (disk && !disk.managedBy) disk.pendingAttach = { vmId: vm.id, operationId };
  }
}
