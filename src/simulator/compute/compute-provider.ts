import { createOperationStatusRoute } from '../core/long-running-operations.js';
import { registeredRoutes } from '../core/provider-registration.js';
import type { ResourceProvider, RouteDefinition } from '../core/route-types.js';
import {
  computeOperationApiVersions,
  computeRegistration,
  computeRpApiVersions,
  diskRpApiVersions,
  restorePointApiVersions,
} from './compute-api-versions.js';
import { computeOperationHandlers } from './compute-operation-handlers.js';
import { deleteDisk, getDisk, listDisks, patchDisk, putDisk } from './disk-handlers.js';
import {
  deleteRestorePoint,
  deleteRestorePointCollection,
  getRestorePoint,
  getRestorePointCollection,
  listRestorePointCollections,
  putRestorePoint,
  putRestorePointCollection,
} from './restore-point-handlers.js';
import {
  deleteSnapshot,
  getSnapshot,
  listSnapshots,
  patchSnapshot,
  putSnapshot,
} from './snapshot-handlers.js';
import {
  getInstanceView,
  getVirtualMachine,
  listVirtualMachines,
  patchVirtualMachine,
  powerActionHandler,
} from './virtual-machine-handlers.js';

/** Microsoft.Compute as the simulator serves it: the route table and the operation completions. */
const sub = '/subscriptions/{subscriptionId}';
const rg = `${sub}/resourceGroups/{resourceGroupName}`;
const compute = 'providers/Microsoft.Compute';
const vm = `${rg}/${compute}/virtualMachines/{vmName}`;
const rpc = `${rg}/${compute}/restorePointCollections/{collectionName}`;

const crp = computeRpApiVersions;
const drp = diskRpApiVersions;
const rp = restorePointApiVersions;

const routes: RouteDefinition[] = [
  {
    method: 'GET',
    pattern: `${sub}/${compute}/virtualMachines`,
    apiVersions: crp,
    resourceRatePolicy: 'Microsoft.Compute/HighCostGetVMScaleSet',
    handle: listVirtualMachines,
  },
  {
    method: 'GET',
    pattern: `${rg}/${compute}/virtualMachines`,
    apiVersions: crp,
    resourceRatePolicy: 'Microsoft.Compute/HighCostGet',
    handle: listVirtualMachines,
  },
  {
    method: 'GET',
    pattern: vm,
    apiVersions: crp,
    resourceRatePolicy: 'Microsoft.Compute/LowCostGet',
    handle: getVirtualMachine,
  },
  {
    method: 'PATCH',
    pattern: vm,
    apiVersions: crp,
    resourceRatePolicy: 'Microsoft.Compute/PutVM',
    handle: patchVirtualMachine,
  },
  {
    method: 'GET',
    pattern: `${vm}/instanceView`,
    apiVersions: crp,
    resourceRatePolicy: 'Microsoft.Compute/LowCostGet',
    handle: getInstanceView,
  },
  {
    method: 'POST',
    pattern: `${vm}/start`,
    apiVersions: crp,
    resourceRatePolicy: 'Microsoft.Compute/UpdateVM',
    handle: powerActionHandler('start'),
  },
  {
    method: 'POST',
    pattern: `${vm}/deallocate`,
    apiVersions: crp,
    resourceRatePolicy: 'Microsoft.Compute/DeleteVM',
    handle: powerActionHandler('deallocate'),
  },
  {
    method: 'POST',
    pattern: `${vm}/powerOff`,
    apiVersions: crp,
    resourceRatePolicy: 'Microsoft.Compute/UpdateVM',
    handle: powerActionHandler('powerOff'),
  },

  {
    method: 'GET',
    pattern: `${sub}/${compute}/disks`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/GetDisks',
    handle: listDisks,
  },
  {
    method: 'GET',
    pattern: `${rg}/${compute}/disks`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/GetDisks',
    handle: listDisks,
  },
  {
    method: 'GET',
    pattern: `${rg}/${compute}/disks/{diskName}`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/GetDisks',
    handle: getDisk,
  },
  {
    method: 'PUT',
    pattern: `${rg}/${compute}/disks/{diskName}`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/CreateUpdateDisks',
    handle: putDisk,
  },
  {
    method: 'PATCH',
    pattern: `${rg}/${compute}/disks/{diskName}`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/CreateUpdateDisks',
    handle: patchDisk,
  },
  {
    method: 'DELETE',
    pattern: `${rg}/${compute}/disks/{diskName}`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/DeleteDisks',
    handle: deleteDisk,
  },

  {
    method: 'GET',
    pattern: `${sub}/${compute}/snapshots`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/GetSnapshots',
    handle: listSnapshots,
  },
  {
    method: 'GET',
    pattern: `${rg}/${compute}/snapshots`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/GetSnapshots',
    handle: listSnapshots,
  },
  {
    method: 'GET',
    pattern: `${rg}/${compute}/snapshots/{snapshotName}`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/GetSnapshots',
    handle: getSnapshot,
  },
  {
    method: 'PUT',
    pattern: `${rg}/${compute}/snapshots/{snapshotName}`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/HighCostSnapshotCreateHydrate',
    handle: putSnapshot,
  },
  {
    method: 'PATCH',
    pattern: `${rg}/${compute}/snapshots/{snapshotName}`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/CreateUpdateSnapshots',
    handle: patchSnapshot,
  },
  {
    method: 'DELETE',
    pattern: `${rg}/${compute}/snapshots/{snapshotName}`,
    apiVersions: drp,
    resourceRatePolicy: 'Microsoft.Compute/DeleteSnapshots',
    handle: deleteSnapshot,
  },

  {
    method: 'GET',
    pattern: `${sub}/${compute}/restorePointCollections`,
    apiVersions: rp,
    handle: listRestorePointCollections,
  },
  {
    method: 'GET',
    pattern: `${rg}/${compute}/restorePointCollections`,
    apiVersions: rp,
    handle: listRestorePointCollections,
  },
  { method: 'GET', pattern: rpc, apiVersions: rp, handle: getRestorePointCollection },
  { method: 'PUT', pattern: rpc, apiVersions: rp, handle: putRestorePointCollection },
  { method: 'DELETE', pattern: rpc, apiVersions: rp, handle: deleteRestorePointCollection },
  {
    method: 'GET',
    pattern: `${rpc}/restorePoints/{restorePointName}`,
    apiVersions: rp,
    handle: getRestorePoint,
  },
  {
    method: 'PUT',
    pattern: `${rpc}/restorePoints/{restorePointName}`,
    apiVersions: rp,
    handle: putRestorePoint,
  },
  {
    method: 'DELETE',
    pattern: `${rpc}/restorePoints/{restorePointName}`,
    apiVersions: rp,
    handle: deleteRestorePoint,
  },

  createOperationStatusRoute('Microsoft.Compute', computeOperationApiVersions, computeOperationHandlers),
];

export const computeProvider: ResourceProvider = {
  routes: registeredRoutes(computeRegistration, routes),
  operationHandlers: computeOperationHandlers,
};
