import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { DestinationStream } from 'pino';
import { createConsoleChannel } from '../adapters/console/create-console-channel.js';
import { createSlackChannel } from '../adapters/slack/create-slack-channel.js';
import { createTeamsChannel, type TeamsChannelOptions } from '../adapters/teams/create-teams-channel.js';
import type { PollOutcome } from './alerts/alert-watcher.js';
import { startWatching } from './alerts/start-watching.js';
import { auditAzureChange, correlationHeaders } from './audit/audit-azure-change.js';
import { AuditLog } from './audit/audit-log.js';
import { resolveAzureCloud } from './azure/azure-cloud-endpoints.js';
import { parseVaultId, type RestoreDefaults, type VaultRef } from './azure/backup-port.js';
import { createAzureObserver } from './azure/create-azure-observer.js';
import { type AzureTarget, createAzureTarget } from './azure/create-compute-clients.js';
import { createInProcessHttpClient } from './azure/in-process-http-client.js';
import { SdkAzure } from './azure/sdk-azure.js';
import { chatByPlatform } from './chat/chat-by-platform.js';
import { type AppConfig, ConfigError, readAppConfig } from './config/app-config.js';
import { loadPolicy, PolicyError } from './config/policy.js';
import { chooseListenAddress } from './http/choose-listen-address.js';
import { createBotServer, type HttpServerLimits } from './http/create-bot-server.js';
import { createHttpApp } from './http/create-http-app.js';
import { createLogger, isLogLevel, type Logger } from './observability/create-logger.js';
import { Metrics } from './observability/metrics.js';
import { startTracing } from './observability/start-tracing.js';
import { createOperationRegistry, createResumeRegistry } from './operations/operation-registry.js';
import { CommandRouter, newCorrelationId } from './router/command-router.js';
import { createSimulator, type Simulator } from './simulator/create-simulator.js';
import { makeRehearsalIdentity, renderSignInFile } from './simulator/identity/make-rehearsal-identity.js';
import type { SimulatorHandler } from './simulator/simulator-types.js';
import { startSimulatorServer } from './simulator/start-simulator-server.js';
import { makeDataDir, openStoreAtStart } from './store/open-store-at-start.js';

/** The demo estate's subscription: the default scope when the simulator runs and none is configured. */
const demoSubscriptionId = '00000000-0000-0000-0000-000000000001';

export interface RunningBot {
  url: string;
  /** The embedded simulator, when there is one (tests reach its admin API through it). */
  simulator: Simulator | undefined;
  /** Runs the approval expiry sweep now (it also runs every 15 s). */
  expireApprovals(): Promise<number>;
  /** Runs one poll of the alert watchers now (it also runs every ALERT_POLL_SECONDS). */
  pollAlerts(): Promise<PollOutcome>;
  /** Fires the schedules that are due now (it also runs every 30 s); returns how many fired. */
  fireSchedules(): Promise<number>;
  close(): Promise<void>;
}

type Env = Record<string, string | undefined>;

export interface StartOptions {
  /** The bot's clock (ages, expiries, prune cut-offs); tests move it with the simulator's. */
  now?: () => Date;
  /**
   * How outbound Bot Framework tokens are obtained, instead of from Entra (tests, whose fake
   * connector is no token endpoint). botbuilder also asks this factory whether auth is on and
   * which app id a token must name, so it must keep those answers real (the tests subclass
   * botbuilder's own ConfigurationServiceClientCredentialFactory and change only createCredentials).
   */
  botFrameworkCredentials?: TeamsChannelOptions['credentialsFactory'];
  /** Where the JSON log lines go instead of stdout (tests read them for secrets). */
  logDestination?: DestinationStream;
  /** How long `close()` lets running commands finish before it stops them (default 20 s). */
  shutdownGraceMs?: number;
  /** Where spans go instead of the exporter the OTEL_* variables name (tests); turns tracing on. */
  spanProcessor?: SpanProcessor;
  /**
   * With AZURE_BACKEND=azure: what answers the sign-ins and ARM requests in this process instead of
   * the network (tests: a simulator that plays both Entra and Resource Manager, signing in for real).
   */
  azureHandler?: SimulatorHandler;
  /** The HTTP server's time limits and connection cap instead of the defaults (tests shorten them). */
  httpLimits?: Partial<HttpServerLimits>;
}

/**
 * The composition root: the only place that reads the environment (through src/config) and wires
 * simulator, SDK port, router and channels together. Tests call it with their own env.
 */
export async function startBot(env: Env, options: StartOptions = {}): Promise<RunningBot> {
  const config = readAppConfig(env);
  const log = createLogger(config.LOG_LEVEL, options.logDestination);
  const policy = loadPolicy(config.CHATOPS_POLICY);
  const metrics = new Metrics();
  makeDataDir(config.DATA_DIR);
  const store = await openStoreAtStart(config);
  const simulator = await startEmbeddedSimulator(config);
  const audit = new AuditLog(store, log, options.now);
  metrics.readFromStore({
    jobStates: async () =>
      countBy(
        [
          ...(await store.listJobs({ states: ['running'] })),
          ...(await store.listJobs({ states: ['succeeded', 'failed', 'cancelled'], limit: 500 })),
        ].map((job) => job.state),
      ),
    openAlerts: async () =>
      countBy((await store.alerts.listAlerts({ state: 'open' })).map((alert) => alert.kind)),
  });
  const azure = new SdkAzure(
    subscriptionsOf(config),
    {
      target: azureTargetOf(config, simulator, options.azureHandler),
      observer: createAzureObserver({
        metrics,
        headersFor: correlationHeaders,
        onChange: (change) => {
          auditAzureChange(audit, change).catch((error: unknown) =>
            log.error({ err: error, change }, 'a change Azure accepted could not be audited'),
          );
        },
      }),
      pollIntervalInMs: pollIntervalOf(config),
    },
    {
      backup: vaultsOf(config),
      restoreDefaults: restoreDefaultsOf(config),
      siteRecovery: siteRecoveryVaultsOf(config),
      drillCleanupAfterMs: config.DR_DRILL_CLEANUP_HOURS * 3_600_000,
    },
  );
  let router: CommandRouter | undefined;
  const teams = createTeamsChannel({
    auth: config,
    credentialsFactory: options.botFrameworkCredentials,
    onEvent: (event) => router?.handle(event) ?? Promise.resolve(),
    onAction: (event) =>
      router?.handleAction(event) ?? Promise.resolve({ message: 'The bot is starting; try again.' }),
    onInstalled: (conversation) => router?.welcome(conversation) ?? Promise.resolve(),
    newCorrelationId,
    log,
  });
  const slack = config.SLACK_BOT_TOKEN
    ? createSlackChannel({
        botToken: config.SLACK_BOT_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
        command: config.SLACK_COMMAND,
        onEvent: (event) => router?.handle(event) ?? Promise.resolve(),
        onAction: (event) =>
          router?.handleAction(event) ?? Promise.resolve({ message: 'The bot is starting; try again.' }),
        newCorrelationId,
        log,
      })
    : undefined;
  const chat = chatByPlatform({ teams: teams.chat, console: teams.chat, slack: slack?.chat });
  router = new CommandRouter({
    chat,
    azure,
    policy,
    store,
    audit,
    operations: createOperationRegistry({ portalUrl: portalUrlOf(config) }),
    resumers: createResumeRegistry(),
    log,
    metrics,
    now: options.now,
    jobLeases: { leaseMs: config.JOB_LEASE_SECONDS * 1000 },
    changeLimits: {
      perPerson: config.RATE_LIMIT_USER_PER_MINUTE,
      perChannel: config.RATE_LIMIT_CHANNEL_PER_MINUTE,
    },
    readsPerPerson: config.RATE_LIMIT_READS_PER_MINUTE,
  });
  const consoleChannel = createConsoleChannel({
    identities: policy.members.flatMap((m) =>
      m.console && m.teams ? [{ name: m.console, aadObjectId: m.teams, role: m.role }] : [],
    ),
  });
  const app = createHttpApp({
    log,
    metrics,
    botFramework: teams.handle,
    slack: slack?.handle,
    slackMode: slack?.mode ?? 'off',
    localChat: config.MicrosoftAppId ? undefined : consoleChannel.router,
    localOnly: !config.MicrosoftAppId,
    metricsToken: config.METRICS_TOKEN,
    health: async () => ({
      store: (await store.ping()) ? 'ok' : 'unreachable',
      ...(slack ? { slack: slack.health() } : {}),
      azure: config.AZURE_BACKEND,
      simulator: simulator ? 'embedded' : (config.SIMULATOR_URL ?? 'none'),
    }),
  });
  const listen = chooseListenAddress(config);
  const server = createBotServer(app, log, options.httpLimits).listen(config.PORT, listen.host);
  await new Promise<void>((done, fail) =>
    server.once('listening', done).once('error', (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'EADDRINUSE'
          ? new ConfigError(
              `The bot cannot start: port ${config.PORT} is in use. Fix: stop what uses it, or set PORT to a free port.`,
            )
          : error.code === 'EADDRNOTAVAIL'
            ? new ConfigError(
                `The bot cannot start: HOST=${config.HOST} is not an address of this machine. Fix: give one of its interfaces' addresses, 0.0.0.0 for all, or unset HOST.`,
              )
            : error,
      );
    }),
  );
  const url = listen.urlFor((server.address() as AddressInfo).port);
  if (!config.MicrosoftAppId && !listen.loopbackOnly)
    log.warn(
      { host: listen.host ?? 'every interface' },
      `AUTHENTICATION IS OFF (no MicrosoftAppId) and HOST=${config.HOST} opens the bot to the network: /slack/events and /healthz answer whoever reaches it. /api/messages and the local chat page still answer only this machine. Fix: set MicrosoftAppId and MicrosoftAppPassword, or unset HOST to listen on 127.0.0.1.`,
    );
  // Only once the bot is sure to start, so that a failed start leaves nothing registered globally.
  const tracing = await startTracing(config, log, options.spanProcessor);
  await slack?.start();
  // SQLite has one process: every job left running is its own. Replicas on PostgreSQL take only
  // the jobs whose owner stopped renewing them, at start and on a timer.
  const resume = (scope: 'all' | 'expired') =>
    router?.resumeJobs(scope).then(
      (count) => count > 0 && log.info({ count, scope }, 'took up jobs left running by another process'),
      (error: unknown) => log.error({ err: error }, 'could not resume unfinished jobs'),
    );
  void resume(config.DATABASE_URL ? 'expired' : 'all');
  const leaseMs = config.JOB_LEASE_SECONDS * 1000;
  const heartbeat = setInterval(() => {
    router
      ?.renewJobLeases()
      .catch((error: unknown) => log.warn({ err: error }, 'job lease heartbeat failed'));
  }, leaseMs / 3);
  heartbeat.unref();
  const takeover = setInterval(() => void resume('expired'), leaseMs / 2);
  takeover.unref();
  const expiry = setInterval(() => {
    router
      ?.expireApprovals()
      .catch((error: unknown) => log.error({ err: error }, 'approval expiry sweep failed'));
  }, 15_000);
  expiry.unref();
  const watching = startWatching({
    config,
    azure,
    store,
    chat,
    policy,
    log,
    now: options.now ?? (() => new Date()),
    newCorrelationId,
    runCommand: (event) => router?.handle(event) ?? Promise.resolve(),
  });
  log.info(
    {
      url,
      azure: config.AZURE_BACKEND,
      auth: config.MicrosoftAppId ? 'on' : 'off (local only)',
      listen: listen.host ?? 'every interface',
      slack: slack?.mode ?? 'off',
      tracing: tracing?.exportsTo ?? 'off',
    },
    'bot ready',
  );
  return {
    url,
    simulator,
    expireApprovals: () => router?.expireApprovals() ?? Promise.resolve(0),
    pollAlerts: () => watching.pollAlerts(),
    fireSchedules: () => watching.fireSchedules(),
    async close() {
      // The server stays up while commands finish: replies to the local chat come back through it.
      clearInterval(expiry);
      watching.stop();
      clearInterval(heartbeat);
      clearInterval(takeover);
      await router?.drain(options.shutdownGraceMs ?? 20_000);
      await slack?.stop();
      consoleChannel.close();
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await audit.flushBeforeClose();
      await store.close();
      await simulator?.close();
      // Last: it exports the spans of everything above.
      await tracing?.shutdown();
    },
  };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

async function startEmbeddedSimulator(config: AppConfig): Promise<Simulator | undefined> {
  if (config.AZURE_BACKEND !== 'simulator' || config.SIMULATOR_URL) return undefined;
  return createSimulator({
    estatePath: config.SIMULATOR_ESTATE,
    stateFile: join(config.DATA_DIR, 'simulator-state.json'),
    speed: config.SIMULATOR_SPEED,
  });
}

/** The Azure portal of the configured cloud (the simulator's estate stands for public Azure unless told). */
function portalUrlOf(config: AppConfig): string {
  return resolveAzureCloud({ cloud: config.AZURE_CLOUD, portalUrl: config.AZURE_PORTAL_URL }).portalUrl;
}

function azureTargetOf(
  config: AppConfig,
  simulator: Simulator | undefined,
  azureHandler: SimulatorHandler | undefined,
): AzureTarget {
  if (config.AZURE_BACKEND === 'azure') {
    const cloud = resolveAzureCloud({
      cloud: config.AZURE_CLOUD,
      resourceManagerUrl: config.AZURE_RESOURCE_MANAGER_URL,
      authorityHost: config.AZURE_AUTHORITY_HOST,
      resourceManagerAudience: config.AZURE_RESOURCE_MANAGER_AUDIENCE,
      disableInstanceDiscovery: config.AZURE_DISABLE_INSTANCE_DISCOVERY,
      portalUrl: config.AZURE_PORTAL_URL,
    });
    return createAzureTarget(cloud, azureHandler && createInProcessHttpClient(azureHandler));
  }
  if (simulator) return { kind: 'in-process', httpClient: createInProcessHttpClient(simulator.handle) };
  return { kind: 'simulator-url', url: config.SIMULATOR_URL ?? '' };
}

/** AZURE_POLL_SECONDS when set; else the simulator's pace, or for Azure the defaults (2 s operations, 15 s jobs). */
function pollIntervalOf(config: AppConfig): number | undefined {
  if (config.AZURE_POLL_SECONDS !== undefined) return Math.round(config.AZURE_POLL_SECONDS * 1000);
  return config.AZURE_BACKEND === 'simulator' ? simulatorPollMs(config.SIMULATOR_SPEED) : undefined;
}

/**
 * How often to poll the simulator's operations: what Azure's Retry-After would give, compressed
 * by SIMULATOR_SPEED (30 s of Azure time), between half a second (tests, demos) and 10 s (the
 * simulator at Azure's own pace, where hundreds of jobs polling twice a second would swamp it).
 */
function simulatorPollMs(speed: number): number {
  return Math.min(10_000, Math.max(500, Math.round(30_000 / speed)));
}

/** The demo estate's backup vault: the default with the simulator when none is configured. */
const demoVaultId = `/subscriptions/${demoSubscriptionId}/resourceGroups/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu`;

function vaultsOf(config: AppConfig): VaultRef[] {
  const ids =
    config.BACKUP_VAULT_IDS.length > 0 || config.AZURE_BACKEND === 'azure'
      ? config.BACKUP_VAULT_IDS
      : [demoVaultId];
  return ids.map((id) => parseVaultId(id)).filter((vault): vault is VaultRef => vault !== undefined);
}

/** The demo estate's Site Recovery vault (northeurope): the default with the simulator. */
const demoSiteRecoveryVaultId = `/subscriptions/${demoSubscriptionId}/resourceGroups/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu`;

function siteRecoveryVaultsOf(config: AppConfig): VaultRef[] {
  const ids =
    config.SITE_RECOVERY_VAULT_IDS.length > 0 || config.AZURE_BACKEND === 'azure'
      ? config.SITE_RECOVERY_VAULT_IDS
      : [demoSiteRecoveryVaultId];
  return ids.map((id) => parseVaultId(id)).filter((vault): vault is VaultRef => vault !== undefined);
}

/** The demo estate's production subnets: where restored VMs go by default with the simulator. */
const demoRestoreSubnetIds = [
  `/subscriptions/${demoSubscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod/subnets/snet-web`,
  `/subscriptions/${demoSubscriptionId}/resourceGroups/rg-crm-prod/providers/Microsoft.Network/virtualNetworks/vnet-crm-prod/subnets/snet-app`,
];

function restoreDefaultsOf(config: AppConfig): RestoreDefaults {
  const subnetIds =
    config.RESTORE_SUBNET_IDS.length > 0 || config.AZURE_BACKEND === 'azure'
      ? config.RESTORE_SUBNET_IDS
      : demoRestoreSubnetIds;
  return { subnetIds, stagingStorageAccountId: config.RESTORE_STAGING_STORAGE_ACCOUNT_ID };
}

function subscriptionsOf(config: AppConfig): string[] {
  if (config.AZURE_SUBSCRIPTION_IDS.length > 0) return config.AZURE_SUBSCRIPTION_IDS;
  return [demoSubscriptionId];
}

/** `npm run simulator`: the simulator alone, over HTTP and HTTPS, for any Azure client. */
async function startSimulatorOnly(env: Env, log: Logger): Promise<{ close(): Promise<void> }> {
  const config = readAppConfig(env);
  mkdirSync(config.DATA_DIR, { recursive: true });
  const rehearsal = config.SIMULATOR_SIGN_IN === 'on' ? makeRehearsalIdentity() : undefined;
  const simulator = await createSimulator({
    estatePath: config.SIMULATOR_ESTATE,
    stateFile: join(config.DATA_DIR, 'simulator-standalone-state.json'),
    speed: config.SIMULATOR_SPEED,
    identity: rehearsal?.identity,
  });
  const server = await startSimulatorServer({ simulator, certDir: join(config.DATA_DIR, 'simulator-cert') });
  log.info(
    { http: server.httpUrl, https: server.httpsUrl, caCert: server.certFile },
    `Azure simulator ready. Trust its certificate with NODE_EXTRA_CA_CERTS=${server.certFile}`,
  );
  if (rehearsal) {
    // The secret goes to a file only this user reads, never to the log (docs/simulator.md).
    const signInFile = join(config.DATA_DIR, 'simulator-sign-in.env');
    writeFileSync(signInFile, renderSignInFile(rehearsal.signIn, server.httpsUrl, server.certFile), {
      mode: 0o600,
    });
    chmodSync(signInFile, 0o600);
    log.info(
      { signInFile, tenantId: rehearsal.signIn.tenantId, clientId: rehearsal.signIn.clientId },
      `Sign-in is on: every ARM request needs a token. Source ${signInFile} for the rehearsal principal (Contributor).`,
    );
  }
  return {
    async close() {
      await server.close();
      await simulator.close();
    },
  };
}

async function runFromCommandLine(): Promise<void> {
  // An unknown LOG_LEVEL is for readAppConfig to refuse with its fix; this logger must not throw first.
  const level = process.env.LOG_LEVEL ?? 'info';
  const log = createLogger(isLogLevel(level) ? level : 'info');
  try {
    const running =
      process.argv[2] === 'simulator'
        ? await startSimulatorOnly(process.env, log)
        : await startBot(process.env);
    let stopping = false;
    // A signal can arrive twice (npm or tsx relays it, and a terminal sends it to the whole group);
    // the second must not cut the graceful shutdown short.
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down');
      // The drain is bounded, but a hung socket must not keep a stopped bot alive for ever.
      setTimeout(() => {
        log.error('shutdown took longer than 40 s; exiting anyway');
        process.exit(1);
      }, 40_000).unref();
      running.close().then(
        () => process.exit(0),
        (error) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    // The last line of defence: a library promise nobody awaited (a chat SDK's reconnect, say)
    // must not take the bot down in the middle of a failover. Logged as an error, to be fixed.
    process.on('unhandledRejection', (reason) => {
      log.error({ err: reason }, 'unhandled promise rejection; the bot keeps running');
    });
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PolicyError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  await runFromCommandLine();
}
