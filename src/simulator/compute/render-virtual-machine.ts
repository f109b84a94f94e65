import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type { DiskRecord, VirtualMachineRecord } from './compute-state.js';

/** A VM as ARM returns it (shape of the REST spec's VirtualMachines_Get examples). */
export function renderVirtualMachine(
  state: SimulatorState,
  vm: VirtualMachineRecord,
  options: { instanceView: false } | { instanceView: true; nowMs: number },
): unknown {
  const properties: Record<string, unknown> = {
    vmId: vm.vmId,
    hardwareProfile: { vmSize: vm.size },
    storageProfile: renderStorageProfile(state, vm),
    osProfile: renderOsProfile(vm),
    networkProfile: { networkInterfaces: [{ id: vm.nicId, properties: { primary: true } }] },
    diagnosticsProfile: { bootDiagnostics: { enabled: true } },
    provisioningState: vm.provisioningState,
    timeCreated: new Date(vm.timeCreatedMs).toISOString(),
  };
  if (options.instanceView) properties.instanceView = renderInstanceView(state, vm, options.nowMs);
  return {
    name: vm.name,
    id: vm.id,
    type: 'Microsoft.Compute/virtualMachines',
    location: vm.location,
    tags: vm.tags,
    ...(vm.zone ? { zones: [vm.zone] } : {}),
    properties,
  };
}

function diskOf(state: SimulatorState, id: string): DiskRecord | undefined {
  return ownValue(state.compute.disks, resourceKey(id));
}

function renderStorageProfile(state: SimulatorState, vm: VirtualMachineRecord): unknown {
  const os = diskOf(state, vm.osDiskId);
  return {
    imageReference: { ...vm.image, exactVersion: '1.0.0' },
    osDisk: {
      osType: vm.osType,
      name: os?.name ?? vm.osDiskId.split('/').pop(),
      createOption: os?.creationData.createOption === 'FromImage' ? 'FromImage' : 'Attach',
      caching: 'ReadWrite',
      managedDisk: { storageAccountType: os?.sku ?? 'Premium_LRS', id: os?.id ?? vm.osDiskId },
      deleteOption: 'Detach',
      diskSizeGB: os?.sizeGB,
    },
    dataDisks: vm.dataDisks.map((attached) => {
      const disk = diskOf(state, attached.diskId);
      return {
        lun: attached.lun,
        name: disk?.name ?? attached.diskId.split('/').pop(),
        createOption: 'Attach',
        caching: attached.caching,
        managedDisk: { storageAccountType: disk?.sku ?? 'Premium_LRS', id: disk?.id ?? attached.diskId },
        deleteOption: 'Detach',
        diskSizeGB: disk?.sizeGB,
        toBeDetached: false,
      };
    }),
    diskControllerType: 'SCSI',
  };
}

function renderOsProfile(vm: VirtualMachineRecord): unknown {
  const patchSettings = {
    patchMode: vm.osType === 'Windows' ? 'AutomaticByOS' : 'ImageDefault',
    assessmentMode: 'ImageDefault',
  };
  const configuration =
    vm.osType === 'Windows'
      ? { windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: true, patchSettings } }
      : {
          linuxConfiguration: { disablePasswordAuthentication: true, provisionVMAgent: true, patchSettings },
        };
  return {
    computerName: vm.computerName,
    adminUsername: vm.adminUsername,
    ...configuration,
    secrets: [],
    allowExtensionOperations: true,
    requireGuestProvisionSignal: true,
  };
}

const powerDisplay: Record<string, string> = {
  running: 'VM running',
  deallocated: 'VM deallocated',
  stopped: 'VM stopped',
  starting: 'VM starting',
  deallocating: 'VM deallocating',
  stopping: 'VM stopping',
};

/** The instance view; the power state is `statuses[].code` `PowerState/<state>`, as in Azure. */
export function renderInstanceView(state: SimulatorState, vm: VirtualMachineRecord, nowMs: number): unknown {
  const time = new Date(nowMs).toISOString();
  const power = vm.transitionState ?? vm.powerState;
  const provisioning = vm.provisioningState.toLowerCase();
  const diskIds = [vm.osDiskId, ...vm.dataDisks.map((d) => d.diskId)];
  return {
    computerName: vm.computerName,
    osName: vm.osType === 'Windows' ? 'Windows Server 2022 Datacenter Azure Edition' : 'ubuntu',
    osVersion: vm.osType === 'Windows' ? '10.0.20348' : '24.04',
    ...(vm.powerState === 'running' && !vm.transitionState ? { vmAgent: renderVmAgent(time) } : {}),
    disks: diskIds.map((id) => ({
      name: diskOf(state, id)?.name ?? id.split('/').pop(),
      statuses: [
        { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time },
      ],
    })),
    hyperVGeneration: 'V2',
    statuses: [
      {
        code: `ProvisioningState/${provisioning}`,
        level: 'Info',
        displayStatus: `Provisioning ${provisioning}`,
        time,
      },
      { code: `PowerState/${power}`, level: 'Info', displayStatus: powerDisplay[power] ?? `VM ${power}` },
    ],
  };
}

function renderVmAgent(time: string): unknown {
  return {
    vmAgentVersion: '2.12.0.2',
    statuses: [
      {
        code: 'ProvisioningState/succeeded',
        level: 'Info',
        displayStatus: 'Ready',
        message: 'Guest Agent is running',
        time,
      },
    ],
  };
}
