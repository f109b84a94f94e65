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
    [{ METRICS_TOKEN: 'a token with spaces in it' }, 'METRICS_TOKEN', 'Authorization: Bearer <token>'],
  ])('rejects %o naming %s and the fix', (env, variable, fix) => {
    expect(() => readAppConfig(env)).toThrow(ConfigError);
    expect(() => readAppConfig(env)).toThrow(variable);
    expect(() => readAppConfig(env)).toThrow(fix);
    for (const value of Object.values(env)) expect(() => readAppConfig(env)).not.toThrow(value);
  });

  it('takes a METRICS_TOKEN of 16 characters or more', () => {
    expect(readAppConfig({}).METRICS_TOKEN).toBeUndefined();
    expect(readAppConfig({ METRICS_TOKEN: '0123456789abcdef' }).METRICS_TOKEN).toBe('0123456789abcdef');
  });
});
