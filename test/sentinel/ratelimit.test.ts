/** The limiter's window and item values as Go computes them (ratelimit/dynamodb.go:59-63 at b6142c9e). */
import { describe, expect, it } from 'vitest';
import { rateLimiter, rateWindow } from '../../src/sentinel/ratelimit.js';

describe('rateWindow', () => {
  it('the default 60 s window: the minute, to the second in UTC, and a TTL one hour after it ends (the audit\'s example item)', () => {
    // 12:00:17Z → window 12:00:00Z, TTL 13:01:00Z = 1748782860.
    expect(rateWindow(new Date('2025-06-01T12:00:17.250Z'))).toEqual({ start: '2025-06-01T12:00:00Z', ttl: '1748782860' });
  });

  it('truncates since Go\'s zero time, not the Unix epoch: a 7 s window differs', () => {
    // (1748779217 + 62135596800) % 7 = 0, while 1748779217 % 7 = 3.
    expect(rateWindow(new Date('2025-06-01T12:00:17Z'), 7_000)).toEqual({ start: '2025-06-01T12:00:17Z', ttl: '1748782824' });
  });
});

describe('rateLimiter', () => {
  it('keys the item RL#<caller> and aliases Count, WindowStart and TTL (reserved words)', () => {
    const at = new Date('2025-06-01T12:00:17Z');
    const allow = rateLimiter.allow('t', 'arn:aws:iam::123456789012:user/alice', at);
    expect(allow.Key).toEqual({ PK: { S: 'RL#arn:aws:iam::123456789012:user/alice' } });
    expect(allow.ExpressionAttributeNames).toEqual({ '#count': 'Count', '#ws': 'WindowStart', '#ttl': 'TTL' });
    expect(allow.ExpressionAttributeValues).toEqual({ ':zero': { N: '0' }, ':one': { N: '1' }, ':ws': { S: '2025-06-01T12:00:00Z' }, ':ttl': { N: '1748782860' } });
    const reset = rateLimiter.resetAndIncrement('t', 'arn:aws:iam::123456789012:user/alice', at);
    expect(reset).not.toHaveProperty('ConditionExpression');
    expect(reset.ExpressionAttributeValues).toEqual({ ':one': { N: '1' }, ':ws': { S: '2025-06-01T12:00:00Z' }, ':ttl': { N: '1748782860' } });
  });
});
