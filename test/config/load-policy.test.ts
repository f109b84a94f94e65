import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/chat/chat-event.js';
import { loadPolicy, PolicyError, parsePolicy } from '../../src/config/policy.js';

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
