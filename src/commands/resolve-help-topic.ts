import { commandCatalog, findCommandSpec } from './catalog.js';
import { cleanInput } from './clean-input.js';
import { COMMAND_GROUPS, type CommandGroup, type CommandSpec } from './command-spec.js';
import { matchCommandHead } from './match-command-head.js';
import { compactWords } from './match-phrase.js';
import { suggestCommandPhrases } from './suggest-commands.js';
import { tokenizeCommand } from './tokenize-command.js';

/** What `help <topic>` is about. */
export type HelpTopic =
  | { kind: 'command'; spec: CommandSpec; typo?: string }
  | { kind: 'several'; title: string; specs: CommandSpec[] }
  | { kind: 'group'; group: CommandGroup; specs: CommandSpec[] }
  | { kind: 'unknown'; typed: string; suggestions: string[] };

/** More than a few words is not a topic; keeps the matching cheap for any text. */
const MAX_TOPIC_LENGTH = 100;

/**
 * Finds the command(s) a help topic names: an id (`dr.drill`), the words (`snapshot delete`),
 * words plus the word that picks a variant (`restore disks`, `failover unplanned`), an alias
 * (`delete snapshot`), a group (`site recovery`), a first word (`dr`) or a typo (`snapshto`).
 */
export function resolveHelpTopic(topicText: string): HelpTopic {
  const typed = cleanInput(topicText).slice(0, MAX_TOPIC_LENGTH);
  const compact = compactWords(typed);
  const byId = findCommandSpec(typed.toLowerCase());
  if (byId) return { kind: 'command', spec: byId };
  const named = commandCatalog.find((spec) =>
    variantNames(spec).some((name) => compactWords(name) === compact),
  );
  if (named) return { kind: 'command', spec: named };
  const group = COMMAND_GROUPS.find((name) => compactWords(name) === compact);
  if (group) return { kind: 'group', group, specs: commandCatalog.filter((spec) => spec.group === group) };
  return matchByWords(typed);
}

function matchByWords(typed: string): HelpTopic {
  const tokens = tokenizeCommand(typed);
  const head = matchCommandHead(tokens);
  const specs = [...new Set(head?.candidates.map((candidate) => candidate.spec) ?? [])];
  const [only] = specs;
  if (only && specs.length === 1) return { kind: 'command', spec: only };
  if (only) return { kind: 'several', title: only.words.join(' '), specs };
  const close = suggestCommandPhrases(tokens, 0).slice(0, 3);
  const [closest, second] = close;
  const best = closest && resolveSpecByPhrase(closest.phrase);
  // A clear winner is shown at once; a tie is left to the user.
  if (best && (!second || second.distance > (closest?.distance ?? 0)))
    return { kind: 'command', spec: best, typo: typed };
  const firstWord = tokens[0]?.text.toLowerCase() ?? '';
  const family = commandCatalog.filter((spec) => spec.words.length > 1 && spec.words[0] === firstWord);
  if (family.length > 0) return { kind: 'several', title: firstWord, specs: family };
  return { kind: 'unknown', typed, suggestions: close.map((entry) => entry.phrase) };
}

function resolveSpecByPhrase(phrase: string): CommandSpec | undefined {
  const head = matchCommandHead(tokenizeCommand(phrase));
  return head?.candidates[0]?.spec;
}

/**
 * Names that single out one of the specs sharing command words: the words, the words with the
 * required flag or keyword that picks the variant, and the id read as words.
 */
export function variantNames(spec: CommandSpec): string[] {
  const words = spec.words.join(' ');
  const picks = spec.args
    .filter((arg) => arg.type === 'flag' || (arg.required && arg.keywords))
    .map((arg) => `${words} ${arg.keywords?.[0] ?? arg.name}`);
  return [spec.id.replace(/[.-]/g, ' '), ...picks];
}

/** The shortest `help ...` words that show this spec alone ("restore disks", "dr drill"). */
export function helpName(spec: CommandSpec): string {
  const words = spec.words.join(' ');
  const shared = commandCatalog.some((other) => other !== spec && other.words.join(' ') === words);
  const [, pick] = variantNames(spec);
  return shared && pick ? pick : words;
}
