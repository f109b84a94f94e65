import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/chat/chat-event.js';
import { commandCatalog } from '../../src/commands/catalog.js';
import { DEFAULT_EXPIRY_MS, parsePolicy } from '../../src/config/policy.js';

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;
const MINUTE = 60_000;
const sreGroup = '00000000-0000-0000-0000-00000000a5e0';
const onTeams = (aadObjectId: string, aadGroupIds?: string[]): Actor & { aadGroupIds?: string[] } => ({
  platform: 'teams',
  id: `29:${aadObjectId.slice(-4)}`,
  displayName: 'someone',
  aadObjectId,
  ...(aadGroupIds ? { aadGroupIds } : {}),
});

describe('per-command settings', () => {
  const empty = parsePolicy('', 'p.yaml');

  it('defaults every catalog command to its spec and 30 minutes', () => {
    for (const spec of commandCatalog) {
      expect(empty.settingsFor(spec.id)).toEqual({
        role: spec.role,
        approvals: spec.approvals,
        expiryMs: 30 * MINUTE,
      });
    }
    expect(DEFAULT_EXPIRY_MS).toBe(30 * MINUTE);
    expect(empty.settingsFor('dr.failover.unplanned').approvals).toBe(2);
    expect(empty.settingsFor('snapshot.create')).toMatchObject({ role: 'operator', approvals: 0 });
  });

  it('overrides by id and by words, leaving unnamed fields at their defaults', () => {
    const policy = parsePolicy(
      yaml(
        'commands:',
        '  snapshot.create:',
        '    approvals: 1',
        '  "Snapshot  Prune":',
        '    role: approver',
        '    expiry: 2h',
        '  dr.failover.unplanned:',
        '    approvals: 0',
        '  snapshot.delete:',
      ),
      'p.yaml',
    );
    expect(policy.settingsFor('snapshot.create')).toEqual({
      role: 'operator',
      approvals: 1,
      expiryMs: 30 * MINUTE,
    });
    expect(policy.settingsFor('snapshot.prune')).toEqual({
      role: 'approver',
      approvals: 1,
      expiryMs: 120 * MINUTE,
    });
    expect(policy.settingsFor('dr.failover.unplanned').approvals).toBe(0);
    expect(policy.settingsFor('dr.failover.planned').approvals).toBe(1);
    expect(policy.settingsFor('snapshot.delete')).toEqual(empty.settingsFor('snapshot.delete'));
  });

  it('treats an id it does not know as a bug of the caller', () => {
    expect(() => empty.settingsFor('snapshot.nuke')).toThrowError(/not in the catalog/);
  });
});

describe('roles', () => {
  const policy = parsePolicy(
    yaml(
      'members:',
      '  - name: erin',
      '    roles: [approver, operator]',
      '    teams: 00000000-0000-0000-0000-00000000e514',
      '  - name: frank',
      '    role: viewer',
      '    roles: [admin]',
      '    slack: U0FRANK',
      '  - name: sre-oncall',
      '    role: approver',
      `    teamsGroups: [${sreGroup}]`,
      '  - name: gina',
      '    role: operator',
      '    teams: 00000000-0000-0000-0000-000000006140',
    ),
    'p.yaml',
  );

  it('keeps several roles per member, lowest first, with the highest as `role`', () => {
    expect(policy.members.map((m) => [m.name, m.role, m.roles])).toEqual([
      ['erin', 'approver', ['operator', 'approver']],
      ['frank', 'admin', ['viewer', 'admin']],
      ['sre-oncall', 'approver', ['approver']],
      ['gina', 'operator', ['operator']],
    ]);
    const member = (name: string) => {
      const found = policy.members.find((m) => m.name === name);
      if (!found) throw new Error(`no member ${name}`);
      return found;
    };
    expect(policy.holdsRole(member('erin'), 'operator')).toBe(true);
    expect(policy.holdsRole(member('gina'), 'approver')).toBe(false);
  });

  it('answers rolesOf with every role held, implied ones included', () => {
    expect(policy.rolesOf(onTeams('00000000-0000-0000-0000-00000000e514'))).toEqual([
      'viewer',
      'operator',
      'approver',
    ]);
    expect(policy.rolesOf({ platform: 'slack', id: 'U0FRANK', displayName: 'frank' })).toEqual([
      'viewer',
      'operator',
      'approver',
      'admin',
    ]);
    expect(policy.rolesOf(onTeams('00000000-0000-0000-0000-00000000beef'))).toEqual([]);
  });

  it('gives the roles of an Entra group to its members, added to their own', () => {
    const stranger = onTeams('00000000-0000-0000-0000-00000000beef', [sreGroup.toUpperCase()]);
    expect(policy.memberFor(stranger)?.name).toBe('sre-oncall');
    expect(policy.holds(stranger, 'approver')).toBe(true);
    const gina = onTeams('00000000-0000-0000-0000-000000006140', [sreGroup]);
    expect(policy.memberFor(gina)?.name).toBe('gina');
    expect(policy.rolesOf(gina)).toContain('approver');
    expect(policy.holds(onTeams('00000000-0000-0000-0000-000000006140'), 'approver')).toBe(false);
  });
});

describe('channel restrictions', () => {
  const policy = parsePolicy(
    yaml(
      'commands:',
      '  dr.drill:',
      '    channels:',
      '      slack: [C0DRILLS]',
      '      teams: ["19:drills@thread.tacv2"]',
    ),
    'p.yaml',
  );

  it('allows every conversation when the policy lists none', () => {
    expect(policy.allowedIn('snapshot.create', 'slack', 'C0RANDOM')).toBe(true);
    expect(policy.settingsFor('snapshot.create').channels).toBeUndefined();
  });

  it('allows only the listed conversations, per platform', () => {
    expect(policy.allowedIn('dr.drill', 'slack', 'C0DRILLS')).toBe(true);
    expect(policy.allowedIn('dr.drill', 'slack', 'C0RANDOM')).toBe(false);
    expect(policy.allowedIn('dr.drill', 'teams', '19:drills@thread.tacv2')).toBe(true);
    expect(policy.allowedIn('dr.drill', 'teams', '19:drills@thread.tacv2;messageid=1712345')).toBe(true);
    expect(policy.allowedIn('dr.drill', 'teams', '19:other@thread.tacv2')).toBe(false);
    expect(policy.allowedIn('dr.drill', 'console', 'local')).toBe(false);
  });

  it('refuses an empty allow-list instead of disabling the command everywhere', () => {
    expect(() => parsePolicy(yaml('commands:', '  dr.drill:', '    channels: {}'), 'p.yaml')).toThrowError(
      /p\.yaml line 3 \(commands\["dr\.drill"\]\.channels\).*Fix: list at least one conversation id/,
    );
  });
});
