import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeLocationWords,
  alreadyInState,
  consistencyWord,
  directionWords,
  formatDuration,
  OLD_SPELLINGS,
  planOperationWords,
  protectionWord,
  RAW_AZURE_SPELLINGS,
  recoveryPointChoiceWords,
  stateWord,
} from '../../src/chat/domain-words.js';
import type { View } from '../../src/chat/view.js';
import { formatAge } from '../../src/operations/format-values.js';
import { SAMPLE_VIEWS } from '../cards/sample-views.js';
import { cardText } from '../support/fake-bot-connector.js';
import { type ChatSide, tour } from '../support/recovery-tour.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

const rawSpelling = new RegExp(`\\b(${RAW_AZURE_SPELLINGS.join('|')})\\b`);

/** What a card says that a reader sees: every string in the view, joined. */
function textOf(view: View): string {
  const strings: string[] = [];
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      // Button payloads (verbs, command data) and the kind are not read by anyone.
      if (!['kind', 'verb', 'tone', 'style', 'state'].includes(key)) strings.push(value);
    } else if (Array.isArray(value)) for (const item of value) walk(item, key);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) if (k !== 'data' && k !== 'personal') walk(v, k);
  };
  walk(view);
  return strings.join('\n');
}

/** The old spellings and raw enums in a text, each with what surrounds it. */
function oldSpellingsIn(text: string): string[] {
  const found: string[] = [];
  for (const pattern of [rawSpelling, ...OLD_SPELLINGS]) {
    const match = pattern.exec(text);
    if (match) found.push(`${match[0]} in "${text.slice(Math.max(0, match.index - 40), match.index + 40)}"`);
  }
  return found;
}

describe('the words of the domain', () => {
  it('says each consistency type one way, whatever Azure or a person spells', () => {
    for (const spelling of ['AppConsistent', 'ApplicationConsistent', 'app-consistent', 'application'])
      expect(consistencyWord(spelling)).toBe('application-consistent');
    for (const spelling of ['CrashConsistent', 'crash', 'crash-consistent'])
      expect(consistencyWord(spelling)).toBe('crash-consistent');
    expect(consistencyWord('FileSystemConsistent')).toBe('file-system-consistent');
    expect(consistencyWord('file system')).toBe('file-system-consistent');
    expect(recoveryPointChoiceWords('LatestApplicationConsistent')).toBe(
      'the latest application-consistent point',
    );
  });

  it('says directions and where an app runs in regions', () => {
    const regions = { primary: 'westeurope', recovery: 'northeurope' };
    expect(directionWords('PrimaryToRecovery', regions)).toBe(
      'from the primary region (westeurope) to the recovery region (northeurope)',
    );
    expect(directionWords('RecoveryToPrimary', regions)).toBe(
      'from the recovery region (northeurope) back to the primary region (westeurope)',
    );
    expect(directionWords('PrimaryToRecovery')).toBe('from the primary region to the recovery region');
    expect(activeLocationWords('Recovery', regions)).toBe('the recovery region (northeurope)');
  });

  it('says states as words, and a finished job "has already" ended', () => {
    expect(stateWord('InProgress')).toBe('running');
    expect(stateWord('CompletedWithWarnings')).toBe('completed with warnings');
    expect(stateWord('WaitingForCompletion')).toBe('waiting for cleanup');
    expect(alreadyInState('succeeded')).toBe('has already succeeded');
    expect(alreadyInState('failed')).toBe('has already failed');
    expect(alreadyInState('cancelled')).toBe('was already cancelled');
    expect(alreadyInState('running')).toBe('is already running');
    expect(protectionWord('IRPending')).toBe('protected, first backup pending');
    expect(planOperationWords('ReverseReplicate')).toBe('reprotect');
    expect(planOperationWords('TestFailover')).toBe('drill (test failover)');
  });

  it('says durations one way', () => {
    expect(formatDuration(0.14)).toBe('0.1 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(420)).toBe('7 min');
    expect(formatDuration(7500)).toBe('2 h 5 min');
    expect(formatDuration(7200)).toBe('2 h');
    // How long something took keeps its seconds, and says whole minutes as such.
    expect(formatDuration(30, { exact: true })).toBe('30 s');
    expect(formatDuration(150, { exact: true })).toBe('2 min 30 s');
    expect(formatDuration(180, { exact: true })).toBe('3 min');
    expect(formatDuration(3.25, { exact: true })).toBe('3.3 s');
    // Ages use the same units, with a space: "measured 5 s ago", as "6 h ago".
    const now = new Date('2026-12-08T04:00:00Z');
    expect(formatAge(new Date(now.getTime() - 5_000), now)).toBe('5 s ago');
    expect(formatAge(new Date(now.getTime() - 6 * 3_600_000), now)).toBe('6 h ago');
  });

  it('translates every raw spelling it lists into words without one', () => {
    const translators = [
      consistencyWord,
      recoveryPointChoiceWords,
      stateWord,
      protectionWord,
      planOperationWords,
    ];
    for (const spelling of RAW_AZURE_SPELLINGS) {
      const words = translators.map((translate) => translate(spelling));
      const direction = directionWords(spelling);
      expect(
        [...words, direction].some((w) => w !== spelling && !rawSpelling.test(w)),
        spelling,
      ).toBe(true);
    }
  });

  it('leaves no old spelling or raw enum in any sample card', () => {
    const problems = Object.entries(SAMPLE_VIEWS).flatMap(([name, view]) =>
      oldSpellingsIn(textOf(view)).map((problem) => `${name}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });
});

/**
 * Every card the recovery tour produces (reads, snapshots, backup, restores, a drill, failover,
 * commit, reprotect, failback), in every version it was updated to: no raw Azure enum and none of
 * the old spellings ("is already succeeded", consistency as a bare "application", `<job>`).
 */
describe('the words of the domain in the cards of real flows', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ SIMULATOR_SPEED: '600' });
  });
  afterAll(async () => bot?.stop());

  for (const step of tour) {
    it(step.name, { timeout: 240_000 }, async () => {
      const chat: ChatSide = { url: bot.bot.url, connector: bot.connector };
      const before = bot.connector.messages.length;
      await step.run(chat);
      await bot.ask('dr status crm', (t) => t.includes('DR status of crm'));
      const problems = bot.connector.messages.slice(before).flatMap((message) =>
        message.versions.flatMap((version) => {
          const text = cardText(version);
          return oldSpellingsIn(text).map((problem) => `${text.split('\n')[0]}: ${problem}`);
        }),
      );
      expect([...new Set(problems)]).toEqual([]);
    });
  }
});
