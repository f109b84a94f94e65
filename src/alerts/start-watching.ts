import { randomBytes } from 'node:crypto';
import type { AzurePort } from '../azure/azure-port.js';
import type { AppConfig } from '../config/app-config.js';
import { type FireSchedulesOptions, fireDueSchedules } from '../schedules/fire-schedules.js';
import { DEFAULT_WATCH_SETTINGS, type WatchSettings } from './alert-kinds.js';
import { AlertWatcher, type PollOutcome } from './alert-watcher.js';

export interface Watching {
  /** One poll of the alert watchers now (it also runs every ALERT_POLL_SECONDS). */
  pollAlerts(): Promise<PollOutcome>;
  /** Fires the schedules that are due now (it also runs every 30 s); returns how many fired. */
  fireSchedules(): Promise<number>;
  stop(): void;
}

export interface WatchingOptions extends FireSchedulesOptions {
  config: AppConfig;
  azure: AzurePort;
}

/** The bot's own initiative: alert polls on a timer, and drill schedules every 30 s and at start. */
export function startWatching(options: WatchingOptions): Watching {
  const { config, log } = options;
  const pollMs = alertPollMs(config);
  const watcher = new AlertWatcher({
    ...options,
    log: log.child({ component: 'alerts' }),
    settings: watchSettingsOf(config),
    owner: `bot-${randomBytes(6).toString('hex')}`,
    leaseMs: pollMs * 3,
  });
  const pollAlerts = () => watcher.poll();
  const fireSchedules = () => fireDueSchedules(options);
  const alertTimer = setInterval(() => {
    pollAlerts().catch((error: unknown) => log.error({ err: error }, 'alert poll failed'));
  }, pollMs);
  alertTimer.unref();
  const sweep = () =>
    fireSchedules().catch((error: unknown) => log.error({ err: error }, 'schedule sweep failed'));
  const scheduleTimer = setInterval(sweep, 30_000);
  scheduleTimer.unref();
  // A run missed while the bot was down fires now, saying how late it is.
  void sweep();
  return {
    pollAlerts,
    fireSchedules,
    stop() {
      clearInterval(alertTimer);
      clearInterval(scheduleTimer);
    },
  };
}

/** How often the alert watchers poll: 5 min of Azure time, compressed by the simulator's speed. */
function alertPollMs(config: AppConfig): number {
  if (config.ALERT_POLL_SECONDS) return config.ALERT_POLL_SECONDS * 1000;
  if (config.AZURE_BACKEND === 'azure') return 300_000;
  return Math.max(5_000, Math.round(300_000 / config.SIMULATOR_SPEED));
}

function watchSettingsOf(config: AppConfig): WatchSettings {
  const targets = new Map(
    config.ALERT_RPO_TARGETS.map((entry) => {
      const [app = '', minutes = '15'] = entry.split('=');
      return [app.toLowerCase(), Number(minutes) * 60] as const;
    }),
  );
  return {
    ...DEFAULT_WATCH_SETTINGS,
    missedBackupHours: config.ALERT_MISSED_BACKUP_HOURS,
    rpoTargetSecondsOf: (app) => targets.get(app.toLowerCase()) ?? config.ALERT_RPO_TARGET_MINUTES * 60,
    drillMaxAgeDays: config.ALERT_DRILL_MAX_AGE_DAYS,
    drillCleanupAfterMs: config.DR_DRILL_CLEANUP_HOURS * 3_600_000,
  };
}
