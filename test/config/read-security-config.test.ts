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
  ])('rejects %o naming %s and the fix', (env, variable, fix) => {
    expect(() => readAppConfig(env)).toThrow(ConfigError);
    expect(() => readAppConfig(env)).toThrow(variable);
    expect(() => readAppConfig(env)).toThrow(fix);
  });
});
