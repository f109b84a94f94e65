/**
 * The second line of defence for text: secrets the bot knows the shape of, masked wherever they
 * turn up in a log message (a library's debug line, an error's text). Path redaction in the logger
 * only sees object keys; this sees strings. The first line stays: never log a secret at all.
 */
const shapes: [RegExp, string][] = [
  // Slack tokens: bot, user, app-level, configuration, refresh.
  [/\bx(?:ox[abeoprs]|app)-[A-Za-z0-9-]{8,}/g, '[redacted]'],
  // A bearer token or basic credentials in a header someone printed.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  // The password in a URL: postgres://user:password@host.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, '$1[redacted]@'],
];

export function redactSecretShapes(text: string): string {
  let result = text;
  for (const [shape, replacement] of shapes) result = result.replace(shape, replacement);
  return result;
}
