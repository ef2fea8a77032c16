/**
 * What the plan refuses, and what it tells the person to do about it (the hint is the next step
 * they take), and the index cases next to those refusals that it must not refuse.
 */
import { describe, expect, it } from 'vitest';
import { AwsFailure } from '../../src/core/errors.js';
import { desiredTable, plan, type ActualTable } from '../../src/engine/index.js';
import { matching } from './actual.js';

const REGION = 'eu-west-1';
const sessions = desiredTable('sessions', 'sentinel-sessions', true);
const withIndex = (name: string, over: Partial<ActualTable['indexes'][number]>): ActualTable => {
  const t = matching();
  t.indexes = t.indexes.map((i) => (i.name === name ? { ...i, ...over } : i));
  return t;
};
function refused(actual: ActualTable): { message: string; hint?: string } {
  try {
    plan(sessions, actual, REGION);
  } catch (error) {
    expect(error).toBeInstanceOf(AwsFailure);
    return { message: (error as AwsFailure).message, hint: (error as AwsFailure).hint };
  }
  throw new Error('plan accepted a table it should refuse');
}

const INDEX_HINT = 'An index cannot be changed in place: delete it yourself and run again, or use another --table.';

describe('refusals say what to do', () => {
  it('an index on another partition key (same sort key): refused, with how to fix it', () => {
    expect(refused(withIndex('gsi-user', { partitionKey: 'username' }))).toEqual({
      message: "Table sentinel-sessions cannot be used as Sentinel's table: index gsi-user has keys (username, created_at), Sentinel needs (user, created_at). Nothing was changed.",
      hint: INDEX_HINT,
    });
  });

  it('an index projecting less than ALL: the same hint', () => {
    expect(refused(withIndex('gsi-status', { projection: undefined }))).toEqual({
      message: "Table sentinel-sessions cannot be used as Sentinel's table: index gsi-status projects unknown, Sentinel needs ALL. Nothing was changed.",
      hint: INDEX_HINT,
    });
  });

  it('TTL on another attribute, or being disabled: when to run again', () => {
    expect(refused({ ...matching(), ttlStatus: 'ENABLING', ttlAttribute: 'expires' }).hint).toBe('Disable TTL on the table yourself (it can change once an hour), then run again.');
    expect(refused({ ...matching(), ttlStatus: 'DISABLING', ttlAttribute: 'ttl' }).hint).toBe('Run again later (TTL changes can take up to an hour).');
  });
});

describe('index cases that are not refused', () => {
  it('an index attribute the table does not define yet (its index is missing): the index is added', () => {
    const t = matching();
    t.indexes = t.indexes.filter((i) => i.name !== 'gsi-server-instance');
    delete t.attributeTypes.server_instance_id;
    expect(plan(sessions, t, REGION).changes).toEqual([{ op: 'add-index', target: 'gsi-server-instance', partitionKey: 'server_instance_id', sortKey: 'status' }]);
  });

  it('an index CREATING (not yet backfilling) is waited for, not added again', () => {
    expect(plan(sessions, withIndex('gsi-profile', { status: 'CREATING' }), REGION).changes).toEqual([{ op: 'wait-index', target: 'gsi-profile', status: 'CREATING' }]);
  });

  it('the retired gsi-device-id, ACTIVE: a plain removal (no status: apply sends the delete)', () => {
    const t = matching();
    t.indexes.push({ name: 'gsi-device-id', partitionKey: 'device_id', sortKey: 'created_at', projection: 'ALL', status: 'ACTIVE', backfilling: false });
    const [change] = plan(sessions, t, REGION).changes;
    expect(change).toEqual({ op: 'remove-index', target: 'gsi-device-id', partitionKey: 'device_id', reason: expect.any(String) });
    expect(change).not.toHaveProperty('status');
  });

  it('another index on device_id under another name is someone else\'s: left as is, said in a note', () => {
    const t = matching();
    t.indexes.push({ name: 'by-device', partitionKey: 'device_id', sortKey: 'created_at', projection: 'ALL', status: 'ACTIVE', backfilling: false });
    const p = plan(sessions, t, REGION);
    expect(p.changes).toEqual([]);
    expect(p.notes).toEqual(["Index by-device is not one of Sentinel's; left as is."]);
  });
});
