import { describe, expect, it } from 'vitest';
import { type ParseResult, parseCommand } from '../../src/commands/parse-command.js';

function parsed(text: string) {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got ${result.problem}: ${result.message}`);
  return result.command;
}

function refused(text: string): Extract<ParseResult, { ok: false }> {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${result.command.id}`);
  return result;
}

describe('parseCommand: the canonical forms', () => {
  it('reads a snapshot with its defaults', () => {
    const command = parsed('snapshot vm-web-01');
    expect(command.id).toBe('snapshot.create');
    expect(command.args).toEqual({ vm: 'vm-web-01', kind: 'incremental', consistent: undefined });
    expect(command.dryRun).toBe(false);
    expect(command.reason).toBeUndefined();
    expect(command.canonical).toBe('snapshot vm-web-01 incremental');
  });

  it.each([
    [
      'snapshot vm-sql-01 full consistent',
      'snapshot.create',
      { vm: 'vm-sql-01', kind: 'full', consistent: true },
    ],
    ['snapshot delete snap-1', 'snapshot.delete', { name: 'snap-1' }],
    ['snapshot prune vm-web-01 older-than 0d', 'snapshot.prune', { vm: 'vm-web-01', olderThan: '0d' }],
    ['disks from snapshot ss-1 for vm-dev-01', 'disks.from-snapshot', { set: 'ss-1', for: 'vm-dev-01' }],
    ['vms rg-shop-prod unprotected', 'vms.list', { rg: 'rg-shop-prod', unprotected: true }],
    ['recovery points vm-sql-01 since 7d', 'recovery-points.list', { vm: 'vm-sql-01', since: '7d' }],
    [
      'restore vm-web-01 from latest as new vm-web-01-r',
      'restore.new',
      { vm: 'vm-web-01', from: 'latest', name: 'vm-web-01-r' },
    ],
    [
      'restore vm-sql-01 from 2025-06-01T10:30Z disks',
      'restore.disks',
      { vm: 'vm-sql-01', from: '2025-06-01T10:30Z', disks: true },
    ],
    ['restore vm-web-02 replace', 'restore.replace', { vm: 'vm-web-02', from: 'latest', replace: true }],
    ['restore files vm-web-01 done', 'restore.files-done', { vm: 'vm-web-01', done: true }],
    [
      'dr drill shop network vnet-dr-test point app-consistent',
      'dr.drill',
      { app: 'shop', network: 'vnet-dr-test', point: 'app-consistent' },
    ],
    ['failover shop', 'dr.failover.planned', { app: 'shop', planned: undefined, point: 'latest' }],
    ['failover shop unplanned', 'dr.failover.unplanned', { app: 'shop', unplanned: true, point: 'latest' }],
    ['audit 50', 'audit.list', { n: 50 }],
    ['job #j-1042', 'job.show', { job: 'j-1042' }],
    ['help snapshot delete', 'help', { topic: 'snapshot delete' }],
  ])('%s', (text, id, args) => {
    const command = parsed(text);
    expect(command.id).toBe(id);
    expect(command.args).toMatchObject(args);
  });

  it('narrows jobs and the audit in any order, a name taking the place of a count left out', () => {
    expect(parsed('jobs failed shop').args).toMatchObject({ state: 'failed', target: 'shop' });
    expect(parsed('jobs mine running').args).toMatchObject({ state: 'running', mine: true });
    expect(parsed('failed jobs').args).toMatchObject({ state: 'failed' });
    expect(parsed('audit alice').args).toMatchObject({ n: undefined, about: 'alice' });
    expect(parsed('audit 50 vm-web-01 since 2h').args).toMatchObject({
      n: 50,
      about: 'vm-web-01',
      since: '2h',
    });
    expect(parsed('audit since 7d').args).toMatchObject({ about: undefined, since: '7d' });
    // A number too big is still the count's mistake, not a name.
    expect(refused('audit 500').message).toContain('1 to 200');
  });

  it('keeps quoted values together', () => {
    expect(parsed('dr cleanup shop notes "web ok, DNS cut over"').args.notes).toBe('web ok, DNS cut over');
    expect(parsed('dr cleanup shop notes “curly quotes from a phone”').args.notes).toBe(
      'curly quotes from a phone',
    );
    expect(parsed('dr cleanup shop notes all good, dns verified').args.notes).toBe('all good dns verified');
  });
});

describe('parseCommand: natural variants', () => {
  it.each([
    ['take a snapshot of vm-web-01', 'snapshot.create', 'snapshot vm-web-01 incremental'],
    ['snapshot of vm-web-01', 'snapshot.create', 'snapshot vm-web-01 incremental'],
    ['please snapshot vm-web-01', 'snapshot.create', 'snapshot vm-web-01 incremental'],
    ['snapshot vm-web-01 please', 'snapshot.create', 'snapshot vm-web-01 incremental'],
    ['please take a full snapshot of vm-sql-01', 'snapshot.create', 'snapshot vm-sql-01 full'],
    ['Snapshot   VM vm-web-01', 'snapshot.create', 'snapshot vm-web-01 incremental'],
    ['show me the status of vm-web-01', 'vm.status', 'status vm-web-01'],
    ['what is the status of vm-web-01?', 'vm.status', 'status vm-web-01'],
    ['list vms', 'vms.list', 'vms'],
    ['list virtual machines', 'vms.list', 'vms'],
    ['which vms have no backup', 'vms.list', 'vms unprotected'],
    ['show snapshots for vm-web-01', 'snapshots.list', 'snapshots vm-web-01'],
    ['run a dr drill for shop', 'dr.drill', 'dr drill shop point latest'],
    ['start a dr drill of shop', 'dr.drill', 'dr drill shop point latest'],
    ['test failover shop', 'dr.drill', 'dr drill shop point latest'],
    ['clean up the drill for shop', 'dr.cleanup', 'dr cleanup shop'],
    ['back up vm-sql-01', 'backup.run', 'backup vm-sql-01 keep 30d'],
    ['kick off a backup of vm-sql-01 keep 90 days', 'backup.run', 'backup vm-sql-01 keep 90d'],
    [
      'enable backup for vm-dev-01 with policy DailyPolicy',
      'backup.enable',
      'enable backup vm-dev-01 policy DailyPolicy',
    ],
    ['delete snapshot snap-1', 'snapshot.delete', 'snapshot delete snap-1'],
    ['delete the snapshot snap-1', 'snapshot.delete', 'snapshot delete snap-1'],
    [
      'prune snapshots of vm-web-01 older than 7d',
      'snapshot.prune',
      'snapshot prune vm-web-01 older-than 7d',
    ],
    [
      'prune old snapshots of vm-web-01 older than 2 weeks',
      'snapshot.prune',
      'snapshot prune vm-web-01 older-than 2w',
    ],
    [
      'recovery points for vm-sql-01 for the last 7d',
      'recovery-points.list',
      'recovery points vm-sql-01 since 7d',
    ],
    [
      'restore vm-web-01 as a new vm vm-web-01-r',
      'restore.new',
      'restore vm-web-01 from latest as new vm-web-01-r',
    ],
    ['unplanned failover of crm', 'dr.failover.unplanned', 'failover crm unplanned point latest'],
    ['fail over shop', 'dr.failover.planned', 'failover shop point latest'],
    ['fail back shop', 'dr.failback', 'failback shop point latest'],
    ['re-protect shop', 'dr.reprotect', 'reprotect shop'],
    ['commit the failover of shop', 'dr.commit', 'commit shop'],
    ['cancel job j-1042', 'job.cancel', 'cancel j-1042'],
    ['show pending approvals', 'approvals.list', 'approvals'],
    ['who am i', 'whoami', 'whoami'],
    ['what can you do', 'help', 'help'],
    ['help me', 'help', 'help'],
    ['?', 'help', 'help'],
    ['snapshot --help', 'help', 'help snapshot'],
  ])('%s', (text, id, canonical) => {
    const command = parsed(text);
    expect(command.id).toBe(id);
    expect(command.canonical).toBe(canonical);
  });
});

describe('parseCommand: what platforms send', () => {
  it.each([
    '<at>Recovery Bot</at> snapshot vm-web-01',
    '<at>Recovery Bot</at>&nbsp;snapshot vm-web-01',
    'hey <at id="0">Recovery Bot</at> snapshot vm-web-01',
    '<p><at>Recovery Bot</at> snapshot vm-web-01</p>',
    '<@U0BOT> snapshot vm-web-01',
    '<@U0BOT|recovery> snapshot vm-web-01',
    '/recovery snapshot vm-web-01',
    '@bot snapshot vm-web-01',
    '  SNAPSHOT\tvm-web-01 \n',
    'snapshot\u00a0vm-web-01',
    'snap\u200bshot vm-web-01',
    'snapshot vm-web-01\u0000',
  ])('%j', (text) => {
    const command = parsed(text);
    expect(command.id).toBe('snapshot.create');
    expect(command.args.vm).toBe('vm-web-01');
  });

  it('decodes entities once', () => {
    expect(parsed('dr cleanup shop notes "a &amp; b &lt;ok&gt;"').args.notes).toBe('a & b <ok>');
    expect(parsed('dr cleanup shop notes "&amp;lt;"').args.notes).toBe('&lt;');
  });

  it('removes bidi overrides that would make a name read differently', () => {
    expect(parsed('status vm-\u202eweb-01').args.vm).toBe('vm-web-01');
  });
});

describe('parseCommand: --dry-run and because', () => {
  it.each([
    'snapshot vm-web-01 --dry-run',
    'snapshot --dry-run vm-web-01',
    '--dry-run snapshot vm-web-01',
    'snapshot vm-web-01 --dryrun',
    'snapshot vm-web-01 dry-run',
    'snapshot vm-web-01 dry run',
    'snapshot vm-web-01 \u2014dry-run',
    'snapshot vm-web-01 because patching --dry-run',
  ])('%s', (text) => {
    const command = parsed(text);
    expect(command.dryRun).toBe(true);
    expect(command.args.vm).toBe('vm-web-01');
    expect(command.canonical).toBe('snapshot vm-web-01 incremental --dry-run');
  });

  it('takes the reason out of the arguments', () => {
    const command = parsed('snapshot prune vm-web-01 older-than 7d because disk quota at 95%');
    expect(command.reason).toBe('disk quota at 95%');
    expect(command.args).toEqual({ vm: 'vm-web-01', olderThan: '7d' });
  });

  it('does not read "dry run" in the prose of a reason as the option', () => {
    const command = parsed('snapshot vm-web-01 because the dry run looked fine');
    expect(command.dryRun).toBe(false);
    expect(command.reason).toBe('the dry run looked fine');
  });

  it('asks for a reason after a bare because, and refuses a novel', () => {
    expect(refused('snapshot vm-web-01 because').problem).toBe('missing-argument');
    const long = refused(`snapshot vm-web-01 because ${'x'.repeat(600)}`);
    expect(long.problem).toBe('invalid-argument');
    expect(long.message).toMatch(/under 500/);
  });

  it('names an unknown option', () => {
    const result = refused('snapshot vm-web-01 --dyr-run');
    expect(result.problem).toBe('unexpected-words');
    expect(result.message).toContain('`--dry-run`');
  });
});

describe('parseCommand: typos and unknown words', () => {
  it.each([
    ['snapshto vm-web-01', 'snapshot', 'snapshot vm-web-01'],
    ['stauts vm-web-01', 'status', 'status vm-web-01'],
    ['hlep', 'help', 'help'],
    ['dr stauts shop', 'dr status', 'dr status shop'],
    ['snapshot delet snap-1', 'snapshot delete', 'snapshot delete snap-1'],
    ['please snpashot vm-web-01', 'snapshot', 'snapshot vm-web-01'],
  ])('%s -> did you mean %s', (text, word, suggestion) => {
    const result = refused(text);
    expect(result.problem).toBe('unknown-command');
    expect(result.message).toContain(`Did you mean \`${word}\``);
    expect(result.suggestions[0]).toBe(suggestion);
  });

  it('suggests the word a command takes', () => {
    const result = refused('failover shop unplaned');
    expect(result.problem).toBe('unexpected-words');
    expect(result.message).toContain('`unplanned`');
    expect(result.suggestions).toEqual(['failover shop unplanned']);
  });

  it('lists the commands a first word starts', () => {
    const result = refused('dr foo');
    expect(result.message).toContain('`dr drill`');
    expect(result.message).toContain('`dr status`');
  });

  it('says when nothing is close', () => {
    const result = refused('frobnicate the cluster');
    expect(result.problem).toBe('unknown-command');
    expect(result.message).toBe("I don't know `frobnicate`. Type `help` for the list of commands.");
  });

  it('never drops a negation as filler', () => {
    expect(refused('do not delete snapshot snap-1').problem).toBe('unknown-command');
    expect(refused("don't snapshot vm-web-01").problem).toBe('unknown-command');
  });

  it('answers a greeting and an empty message', () => {
    expect(refused('hello').message).toContain('`help`');
    expect(refused('').problem).toBe('empty');
    expect(refused('<at>Recovery Bot</at>').problem).toBe('empty');
  });

  it('says what is missing, with an example', () => {
    expect(refused('snapshot').message).toBe('`snapshot` needs a VM name. Try `snapshot vm-web-01`.');
    expect(refused('snapshot prune vm-web-01').message).toContain('`older-than <duration>`');
    const restore = refused('restore vm-web-01');
    expect(restore.problem).toBe('missing-argument');
    expect(restore.message).toContain('`as new <name>`, `disks` or `replace`');
  });

  it('says what it did not expect', () => {
    expect(refused('snapshot vm-web-01 vm-web-02').message).toContain(
      'Usage: `snapshot <vm> [full|incremental] [consistent]`',
    );
    expect(refused('approvals vm-web-01').message).toContain('takes nothing after it');
    expect(refused('snapshot vm-web-01 full incremental').message).toContain(
      '`incremental` clashes with an earlier word',
    );
  });
});

describe('parseCommand: a VM named with its resource group', () => {
  it('accepts <rg>/<vm>, to tell apart two VMs of the same name', () => {
    const result = parseCommand('status rg-shop-prod/vm-web-01');
    expect(result.ok && result.command.args.vm).toBe('rg-shop-prod/vm-web-01');
  });
});

describe('parseCommand: names Azure would refuse', () => {
  it.each([
    ['snapshot ../etc', 'VM name'],
    ['status vm..web', 'VM name'],
    ['status a/b/c', 'VM name'],
    ['status /vm-web-01', 'VM name'],
    ['status rg-shop-prod/', 'VM name'],
    ['status vm\\web', 'VM name'],
    ['status vm-web-', 'VM name'],
    ['snapshot "vm web 01"', 'VM name'],
    [`status ${'v'.repeat(65)}`, 'VM name'],
    [`snapshot delete ${'s'.repeat(81)}`, 'snapshot name'],
    ['snapshot delete -snap', 'snapshot name'],
    ['snapshot delete snap-', 'snapshot name'],
    [`vms ${'r'.repeat(91)}`, 'resource group name'],
    ['snapshot prune vm-web-01 older-than 7x', 'duration'],
    ['snapshot prune vm-web-01 older-than 400d', 'the most is 365d'],
    ['backup vm-sql-01 keep 0d', 'above zero'],
    ['audit 0', 'from 1 to 200'],
    ['restore vm-sql-01 from 2025-13-45 disks', 'recovery point'],
    ['dr drill shop point newest', 'not a choice'],
  ])('%s', (text, words) => {
    const result = refused(text);
    expect(result.problem).toBe('invalid-argument');
    expect(result.message).toContain(words);
  });

  it('accepts names at the limits', () => {
    expect(parsed(`status ${'v'.repeat(64)}`).args.vm).toHaveLength(64);
    expect(parsed(`snapshot delete ${'s'.repeat(80)}`).args.name).toHaveLength(80);
    expect(parsed('snapshot delete snap_').args.name).toBe('snap_');
  });

  it('echoes input short and without markup', () => {
    const long = refused(`snapshot ${'x'.repeat(100)}`);
    expect(long.message).toMatch(/^`x{39}…` is not a valid VM name/);
    expect(refused('status a`b*c').message).toMatch(/^`a'b\*c` is not/);
    expect(refused('status x<y>').message).toMatch(/^`x‹y›` is not/);
    // Slack's own mention syntax never survives into a name or a message.
    expect(parsed('status vm-web-01<!channel>').args.vm).toBe('vm-web-01');
  });
});

describe('parseCommand: size and control characters', () => {
  it('refuses 10 kB of text without echoing it', () => {
    const result = refused(`snapshot ${'a'.repeat(10_240)}`);
    expect(result.problem).toBe('too-long');
    expect(result.message.length).toBeLessThan(200);
    expect(result.message).toContain('4,000');
  });

  it('accepts a command of exactly 4,000 characters', () => {
    const padding = ' '.repeat(4000 - 'status vm-web-01'.length);
    expect(parsed(`status vm-web-01${padding}`).id).toBe('vm.status');
  });

  it('drops control characters rather than passing them on', () => {
    expect(parsed('status vm-web-01\u0007').args.vm).toBe('vm-web-01');
    expect(parsed('sta\u0000tus\u0008 vm-web-01').args.vm).toBe('vm-web-01');
    const ansi = refused('status vm-web-01\u001b[31m');
    expect(ansi.problem).toBe('invalid-argument');
    expect(ansi.message).not.toContain('\u001b');
  });
});
