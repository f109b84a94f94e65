import { describe, expect, it } from 'vitest';
import { checkTeamsCard } from '../../cards/check-teams-card.js';
import { renderAdaptiveCard } from '../../cards/render-adaptive-card.js';
import type { ProgressStep, View } from '../../src/chat/view.js';
import { readMarkdown } from '../support/read-visible-text.js';
import { expectGolden } from './expect-golden.js';
import { SAMPLE_VIEWS } from './sample-views.js';

describe('renderAdaptiveCard', () => {
  for (const [name, view] of Object.entries(SAMPLE_VIEWS)) {
    it(`renders ${name} as its golden card, which Teams accepts`, () => {
      const card = renderAdaptiveCard(view);
      expectGolden(`adaptive-card/${name}.json`, card);
      expect(checkTeamsCard(card)).toEqual([]);
    });
  }

  it('is pure: the same view gives the same card', () => {
    const view = SAMPLE_VIEWS['snapshot-result'] as View;
    expect(renderAdaptiveCard(view)).toEqual(renderAdaptiveCard(structuredClone(view)));
  });

  it('gives every Action.Execute a verb in data and a Submit fallback with the same data', () => {
    const card = renderAdaptiveCard(SAMPLE_VIEWS.actions as View);
    const approve = card.actions?.[0];
    expect(approve).toMatchObject({
      type: 'Action.Execute',
      verb: 'approval.approve',
      data: { verb: 'approval.approve', requestId: 'req-1' },
      style: 'positive',
      fallback: { type: 'Action.Submit', data: { verb: 'approval.approve', requestId: 'req-1' } },
    });
  });

  it('lets the button verb win over a verb key in its data', () => {
    const reject = renderAdaptiveCard(SAMPLE_VIEWS.actions as View).actions?.[1];
    expect(reject?.type).toBe('Action.ShowCard');
    const inner = reject?.type === 'Action.ShowCard' ? reject.card.actions?.[0] : undefined;
    expect(inner).toMatchObject({ verb: 'approval.reject', data: { verb: 'approval.reject' } });
  });

  it('makes user text markdown-inert with look-alikes, never backslashes, and quotes code spans', () => {
    const card = renderAdaptiveCard({
      kind: 'error',
      title: 'a *b* _c_ [d](e) <f>',
      summary: 'Type `snapshot vm_1` or *not*',
    });
    const texts = card.body.map((element) => (element.type === 'TextBlock' ? element.text : ''));
    expect(texts[0]).toBe('a ∗b∗ ˍcˍ [d］(e) <f>');
    expect(texts[1]).toBe('Type “snapshot vm_1” or ∗not∗');
    for (const text of texts) expect(readMarkdown(text)).toBe(text);
  });

  it('leaves characters that cannot form markdown as they are', () => {
    const literal = 'Add because <reason>: 0.1 s, R&D, vm_web_01, snapshot *, 5 * 3, a\\b, C:\\temp, #7 [x]';
    const card = renderAdaptiveCard({ kind: 'error', title: 'x', summary: literal });
    const summary = card.body[1];
    expect(summary?.type === 'TextBlock' && summary.text).toBe(literal);
    expect(readMarkdown(literal)).toBe(literal);
  });

  it('keeps line-start markers and line breaks reading the same with and without markdown', () => {
    const card = renderAdaptiveCard({
      kind: 'error',
      title: 'x',
      notes: ['- list\n1. item\n2) item\n# heading\n> quote\n---\n    indented\n[a]: https://x.example'],
    });
    const note = card.body[1];
    const text = note?.type === 'TextBlock' ? note.text : '';
    expect(text).toBe(
      '‐ list  \n1․ item  \n2） item  \n＃ heading  \n› quote  \n‐--  \nindented  \n[a］: https://x.example',
    );
    expect(readMarkdown(text)).toBe(text.replace(/ {2}\n/g, '\n'));
  });

  it('keeps quoted user input in code spans from becoming a link', () => {
    const card = renderAdaptiveCard({
      kind: 'error',
      title: 'x',
      summary: 'Unknown: `[win](https://evil.example)` or `<https://evil.example>`',
    });
    const summary = card.body[1];
    const text = summary?.type === 'TextBlock' ? summary.text : '';
    expect(text).toBe('Unknown: “[win］(https://evil.example)” or “‹https://evil.example›”');
    expect(readMarkdown(text)).toBe(text);
  });

  it('shows code spans as quotes whose inside reads as typed, with markdown or without', () => {
    // quoteUserText echoes input in a span: "**all** _vms_ ~~x~~ a\\b &amp;" must not format.
    const card = renderAdaptiveCard({
      kind: 'error',
      title: 'x',
      summary: "I don't know `**all** _vms_ ~~x~~ a\\b &amp;`. Type `help`.",
      notes: ['Try `snapshot *`'],
      footer: 'ref `_a_`',
    });
    const texts = card.body.map((element) => (element.type === 'TextBlock' ? element.text : ''));
    expect(texts[1]).toBe("I don't know “∗∗all∗∗ ˍvmsˍ ∼∼x∼∼ a\\b ＆amp;”. Type “help”.");
    expect(texts[2]).toBe('Try “snapshot *”');
    expect(texts[3]).toBe('ref “ˍaˍ”');
    for (const text of texts) expect(readMarkdown(text)).toBe(text);
  });

  it('says how much a cut text lost, counting from the original text', () => {
    const card = renderAdaptiveCard({ kind: 'error', title: 'x', summary: `a \`b\` ${'y'.repeat(2100)}` });
    const summary = card.body[1];
    expect(summary?.type === 'TextBlock' && summary.text).toMatch(/… \(106 more characters\)$/);
  });

  it('keeps a card with 10 kB of echoed text under the Teams payload limit', () => {
    const card = renderAdaptiveCard({
      kind: 'error',
      title: 'x'.repeat(10_000),
      summary: 'y'.repeat(10_000),
    });
    expect(checkTeamsCard(card)).toEqual([]);
  });

  it('caps very long tables and says how many rows were left out', () => {
    const rows = Array.from({ length: 100 }, (_v, i) => [`vm-${i}`, 'running']);
    const card = renderAdaptiveCard({
      kind: 'vm-list',
      title: 'VMs',
      tables: [{ columns: ['VM', 'Power'], rows }],
    });
    expect(JSON.stringify(card)).toContain('60 more rows not shown.');
    expect(checkTeamsCard(card)).toEqual([]);
  });

  it('shows at most 20 progress steps, failed and running first, and counts the rest', () => {
    const steps: ProgressStep[] = Array.from({ length: 90 }, (_v, i) => ({
      label: `set-${i} of vm-sql-01`,
      state: i < 40 ? 'succeeded' : i === 40 ? 'running' : 'pending',
      detail: `deleting 3 disks of set-${i}`,
    }));
    steps[75] = { label: 'set-75 of vm-sql-01', state: 'failed', detail: 'Conflict: the set is locked' };
    const card = renderAdaptiveCard({
      kind: 'prune-progress',
      title: 'Pruning 30 sets of vm-sql-01',
      summary: 'Deleting snapshots.',
      progress: { percent: 44, steps },
    });
    expect(checkTeamsCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    const shown = [...text.matchAll(/set-(\d+) of vm-sql-01/g)].map((match) => Number(match[1]));
    expect(shown).toHaveLength(20);
    // In their own order: the running one, what comes next, and the failure.
    expect(shown).toEqual([40, ...Array.from({ length: 18 }, (_v, i) => 41 + i), 75]);
    expect(text).toContain('70 more steps not shown: 40 done, 30 waiting.');
  });

  it('keeps a progress view of 1,000 long steps within Teams limits, with its title and actions', () => {
    const steps: ProgressStep[] = Array.from({ length: 1000 }, (_v, i) => ({
      label: `disk-${i} ${'l'.repeat(1500)}`,
      state: i % 3 === 0 ? 'running' : 'failed',
      detail: `*detail* ${'d'.repeat(1500)}`,
    }));
    const view: View = {
      kind: 'snapshot-progress',
      title: 'Snapshot of vm-big',
      summary: 'Taking snapshots of 1000 disks.',
      progress: { percent: 10, steps },
      actions: [{ label: 'Cancel', verb: 'job.cancel', data: { jobId: 'j1' }, style: 'destructive' }],
      footer: 'ref abc123',
    };
    const card = renderAdaptiveCard(view);
    expect(checkTeamsCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('Snapshot of vm-big');
    expect(text).toContain('Taking snapshots of 1000 disks.');
    expect(text).toContain('ref abc123');
    expect(card.actions).toHaveLength(1);
    expect(text).toMatch(/\d+ more steps not shown: \d+ failed, \d+ running\./);
  });

  it('trims rows of tables with long cells until the card fits, saying how many', () => {
    const rows = Array.from({ length: 40 }, (_v, i) => [`vm-${i}`, 'z'.repeat(1800), '_'.repeat(900)]);
    const card = renderAdaptiveCard({
      kind: 'vm-list',
      title: 'VMs',
      summary: 'Every VM.',
      tables: [
        { title: 'First', columns: ['VM', 'Notes', 'Tags'], rows },
        { title: 'Second', columns: ['VM', 'Notes', 'Tags'], rows },
      ],
      notes: ['Try `vms rg-shop-prod`.'],
    });
    expect(checkTeamsCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toMatch(/"\d+ more rows not shown\."/);
    expect(text).toContain('Every VM.');
    expect(text).toContain('Second');
    expect(text).toContain('vm-0');
  });

  it('fits the worst view: huge texts, facts, tables, steps and notes everywhere', () => {
    // Look-alikes are 2-3 bytes each: how much is left out depends on the text, not the counts' presence.
    const long = (tag: string) => `${tag} ${'\\*_'.repeat(700)}`;
    const view: View = {
      kind: 'everything',
      title: long('title'),
      summary: long('summary'),
      facts: Array.from({ length: 200 }, (_v, i) => ({ label: long(`f${i}`), value: long(`v${i}`) })),
      progress: {
        steps: Array.from({ length: 1000 }, (_v, i) => ({ label: long(`s${i}`), state: 'failed' as const })),
      },
      tables: Array.from({ length: 30 }, (_v, t) => ({
        title: long(`table${t}`),
        columns: Array.from({ length: 8 }, (_c, c) => long(`c${c}`)),
        rows: Array.from({ length: 100 }, () => Array.from({ length: 8 }, (_c, c) => long(`r${c}`))),
        note: long('note'),
      })),
      notes: Array.from({ length: 100 }, (_v, i) => long(`n${i}`)),
      actions: [
        { label: 'Approve', verb: 'approval.approve', data: { requestId: 'r1' }, confirm: long('sure?') },
      ],
      footer: long('footer'),
    };
    const card = renderAdaptiveCard(view);
    expect(checkTeamsCard(card)).toEqual([]);
    const texts = card.body.map((element) => (element.type === 'TextBlock' ? element.text : ''));
    expect(texts[0]).toMatch(/^title .*more characters\)$/);
    expect(texts[1]).toMatch(/^summary .*more characters\)$/);
    expect(texts.at(-1)).toMatch(/^footer /);
    expect(texts.join('\n')).toMatch(/^(195 more|200) facts not shown\.$/m);
    expect(texts.join('\n')).toMatch(/^(29 more|30) tables not shown\.$/m);
    expect(texts).toContain('100 notes not shown.');
    expect(texts).toContain('1000 steps not shown: 1000 failed.');
    expect(card.actions).toHaveLength(1);
  });

  it('leaves a view that fits untouched by the size guard', () => {
    const rows = Array.from({ length: 40 }, (_v, i) => [`vm-${i}`, 'running']);
    const card = renderAdaptiveCard({
      kind: 'vm-list',
      title: 'VMs',
      tables: [{ columns: ['VM', 'Power'], rows }],
    });
    expect(JSON.stringify(card)).not.toContain('not shown');
  });

  describe('personal views (Teams user-specific cards)', () => {
    const personal: View = {
      kind: 'approval-requested',
      title: 'Approval needed',
      actions: [
        { label: 'Approve', verb: 'approval.approve', data: { approvalId: 'apr-1' }, style: 'positive' },
        { label: 'Reject', verb: 'approval.reject', data: { approvalId: 'apr-1' } },
      ],
      personal: { verb: 'approval.view', data: { approvalId: 'apr-1' }, viewers: ['aad-bob'] },
    };

    it('shows every button where there are no personal views (the local page)', () => {
      const card = renderAdaptiveCard(personal);
      expect(card.refresh).toBeUndefined();
      expect(card.actions?.map((a) => a.title)).toEqual(['Approve', 'Reject']);
    });

    it('on Teams, refreshes for the viewers and shows the others only a button to fetch theirs', () => {
      const card = renderAdaptiveCard(personal, { personalFor: ['29:bob'] });
      expect(card.refresh).toEqual({
        action: {
          type: 'Action.Execute',
          verb: 'approval.view',
          data: { verb: 'approval.view', approvalId: 'apr-1' },
        },
        userIds: ['29:bob'],
      });
      expect(card.actions?.map((a) => a.title)).toEqual(['Show my options']);
      expect(checkTeamsCard(card)).toEqual([]);
    });

    it('keeps the viewer’s own buttons on their version, and stays personal', () => {
      const mine = { ...personal, personal: { ...personal.personal, forViewer: true } } as View;
      const card = renderAdaptiveCard(mine, { personalFor: ['29:bob'] });
      expect(card.actions?.map((a) => a.title)).toEqual(['Approve', 'Reject']);
      expect(card.refresh?.userIds).toEqual(['29:bob']);
    });

    it('names at most 60 users, Teams’ limit', () => {
      const many = Array.from({ length: 75 }, (_, i) => `29:user-${i}`);
      const card = renderAdaptiveCard(personal, { personalFor: many });
      expect(card.refresh?.userIds).toHaveLength(60);
      expect(checkTeamsCard(card)).toEqual([]);
    });
  });
});
