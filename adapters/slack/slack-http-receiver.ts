import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Request, Response } from 'express';
import type { Logger } from '../../src/observability/create-logger.js';
import { checkSlackRequest, parseSlackBody } from './verify-slack-request.js';

/**
 * Bolt's receiver for HTTP mode, mounted on the bot's own server at POST /slack/events (express
 * has already read the raw body, with its size limit). It verifies the request (see
 * checkSlackRequest), answers Slack's URL check, and hands the payload to Bolt with an `ack` that
 * answers the HTTP request: listeners ack first and work after, so Slack hears back at once.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly options: { signingSecret: string; log: Logger; now?: () => number }) {}

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** Express handler for POST /slack/events; `request.body` is the raw body (a Buffer). */
  async handle(request: Request, response: Response): Promise<void> {
    const { log } = this.options;
    const rawBody = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
    const check = checkSlackRequest({
      signingSecret: this.options.signingSecret,
      rawBody,
      signature: request.headers['x-slack-signature'],
      timestamp: request.headers['x-slack-request-timestamp'],
      nowMs: this.options.now?.() ?? Date.now(),
    });
    if (!check.ok) {
      log.warn({ reason: check.reason, ip: request.ip }, 'Slack request refused');
      response.status(check.status).json({ error: check.status === 401 ? 'unauthorized' : check.reason });
      return;
    }
    const parsed = parseSlackBody(rawBody, request.headers['content-type']);
    if (!parsed.ok) {
      log.info({ reason: parsed.reason }, 'Slack request refused');
      response.status(400).json({ error: parsed.reason });
      return;
    }
    const body = parsed.body;
    if (body.type === 'url_verification' && typeof body.challenge === 'string') {
      response.json({ challenge: body.challenge });
      return;
    }
    if (body.ssl_check) {
      response.status(200).end();
      return;
    }
    await this.dispatch(body, request, response);
  }

  private async dispatch(body: Record<string, unknown>, request: Request, response: Response): Promise<void> {
    const app = this.app;
    if (!app) throw new Error('SlackHttpReceiver used before Bolt initialised it');
    let acked = false;
    const retryNum = Number(request.headers['x-slack-retry-num']);
    const event: ReceiverEvent = {
      body,
      retryNum: Number.isInteger(retryNum) ? retryNum : undefined,
      retryReason: headerText(request.headers['x-slack-retry-reason']),
      customProperties: {},
      ack: async (answer?: unknown) => {
        if (acked) return;
        acked = true;
        if (answer === undefined || answer === '') response.status(200).end();
        else if (typeof answer === 'string') response.status(200).type('text/plain').send(answer);
        else response.status(200).json(answer);
      },
    };
    try {
      await app.processEvent(event);
    } catch (error) {
      this.options.log.error({ err: error }, 'Slack event failed');
      if (!acked) {
        acked = true;
        response.status(500).json({ error: 'internal error' });
      }
      return;
    }
    if (!acked) {
      // No listener took it (a payload type the bot does not use): say so rather than hang.
      acked = true;
      this.options.log.info({ type: body.type }, 'Slack payload not handled');
      response.status(404).json({ error: 'not handled' });
    }
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
