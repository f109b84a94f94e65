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

/** The fields every simulated resource record keeps, whatever its provider. */
export interface EnvelopeFields {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tags: Record<string, string>;
}

/** A record as the generic list shows it: its envelope, `Succeeded` unless `more` says otherwise. */
export function genericResourceOf(
  record: EnvelopeFields,
  type: string,
  more: Partial<Omit<GenericResource, keyof EnvelopeFields | 'type'>> = {},
): GenericResource {
  const { id, name, subscriptionId, resourceGroup, location, tags } = record;
  return {
    id,
    name,
    type,
    subscriptionId,
    resourceGroup,
    location,
    tags,
    provisioningState: 'Succeeded',
    ...more,
  };
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
