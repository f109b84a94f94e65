import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/chat/chat-event.js';
import { parsePolicy } from '../../src/config/policy.js';
import { personKeyOf } from '../../src/router/person-key.js';

const sreGroup = '00000000-0000-0000-0000-0000000005e0';
const policy = parsePolicy(
  [
    'members:',
    '  - name: Alice',
    '    role: operator',
    '    console: alice',
    '    slack: U0ALICE',
    '    teams: 00000000-0000-0000-0000-0000000a11ce',
    '  - name: sre-oncall',
    '    role: approver',
    `    teamsGroups: [${sreGroup}]`,
  ].join('\n'),
  'p.yaml',
);

/** Who the rate limits count as one person. */
describe('personKeyOf', () => {
  it('is the policy member on every platform', () => {
    const onTeams: Actor = {
      platform: 'teams',
      id: '29:alice',
      displayName: 'alice',
      aadObjectId: '00000000-0000-0000-0000-0000000A11CE',
    };
    const onSlack: Actor = { platform: 'slack', id: 'U0ALICE', displayName: 'alice' };
    const onThePage: Actor = { ...onTeams, platform: 'console', id: 'console-alice' };
    expect(new Set([onTeams, onSlack, onThePage].map((actor) => personKeyOf(policy, actor)))).toEqual(
      new Set(['member:alice']),
    );
  });

  it('never makes everyone in a group one person', () => {
    const one = { platform: 'teams', id: '29:a', displayName: 'a', aadGroupIds: [sreGroup] } as const;
    const keyA = personKeyOf(policy, { ...one, aadObjectId: '00000000-0000-0000-0000-00000000000a' });
    const keyB = personKeyOf(policy, {
      ...one,
      id: '29:b',
      aadObjectId: '00000000-0000-0000-0000-00000000000b',
    });
    expect(keyA).not.toBe(keyB);
    expect(keyA).toBe('entra:00000000-0000-0000-0000-00000000000a');
  });

  it('keeps a stranger on Slack apart from a Slack-looking id elsewhere', () => {
    const slack = personKeyOf(policy, { platform: 'slack', id: 'U0EVE', displayName: 'eve' });
    const console = personKeyOf(policy, { platform: 'console', id: 'U0EVE', displayName: 'eve' });
    expect(slack).not.toBe(console);
    // A Slack member id claimed from another platform is not that member.
    expect(personKeyOf(policy, { platform: 'console', id: 'U0ALICE', displayName: 'x' })).not.toBe(
      'member:alice',
    );
  });
});
