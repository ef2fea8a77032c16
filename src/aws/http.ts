/**
 * How every AWS call this tool makes is bounded in time: a connection timeout, a per-attempt
 * deadline that covers the whole answer (status, headers and body, so an endpoint that drips one byte
 * a second cannot stretch it), a capped number of attempts, and a budget per call across attempts.
 * The SDK's own defaults wait 300 s per attempt and reset on every byte.
 * LimitExceededException is taken out of the SDK's throttling retries: the engine waits it out
 * itself, saying so (src/engine/steps.ts).
 */

import { UsageError } from '../core/errors.js';
import { callLine, callLogger } from './call-log.js';

/** Time to establish a TCP (and TLS) connection. */
export const CONNECT_TIMEOUT_MS = 5_000;
/** Time for one attempt, answer body included. SENTINEL_INIT_REQUEST_TIMEOUT_MS overrides it (tests). */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** Attempts per call when AWS_MAX_ATTEMPTS says nothing: survives three transient failures in a row and more. */
export const DEFAULT_MAX_ATTEMPTS = 6;
/** AWS_MAX_ATTEMPTS above this is capped, so a typo of 999999999 cannot make a run retry for days. */
export const MAX_ATTEMPTS_CAP = 10;

/** The timing of one run, read once from the environment. */
export interface CallLimits {
  attemptMs: number;
  maxAttempts: number;
  /** Budget for one call, all attempts and backoff together. */
  callMs: number;
}

/**
 * AWS_MAX_ATTEMPTS as a whole number of 1 or more, capped; the default when unset or empty. Anything
 * else is refused (exit 2): parseInt read `1e3` as 1 attempt and `lots` as the default, silently.
 */
function maxAttemptsFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_ATTEMPTS;
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1) {
    throw new UsageError(`AWS_MAX_ATTEMPTS "${value}" is not a whole number of attempts (1 or more).`, `Set it to e.g. 3, or unset it (the default is ${DEFAULT_MAX_ATTEMPTS}).`);
  }
  return Math.min(Number(value), MAX_ATTEMPTS_CAP);
}

/** Limits from AWS_MAX_ATTEMPTS (capped) and SENTINEL_INIT_REQUEST_TIMEOUT_MS. Throws UsageError for a bad AWS_MAX_ATTEMPTS. */
export function callLimits(env: NodeJS.ProcessEnv): CallLimits {
  const maxAttempts = maxAttemptsFrom(env.AWS_MAX_ATTEMPTS);
  const fromEnv = Number.parseInt(env.SENTINEL_INIT_REQUEST_TIMEOUT_MS ?? '', 10);
  const attemptMs = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : ATTEMPT_TIMEOUT_MS;
  // Every attempt may use its whole deadline; the SDK's backoff adds at most a few seconds between them.
  return { attemptMs, maxAttempts, callMs: attemptMs * maxAttempts + 5_000 };
}

/** An error the SDK's retry treats as transient (its name), and our sentences as a timeout (its code). */
export function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

/** Reads a response body to the end, so the attempt's deadline covers it; returns the bytes. */
async function readAll(body: unknown): Promise<Uint8Array | unknown> {
  if (!body || typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The SDK's Node handler, with each attempt ended by `attemptMs`, answer included, or failed with
 * TimeoutError. With `log` (--debug), each attempt is also told in one line (./call-log.ts).
 */
export async function boundedHandler(attemptMs: number, log?: (line: string) => void) {
  const { NodeHttpHandler } = await import('./sdk/http-handler.js');
  type Request = Parameters<InstanceType<typeof NodeHttpHandler>['handle']>[0];
  type Options = NonNullable<Parameters<InstanceType<typeof NodeHttpHandler>['handle']>[1]>;
  class BoundedHandler extends NodeHttpHandler {
    override async handle(request: Request, options: Options = {}) {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), attemptMs);
      const caller = options.abortSignal as AbortSignal | undefined;
      const signal = caller ? AbortSignal.any([deadline.signal, caller]) : deadline.signal;
      const started = Date.now();
      try {
        const out = await super.handle(request, { ...options, abortSignal: signal });
        out.response.body = await Promise.race([
          readAll(out.response.body),
          new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })),
        ]);
        log?.(callLine(request, { status: out.response.statusCode, headers: out.response.headers, body: out.response.body }, Date.now() - started));
        return out;
      } catch (error) {
        const failure = deadline.signal.aborted && !caller?.aborted ? timeoutError(`no complete answer within ${Math.round(attemptMs / 1000)} s`) : error;
        log?.(callLine(request, { error: failure }, Date.now() - started));
        throw failure;
      } finally {
        clearTimeout(timer);
      }
    }
  }
  return new BoundedHandler({ connectionTimeout: CONNECT_TIMEOUT_MS });
}

/**
 * The SDK's standard retries (throttling, 5xx, timeouts, resets) up to `maxAttempts`, except
 * LimitExceededException: DynamoDB says another table or index operation must finish first, which
 * takes minutes, not the SDK's backoff of milliseconds; the engine waits it out with its own backoff.
 */
export async function retryStrategy(maxAttempts: number) {
  const { StandardRetryStrategy } = await import('./sdk/retry.js');
  const standard = new StandardRetryStrategy(maxAttempts);
  return {
    mode: standard.mode,
    acquireInitialRetryToken: (scope: string) => standard.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: (token: Parameters<typeof standard.refreshRetryTokenForRetry>[0], info: Parameters<typeof standard.refreshRetryTokenForRetry>[1]) => {
      if ((info.error as { name?: string } | undefined)?.name === 'LimitExceededException') throw new Error('not retried here');
      return standard.refreshRetryTokenForRetry(token, info);
    },
    recordSuccess: (token: Parameters<typeof standard.recordSuccess>[0]) => standard.recordSuccess(token),
  };
}

/** Client settings every AWS client of a run shares: the bounded handler and the retry strategy. */
export async function clientTiming(env: NodeJS.ProcessEnv = process.env) {
  const limits = callLimits(env);
  return { limits, config: { requestHandler: await boundedHandler(limits.attemptMs, callLogger(env)), retryStrategy: await retryStrategy(limits.maxAttempts), maxAttempts: limits.maxAttempts } };
}

/**
 * Runs one SDK call within the call budget, stopped early by `signal` (Ctrl-C). When the budget runs
 * out the error is a TimeoutError saying so; a Ctrl-C stays an abort.
 */
export async function withinBudget<T>(limits: CallLimits, signal: AbortSignal | undefined, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(), limits.callMs);
  try {
    return await call(signal ? AbortSignal.any([signal, budget.signal]) : budget.signal);
  } catch (error) {
    if (budget.signal.aborted && !signal?.aborted) throw timeoutError(`no answer within ${Math.round(limits.callMs / 1000)} s (${limits.maxAttempts} attempts)`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
