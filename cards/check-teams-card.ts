import { createRequire } from 'node:module';
import type * as AdaptiveCardsModule from 'adaptivecards';

/** Teams refuses bot messages over ~28 KB; the card is most of the payload. */
export const MAX_CARD_BYTES = 28 * 1024;

/** Element types Teams renders in an Adaptive Card 1.5 (anything else falls back or fails). */
const TEAMS_ELEMENTS = new Set([
  'TextBlock',
  'RichTextBlock',
  'TextRun',
  'Image',
  'ImageSet',
  'Media',
  'Container',
  'ColumnSet',
  'Column',
  'FactSet',
  'ActionSet',
  'Table',
  'TableRow',
  'TableCell',
  'Input.Text',
  'Input.Number',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.ChoiceSet',
]);
const TEAMS_ACTIONS = new Set([
  'Action.Execute',
  'Action.Submit',
  'Action.OpenUrl',
  'Action.ShowCard',
  'Action.ToggleVisibility',
]);

type Json = Record<string, unknown>;

/**
 * What would stop Teams from showing the card, or make a button misbehave there; empty when fine.
 * The official parser is lenient (an Execute without a verb passes), hence our own checks first.
 */
export function checkTeamsCard(card: unknown): string[] {
  if (!isObject(card)) return ['card is not a JSON object'];
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') problems.push(`type is ${String(card.type)}, expected AdaptiveCard`);
  problems.push(...checkVersion(card.version));
  const bytes = cardBytes(card);
  if (bytes > MAX_CARD_BYTES) problems.push(`payload is ${bytes} bytes, over Teams' ${MAX_CARD_BYTES}`);
  problems.push(...checkRefresh(card.refresh));
  walkCard({ ...card, refresh: undefined }, '$', problems);
  problems.push(...parseWithAdaptiveCards(card));
  return problems;
}

/** The card's size as Teams counts it: UTF-8 bytes of its JSON. */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

function checkVersion(version: unknown): string[] {
  if (typeof version !== 'string' || !/^1\.\d+$/.test(version))
    return [`version ${String(version)} is not 1.x`];
  const minor = Number(version.split('.')[1]);
  return minor > 5 ? [`version ${version} is above 1.5, the highest Teams renders`] : [];
}

/** Visits every element and action, including ShowCard cards, fallbacks and table cells. */
function walkCard(node: unknown, path: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((child, index) => {
      walkCard(child, `${path}[${index}]`, problems);
    });
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.type === 'string') problems.push(...checkTyped(node, path));
  for (const [key, value] of Object.entries(node)) {
    // `data` is the bot's own payload; a `type` key there is not a card element.
    if (key !== 'data') walkCard(value, `${path}.${key}`, problems);
  }
}

function checkTyped(node: Json, path: string): string[] {
  const type = node.type as string;
  if (type === 'AdaptiveCard') return [];
  if (type.startsWith('Action.')) {
    if (!TEAMS_ACTIONS.has(type)) return [`${path}: action ${type} is not supported by Teams`];
    return type === 'Action.Execute' ? checkExecute(node, path) : [];
  }
  return TEAMS_ELEMENTS.has(type) ? [] : [`${path}: element ${type} is not supported by Teams at 1.5`];
}

/** `refresh` is not a button: an Execute with a verb, and at most 60 Teams user ids. */
function checkRefresh(refresh: unknown): string[] {
  if (refresh === undefined) return [];
  if (!isObject(refresh)) return ['$.refresh is not an object'];
  const problems: string[] = [];
  const action = refresh.action;
  if (!isObject(action) || action.type !== 'Action.Execute')
    problems.push('$.refresh.action is not an Action.Execute');
  else if (typeof action.verb !== 'string' || action.verb.trim() === '')
    problems.push('$.refresh.action: Action.Execute without a verb');
  const userIds = refresh.userIds;
  if (userIds !== undefined) {
    if (!Array.isArray(userIds) || userIds.some((id) => typeof id !== 'string'))
      problems.push('$.refresh.userIds is not a list of user ids');
    else if (userIds.length > 60)
      problems.push(`$.refresh.userIds has ${userIds.length} ids, over Teams' 60`);
  }
  return problems;
}

function checkExecute(action: Json, path: string): string[] {
  const problems: string[] = [];
  if (typeof action.verb !== 'string' || action.verb.trim() === '') {
    problems.push(`${path}: Action.Execute without a verb`);
  }
  const fallback = action.fallback;
  if (!isObject(fallback) || fallback.type !== 'Action.Submit') {
    problems.push(`${path}: Action.Execute without an Action.Submit fallback`);
  }
  return problems;
}

let adaptiveCards: typeof AdaptiveCardsModule | undefined;

/** The package's `main` needs a DOM; its webpack bundle parses and validates in plain node. */
function loadAdaptiveCards(): typeof AdaptiveCardsModule {
  adaptiveCards ??= createRequire(import.meta.url)(
    'adaptivecards/dist/adaptivecards.js',
  ) as typeof AdaptiveCardsModule;
  return adaptiveCards;
}

function parseWithAdaptiveCards(card: Json): string[] {
  const ac = loadAdaptiveCards();
  const parsed = new ac.AdaptiveCard();
  const context = new ac.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    problems.push(`adaptivecards: ${context.getEventAt(i).message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`adaptivecards: ${event.message}`);
  }
  return problems;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
