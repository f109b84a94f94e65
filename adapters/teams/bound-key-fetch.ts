import { AuthenticationError } from 'botframework-connector';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor.js';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata.js';
import type { Logger } from '../../src/observability/create-logger.js';

/**
 * botframework-connector fetches the channel's OpenID metadata and signing keys with no time-out
 * and forgets a failure at once: while that endpoint hangs, every request with a well-formed token
 * waits on it, and each starts a fetch of its own. For each metadata URL the bot validates against,
 * this puts in botbuilder's own cache (one per URL, for the process) a key source that gives up
 * after `timeoutInMs` and then, for `failureMemoryInMs`, answers at once: with the keys it already
 * has, or with a 503 (an AuthenticationError that is not the caller's fault), and one log line.
 */
export interface KeyFetchLimits {
  timeoutInMs: number;
  failureMemoryInMs: number;
}

export const defaultKeyFetchLimits: KeyFetchLimits = { timeoutInMs: 10_000, failureMemoryInMs: 30_000 };

/** What botbuilder keeps per metadata URL (a private static of JwtTokenExtractor). */
const metadataCache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, OpenIdMetadata> })
  .openIdMetadataCache;

export function boundKeyFetches(metadataUrls: readonly string[], limits: KeyFetchLimits, log: Logger): void {
  for (const url of new Set(metadataUrls))
    metadataCache.set(url, new BoundedOpenIdMetadata(url, limits, log));
}

type OpenIdKey = Awaited<ReturnType<OpenIdMetadata['getKey']>>;

class BoundedOpenIdMetadata extends OpenIdMetadata {
  private failedUntil = 0;
  private failure = '';

  constructor(
    private readonly metadataUrl: string,
    private readonly limits: KeyFetchLimits,
    private readonly log: Logger,
  ) {
    super(metadataUrl);
  }

  override async getKey(keyId: string): Promise<OpenIdKey> {
    if (Date.now() < this.failedUntil) return this.keyOrUnavailable(keyId);
    try {
      return await withTimeout(super.getKey(keyId), this.limits.timeoutInMs);
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      this.failedUntil = Date.now() + this.limits.failureMemoryInMs;
      this.log.warn(
        { metadataUrl: this.metadataUrl, reason: this.failure, retryInMs: this.limits.failureMemoryInMs },
        'Bot Framework signing keys could not be fetched; requests with a token are answered 503 until the next try',
      );
      return this.keyOrUnavailable(keyId);
    }
  }

  /** The key from what was fetched before, if any; otherwise 503. */
  private keyOrUnavailable(keyId: string): OpenIdKey {
    const cached = (this as unknown as { findKey(id: string): OpenIdKey }).findKey(keyId);
    if (cached) return cached;
    throw new AuthenticationError(`Bot Framework signing keys unavailable: ${this.failure}`, 503);
  }
}

function withTimeout<T>(work: Promise<T>, timeoutInMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutInMs} ms`)), timeoutInMs);
  });
  // A fetch that answers after the time-out must not become an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
