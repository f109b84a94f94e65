import { describe, expect, it } from 'vitest';
import type { View } from '../../src/chat/view.js';
import { commandCatalog } from '../../src/commands/catalog.js';
import { renderCommandMarkdown } from '../../src/commands/render-command-markdown.js';
import { renderHelp } from '../../src/commands/render-help.js';

function rowsOf(view: View): string[][] {
  return (view.tables ?? []).flatMap((table) => table.rows);
}

function rowFor(view: View, syntax: string): string[] | undefined {
  return rowsOf(view).find((row) => row[0] === syntax);
}

describe('renderHelp: the list', () => {
  const view = renderHelp({});

  it('lists every command once, grouped in the design order', () => {
    expect(view.kind).toBe('help');
    expect(rowsOf(view).map((row) => row[0])).toEqual(
      [...commandCatalog]
        .sort((a, b) => groupIndex(a.group) - groupIndex(b.group))
        .map((spec) => spec.syntax),
    );
    expect(view.tables?.map((table) => table.title)).toEqual(DESIGN_GROUP_ORDER);
  });

  it('marks what needs approval and which role', () => {
    expect(rowFor(view, 'restore files <vm> [from ...]')?.[2]).toBe('1 approval');
    expect(rowFor(view, 'dr drill <app> [network <vnet>] [point latest|app-consistent]')?.[2]).toBe(
      '1 approval',
    );
    expect(rowFor(view, 'backup <vm> [keep 30d]')?.[2]).toBe('');
    expect(rowFor(view, 'failover <app> unplanned')?.[2]).toBe('2 approvals');
    expect(rowFor(view, 'dr done <app> [notes "..."]')?.[2]).toBe('');
    expect(rowFor(view, 'snapshot delete <name>')?.[2]).toBe('1 approval');
    expect(rowFor(view, 'snapshot <vm> [full|incremental] [consistent]')?.[2]).toBe('');
    expect(rowFor(view, 'audit [n] [<who or what>] [since <duration>]')?.[2]).toContain('admin role');
  });

  it('shows only what the asker may run, and says that more exists', () => {
    const viewer = renderHelp({ canRun: (spec) => spec.role === 'viewer' });
    expect(rowFor(viewer, 'status <vm>')).toBeDefined();
    expect(rowFor(viewer, 'snapshot <vm> [full|incremental] [consistent]')).toBeUndefined();
    expect(viewer.notes?.join(' ')).toMatch(/more commands need roles you do not have/);
  });

  it('takes the approvals the policy requires', () => {
    const relaxed = renderHelp({ approvalsFor: () => 0 });
    expect(rowFor(relaxed, 'snapshot delete <name>')?.[2]).toBe('');
  });
});

describe('renderHelp: one command', () => {
  it.each([
    ['snapshot delete', 'snapshot delete <name>'],
    ['SNAPSHOT   DELETE', 'snapshot delete <name>'],
    ['delete snapshot', 'snapshot delete <name>'],
    ['snapshot.prune', 'snapshot prune <vm> older-than 7d'],
    ['restore disks', 'restore <vm> [from latest|<time>|<rp>] disks'],
    ['failover unplanned', 'failover <app> unplanned'],
    ['dr drill', 'dr drill <app> [network <vnet>] [point latest|app-consistent]'],
  ])('help %s', (topic, syntax) => {
    const view = renderHelp({ topicText: topic });
    expect(view.kind).toBe('help-command');
    expect(view.title).toBe(syntax);
  });

  it('shows syntax, arguments, examples, role, approvals and availability', () => {
    const view = renderHelp({ commandId: 'dr.drill' });
    const facts = Object.fromEntries((view.facts ?? []).map((fact) => [fact.label, fact.value]));
    expect(facts).toMatchObject({
      Available: 'Now',
      Role: 'operator or above',
      Approvals: '1 approver (not the requester)',
    });
    expect(view.tables?.[0]?.rows.map((row) => row[0])).toEqual([
      '<app>',
      'network <vnet>',
      'point <choice>'.replace('<choice>', 'latest|app-consistent|crash-consistent|processed'),
    ]);
    expect(view.notes?.join(' ')).toContain('`dr drill shop`');
    expect(view.notes?.join(' ')).toContain('--dry-run');
  });

  it('keeps table cells free of markdown', () => {
    for (const spec of commandCatalog) {
      const view = renderHelp({ commandId: spec.id });
      for (const row of rowsOf(view)) for (const cell of row) expect(cell, spec.id).not.toContain('`');
    }
  });

  it('answers a typo with the command it meant', () => {
    const view = renderHelp({ topicText: 'snapshto' });
    expect(view.title).toBe('snapshot <vm> [full|incremental] [consistent]');
    expect(view.summary).toContain('There is no `snapshto`; this is `snapshot`.');
  });

  it('lists a family of commands', () => {
    const restore = renderHelp({ topicText: 'restore' });
    expect(rowsOf(restore)).toHaveLength(3);
    expect(restore.summary).toContain('`help restore disks`');
    expect(rowsOf(renderHelp({ topicText: 'dr' })).map((row) => row[0])).toContain(
      'dr cleanup <app> [notes "..."]',
    );
    expect(renderHelp({ topicText: 'site recovery' }).title).toBe('Site Recovery');
  });

  it('says plainly when there is no such command, without echoing much', () => {
    const view = renderHelp({ topicText: `frobnicate ${'x'.repeat(500)}` });
    expect(view.kind).toBe('help-unknown');
    expect(view.summary?.length).toBeLessThan(150);
  });
});

describe('renderCommandMarkdown', () => {
  const markdown = renderCommandMarkdown();

  it('has a heading per group and a line per command', () => {
    expect(markdown.match(/^### /gm)).toHaveLength(6);
    expect(markdown.match(/^- `/gm)).toHaveLength(commandCatalog.length);
    expect(markdown).toContain('- `snapshot delete <name>`: Delete one snapshot. _1 approval_');
    expect(markdown).toContain(
      '- `failover <app> unplanned`: Unplanned failover when the primary region is down (data may be lost). _2 approvals_',
    );
    expect(markdown).not.toContain('_(coming:');
  });

  it('is stable', () => {
    expect(renderCommandMarkdown()).toBe(markdown);
  });
});

/** The groups in help order, by hand (Alerts and schedules came with issue 10). */
const DESIGN_GROUP_ORDER = [
  'Snapshots and VMs',
  'Azure Backup',
  'Site Recovery',
  'Alerts and schedules',
  'Approvals and jobs',
  'General',
];

function groupIndex(group: string): number {
  return DESIGN_GROUP_ORDER.indexOf(group);
}
