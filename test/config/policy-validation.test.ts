import { describe, expect, it } from 'vitest';
import { loadPolicy, PolicyError, parsePolicy } from '../../src/config/policy.js';

/** Lines joined with newlines, so each test can say which line the error must name. */
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

const alice = [
  'members:',
  '  - name: alice',
  '    role: operator',
  '    slack: U0ALICE',
  '    teams: 00000000-0000-0000-0000-0000000a11ce',
];

function failure(text: string): string {
  try {
    parsePolicy(text, 'policy.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as PolicyError).message;
  }
  throw new Error('expected the policy to be refused');
}

describe('policy validation at start', () => {
  it('refuses bad YAML with its line', () => {
    expect(failure('members: [\n')).toMatch(/policy\.yaml line \d+ is not valid YAML.*Fix:/);
    const badIndent = yaml('members:', '  - name: eve', '    role: operator', '   slack: U0EVE');
    expect(failure(badIndent)).toMatch(/policy\.yaml line 4 is not valid YAML/);
    const twice = yaml(
      'commands:',
      '  snapshot.delete:',
      '    approvals: 1',
      '  snapshot.delete:',
      '    approvals: 2',
    );
    expect(failure(twice)).toMatch(/line 4 is not valid YAML \(column 3\): Map keys must be unique\. Fix:/);
  });

  it('refuses an unknown role of a member, with the value and the roles to use', () => {
    const message = failure(yaml('members:', '  - name: eve', '    role: god', '    console: eve'));
    expect(message).toBe(
      'The bot cannot start: policy.yaml line 3 (members[0].role): "god" is not accepted. Fix: use one of viewer, operator, approver, admin, then start again.',
    );
  });

  it('refuses an unknown role in a list of roles and in a command override', () => {
    expect(
      failure(
        yaml(
          'members:',
          '  - name: eve',
          '    roles:',
          '      - operator',
          '      - root',
          '    console: eve',
        ),
      ),
    ).toMatch(/line 5 \(members\[0\]\.roles\[1\]\): "root" is not accepted/);
    expect(failure(yaml('commands:', '  snapshot.delete:', '    role: boss'))).toMatch(
      /line 3 \(commands\["snapshot\.delete"\]\.role\): "boss".*Fix: use one of viewer/,
    );
  });

  it.each([
    ['teams', 'not-a-guid', /GUID/],
    ['slack', 'alice', /Slack user id looks like U0ALICE/],
    ['console', 'al ice', /console name is letters/],
  ])('refuses a malformed %s id with its line', (field, value, fix) => {
    const message = failure(
      yaml('members:', '  - name: eve', '    role: operator', `    ${field}: ${value}`),
    );
    expect(message).toMatch(
      new RegExp(`policy\\.yaml line 4 \\(members\\[0\\]\\.${field}\\): "${value}" is not accepted`),
    );
    expect(message).toMatch(fix);
  });

  it('refuses a malformed Entra group id and a malformed channel id', () => {
    const group = yaml(
      'members:',
      '  - name: sre',
      '    role: operator',
      '    teamsGroups:',
      '      - sre-team',
    );
    expect(failure(group)).toMatch(
      /line 5 \(members\[0\]\.teamsGroups\[0\]\).*Entra group is an Entra object id/,
    );
    const channel = yaml('commands:', '  dr.drill:', '    channels:', '      slack: [general]');
    expect(failure(channel)).toMatch(
      /line 4 .*"general" is not accepted.*Slack channel id looks like C0123ABCD/,
    );
  });

  it('refuses an unknown command name at the line of its key, with a suggestion', () => {
    const message = failure(yaml(...alice, 'commands:', '  snapshot.delet:', '    approvals: 2'));
    expect(message).toMatch(
      /policy\.yaml line 7 \(commands\["snapshot\.delet"\]\): unknown command "snapshot\.delet"/,
    );
    expect(message).toMatch(/did you mean "snapshot\.delete"/);
    expect(failure(yaml('commands:', '  "snapshot remove":', '    approvals: 2'))).toMatch(
      /line 2 .*unknown command/,
    );
  });

  it('refuses words that name several commands, and a command set twice', () => {
    expect(failure(yaml('commands:', '  failover:', '    approvals: 1'))).toMatch(
      /line 2 .*"failover" names 2 commands \(dr\.failover\.planned, dr\.failover\.unplanned\).*Fix: use the id/,
    );
    const twice = yaml(
      'commands:',
      '  snapshot.delete:',
      '    approvals: 1',
      '  "snapshot delete":',
      '    approvals: 2',
    );
    expect(failure(twice)).toMatch(
      /line 4 .*snapshot\.delete is already set as "snapshot\.delete" \(line 2\).*merge/,
    );
  });

  it('refuses approvals outside 0-2 and an expiry that is not a sensible duration', () => {
    expect(failure(yaml('commands:', '  snapshot.delete:', '    approvals: 3'))).toMatch(
      /line 3 .*"?3"? is not accepted.*approvals is 0, 1 or 2/,
    );
    expect(failure(yaml('commands:', '  snapshot.delete:', '    expiry: soon'))).toMatch(
      /line 3 .*"soon".*like 30m/,
    );
    expect(failure(yaml('commands:', '  snapshot.delete:', '    expiry: 0m'))).toMatch(
      /line 3 .*from 1m to 7d/,
    );
    expect(failure(yaml('commands:', '  snapshot.delete:', '    expiry: 30d'))).toMatch(
      /line 3 .*from 1m to 7d/,
    );
  });

  it.each([
    [
      'name',
      ['  - name: Alice', '    role: viewer', '    console: alice2'],
      /the name Alice is already used by alice \(line 2\)/,
    ],
    [
      'Slack id',
      ['  - name: alice2', '    role: viewer', '    slack: U0ALICE'],
      /the Slack id U0ALICE is already used by alice/,
    ],
    [
      'Entra object id, in another case',
      ['  - name: alice2', '    role: viewer', '    teams: 00000000-0000-0000-0000-0000000A11CE'],
      /the Entra object id 00000000-0000-0000-0000-0000000A11CE is already used by alice/,
    ],
  ])('refuses a duplicate member by %s', (_what, entry, problem) => {
    const message = failure(yaml(...alice, ...entry));
    expect(message).toMatch(/policy\.yaml line (6|8) \(members\[1\]\): duplicate member/);
    expect(message).toMatch(problem);
    expect(message).toMatch(/Fix: keep one entry per person; give someone several roles with roles:/);
  });

  it('refuses a duplicate console name and a duplicate group at the duplicate line', () => {
    const consoleTwice = yaml(
      'members:',
      '  - name: a',
      '    role: viewer',
      '    console: ann',
      '  - name: b',
      '    role: viewer',
      '    console: ANN',
    );
    expect(failure(consoleTwice)).toMatch(
      /line 7 \(members\[1\]\): duplicate member: the console name ANN is already used by a/,
    );
    const group = '00000000-0000-0000-0000-00000000aaaa';
    const groupTwice = yaml(
      'members:',
      '  - name: a',
      '    role: viewer',
      `    teamsGroups: [${group}]`,
      '  - name: b',
      '    role: admin',
      '    teamsGroups:',
      `      - ${group}`,
    );
    expect(failure(groupTwice)).toMatch(/line 8 .*the Entra group .* is already used by a/);
  });

  it('refuses a member without a role, without any id, or with an unknown setting', () => {
    expect(failure(yaml('members:', '  - name: eve', '    console: eve'))).toMatch(
      /line 2 .*role is missing.*Fix: add role:/,
    );
    expect(failure(yaml('members:', '  - name: eve', '    role: viewer'))).toMatch(
      /line 2 .*at least one id/,
    );
    expect(failure(yaml('members:', '  - name: eve', '    rol: viewer', '    console: eve'))).toMatch(
      /line 3 \(members\[0\]\): unknown setting "rol".*Fix: remove it or correct its spelling/,
    );
    expect(failure(yaml('admins: [bob]'))).toMatch(/line 1: unknown setting "admins"/);
  });

  it('refuses a file it cannot read, pointing at CHATOPS_POLICY', () => {
    expect(() => loadPolicy('/nonexistent/policy.yaml')).toThrowError(/CHATOPS_POLICY/);
  });

  it('accepts an empty file and empty sections as "no members, catalog defaults"', () => {
    expect(parsePolicy('', 'p.yaml').members).toEqual([]);
    expect(parsePolicy('members:\ncommands:\n', 'p.yaml').settingsFor('snapshot.delete').approvals).toBe(1);
  });
});
