import { describe, expect, it } from 'vitest';
import { checkTeamsCard } from '../../cards/check-teams-card.js';

const execute = { type: 'Action.Execute', title: 'Go', verb: 'go', data: { verb: 'go' } };
const fallback = { type: 'Action.Submit', title: 'Go', data: { verb: 'go' } };

function card(extra: Record<string, unknown>): Record<string, unknown> {
  return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hi' }], ...extra };
}

describe('checkTeamsCard', () => {
  it('accepts a minimal card with a well-formed Execute', () => {
    expect(checkTeamsCard(card({ actions: [{ ...execute, fallback }] }))).toEqual([]);
  });

  it('flags a version above 1.5', () => {
    expect(checkTeamsCard(card({ version: '1.6' }))).toContainEqual(expect.stringContaining('above 1.5'));
  });

  it('flags an Execute without a verb or without a Submit fallback', () => {
    const problems = checkTeamsCard(card({ actions: [{ ...execute, verb: '' }] }));
    expect(problems).toContainEqual(expect.stringContaining('without a verb'));
    expect(problems).toContainEqual(expect.stringContaining('without an Action.Submit fallback'));
  });

  it('finds a broken Execute inside a ShowCard', () => {
    const inner = { type: 'AdaptiveCard', version: '1.5', body: [], actions: [execute] };
    const problems = checkTeamsCard(
      card({ actions: [{ type: 'Action.ShowCard', title: 'More', card: inner }] }),
    );
    expect(problems).toContainEqual(
      expect.stringContaining('$.actions[0].card.actions[0]: Action.Execute without'),
    );
  });

  it('flags element types Teams does not render', () => {
    // The official renderer knows Carousel (1.6); Teams at 1.5 does not.
    const carousel = checkTeamsCard(card({ body: [{ type: 'Carousel', pages: [] }] }));
    expect(carousel).toContainEqual(expect.stringContaining('element Carousel is not supported'));
    const bogus = checkTeamsCard(card({ body: [{ type: 'Bogus' }] }));
    expect(bogus).toContainEqual(expect.stringContaining('adaptivecards: Unknown element type "Bogus"'));
  });

  it('flags a payload over 28 KB', () => {
    const body = Array.from({ length: 300 }, () => ({ type: 'TextBlock', text: 'z'.repeat(100) }));
    expect(checkTeamsCard(card({ body }))).toContainEqual(expect.stringContaining('over Teams'));
  });

  it('flags something that is not a card at all', () => {
    expect(checkTeamsCard('nope')).toEqual(['card is not a JSON object']);
    expect(checkTeamsCard({ type: 'Nope', version: 'x', body: [] }).length).toBeGreaterThanOrEqual(2);
  });

  it('checks refresh: an Execute with a verb, and at most 60 user ids', () => {
    const base = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x' }] };
    const refresh = (action: unknown, userIds: unknown) =>
      checkTeamsCard({ ...base, refresh: { action, userIds } });
    expect(refresh({ type: 'Action.Execute', verb: 'v' }, ['29:a'])).toEqual([]);
    expect(refresh({ type: 'Action.Execute' }, ['29:a'])).toContain(
      '$.refresh.action: Action.Execute without a verb',
    );
    expect(refresh({ type: 'Action.Submit' }, [])).toContain('$.refresh.action is not an Action.Execute');
    expect(refresh({ type: 'Action.Execute', verb: 'v' }, Array(61).fill('29:a'))).toContain(
      "$.refresh.userIds has 61 ids, over Teams' 60",
    );
    expect(refresh({ type: 'Action.Execute', verb: 'v' }, [1])).toContain(
      '$.refresh.userIds is not a list of user ids',
    );
  });
});
