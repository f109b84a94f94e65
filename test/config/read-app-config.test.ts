import { describe, expect, it } from 'vitest';
import { ConfigError, readAppConfig } from '../../src/config/app-config.js';

describe('readAppConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const config = readAppConfig({});
    expect(config).toMatchObject({
      PORT: 3978,
      AZURE_BACKEND: 'simulator',
      SIMULATOR_SPEED: 60,
      DATA_DIR: './data',
      CHATOPS_POLICY: 'config/policy.yaml',
      MicrosoftAppId: '',
      LOG_LEVEL: 'info',
    });
    expect(config.AZURE_SUBSCRIPTION_IDS).toEqual([]);
  });

  it('treats empty variables as unset', () => {
    expect(readAppConfig({ PORT: '', SIMULATOR_SPEED: '' }).PORT).toBe(3978);
  });

  it('parses lists and numbers', () => {
    const config = readAppConfig({
      PORT: '8080',
      AZURE_BACKEND: 'azure',
      AZURE_SUBSCRIPTION_IDS: '00000000-0000-0000-0000-000000000001, 00000000-0000-0000-0000-000000000002',
      SIMULATOR_SPEED: '600',
    });
    expect(config.PORT).toBe(8080);
    expect(config.AZURE_SUBSCRIPTION_IDS).toHaveLength(2);
    expect(config.SIMULATOR_SPEED).toBe(600);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'port number'],
    [{ PORT: '70000' }, 'PORT', 'port number'],
    [{ AZURE_BACKEND: 'aws' }, 'AZURE_BACKEND', '"simulator"'],
    [{ SIMULATOR_SPEED: '-1' }, 'SIMULATOR_SPEED', 'positive number'],
    [{ SIMULATOR_URL: 'ftp://x' }, 'SIMULATOR_URL', 'npm run simulator'],
    [{ AZURE_SUBSCRIPTION_IDS: 'not-a-guid' }, 'AZURE_SUBSCRIPTION_IDS', 'GUID'],
    [{ SLACK_BOT_TOKEN: 'abc' }, 'SLACK_BOT_TOKEN', 'xoxb-'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'one of'],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318' },
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'http://localhost:4318',
    ],
    [
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://x:4317' },
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
      '/v1/traces',
    ],
    [{ OTEL_TRACES_EXPORTER: 'jaeger' }, 'OTEL_TRACES_EXPORTER', '"otlp"'],
  ])('rejects %o naming %s and the fix', (env, variable, fix) => {
    const error = catchError(() => readAppConfig(env));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(fix);
  });

  it('needs subscriptions for real Azure and a password with an app id', () => {
    expect(catchError(() => readAppConfig({ AZURE_BACKEND: 'azure' })).message).toContain(
      'AZURE_SUBSCRIPTION_IDS',
    );
    expect(catchError(() => readAppConfig({ MicrosoftAppId: 'abc' })).message).toContain(
      'MicrosoftAppPassword',
    );
    const singleTenant = {
      MicrosoftAppId: 'abc',
      MicrosoftAppPassword: 'x',
      MicrosoftAppType: 'SingleTenant',
    };
    expect(catchError(() => readAppConfig(singleTenant)).message).toContain('MicrosoftAppTenantId');
  });

  it('never echoes a secret value in its message', () => {
    const error = catchError(() => readAppConfig({ SLACK_BOT_TOKEN: 'super-secret-value' }));
    expect(error.message).not.toContain('super-secret-value');
  });

  it('needs the Slack bot token with either the signing secret or an app-level token', () => {
    expect(() => readAppConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /neither SLACK_SIGNING_SECRET .* nor SLACK_APP_TOKEN/,
    );
    expect(() => readAppConfig({ SLACK_SIGNING_SECRET: 's' })).toThrow(/Slack needs SLACK_BOT_TOKEN/);
    expect(() => readAppConfig({ SLACK_APP_TOKEN: 'xapp-1' })).toThrow(/Slack needs SLACK_BOT_TOKEN/);
    expect(() => readAppConfig({ SLACK_BOT_TOKEN: 'xoxp-1', SLACK_SIGNING_SECRET: 's' })).toThrow(
      /starts with xoxb-/,
    );
    expect(() => readAppConfig({ SLACK_COMMAND: 'recovery' })).toThrow(/SLACK_COMMAND/);
    expect(readAppConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).SLACK_COMMAND).toBe(
      '/recovery',
    );
    expect(
      readAppConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_COMMAND: '/dr' })
        .SLACK_COMMAND,
    ).toBe('/dr');
  });

  it("takes botbuilder's endpoint settings, as URLs", () => {
    const config = readAppConfig({ ToBotFromChannelOpenIdMetadataUrl: 'https://login.example/openid' });
    expect(config.ToBotFromChannelOpenIdMetadataUrl).toBe('https://login.example/openid');
    expect(() => readAppConfig({ ToBotFromChannelOpenIdMetadataUrl: 'not a url' })).toThrow(
      /ToBotFromChannelOpenIdMetadataUrl/,
    );
  });

  it('takes SIMULATOR_SIGN_IN as on or off, and names it with the fix otherwise', () => {
    expect(readAppConfig({}).SIMULATOR_SIGN_IN).toBe('off');
    expect(readAppConfig({ SIMULATOR_SIGN_IN: 'on' }).SIMULATOR_SIGN_IN).toBe('on');
    expect(() => readAppConfig({ SIMULATOR_SIGN_IN: 'yes' })).toThrow(/SIMULATOR_SIGN_IN.*use "on"/s);
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
