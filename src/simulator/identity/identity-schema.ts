import { z } from 'zod';

/**
 * The estate's optional `identity` section: the tenant the simulator signs principals in to, the
 * principals (app registrations with their service principals), custom roles in exactly the Azure
 * CLI's `az role definition create --role-definition` format, and role assignments. With it, every ARM
 * request needs a token and a role that allows it; without it, the simulator accepts anything.
 */

/** Action patterns as roles write them: `Microsoft.Compute/snapshots/read`, `*`, `*\/read`. */
const actionPattern = z
  .string()
  .regex(
    /^[\w.*/-]+$/,
    'an action is letters, digits, `.`, `-`, `_`, `/` and `*`, e.g. Microsoft.Compute/*/read',
  );

/** `/`, or an ARM scope under a subscription: `/subscriptions/{s}[/resourceGroups/{rg}[/providers/...]]`. */
export const assignmentScopeSchema = z
  .string()
  .regex(
    /^\/$|^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+(\/providers\/[^/]+(\/[^/]+\/[^/]+)+)?)?$/i,
    'give / or an ARM scope: /subscriptions/{id}[/resourceGroups/{name}[/providers/{namespace}/{type}/{name}]]',
  );

/**
 * The Azure CLI lower-cases the first letter of every key before reading a role file, so it accepts
 * `Actions` and `actions` alike: so does the simulator.
 */
function capitalizeKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [key.charAt(0).toUpperCase() + key.slice(1), entry]),
  );
}

export const roleDefinitionSchema = z.preprocess(
  capitalizeKeys,
  z
    .object({
      Name: z.string().min(1).max(512),
      /** Kept as given; the role is found by name. */
      Id: z.string().optional(),
      IsCustom: z.boolean().optional(),
      Description: z.string().optional(),
      Actions: z.array(actionPattern).default([]),
      NotActions: z.array(actionPattern).default([]),
      DataActions: z.array(actionPattern).default([]),
      NotDataActions: z.array(actionPattern).default([]),
      AssignableScopes: z
        .array(z.string().regex(/^\//, 'a scope starts with /'))
        .min(1, "please provide 'assignableScopes'"),
    })
    .strict(),
);

export const principalSchema = z
  .object({
    name: z.string().min(1),
    clientId: z.guid(),
    objectId: z.guid(),
    /** Signs in with the client credentials grant and this secret. */
    clientSecret: z.string().min(1).optional(),
    /** PEM of the public certificate whose private key signs its client assertions. */
    certificate: z
      .string()
      .regex(/-----BEGIN CERTIFICATE-----/, 'give the PEM of the public certificate')
      .optional(),
    /**
     * SHA-1 thumbprint (hex) of a certificate registered without its PEM: the assertion must then
     * carry the certificate itself (`x5c`, subject name and issuer sign-in).
     */
    certificateThumbprint: z
      .string()
      .transform((value) => value.replace(/[:\s]/g, '').toUpperCase())
      .pipe(z.string().regex(/^[0-9A-F]{40}$/, 'give the 40 hex digits of the SHA-1 thumbprint'))
      .optional(),
  })
  .strict();

export const roleAssignmentSchema = z
  .object({
    /** The principal's clientId, objectId or name. */
    principal: z.string().min(1),
    /** A role definition's Name (custom or built-in: Owner, Contributor, Reader). */
    role: z.string().min(1),
    scope: assignmentScopeSchema,
  })
  .strict();

export const identitySchema = z
  .object({
    tenantId: z.guid(),
    principals: z.array(principalSchema).default([]),
    roleDefinitions: z.array(roleDefinitionSchema).default([]),
    roleAssignments: z.array(roleAssignmentSchema).default([]),
  })
  .strict();

export type EstateIdentity = z.infer<typeof identitySchema>;
export type EstatePrincipal = z.infer<typeof principalSchema>;
export type RoleDefinition = z.infer<typeof roleDefinitionSchema>;
export type RoleAssignmentInput = z.infer<typeof roleAssignmentSchema>;
