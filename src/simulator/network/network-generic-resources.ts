import { type GenericResource, genericResourceOf } from '../core/generic-resource.js';
import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type { NetworkInterfaceRecord } from './network-state.js';

/**
 * Microsoft.Network's resources as Microsoft.Resources lists them: virtual networks and NICs. A NIC
 * was created with its VM (createdTime); when a network was
 * created is not kept, so it shows none.
 */
export function networkGenericResources(state: SimulatorState): GenericResource[] {
  const createdMsOf = (nic: NetworkInterfaceRecord) =>
    nic.virtualMachineId
      ? ownValue(state.compute.virtualMachines, resourceKey(nic.virtualMachineId))?.timeCreatedMs
      : undefined;
  return [
    ...Object.values(state.network.virtualNetworks).map((vnet) =>
      genericResourceOf(vnet, 'Microsoft.Network/virtualNetworks'),
    ),
    ...Object.values(state.network.networkInterfaces).map((nic) => {
      const createdMs = createdMsOf(nic);
      return genericResourceOf(
        nic,
        'Microsoft.Network/networkInterfaces',
        createdMs === undefined ? {} : { createdMs },
      );
    }),
  ];
}
