import { ownValue } from './own-property.js';

/**
 * Azure's public regions, by the short name ARM uses in ids and bodies (`westeurope`) with the
 * display name it shows in provider registrations and A2A fabrics (`West Europe`). The regions a
 * provider registration lists, and where an estate's resources can be.
 */
const regions: Readonly<Record<string, string>> = {
  eastus: 'East US',
  eastus2: 'East US 2',
  southcentralus: 'South Central US',
  westus2: 'West US 2',
  westus3: 'West US 3',
  australiaeast: 'Australia East',
  southeastasia: 'Southeast Asia',
  northeurope: 'North Europe',
  swedencentral: 'Sweden Central',
  uksouth: 'UK South',
  westeurope: 'West Europe',
  centralus: 'Central US',
  southafricanorth: 'South Africa North',
  centralindia: 'Central India',
  eastasia: 'East Asia',
  japaneast: 'Japan East',
  koreacentral: 'Korea Central',
  canadacentral: 'Canada Central',
  francecentral: 'France Central',
  germanywestcentral: 'Germany West Central',
  italynorth: 'Italy North',
  norwayeast: 'Norway East',
  polandcentral: 'Poland Central',
  switzerlandnorth: 'Switzerland North',
  uaenorth: 'UAE North',
  brazilsouth: 'Brazil South',
  israelcentral: 'Israel Central',
  qatarcentral: 'Qatar Central',
  northcentralus: 'North Central US',
  westus: 'West US',
  japanwest: 'Japan West',
  westcentralus: 'West Central US',
  southindia: 'South India',
  westindia: 'West India',
  canadaeast: 'Canada East',
  ukwest: 'UK West',
  koreasouth: 'Korea South',
  francesouth: 'France South',
  germanynorth: 'Germany North',
  norwaywest: 'Norway West',
  switzerlandwest: 'Switzerland West',
  australiasoutheast: 'Australia Southeast',
  australiacentral: 'Australia Central',
  uaecentral: 'UAE Central',
  brazilsoutheast: 'Brazil Southeast',
  southafricawest: 'South Africa West',
};

/** Every region's short name, in the order above (ARM's own order of its regions). */
export const azureRegionNames: readonly string[] = Object.keys(regions);

/** "West Europe" for westeurope; the short name for a region not listed. */
export function regionDisplayName(location: string): string {
  return ownValue(regions, location) ?? location;
}
