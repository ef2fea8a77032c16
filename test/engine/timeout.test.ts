/**
 * The default --timeout: 30 minutes for a plan without index work, 60 with it (adding an index to
 * a table that holds data backfills it, which grows with the table). A run that gives up too early
 * tells the person it stopped waiting while DynamoDB was still fine.
 */
import { describe, expect, it } from 'vitest';
import { defaultTimeoutMs } from '../../src/engine/apply.js';
import { desiredTable, plan, type Change } from '../../src/engine/index.js';

const MINUTE = 60_000;
const withChanges = (changes: Change[]) => ({ ...plan(desiredTable('sessions', 't', true), undefined, 'eu-west-1'), changes });

describe('default timeout', () => {
  it('60 minutes when any index is added, awaited or removed; else 30', () => {
    const ttl: Change = { op: 'enable-ttl', target: 'ttl', attribute: 'ttl' };
    expect(defaultTimeoutMs(withChanges([ttl]))).toBe(30 * MINUTE);
    expect(defaultTimeoutMs(withChanges([]))).toBe(30 * MINUTE);
    expect(defaultTimeoutMs(withChanges([ttl, { op: 'add-index', target: 'gsi-user', partitionKey: 'user', sortKey: 'created_at' }]))).toBe(60 * MINUTE);
    expect(defaultTimeoutMs(withChanges([{ op: 'wait-index', target: 'gsi-user', status: 'CREATING' }, ttl]))).toBe(60 * MINUTE);
    expect(defaultTimeoutMs(withChanges([{ op: 'remove-index', target: 'gsi-device-id', partitionKey: 'device_id', reason: 'r' }]))).toBe(60 * MINUTE);
    // A new table's indexes are built empty, with the table: the create's 30 minutes.
    expect(defaultTimeoutMs(plan(desiredTable('sessions', 't', true), undefined, 'eu-west-1'))).toBe(30 * MINUTE);
  });
});
