/**
 * Sentinel's DynamoDB rate limiter, ratelimit/dynamodb.go at b6142c9e: the two UpdateItem requests
 * it sends. Its client interface has UpdateItem only (lines 17-19). There is no item struct: the
 * item is what the updates set, `PK`, `Count`, `WindowStart` and `TTL` (comment at lines 24-28).
 */
import { rfc3339, s } from './source.js';

/** The Lambda's default window, SENTINEL_RATE_LIMIT_WINDOW unset (lambda/config.go:86, 349-356). */
export const DEFAULT_WINDOW_MS = 60_000;

/** Go's zero time, January 1 of year 1 UTC, in Unix milliseconds: Time.Truncate rounds down since it. */
const GO_ZERO_MS = -62_135_596_800_000;

/** The item key: "RL#" + the caller (dynamodb.go:65, 123); the Lambda passes the caller's user ARN (lambda/handler.go:79). */
export const rateLimitKey = (caller: string) => `RL#${caller}`;

/**
 * The window `now` falls in, as Allow computes it (dynamodb.go:59-63, again in resetAndIncrement
 * 119-121): `now.Truncate(window)` formatted RFC 3339 to the second (the Lambda runs in UTC), and a
 * TTL one hour after the window ends, in Unix seconds.
 */
export function rateWindow(now: Date, windowMs = DEFAULT_WINDOW_MS): { start: string; ttl: string } {
  const startMs = now.getTime() - ((now.getTime() - GO_ZERO_MS) % windowMs);
  return { start: rfc3339(new Date(startMs)), ttl: String(Math.floor((startMs + windowMs + 3_600_000) / 1000)) };
}

/** Every attribute goes through a name: COUNT and TTL are DynamoDB reserved words. */
const NAMES = { '#count': 'Count', '#ws': 'WindowStart', '#ttl': 'TTL' };

export const rateLimiter = {
  /**
   * Allow, dynamodb.go:70-89: add one to Count within the current window; the first request of a
   * caller creates the item. Fails with ConditionalCheckFailed when the item holds another window.
   */
  allow: (table: string, caller: string, now: Date, windowMs = DEFAULT_WINDOW_MS) => {
    const window = rateWindow(now, windowMs);
    return {
      TableName: table,
      Key: { PK: s(rateLimitKey(caller)) },
      UpdateExpression: 'SET #count = if_not_exists(#count, :zero) + :one, #ws = if_not_exists(#ws, :ws), #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(#ws) OR #ws = :ws',
      ExpressionAttributeNames: NAMES,
      ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' }, ':ws': s(window.start), ':ttl': { N: window.ttl } },
      ReturnValues: 'ALL_NEW' as const,
    };
  },
  /**
   * resetAndIncrement, dynamodb.go:126-143, sent when Allow's condition fails (94-98): Count back
   * to 1 in the new window, with no condition.
   */
  resetAndIncrement: (table: string, caller: string, now: Date, windowMs = DEFAULT_WINDOW_MS) => {
    const window = rateWindow(now, windowMs);
    return {
      TableName: table,
      Key: { PK: s(rateLimitKey(caller)) },
      UpdateExpression: 'SET #count = :one, #ws = :ws, #ttl = :ttl',
      ExpressionAttributeNames: NAMES,
      ExpressionAttributeValues: { ':one': { N: '1' }, ':ws': s(window.start), ':ttl': { N: window.ttl } },
      ReturnValues: 'ALL_NEW' as const,
    };
  },
};
