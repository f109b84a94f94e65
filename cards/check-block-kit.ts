import { MAX_BUTTON_VALUE_LENGTH } from './slack-button-value.js';

/** Slack's documented Block Kit limits (https://docs.slack.dev/reference/block-kit). */
export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT_LENGTH = 3000;
export const MAX_SECTION_FIELDS = 10;
export const MAX_FIELD_TEXT_LENGTH = 2000;
export const MAX_HEADER_TEXT_LENGTH = 150;
export const MAX_CONTEXT_ELEMENTS = 10;
/** Any text object. */
export const MAX_TEXT_OBJECT_LENGTH = 3000;
export const MAX_ACTIONS_ELEMENTS = 25;
export const MAX_BUTTON_TEXT_LENGTH = 75;
export const MAX_ACTION_ID_LENGTH = 255;
export { MAX_BUTTON_VALUE_LENGTH };
export const MAX_BUTTON_URL_LENGTH = 3000;
export const MAX_CONFIRM_TITLE_LENGTH = 100;
export const MAX_CONFIRM_TEXT_LENGTH = 300;
export const MAX_CONFIRM_BUTTON_LENGTH = 30;
export const MAX_BLOCK_ID_LENGTH = 255;
/** Slack truncates a message's `text` at 40,000 characters and asks for under 4,000. */
export const MAX_FALLBACK_TEXT_LENGTH = 4000;
/**
 * Slack also refuses messages whose blocks are too long in total (`msg_blocks_too_long`), a limit
 * it does not document: reports put it near 12,000-13,000 characters of text, counting some
 * block overhead (slackapi/bolt-js#2509, #2867). We hold the blocks' JSON, which is longer than
 * their text, to 12,000 characters.
 */
export const MAX_BLOCKS_JSON_LENGTH = 12_000;

type Json = Record<string, unknown>;

/** Walks one message and collects problems, with JSON paths ("$.blocks[2].fields[0]"). */
class BlockKitChecker {
  readonly problems: string[] = [];
  private readonly actionIds = new Set<string>();
  private readonly blockIds = new Set<string>();

  report(path: string, problem: string): void {
    this.problems.push(`${path}: ${problem}`);
  }

  checkMessage(message: Json): void {
    const { text, blocks } = message;
    if (typeof text !== 'string' || text.trim() === '') {
      this.report('$.text', 'no fallback text (notifications and screen readers use it)');
    } else if (text.length > MAX_FALLBACK_TEXT_LENGTH) {
      this.report('$.text', tooLong(text, MAX_FALLBACK_TEXT_LENGTH));
    }
    if (!Array.isArray(blocks)) {
      this.report('$.blocks', 'not a list of blocks');
      return;
    }
    if (blocks.length > MAX_BLOCKS) this.report('$.blocks', `${blocks.length} blocks, over ${MAX_BLOCKS}`);
    const json = JSON.stringify(blocks).length;
    if (json > MAX_BLOCKS_JSON_LENGTH) {
      this.report(
        '$.blocks',
        `${json} characters of JSON, over ${MAX_BLOCKS_JSON_LENGTH} (msg_blocks_too_long)`,
      );
    }
    for (const [i, block] of blocks.entries()) this.checkBlock(block, `$.blocks[${i}]`);
  }

  private checkBlock(block: unknown, path: string): void {
    if (!isObject(block)) {
      this.report(path, 'not a block object');
      return;
    }
    this.checkBlockId(block.block_id, `${path}.block_id`);
    const elements = `${path}.elements`;
    if (block.type === 'header') {
      this.checkText(block.text, `${path}.text`, MAX_HEADER_TEXT_LENGTH, 'plain');
    } else if (block.type === 'section') {
      this.checkSection(block, path);
    } else if (block.type === 'context') {
      this.checkList(block.elements, elements, MAX_CONTEXT_ELEMENTS, (element, at) =>
        this.checkText(element, at, MAX_TEXT_OBJECT_LENGTH),
      );
    } else if (block.type === 'actions') {
      this.checkList(block.elements, elements, MAX_ACTIONS_ELEMENTS, (element, at) =>
        this.checkButton(element, at),
      );
    } else if (block.type !== 'divider') {
      this.report(path, `block type ${JSON.stringify(block.type)} is not one renderBlockKit emits`);
    }
  }

  private checkBlockId(blockId: unknown, path: string): void {
    if (blockId === undefined) return;
    if (typeof blockId !== 'string' || blockId === '') {
      this.report(path, 'not a non-empty string');
      return;
    }
    if (blockId.length > MAX_BLOCK_ID_LENGTH) this.report(path, tooLong(blockId, MAX_BLOCK_ID_LENGTH));
    if (this.blockIds.has(blockId)) this.report(path, `duplicate block_id ${JSON.stringify(blockId)}`);
    this.blockIds.add(blockId);
  }

  private checkSection(block: Json, path: string): void {
    if (block.text === undefined && block.fields === undefined) {
      this.report(path, 'section without text or fields');
      return;
    }
    if (block.text !== undefined) this.checkText(block.text, `${path}.text`, MAX_SECTION_TEXT_LENGTH);
    if (block.fields !== undefined) {
      this.checkList(block.fields, `${path}.fields`, MAX_SECTION_FIELDS, (field, at) =>
        this.checkText(field, at, MAX_FIELD_TEXT_LENGTH),
      );
    }
  }

  private checkList(
    list: unknown,
    path: string,
    max: number,
    checkItem: (item: unknown, path: string) => void,
  ): void {
    if (!Array.isArray(list) || list.length === 0) {
      this.report(path, 'not a non-empty list');
      return;
    }
    if (list.length > max) this.report(path, `${list.length} items, over ${max}`);
    for (const [i, item] of list.entries()) checkItem(item, `${path}[${i}]`);
  }

  private checkButton(button: unknown, path: string): void {
    if (!isObject(button) || button.type !== 'button') {
      this.report(path, 'not a button');
      return;
    }
    this.checkText(button.text, `${path}.text`, MAX_BUTTON_TEXT_LENGTH, 'plain');
    const { action_id: actionId, value, url, style, confirm } = button;
    if (typeof actionId !== 'string' || actionId === '') {
      this.report(`${path}.action_id`, 'missing (the adapter routes clicks by it)');
    } else {
      if (actionId.length > MAX_ACTION_ID_LENGTH) {
        this.report(`${path}.action_id`, tooLong(actionId, MAX_ACTION_ID_LENGTH));
      }
      if (this.actionIds.has(actionId)) {
        this.report(`${path}.action_id`, `duplicate action_id ${JSON.stringify(actionId)}`);
      }
      this.actionIds.add(actionId);
    }
    if (value !== undefined) this.checkString(value, `${path}.value`, MAX_BUTTON_VALUE_LENGTH);
    if (url !== undefined) this.checkUrl(url, `${path}.url`);
    if (style !== undefined && style !== 'primary' && style !== 'danger') {
      this.report(`${path}.style`, `${JSON.stringify(style)} is not primary or danger`);
    }
    if (confirm !== undefined) this.checkConfirm(confirm, `${path}.confirm`);
  }

  private checkUrl(url: unknown, path: string): void {
    if (!this.checkString(url, path, MAX_BUTTON_URL_LENGTH)) return;
    if (!URL.canParse(String(url))) this.report(path, 'not a valid URL');
  }

  private checkConfirm(confirm: unknown, path: string): void {
    if (!isObject(confirm)) {
      this.report(path, 'not a confirmation dialog object');
      return;
    }
    this.checkText(confirm.title, `${path}.title`, MAX_CONFIRM_TITLE_LENGTH, 'plain');
    this.checkText(confirm.text, `${path}.text`, MAX_CONFIRM_TEXT_LENGTH);
    this.checkText(confirm.confirm, `${path}.confirm`, MAX_CONFIRM_BUTTON_LENGTH, 'plain');
    this.checkText(confirm.deny, `${path}.deny`, MAX_CONFIRM_BUTTON_LENGTH, 'plain');
    if (confirm.style !== undefined && confirm.style !== 'primary' && confirm.style !== 'danger') {
      this.report(`${path}.style`, `${JSON.stringify(confirm.style)} is not primary or danger`);
    }
  }

  /** A text object: plain_text (or mrkdwn where allowed) with 1 to `max` characters. */
  private checkText(text: unknown, path: string, max: number, only?: 'plain'): void {
    if (!isObject(text)) {
      this.report(path, 'not a text object');
      return;
    }
    if (text.type !== 'plain_text' && (only === 'plain' || text.type !== 'mrkdwn')) {
      this.report(
        path,
        `type ${JSON.stringify(text.type)} where ${only ? 'plain_text' : 'a text object'} belongs`,
      );
    }
    this.checkString(text.text, `${path}.text`, max);
  }

  private checkString(value: unknown, path: string, max: number): boolean {
    if (typeof value !== 'string' || value === '') {
      this.report(path, 'not a non-empty string');
      return false;
    }
    if (value.length > max) this.report(path, tooLong(value, max));
    return true;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tooLong(value: string, max: number): string {
  return `${value.length} characters, over ${max}`;
}

/**
 * The problems Slack would have with a message: what it refuses (`invalid_blocks`,
 * `msg_blocks_too_long`) or silently truncates, and what the adapter relies on (a fallback text,
 * unique action ids). Empty when the message is fine. Lengths count UTF-16 units, which is never
 * less than Slack's count of characters.
 */
export function checkBlockKit(message: unknown): string[] {
  if (!isObject(message)) return ['message is not a JSON object'];
  const checker = new BlockKitChecker();
  checker.checkMessage(message);
  return checker.problems;
}
