/**
 * `verify` for the rate-limit table: the Lambda's limiter (src/sentinel/ratelimit.ts) counting one
 * probe caller through both of its paths, the increment within a window and the reset when the
 * window rolls over, each answer checked against the item the limiter expects.
 */
import type { UpdateItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { DEFAULT_WINDOW_MS, rateLimiter, rateLimitKey, rateWindow } from '../sentinel/ratelimit.js';
import { attemptsOf } from './lost-answers.js';
import { Mismatch, type Check, type Probe } from './types.js';

/**
 * Fails unless the limiter's answer (ReturnValues ALL_NEW) is the item it should have made: PK,
 * WindowStart, TTL, and Count `count`. An answer lost after DynamoDB counted makes the SDK's retry
 * count again: with n attempts the item may hold up to n - 1 more, each one a call of ours, so that
 * Count is judged against the attempts made. Returns the Count the item holds now.
 */
function expectCounted(out: UpdateItemCommandOutput, key: string, count: number, window: { start: string; ttl: string }): number {
  const got = out.Attributes ?? {};
  const held = Number(got.Count?.N);
  const extra = held - count;
  const counted = Number.isInteger(extra) && extra >= 0 && extra < attemptsOf(out) ? held : count;
  const want: Record<string, { S: string } | { N: string }> = { PK: { S: key }, Count: { N: String(counted) }, WindowStart: { S: window.start }, TTL: { N: window.ttl } };
  const same = Object.keys(got).length === 4 && Object.entries(want).every(([name, value]) => JSON.stringify(got[name]) === JSON.stringify(value));
  if (!same) throw new Mismatch(`the limiter's item is ${JSON.stringify(got)}, expected ${JSON.stringify({ ...want, Count: { N: String(count) } })}`);
  return counted;
}

/** The limiter's two paths on one probe caller, in the order the Lambda meets them. */
export function rateLimitChecks(p: Probe): Check[] {
  // The Lambda keys by the caller's ARN (lambda/handler.go:79); the probe's caller is a probe name.
  const caller = `${p.prefix}caller`;
  const key = rateLimitKey(caller);
  const next = new Date(p.now.getTime() + DEFAULT_WINDOW_MS);
  const first = 'ratelimit.Allow (first request: creates the item, Count 1)';
  // The Count the item holds, so the next increment is judged from it.
  let held = 0;
  const rollover = 'ratelimit.Allow (next window: the condition fails, as the limiter expects)';
  return [
    {
      method: first,
      action: 'UpdateItem',
      creates: [key],
      run: async (api, t, sig) => (held = expectCounted(await api.updateItem(rateLimiter.allow(t, caller, p.now), sig), key, 1, rateWindow(p.now))),
    },
    {
      method: 'ratelimit.Allow (same window: Count 2)',
      action: 'UpdateItem',
      needs: [first],
      run: async (api, t, sig) => (held = expectCounted(await api.updateItem(rateLimiter.allow(t, caller, p.now), sig), key, held + 1, rateWindow(p.now))),
    },
    {
      // dynamodb.go:94-98: ConditionalCheckFailed is how the limiter learns the window rolled over.
      method: rollover,
      action: 'UpdateItem',
      needs: [first],
      run: async (api, t, sig) => {
        const failed = await api.updateItem(rateLimiter.allow(t, caller, next), sig).then(
          () => false,
          (error: unknown) => {
            if ((error as Error)?.name === 'ConditionalCheckFailedException') return true;
            throw error;
          },
        );
        if (!failed) throw new Mismatch('the update of a new window succeeded on the item of the previous one: the limiter would never reset');
      },
    },
    {
      method: 'ratelimit.resetAndIncrement (next window: Count back to 1)',
      action: 'UpdateItem',
      needs: [rollover],
      run: async (api, t, sig) => expectCounted(await api.updateItem(rateLimiter.resetAndIncrement(t, caller, next), sig), key, 1, rateWindow(next)),
    },
  ];
}
