import { describe, expect, it } from 'vitest';
import { checkTeamsCard } from '../../cards/check-teams-card.js';
import { renderAdaptiveCard } from '../../cards/render-adaptive-card.js';
import type { View } from '../../src/chat/view.js';
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

  it('escapes markdown in user text but keeps the code spans views emit', () => {
    const card = renderAdaptiveCard({
      kind: 'error',
      title: 'a *b* _c_ [d](e) <f>',
      summary: 'Type `snapshot vm_1` or *not*',
    });
    const texts = card.body.map((element) => (element.type === 'TextBlock' ? element.text : ''));
    expect(texts[0]).toBe('a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\>');
    expect(texts[1]).toBe('Type `snapshot vm_1` or \\*not\\*');
  });

  it('keeps quoted user input in code spans from becoming a link', () => {
    const card = renderAdaptiveCard({
      kind: 'error',
      title: 'x',
      summary: 'Unknown: `[win](https://evil.example)`',
    });
    const summary = card.body[1];
    expect(summary?.type === 'TextBlock' && summary.text).toBe(
      'Unknown: `[win]\u200B(https://evil.example)`',
    );
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
});
