import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

interface EstateVm {
  name: string;
  osDisk: unknown;
  dataDisks?: unknown[];
}
interface Estate {
  subscriptions: { resourceGroups: { name: string; virtualMachines?: EstateVm[] }[] }[];
}

/** An estate where vm-web-01 exists twice, in rg-shop-prod and rg-crm-prod. */
function estateWithTwin(): string {
  const estate = JSON.parse(readFileSync('config/demo-estate.json', 'utf8')) as Estate;
  const groups = estate.subscriptions[0]?.resourceGroups ?? [];
  const original = groups
    .find((g) => g.name === 'rg-shop-prod')
    ?.virtualMachines?.find((vm) => vm.name === 'vm-web-01');
  const crm = groups.find((g) => g.name === 'rg-crm-prod');
  if (!original || !crm) throw new Error('demo estate changed shape');
  crm.virtualMachines = [...(crm.virtualMachines ?? []), structuredClone(original)];
  const path = join(mkdtempSync(join(tmpdir(), 'estate-')), 'twin.json');
  writeFileSync(path, JSON.stringify(estate));
  return path;
}

describe('finding a VM by name across resource groups', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ SIMULATOR_ESTATE: estateWithTwin() });
  });
  afterAll(async () => bot?.stop());

  it('says which resource groups hold an ambiguous name and how to pick one', async () => {
    const text = await bot.ask('status vm-web-01', (t) => t.includes('ambiguous'));
    expect(text).toContain('rg-shop-prod');
    expect(text).toContain('rg-crm-prod');
    expect(text).toContain('rg-crm-prod/vm-web-01');
  });

  it('takes <rg>/<vm> to pick one', async () => {
    const text = await bot.ask('status rg-crm-prod/vm-web-01', (t) => t.includes('Latest snapshot set'));
    expect(text).toContain('rg-crm-prod');
  });

  it('suggests the closest names for an unknown VM', async () => {
    const text = await bot.ask('status vm-api-1', (t) => t.includes('no VM'));
    expect(text).toContain('vm-api-01');
  });
});
