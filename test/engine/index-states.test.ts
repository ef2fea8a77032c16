/**
 * Index states a person can meet on a real table that DynamoDB Local rarely shows: an index being
 * deleted (refused: the tool would otherwise plan nothing or add it back mid-delete), and an index
 * ACTIVE but still backfilling (not ready: Sentinel's queries on it would miss items).
 */
import type { DescribeTableCommandOutput, GlobalSecondaryIndexDescription } from '@aws-sdk/client-dynamodb';
import { describe as suite, expect, it } from 'vitest';
import type { DynamoApi } from '../../src/aws/types.js';
import { AwsFailure } from '../../src/core/errors.js';
import { describe, desiredTable, plan, type ProgressEvent } from '../../src/engine/index.js';
import { indexReady, newContext, settled, waitFor } from '../../src/engine/wait.js';
import { madeTable } from '../helpers/table-description.js';

const TABLE = 'sentinel-sessions';
const desired = desiredTable('sessions', TABLE, true);

type IndexNow = Pick<GlobalSecondaryIndexDescription, 'IndexStatus' | 'Backfilling'>;

/** DescribeTable answers for a sessions table whose indexes report `states[i]` on the i-th call (the last one sticks). */
function sessionsTable(states: Record<string, IndexNow>[]) {
  let calls = 0;
  const describeTable = async (): Promise<DescribeTableCommandOutput> => {
    const now = states[Math.min(calls++, states.length - 1)] ?? {};
    return { $metadata: {}, Table: madeTable('sessions', TABLE, {}, (name) => now[name] ?? {}) };
  };
  const meta = { $metadata: {} };
  const dynamo = {
    describeTable,
    describeTimeToLive: async () => ({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' }, ...meta }),
    describeContinuousBackups: async () => ({ ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' } }, ...meta }),
    listTagsOfResource: async () => ({ Tags: Object.entries(desired.tags).map(([Key, Value]) => ({ Key, Value })), ...meta }),
  } as unknown as DynamoApi;
  return { dynamo, calls: () => calls };
}

/** A run context that polls at once and records the progress it reports. */
function context(dynamo: DynamoApi) {
  const events: ProgressEvent[] = [];
  const ctx = newContext(dynamo, TABLE, { timeoutMs: 60_000, pollDelay: () => 1, onProgress: (e) => events.push(e) });
  const waiting = () => events.flatMap((e) => (e.type === 'waiting' ? [e.status] : []));
  return { ctx, waiting };
}

suite('an index being deleted', () => {
  it('is refused by the plan, saying which index and that nothing changed', async () => {
    const { dynamo } = sessionsTable([{ 'gsi-status': { IndexStatus: 'DELETING' } }]);
    const actual = await describe(dynamo, TABLE);
    expect(actual?.indexes.find((i) => i.name === 'gsi-status')?.status).toBe('DELETING');
    let refused: unknown;
    try {
      plan(desired, actual, 'eu-west-1');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AwsFailure);
    expect((refused as AwsFailure).message).toBe("Table sentinel-sessions cannot be used as Sentinel's table: index gsi-status is being deleted. Nothing was changed.");
    expect((refused as AwsFailure).hint).toBe('Wait until it is gone, then run again to add it back.');
  });
});

suite('an index ACTIVE but still backfilling', () => {
  it('is read from DescribeTable as backfilling and planned as a wait, not as ready', async () => {
    const { dynamo } = sessionsTable([{ 'gsi-profile': { IndexStatus: 'ACTIVE', Backfilling: true } }]);
    const actual = await describe(dynamo, TABLE);
    expect(actual?.indexes.find((i) => i.name === 'gsi-profile')).toMatchObject({ status: 'ACTIVE', backfilling: true });
    const p = plan(desired, actual, 'eu-west-1');
    expect(p.action).toBe('update');
    expect(p.changes).toEqual([{ op: 'wait-index', target: 'gsi-profile', status: 'ACTIVE (backfilling)' }]);
  });

  it('Backfilling false (as DynamoDB reports it once done) is ready', async () => {
    const { dynamo } = sessionsTable([{ 'gsi-profile': { IndexStatus: 'ACTIVE', Backfilling: false } }]);
    expect(plan(desired, await describe(dynamo, TABLE), 'eu-west-1').action).toBe('none');
  });

  it('the index wait goes on through ACTIVE (backfilling) and ends when the backfill does', async () => {
    const { dynamo, calls } = sessionsTable([
      { 'gsi-profile': { IndexStatus: 'CREATING', Backfilling: true } },
      { 'gsi-profile': { IndexStatus: 'ACTIVE', Backfilling: true } },
      { 'gsi-profile': { IndexStatus: 'ACTIVE', Backfilling: true } },
      { 'gsi-profile': { IndexStatus: 'ACTIVE' } },
    ]);
    const { ctx, waiting } = context(dynamo);
    const out = await waitFor(ctx, 'index:gsi-profile', indexReady('gsi-profile', false));
    expect(out.polls).toBe(4);
    expect(calls()).toBe(4);
    expect(waiting()).toEqual(['CREATING (backfilling)', 'ACTIVE (backfilling)', 'ACTIVE (backfilling)']);
  });

  it('holds back the next table change until the backfill ends, naming the index', async () => {
    const { dynamo } = sessionsTable([{ 'gsi-user': { IndexStatus: 'ACTIVE', Backfilling: true } }, { 'gsi-user': { IndexStatus: 'ACTIVE', Backfilling: false } }]);
    const { ctx, waiting } = context(dynamo);
    const out = await waitFor(ctx, 'wait-table', settled(TABLE));
    expect(out.polls).toBe(2);
    expect(waiting()).toEqual(['index gsi-user ACTIVE (backfilling)']);
  });
});
