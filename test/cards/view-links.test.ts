import { describe, expect, it } from 'vitest';
import { checkBlockKit } from '../../cards/check-block-kit.js';
import { checkTeamsCard } from '../../cards/check-teams-card.js';
import { renderAdaptiveCard } from '../../cards/render-adaptive-card.js';
import { renderBlockKit } from '../../cards/render-block-kit.js';
import type { View } from '../../src/chat/view.js';

const url =
  'https://portal.azure.com/#resource/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/replicationJobs/j-1';

/** `job <id>` links its Azure job: a button that opens the portal, on Teams and on Slack alike. */
describe('links on a card', () => {
  const view: View = {
    kind: 'job-detail',
    title: 'job-1ee122c6: running',
    summary: 'dr drill crm point latest',
    actions: [{ label: 'Cancel', verb: 'job.cancel', data: { job: 'job-1ee122c6' } }],
    links: [{ label: 'Open in the Azure portal', url }],
  };

  it('are Action.OpenUrl buttons on an Adaptive Card, after the card’s own actions', () => {
    const card = renderAdaptiveCard(view);
    expect(card.actions?.map((a) => a.type)).toEqual(['Action.Execute', 'Action.OpenUrl']);
    expect(card.actions?.[1]).toEqual({ type: 'Action.OpenUrl', title: 'Open in the Azure portal', url });
    expect(checkTeamsCard(card)).toEqual([]);
  });

  it('are url buttons in Block Kit', () => {
    const message = renderBlockKit(view);
    const buttons = message.blocks.flatMap((block) =>
      block.type === 'actions' ? (block.elements as { url?: string; text: { text: string } }[]) : [],
    );
    expect(buttons.find((b) => b.url === url)?.text.text).toBe('Open in the Azure portal');
    expect(checkBlockKit(message)).toEqual([]);
  });
});
