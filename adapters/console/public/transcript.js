import { renderCard } from './render-card.js';
import { renderMarkdown } from './render-markdown.js';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const STORAGE_KEY = 'console.transcript';
const MAX_ENTRIES = 150;

/**
 * The conversation as the page shows it: user messages right, bot messages left, notices in the
 * middle. Bot messages are keyed by activity id so updates and invoke responses replace them in
 * place. Kept in sessionStorage, so a reload shows the same conversation.
 */
export function createTranscript(list, { onCardAction }) {
  let entries = load();

  function save() {
    entries = entries.slice(-MAX_ENTRIES);
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(entries));
    } catch (error) {
      // A full sessionStorage only costs the reload history; the live page keeps working.
      console.warn('could not keep the transcript for a reload', error);
    }
  }

  /**
   * Whether the reader is following the newest messages (at or near the bottom). Measured before a
   * change: then the transcript follows it, as a new message or as a progress card that grows
   * into its result. A reader who scrolled up to read is left where they are.
   */
  function following() {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  function showNewest() {
    list.scrollTop = list.scrollHeight;
  }

  function append(entry) {
    const follow = following();
    entries.push(entry);
    list.append(renderEntry(entry, onCardAction));
    save();
    if (follow || entry.kind === 'user') showNewest();
  }

  function replace(id, activity) {
    const entry = entries.find((candidate) => candidate.kind === 'bot' && candidate.activity.id === id);
    if (!entry) return false;
    const follow = following();
    entry.activity = activity;
    const old = list.querySelector(`[data-activity-id="${CSS.escape(id)}"]`);
    const fresh = renderEntry(entry, onCardAction);
    const hadFocus = old?.contains(document.activeElement);
    old?.replaceWith(fresh);
    if (hadFocus) fresh.focus({ preventScroll: true });
    save();
    if (follow) showNewest();
    return true;
  }

  return {
    restore() {
      for (const entry of entries) list.append(renderEntry(entry, onCardAction));
      showNewest();
    },
    addUser(text, identity) {
      append({ kind: 'user', text, name: identity.name, at: new Date().toISOString() });
    },
    addNotice(text, tone = 'info') {
      append({ kind: 'notice', text, tone, at: new Date().toISOString() });
    },
    /** A connector event: a new bot message, an update of one, or a delete. */
    applyEvent({ type, activity }) {
      if (!activity || typeof activity.id !== 'string') return;
      if (type === 'delete') {
        replace(activity.id, { ...activity, type: 'message', text: '(message deleted)', attachments: [] });
      } else if (activity.type === 'message' && !replace(activity.id, activity)) {
        append({ kind: 'bot', activity });
      }
    },
    /** An invoke response's card replaces the card of the message whose button was clicked. */
    replaceCard(activityId, card) {
      const entry = entries.find(
        (candidate) => candidate.kind === 'bot' && candidate.activity.id === activityId,
      );
      if (!entry) return;
      replace(activityId, { ...entry.activity, attachments: [{ contentType: CARD_TYPE, content: card }] });
    },
    findMessage(activityId) {
      return list.querySelector(`[data-activity-id="${CSS.escape(activityId)}"]`);
    },
  };
}

function load() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(stored) ? stored : [];
  } catch (error) {
    console.warn('ignoring an unreadable stored transcript', error);
    return [];
  }
}

function renderEntry(entry, onCardAction) {
  const item = document.createElement('li');
  item.className = `message ${entry.kind}`;
  item.tabIndex = -1;
  if (entry.kind === 'notice') {
    item.classList.add(`notice-${entry.tone}`);
    item.textContent = entry.text;
    if (entry.tone === 'error') item.setAttribute('role', 'alert');
    return item;
  }
  if (entry.kind === 'user') {
    item.append(renderMeta(entry.name, entry.at), renderText(entry.text, false));
    return item;
  }
  const { activity } = entry;
  item.dataset.activityId = activity.id;
  item.append(renderMeta(activity.from?.name ?? 'Bot', activity.timestamp));
  if (activity.text) item.append(renderText(activity.text, activity.textFormat !== 'plain'));
  for (const attachment of activity.attachments ?? []) {
    item.append(renderAttachment(attachment, (action) => onCardAction(activity.id, action)));
  }
  return item;
}

function renderMeta(name, at) {
  const meta = document.createElement('div');
  meta.className = 'meta';
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = name;
  meta.append(who);
  const time = new Date(at ?? Date.now());
  if (!Number.isNaN(time.getTime())) {
    const when = document.createElement('time');
    when.dateTime = time.toISOString();
    when.textContent = time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    meta.append(' ', when);
  }
  return meta;
}

function renderText(text, markdown) {
  const body = document.createElement('div');
  body.className = 'text';
  if (markdown) body.append(renderMarkdown(text));
  else body.textContent = text;
  return body;
}

function renderAttachment(attachment, onAction) {
  const holder = document.createElement('div');
  holder.className = 'card';
  if (attachment.contentType !== CARD_TYPE) {
    holder.textContent = `(an attachment of type ${attachment.contentType} is not shown here)`;
    return holder;
  }
  try {
    holder.append(renderCard(attachment.content, onAction));
  } catch (error) {
    holder.classList.add('card-error');
    holder.textContent = `This card could not be shown: ${error instanceof Error ? error.message : String(error)}`;
  }
  return holder;
}
