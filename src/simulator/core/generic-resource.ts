/**
 * A resource as Microsoft.Resources lists it (`GET /subscriptions/{s}/resources`, the SDKs'
 * `GenericResourceExpanded`): the ARM envelope every resource shares, whatever its provider. Each
 * provider says what it has (compute-generic-resources.ts, ...); the resources routes filter, page
 * and render them.
 */
export interface GenericResource {
  id: string;
  name: string;
  /** `Microsoft.Compute/virtualMachines`. */
  type: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tags: Record<string, string>;
  sku?: { name: string; tier?: string };
  kind?: string;
  managedBy?: string;
  zones?: string[];
  /** When it was created, if the simulator knows (`$expand=createdTime`). */
  createdMs?: number;
  provisioningState: string;
}

/** What `$expand` adds: `createdTime`, `changedTime`, `provisioningState` (comma-separated). */
export type GenericExpansion = ReadonlySet<'createdTime' | 'changedTime' | 'provisioningState'>;

export function renderGenericResource(resource: GenericResource, expand: GenericExpansion): unknown {
  const created = resource.createdMs === undefined ? undefined : new Date(resource.createdMs).toISOString();
  return {
    id: resource.id,
    name: resource.name,
    type: resource.type,
    ...(resource.sku ? { sku: resource.sku } : {}),
    ...(resource.kind ? { kind: resource.kind } : {}),
    ...(resource.managedBy ? { managedBy: resource.managedBy } : {}),
    location: resource.location,
    ...(Object.keys(resource.tags).length > 0 ? { tags: resource.tags } : {}),
    ...(resource.zones ? { zones: resource.zones } : {}),
    ...(expand.has('createdTime') && created ? { createdTime: created } : {}),
    ...(expand.has('changedTime') && created ? { changedTime: created } : {}),
    ...(expand.has('provisioningState') ? { provisioningState: resource.provisioningState } : {}),
  };
}
