import { slackSignature } from '../test/support/fake-slack-api.js';
import { type LatencySummary, percentile } from './measure-reply-latency.js';

/** The demo estate's VMs: a burst spreads its snapshots over them, as a team's commands would. */
const vms = ['vm-web-01', 'vm-web-02', 'vm-api-01', 'vm-sql-01', 'vm-crm-01', 'vm-crm-02', 'vm-dev-01'];

/**
 * Posts signed slash commands (`snapshot <vm>`) to `botUrl`/slack/events in bursts of
 * `concurrency` sent at once, `bursts` times, with `pauseMs` between bursts, and measures each
 * request from the POST to the HTTP answer: the ack Slack waits 3 s for.
 */
export async function measureSlackAcks(options: {
  botUrl: string;
  signingSecret: string;
  concurrency: number;
  bursts: number;
  pauseMs: number;
}): Promise<LatencySummary & { concurrency: number }> {
  const samples: number[] = [];
  let sent = 0;
  const one = async () => {
    const index = sent++;
    const body = new URLSearchParams({
      command: '/recovery',
      text: `snapshot ${vms[index % vms.length]}`,
      user_id: 'U0ALICE',
      user_name: 'alice',
      channel_id: `C0BENCH${index % 20}`,
      team_id: 'T0BENCH',
      trigger_id: `bench-${Date.now()}-${index}`,
      response_url: 'http://127.0.0.1:9/unused',
    }).toString();
    const headers = slackSignature(options.signingSecret, body, Math.floor(Date.now() / 1000));
    const started = performance.now();
    const response = await fetch(`${options.botUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`The ack was ${response.status}`);
    samples.push(performance.now() - started);
  };
  for (let burst = 0; burst < options.bursts; burst++) {
    await Promise.all(Array.from({ length: options.concurrency }, one));
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
  samples.sort((a, b) => a - b);
  return {
    requests: samples.length,
    concurrency: options.concurrency,
    medianMs: percentile(samples, 0.5),
    p99Ms: percentile(samples, 0.99),
  };
}
