import { describe, expect, it } from 'vitest';
import { ConfigError, readAppConfig } from '../../src/config/app-config.js';

/** The variables of the security settings (docs/security.md): bad values stop the start with the fix. */
describe('security settings', () => {
  it('takes HOST as an IP address or localhost', () => {
    expect(readAppConfig({}).HOST).toBeUndefined();
    expect(readAppConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(readAppConfig({ HOST: '::' }).HOST).toBe('::');
    expect(readAppConfig({ HOST: 'localhost' }).HOST).toBe('localhost');
  });

  it.each([
    [{ HOST: 'example.com' }, 'HOST', '0.0.0.0 or :: (every interface)'],
    [{ HOST: '0.0.0.0:3978' }, 'HOST', 'PORT'],
    [{ METRICS_TOKEN: 'short-secret' }, 'METRICS_TOKEN', 'openssl rand -hex 32'],
    [{ RATE_LIMIT_READS_PER_MINUTE: '0' }, 'RATE_LIMIT_READS_PER_MINUTE', 'reads (and dry runs)'],
    [{ RATE_LIMIT_READS_PER_MINUTE: 'many' }, 'RATE_LIMIT_READS_PER_MINUTE', 'e.g. 60'],
    [{ RATE_LIMIT_READS_PER_MINUTE: '1.5' }, 'RATE_LIMIT_READS_PER_MINUTE', 'a whole number'],
    [{ METRICS_TOKEN: 'a token with spaces in it' }, 'METRICS_TOKEN', 'Authorization: Bearer <token>'],
  ])('rejects %o naming %s and the fix', (env, variable, fix) => {
    expect(() => readAppConfig(env)).toThrow(ConfigError);
    expect(() => readAppConfig(env)).toThrow(variable);
    expect(() => readAppConfig(env)).toThrow(fix);
  });

  it('limits reads to 60 a minute per person unless told otherwise', () => {
    expect(readAppConfig({}).RATE_LIMIT_READS_PER_MINUTE).toBe(60);
    expect(readAppConfig({ RATE_LIMIT_READS_PER_MINUTE: '200' }).RATE_LIMIT_READS_PER_MINUTE).toBe(200);
  });

  it('takes a METRICS_TOKEN of 16 characters or more, and never echoes a rejected one', () => {
    expect(() => readAppConfig({ METRICS_TOKEN: 'short-secret' })).not.toThrow('short-secret');
    expect(readAppConfig({}).METRICS_TOKEN).toBeUndefined();
    expect(readAppConfig({ METRICS_TOKEN: '0123456789abcdef' }).METRICS_TOKEN).toBe('0123456789abcdef');
  });
});
