import { z } from 'zod';
import { identitySchema } from '../identity/identity-schema.js';

/**
 * The estate file: the Azure the simulator starts with. Plain nested JSON, so that a script can
 * generate a large one. Sizes are in GiB (Azure's `diskSizeGB` unit). Sections `backup` and
 * `siteRecovery` are served by the Backup and Site Recovery providers; `identity` (principals, roles,
 * assignments) turns on sign-in and role checks (identity/).
 */
const name = z.string().min(1).max(80);
const tags = z.record(z.string(), z.string()).default({});
const location = z.string().regex(/^[a-z0-9]+$/, 'use the short region name, e.g. westeurope');
/** A VM named by `resourceGroup/name`, as in `rg-shop-prod/vm-web-01`. */
const vmRef = z.string().regex(/^[^/]+\/[^/]+$/, 'name a VM as resourceGroup/vmName');

const diskSku = z.enum([
  'Standard_LRS',
  'Premium_LRS',
  'StandardSSD_LRS',
  'UltraSSD_LRS',
  'Premium_ZRS',
  'StandardSSD_ZRS',
  'PremiumV2_LRS',
]);

const diskFields = {
  name: name.optional(),
  sizeGB: z.number().int().min(1).max(65536),
  usedGB: z.number().min(0),
  sku: diskSku.default('Premium_LRS'),
  /** GiB of blocks rewritten per simulated day: what later incremental snapshots bill. */
  changeRateGBPerDay: z.number().min(0).default(0),
  tags,
};

const usedWithinSize = (disk: { sizeGB: number; usedGB: number }) => disk.usedGB <= disk.sizeGB;
const usedWithinSizeMessage = { message: 'usedGB must not exceed sizeGB', path: ['usedGB'] };

export const osDiskSchema = z.object(diskFields).strict().refine(usedWithinSize, usedWithinSizeMessage);
export const dataDiskSchema = z
  .object({
    ...diskFields,
    lun: z.number().int().min(0).max(63),
    caching: z.enum(['None', 'ReadOnly', 'ReadWrite']).default('None'),
  })
  .strict()
  .refine(usedWithinSize, usedWithinSizeMessage);
export const standaloneDiskSchema = z
  .object({ ...diskFields, name, osType: z.enum(['Linux', 'Windows']).optional() })
  .strict()
  .refine(usedWithinSize, usedWithinSizeMessage);

export const virtualMachineSchema = z
  .object({
    name,
    size: z.string().min(1),
    osType: z.enum(['Linux', 'Windows']),
    image: z
      .object({
        publisher: z.string(),
        offer: z.string(),
        sku: z.string(),
        version: z.string().default('latest'),
      })
      .strict()
      .optional(),
    powerState: z.enum(['running', 'deallocated', 'stopped']).default('running'),
    zone: z.enum(['1', '2', '3']).optional(),
    adminUsername: z.string().min(1).default('azureadmin'),
    tags,
    osDisk: osDiskSchema,
    dataDisks: z.array(dataDiskSchema).default([]),
    /** `vnet/subnet` of its resource group its NIC is in; default the group's first subnet. */
    subnet: z
      .string()
      .regex(/^[^/]+\/[^/]+$/, 'name a subnet as vnetName/subnetName')
      .optional(),
  })
  .strict();

const virtualNetworkSchema = z
  .object({
    name,
    addressPrefix: z.string(),
    subnets: z.array(z.object({ name, addressPrefix: z.string() }).strict()).default([]),
    /** Networks (`resourceGroup/vnetName`, same subscription) peered with this one, both ways. */
    peerings: z
      .array(z.string().regex(/^[^/]+\/[^/]+$/, 'name a network as resourceGroup/vnetName'))
      .default([]),
  })
  .strict();

export const resourceGroupSchema = z
  .object({
    name: z.string().min(1).max(90),
    location,
    tags,
    virtualMachines: z.array(virtualMachineSchema).default([]),
    disks: z.array(standaloneDiskSchema).default([]),
    virtualNetworks: z.array(virtualNetworkSchema).default([]),
  })
  .strict();

export const subscriptionSchema = z
  .object({
    subscriptionId: z.guid(),
    displayName: z.string().min(1),
    resourceGroups: z.array(resourceGroupSchema),
  })
  .strict();

const backupVaultSchema = z
  .object({
    subscriptionId: z.guid(),
    resourceGroup: z.string(),
    name,
    location,
    policies: z.array(
      z
        .object({
          name,
          scheduleTimeUtc: z.string().regex(/^\d\d:\d\d$/),
          dailyRetentionDays: z.number().int().min(1).max(9999),
          instantRestoreDays: z.number().int().min(1).max(30).default(2),
        })
        .strict(),
    ),
    protectedVms: z.array(z.object({ vm: vmRef, policy: name }).strict()),
    /** Daily recovery points already taken; these days ago are crash-consistent only. */
    history: z
      .object({
        days: z.number().int().min(0),
        crashConsistentDaysAgo: z.array(z.number().int().min(0)).default([]),
      })
      .strict(),
  })
  .strict();

const recoveryPlanActionSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('runbook'),
      name,
      runbookId: z.string(),
      timeoutSeconds: z.number().int().positive(),
    })
    .strict(),
  z.object({ kind: z.literal('manual'), name, description: z.string() }).strict(),
  z.object({ kind: z.literal('script'), name, scriptPath: z.string() }).strict(),
]);

const siteRecoveryVaultSchema = z
  .object({
    subscriptionId: z.guid(),
    resourceGroup: z.string(),
    name,
    location,
    sourceLocation: location,
    replicatedVms: z.array(
      z.object({ vm: vmRef, rpoSeconds: z.number().int().min(0).default(300) }).strict(),
    ),
    recoveryPlans: z.array(
      z
        .object({
          name,
          bootGroups: z.array(
            z
              .object({
                vms: z.array(vmRef).min(1),
                preActions: z.array(recoveryPlanActionSchema).default([]),
                postActions: z.array(recoveryPlanActionSchema).default([]),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    /** Resource group/name of the isolated network DR drills use. */
    testNetwork: z.string().regex(/^[^/]+\/[^/]+$/, 'name a network as resourceGroup/vnetName'),
  })
  .strict();

export const estateSchema = z
  .object({
    $comment: z.string().optional(),
    /** Simulated time the estate starts at (ISO 8601); default: the real time of the first start. */
    startTime: z.iso.datetime({ offset: true }).optional(),
    subscriptions: z.array(subscriptionSchema).min(1),
    backup: z
      .object({ vaults: z.array(backupVaultSchema) })
      .strict()
      .optional(),
    siteRecovery: z
      .object({ vaults: z.array(siteRecoveryVaultSchema) })
      .strict()
      .optional(),
    identity: identitySchema.optional(),
  })
  .strict();

export type Estate = z.infer<typeof estateSchema>;
export type EstateVirtualMachine = z.infer<typeof virtualMachineSchema>;
export type EstateResourceGroup = z.infer<typeof resourceGroupSchema>;
export type EstateStandaloneDisk = z.infer<typeof standaloneDiskSchema>;
export type EstateVirtualNetwork = z.infer<typeof virtualNetworkSchema>;
