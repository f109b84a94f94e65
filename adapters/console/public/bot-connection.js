/**
 * Talks to the bot as a Bot Framework channel does: activities are POSTed to /api/messages with
 * our connector as `serviceUrl`; the bot's replies come back through that connector, which pushes
 * them here as Server-Sent Events.
 */
export function createBotConnection({ conversationId, botAccount }) {
  const serviceUrl = `${window.location.origin}/console/`;

  /** POSTs one activity; resolves to {status, ok, body} (body parsed when JSON), never throws on HTTP errors. */
  async function postActivity(partial, from) {
    const activity = {
      id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      channelId: 'console',
      serviceUrl,
      from,
      recipient: botAccount,
      conversation: { id: conversationId, conversationType: 'personal' },
      locale: navigator.language || 'en-US',
      ...partial,
    };
    const response = await fetch('/api/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    return { status: response.status, ok: response.ok, body: await readBody(response), activity };
  }

  /** Opens the event stream from `after` (the last event id seen); EventSource reconnects by itself. */
  function openStream(after, onEvent, onStatus) {
    const query = new URLSearchParams({ conversationId });
    if (after) query.set('after', after);
    const source = new EventSource(`/console/stream?${query}`);
    source.onopen = () => onStatus('open');
    source.onerror = () => onStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    source.onmessage = (message) => {
      onEvent(JSON.parse(message.data), message.lastEventId);
    };
    return () => source.close();
  }

  return { postActivity, openStream, serviceUrl };
}

async function readBody(response) {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    // Not JSON (an HTML error page, a proxy's message): keep the text to show it.
    return { unparsedText: text.slice(0, 500), parseError: String(error) };
  }
}
