/** How much of the user's own text a message repeats: enough to recognise it, never a wall. */
export const ECHO_LENGTH = 40;

/**
 * Wraps user input in a `code` span for a message. Backticks inside would end the span and let
 * the rest be read as markdown, so they become plain quotes; angle brackets become look-alikes so
 * Slack cannot read `<!channel>` out of an echo. Long input is cut.
 */
export function quoteUserText(text: string, max = ECHO_LENGTH): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length === 0) return '` `';
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
  return `\`${neutralise(cut)}\``;
}

/** The same neutralising without the span, for suggestions that become buttons or code later. */
export function neutralise(text: string): string {
  return text.replace(/`/g, "'").replace(/</g, '‹').replace(/>/g, '›');
}
