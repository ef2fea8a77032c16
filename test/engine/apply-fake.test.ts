/** apply() against a small hand-written DynamoApi, for timings DynamoDB Local cannot produce. */
import type { DescribeTableCommandOutput, TableDescription } from '@aws-sdk/client-dynamodb';
import { describe as suite, expect, it } from 'vitest';
import type { DynamoApi } from '../../src/aws/types.js';
import { apply, describe, desiredTable, plan, type ProgressEvent } from '../../src/engine/index.js';
import { Interrupted } from '../../src/core/errors.js';
import { madeTable, tableArn } from '../helpers/table-description.js';

const ARN = tableArn('sentinel-requests');
const meta = { $metadata: {} };

/** An approvals table that reports `statuses` in turn on DescribeTable (the last one sticks). */
function fakeTable(statuses: string[], hang = false) {
  const calls: string[] = [];
  let seen = 0;
  const table = (): TableDescription => ({
    ...madeTable('approvals', 'sentinel-requests', { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' } }),
    TableStatus: statuses[Math.min(seen++, statuses.length - 1)] as TableDescription['TableStatus'],
  });
  const dynamo: DynamoApi = {
    describeTable: (_name, signal) => {
      calls.push('DescribeTable');
      if (hang && seen > 0) {
        return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
      }
      return Promise.resolve({ Table: table(), ...meta } as DescribeTableCommandOutput);
    },
    describeTimeToLive: async () => (calls.push('DescribeTimeToLive'), { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' }, ...meta }),
    createTable: async () => (calls.push('CreateTable'), meta),
    updateTable: async () => (calls.push('UpdateTable'), meta),
    updateTimeToLive: async () => (calls.push('UpdateTimeToLive'), meta),
    // Point-in-time recovery on and the tool's tags in place: only the table's status is at stake here.
    describeContinuousBackups: async () => (
      calls.push('DescribeContinuousBackups'),
      { ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' } }, ...meta }
    ),
    updateContinuousBackups: async () => (calls.push('UpdateContinuousBackups'), meta),
    listTagsOfResource: async () => (
      calls.push('ListTagsOfResource'),
      { Tags: [{ Key: 'managed-by', Value: 'sentinel-init' }, { Key: 'sentinel:table-kind', Value: 'approvals' }], ...meta }
    ),
    tagResource: async () => (calls.push('TagResource'), meta),
  };
  return { dynamo, calls };
}

const desired = desiredTable('approvals', 'sentinel-requests', true);

suite('apply on a table someone else is still creating', () => {
  it('waits, reporting each poll, then has nothing else to do', async () => {
    const { dynamo, calls } = fakeTable(['CREATING', 'CREATING', 'CREATING', 'ACTIVE']);
    const p = plan(desired, await describe(dynamo, 'sentinel-requests'), 'eu-west-1');
    expect(p.changes).toEqual([{ op: 'wait-table', target: 'sentinel-requests', status: 'CREATING' }]);
    const events: ProgressEvent[] = [];
    const result = await apply(p, dynamo, { onProgress: (e) => events.push(e), pollDelay: () => 1 });
    expect(result).toMatchObject({ status: 'updated', tableArn: ARN });
    expect(events.filter((e) => e.type === 'waiting').map((e) => e.type === 'waiting' && e.status)).toEqual(['CREATING', 'CREATING']);
    expect(events.at(-1)).toMatchObject({ type: 'done', id: 'wait-table', polls: 3 });
    // Reads only: describes and the tag listing, no change.
    expect(calls.filter((c) => !c.startsWith('Describe') && c !== 'ListTagsOfResource')).toEqual([]);
  });

  it('a plan with nothing to do makes no calls at all', async () => {
    const { dynamo, calls } = fakeTable(['ACTIVE']);
    const p = plan(desired, await describe(dynamo, 'sentinel-requests'), 'eu-west-1');
    calls.length = 0;
    expect(await apply(p, dynamo)).toMatchObject({ status: 'unchanged', tableArn: ARN });
    expect(calls).toEqual([]);
  });

  it('an abort during an in-flight DescribeTable stops at once with Interrupted', async () => {
    const { dynamo } = fakeTable(['CREATING', 'CREATING'], true);
    const p = plan(desired, await describe(dynamo, 'sentinel-requests'), 'eu-west-1');
    const controller = new AbortController();
    const running = apply(p, dynamo, { signal: controller.signal, onProgress: (e) => e.type === 'step' && setTimeout(() => controller.abort(), 5) });
    await expect(running).rejects.toThrow(Interrupted);
    await expect(running).rejects.toThrow('Stopped while waiting. Nothing was changed.');
  });

  it('an abort while CreateTable is unanswered says it may have happened and a rerun finishes it', async () => {
    const { dynamo } = fakeTable(['ACTIVE']);
    const controller = new AbortController();
    dynamo.createTable = (_input, signal) =>
      new Promise((_, reject) => signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
    // Not created (yet): the closing describe must say so, not claim the table.
    dynamo.describeTable = async () => Promise.reject(Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException' }));
    const running = apply(plan(desired, undefined, 'eu-west-1'), dynamo, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(running).rejects.toThrow(
      'Stopped while calling CreateTable. Table sentinel-requests does not exist. CreateTable was sent but its answer was lost or unreadable, so it may still take effect. Running again creates it.',
    );
  });
});
