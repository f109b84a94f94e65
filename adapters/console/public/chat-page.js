import { createBotConnection } from './bot-connection.js';
import { createTranscript } from './transcript.js';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
const TYPING_SHOWN_MS = 4000;

const elements = {
  botName: document.getElementById('bot-name'),
  streamStatus: document.getElementById('stream-status'),
  userSelect: document.getElementById('user-select'),
  transcript: document.getElementById('transcript'),
  working: document.getElementById('working'),
  form: document.getElementById('composer-form'),
  input: document.getElementById('message-input'),
  hint: document.getElementById('hint'),
};

/** Per browser tab: a reload keeps the conversation, a new tab starts a new one. */
const session = {
  get(key, fallback) {
    return sessionStorage.getItem(`console.${key}`) ?? fallback;
  },
  set(key, value) {
    sessionStorage.setItem(`console.${key}`, value);
  },
};

const conversationId = session.get('conversationId', `console-${crypto.randomUUID()}`);
session.set('conversationId', conversationId);

const state = {
  identities: [],
  identity: undefined,
  inFlight: 0,
  typingUntil: 0,
  history: [],
  historyIndex: 0,
};
const botAccount = { id: 'recovery-bot', name: 'Recovery bot', role: 'bot' };
const connection = createBotConnection({ conversationId, botAccount });
const transcript = createTranscript(elements.transcript, { onCardAction: handleCardAction });

function fromAccount() {
  const { name, aadObjectId } = state.identity;
  return { id: `console-${name}`, name, aadObjectId, role: 'user' };
}

async function start() {
  transcript.restore();
  state.history = JSON.parse(session.get('history', '[]'));
  state.historyIndex = state.history.length;
  const [settings, identities] = await Promise.all([
    getJson('/console/settings'),
    getJson('/console/identities'),
  ]);
  botAccount.name = settings.botName;
  elements.botName.textContent = settings.botName;
  document.title = `${settings.botName} · local chat`;
  setUpUserSwitcher(identities);
  connection.openStream(session.get('lastEventId', ''), handleStreamEvent, showStreamStatus);
  greetOnce();
  elements.form.addEventListener('submit', handleSubmit);
  elements.input.addEventListener('keydown', handleHistoryKeys);
  elements.hint.addEventListener('click', handleExampleClick);
  elements.input.focus();
}

/**
 * What Teams does when a bot is added to a chat: a conversationUpdate naming the bot among the
 * members added, which the bot answers with its welcome. Once per conversation (this tab's), so a
 * reload does not greet again; the bot also greets each conversation only once.
 */
function greetOnce() {
  if (session.get('greeted', '') === conversationId) return;
  session.set('greeted', conversationId);
  send({ type: 'conversationUpdate', membersAdded: [botAccount, fromAccount()] });
}

async function getJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

function setUpUserSwitcher(identities) {
  // Without demo identities in the policy, still chat, as a user the policy does not know.
  state.identities =
    identities.length > 0 ? identities : [{ name: 'guest', role: 'no role', aadObjectId: undefined }];
  const chosen = session.get('user', state.identities[0].name);
  state.identity = state.identities.find((identity) => identity.name === chosen) ?? state.identities[0];
  for (const identity of state.identities) {
    const option = document.createElement('option');
    option.value = identity.name;
    option.textContent = `${identity.name} (${identity.role})`;
    option.selected = identity === state.identity;
    elements.userSelect.append(option);
  }
  elements.userSelect.addEventListener('change', () => {
    state.identity = state.identities.find((identity) => identity.name === elements.userSelect.value);
    session.set('user', state.identity.name);
    transcript.addNotice(`You are now ${state.identity.name} (${state.identity.role}).`);
    elements.input.focus();
  });
}

function handleStreamEvent(event, lastEventId) {
  if (lastEventId) session.set('lastEventId', lastEventId);
  if (event.activity?.type === 'typing') {
    state.typingUntil = Date.now() + TYPING_SHOWN_MS;
    updateWorking();
    setTimeout(updateWorking, TYPING_SHOWN_MS + 50);
    return;
  }
  // A reply means the bot is no longer typing that one.
  if (event.type === 'activity') state.typingUntil = 0;
  transcript.applyEvent(event);
  updateWorking();
}

function showStreamStatus(status) {
  const labels = {
    open: 'connected',
    reconnecting: 'reconnecting…',
    closed: 'disconnected: reload the page',
  };
  elements.streamStatus.textContent = labels[status] ?? status;
  elements.streamStatus.dataset.status = status;
}

function updateWorking() {
  elements.working.hidden = state.inFlight === 0 && Date.now() >= state.typingUntil;
}

async function handleSubmit(event) {
  event.preventDefault();
  const text = elements.input.value.trim();
  if (!text) return;
  elements.input.value = '';
  rememberCommand(text);
  transcript.addUser(text, state.identity);
  await send({ type: 'message', text, textFormat: 'plain' });
}

/** Sends one activity; shows the working indicator meanwhile and a clear line when the bot says no. */
async function send(partial) {
  state.inFlight += 1;
  updateWorking();
  try {
    const result = await connection.postActivity(partial, fromAccount());
    if (!result.ok)
      transcript.addNotice(`The bot answered ${result.status}${describeBody(result.body)}`, 'error');
    return result;
  } catch (error) {
    transcript.addNotice(`Could not reach the bot at /api/messages: ${error.message}`, 'error');
    return undefined;
  } finally {
    state.inFlight -= 1;
    updateWorking();
  }
}

function describeBody(body) {
  const message = body?.error?.message ?? body?.message ?? body?.unparsedText;
  return message ? `: ${message}` : '.';
}

async function handleCardAction(activityId, action) {
  if (action.type === 'Action.OpenUrl') {
    if (/^https?:\/\//i.test(action.url ?? '')) window.open(action.url, '_blank', 'noopener');
    return;
  }
  if (action.type === 'Action.Submit') {
    // What a channel sends for a Submit: a message with no text and the data as value.
    await send({ type: 'message', text: '', value: action.data, replyToId: activityId });
    return;
  }
  if (action.type !== 'Action.Execute') return;
  const message = transcript.findMessage(activityId);
  message?.classList.add('busy');
  message?.setAttribute('aria-busy', 'true');
  const value = {
    action: { type: 'Action.Execute', verb: action.verb, data: action.data },
    trigger: 'manual',
  };
  const result = await send({ type: 'invoke', name: 'adaptiveCard/action', value, replyToId: activityId });
  message?.classList.remove('busy');
  message?.removeAttribute('aria-busy');
  if (result?.ok) applyInvokeResponse(activityId, result.body);
}

/** The invoke response: a card replaces the clicked one, a message is shown, an error is said. */
function applyInvokeResponse(activityId, body) {
  if (!body) return;
  if (body.statusCode >= 400 || body.type === 'application/vnd.microsoft.error') {
    transcript.addNotice(`The action failed: ${body.value?.message ?? `status ${body.statusCode}`}`, 'error');
  } else if (body.type === CARD_TYPE && body.value) {
    transcript.replaceCard(activityId, body.value);
  } else if (body.type === MESSAGE_TYPE && body.value) {
    const activity = {
      type: 'message',
      id: `invoke-${crypto.randomUUID()}`,
      from: botAccount,
      text: String(body.value),
    };
    transcript.applyEvent({
      type: 'activity',
      activity: { ...activity, timestamp: new Date().toISOString() },
    });
  }
}

function rememberCommand(text) {
  if (state.history.at(-1) !== text) state.history.push(text);
  state.history = state.history.slice(-50);
  state.historyIndex = state.history.length;
  session.set('history', JSON.stringify(state.history));
}

function handleHistoryKeys(event) {
  if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
  const step = event.key === 'ArrowUp' ? -1 : 1;
  const next = Math.max(0, Math.min(state.history.length, state.historyIndex + step));
  if (next === state.historyIndex) return;
  event.preventDefault();
  state.historyIndex = next;
  elements.input.value = state.history[next] ?? '';
}

function handleExampleClick(event) {
  const button = event.target.closest('button[data-command]');
  if (!button) return;
  elements.input.value = button.dataset.command;
  elements.input.focus();
}

start().catch((error) => {
  transcript.addNotice(`The chat page could not start: ${error.message}`, 'error');
});
