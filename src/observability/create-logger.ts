import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets are redacted by path as a second line of defence; the first is
 * never to log them at all.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'recovery-chatops-bot' },
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
