import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/chat/chat-event.js';
import { commandCatalog } from '../../src/commands/catalog.js';
import {
  loadPolicy,
  PolicyError,
  type PolicyMember,
  parsePolicy,
  type Role,
} from '../../src/config/policy.js';

const teams = (aadObjectId: string): Actor => ({
  platform: 'teams',
  id: '29:x',
  displayName: 'x',
  aadObjectId,
});

describe('policy', () => {
  const policy = loadPolicy('config/policy.yaml');

  it('loads the demo identities with their roles', () => {
    expect(policy.members.map((m) => [m.name, m.role])).toEqual([
      ['alice', 'operator'],
      ['bob', 'approver'],
      ['carol', 'approver'],
      ['dave', 'viewer'],
      ['erin', 'admin'],
    ]);
  });

  it('finds members by Entra object id and Slack id, and orders roles', () => {
    const alice = teams('00000000-0000-0000-0000-0000000a11ce');
    expect(policy.memberFor(alice)?.name).toBe('alice');
    expect(policy.holds(alice, 'operator')).toBe(true);
    expect(policy.holds(alice, 'approver')).toBe(false);
    const bob: Actor = { platform: 'slack', id: 'U0BOB', displayName: 'bob' };
    expect(policy.holds(bob, 'operator')).toBe(true);
    expect(policy.memberFor(teams('00000000-0000-0000-0000-00000000beef'))).toBeUndefined();
  });

  it('does not trust a Slack-looking id from another platform', () => {
    expect(policy.memberFor({ platform: 'teams', id: 'U0BOB', displayName: 'bob' })).toBeUndefined();
  });

  it('stops with the file, line and fix on a malformed id', () => {
    const text = 'members:\n  - name: eve\n    role: operator\n    teams: not-a-guid\n';
    expect(() => parsePolicy(text, 'p.yaml')).toThrowError(PolicyError);
    expect(() => parsePolicy(text, 'p.yaml')).toThrowError(/p\.yaml line 4 .*GUID/);
  });

  it('stops on an unknown role and on broken YAML', () => {
    expect(() => parsePolicy('members:\n  - name: eve\n    role: god\n', 'p.yaml')).toThrowError(/line 3/);
    expect(() => parsePolicy('members: [\n', 'p.yaml')).toThrowError(/not valid YAML/);
    expect(() => loadPolicy('/nonexistent/policy.yaml')).toThrowError(/CHATOPS_POLICY/);
  });
});

describe('the shipped config/policy.yaml', () => {
  const text = readFileSync('config/policy.yaml', 'utf8');
  const policy = parsePolicy(text, 'config/policy.yaml');

  it('keeps the DESIGN.md demo identities exactly, plus one admin', () => {
    expect(policy.members).toEqual([
      member('alice', 'operator', 'U0ALICE', '00000000-0000-0000-0000-0000000a11ce'),
      member('bob', 'approver', 'U0BOB', '00000000-0000-0000-0000-000000000b0b'),
      member('carol', 'approver', 'U0CAROL', '00000000-0000-0000-0000-0000000ca201'),
      member('dave', 'viewer', 'U0DAVE', '00000000-0000-0000-0000-00000000da7e'),
      member('erin', 'admin', 'U0ERIN', '00000000-0000-0000-0000-0000000e4100'),
    ]);
  });

  it('keeps the DESIGN.md defaults for every command', () => {
    for (const spec of commandCatalog) {
      expect(policy.settingsFor(spec.id)).toEqual({
        role: spec.role,
        approvals: spec.approvals,
        expiryMs: 30 * 60_000,
      });
      expect(policy.allowedIn(spec.id, 'console', 'any')).toBe(true);
    }
  });

  it('has a commented example that is valid once uncommented', () => {
    const example = /# example-start\n([\s\S]*?)# example-end/.exec(text)?.[1] ?? '';
    const uncommented = example.replace(/^# ?/gm, '');
    expect(uncommented).toContain('commands:');
    const withExample = parsePolicy(`${text}\n${uncommented}`, 'config/policy.yaml');
    expect(withExample.settingsFor('dr.drill').expiryMs).toBe(2 * 60 * 60_000);
    expect(withExample.allowedIn('dr.drill', 'slack', 'C0DRDRILL')).toBe(true);
    expect(withExample.allowedIn('dr.drill', 'console', 'local')).toBe(false);
  });
});

function member(name: string, role: Role, slack: string, teams: string): PolicyMember {
  return { name, role, roles: [role], console: name, slack, teams };
}
