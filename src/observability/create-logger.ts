import pino, { type Logger } from 'pino';
import { redactSecretShapes } from './redact-secret-shapes.js';

export type { Logger };

/** Whether pino knows the level (LOG_LEVEL is checked with its fix in src/config). */
export function isLogLevel(level: string): boolean {
  return level === 'silent' || Object.hasOwn(pino.levels.values, level);
}

/**
 * Structured JSON logs. Secrets are redacted by path, and by shape in the text of every message
 * (Slack tokens, bearer tokens, a URL's password), as a second line of defence; the first is never
 * to log them at all.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'recovery-chatops-bot' },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? redactSecretShapes(arg) : arg));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'password',
          '*.password',
          '*.*.password',
          'token',
          '*.token',
          '*.*.token',
          'secret',
          '*.secret',
          '*.*.secret',
          'clientSecret',
          '*.clientSecret',
          '*.*.clientSecret',
          'scriptContent',
          '*.scriptContent',
          '*.*.scriptContent',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
