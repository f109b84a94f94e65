import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/create-logger.js';
import { textBuffer } from '../audit/audit-fixtures.js';

/**
 * The logger's second line of defence for text (issue 21): secrets of a known shape in a message
 * (a library's debug line, an error's text) are masked, in the bot's logger and its children.
 */
describe('secret shapes in log messages', () => {
  it('masks Slack tokens, bearer tokens and a URL password, and keeps the rest of the line', () => {
    const out = textBuffer();
    const log = createLogger('trace', out.stream);
    log
      .child({ component: 'slack' })
      .trace('http request headers: {"Authorization":"Bearer xoxb-12345-67890-abcdefSECRET"}');
    log.info('app token xapp-1-A0B1C2-345-abcdefSECRET2 in use');
    log.warn({ err: new Error('x') }, 'cannot reach postgres://postgres:Db-SECRET3@db.internal:5432/chatops');
    const text = out.text();
    expect(text).not.toMatch(/SECRET/);
    expect(text).toContain('http request headers');
    expect(text).toContain('postgres://postgres:[redacted]@db.internal:5432/chatops');
    expect(text).toContain('app token [redacted] in use');
  });
});
