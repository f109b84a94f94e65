import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionInWords, botRoleActions, botRoleFile, botRoleName } from '../../src/azure/bot-role.js';

const role = JSON.parse(readFileSync(botRoleFile, 'utf8')) as Record<string, unknown>;

/**
 * The shipped role, deploy/azure/recovery-chatops-bot-role.json, in the Azure CLI's
 * `az role definition create --role-definition` format, holds exactly the bot's list of actions
 * (src/azure/bot-role.ts), which the bot's messages and docs/real-azure.md explain.
 */
describe('the shipped role definition', () => {
  it("has the Azure CLI's keys and nothing else", () => {
    expect(Object.keys(role).sort()).toEqual(
      [
        'Name',
        'IsCustom',
        'Description',
        'Actions',
        'NotActions',
        'DataActions',
        'NotDataActions',
        'AssignableScopes',
      ].sort(),
    );
    expect(role.Name).toBe(botRoleName);
    expect(role.IsCustom).toBe(true);
    expect(role.NotActions).toEqual([]);
    expect(role.DataActions).toEqual([]);
    expect(role.NotDataActions).toEqual([]);
    // A placeholder the administrator replaces (docs/real-azure.md): az refuses it as it is.
    expect(role.AssignableScopes).toEqual(['/subscriptions/<subscription-id>']);
  });

  it("grants exactly the bot's actions, each once, none by wildcard", () => {
    const actions = role.Actions as string[];
    expect(actions).toEqual(botRoleActions.map((entry) => entry.action));
    expect(new Set(actions.map((action) => action.toLowerCase())).size).toBe(actions.length);
    for (const action of actions) {
      expect(action).not.toContain('*');
      expect(action).toMatch(/^Microsoft\.[A-Za-z]+(\/[A-Za-z]+)+\/(read|write|delete|action)$/);
    }
  });

  it('is documented action by action in docs/real-azure.md', () => {
    const page = readFileSync('docs/real-azure.md', 'utf8');
    for (const entry of botRoleActions) expect(page, entry.action).toContain(`| \`${entry.action}\` |`);
    expect(page).toContain(`[\`${botRoleFile}\`]`);
    expect(page).not.toContain('does not yet cover Site Recovery');
  });

  it('says every action in plain words, and derives words for actions it does not know', () => {
    for (const entry of botRoleActions) expect(actionInWords(entry.action.toUpperCase())).toBe(entry.words);
    expect(actionInWords('Microsoft.Compute/virtualMachines/restart/action')).toBe(
      'restart virtualMachines (Microsoft.Compute)',
    );
    expect(actionInWords('Microsoft.Storage/storageAccounts/listKeys/action')).toBe(
      'listKeys storageAccounts (Microsoft.Storage)',
    );
    expect(actionInWords('Microsoft.KeyVault/vaults/read')).toBe('read vaults (Microsoft.KeyVault)');
  });
});
