import { z } from 'zod';
import { AdminInputError } from '../core/admin-input-error.js';
import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import { peer } from './build-network-state.js';
import { virtualNetworkId } from './connect-vm-nic.js';

/**
 * `POST /_simulator/peerings {"networks": ["rg-a/vnet-a", "rg-b/vnet-b"], "subscriptionId"?}`:
 * peers two networks both ways, as someone would in the portal while a drill waits for approval.
 * ARM writes of peerings are not simulated; this is how tests and demos change the topology.
 */
const adminPeeringSchema = z
  .object({
    networks: z.tuple([z.string().regex(/^[^/]+\/[^/]+$/), z.string().regex(/^[^/]+\/[^/]+$/)]),
    subscriptionId: z.guid().optional(),
  })
  .strict();

export function addAdminPeering(state: SimulatorState, body: unknown): { peered: string[] } {
  const input = adminPeeringSchema.parse(body);
  const subscriptionId = input.subscriptionId ?? Object.values(state.subscriptions)[0]?.subscriptionId ?? '';
  const ids = input.networks.map((ref) => {
    const [group = '', name = ''] = ref.split('/');
    const record = ownValue(
      state.network.virtualNetworks,
      resourceKey(virtualNetworkId(subscriptionId, group, name)),
    );
    if (!record)
      throw new AdminInputError(
        `networks: no virtual network '${ref}' in subscription ${subscriptionId}.`,
        404,
      );
    return record.id;
  });
  const [a = '', b = ''] = ids;
  if (resourceKey(a) === resourceKey(b))
    throw new AdminInputError('networks: a network cannot be peered with itself.');
  peer(state.network, a, b);
  return { peered: ids };
}
