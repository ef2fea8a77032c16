/**
 * How many AWS calls each path makes, counted by the fault proxy: a create reads each setting back
 * once after its last change and asks nothing twice; a wait that just saw ACTIVE does not describe
 * again. The plan step is made the way the CLI's check makes it (src/service/check.ts): describe,
 * and for a missing table ask what the endpoint implements. The README's performance section lists
 * the same counts.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe as suite, expect, it } from 'vitest';
import type { DynamoApi } from '../../src/aws/types.js';
import { apply, describe, desiredTable, plan, unsupportedFeatures } from '../../src/engine/index.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { localWithStandIns } from '../helpers/local-stack.js';
import { api, goStyleSessionsTable, rawClient, REGION } from './support.js';

const stack = localWithStandIns(REGION);
/** A second proxy straight in front of DynamoDB Local (no PITR, no tags), as `--local` and the bench see it. */
let bare: FaultProxy;
beforeAll(async () => {
  bare = await startFaultProxy(stack.local.endpoint);
});
afterAll(async () => {
  await bare?.stop();
});

/** Every call made through `proxy` while `work` ran, by operation. */
async function calls(proxy: FaultProxy, work: () => Promise<unknown>): Promise<Record<string, number>> {
  const ops = ['CreateTable', 'UpdateTable', 'DescribeTable', 'DescribeTimeToLive', 'UpdateTimeToLive', 'DescribeContinuousBackups', 'UpdateContinuousBackups', 'ListTagsOfResource', 'TagResource'];
  const before = Object.fromEntries(ops.map((op) => [op, proxy.count(op)]));
  await work();
  const out: Record<string, number> = {};
  for (const op of proxy.operations()) {
    const n = proxy.count(op) - (before[op] ?? 0);
    if (n > 0) out[op] = n;
  }
  return out;
}

/** The check's reads: what --plan shows. */
async function check(dynamo: DynamoApi, table: string) {
  const actual = await describe(dynamo, table);
  const unsupported = actual ? [] : await unsupportedFeatures(dynamo, table);
  return plan(desiredTable('sessions', table, true), actual, REGION, unsupported);
}

/** One headless run: check, then apply. */
async function run(dynamo: DynamoApi, table: string) {
  const p = await check(dynamo, table);
  return apply(p, dynamo, { pollDelay: () => 20 });
}

suite('calls per run', () => {
  it('a create on DynamoDB Local: 6 calls, each setting read once after its change', async () => {
    const dynamo = await api(bare.endpoint);
    let status = '';
    const made = await calls(bare, async () => (status = (await run(dynamo, 'calls-local')).status));
    expect(status).toBe('created');
    expect(made).toEqual({ DescribeTable: 2, DescribeContinuousBackups: 1, CreateTable: 1, UpdateTimeToLive: 1, DescribeTimeToLive: 1 });
  });

  it('a create where PITR and tags exist: 9 calls, PITR, TTL and tags each read back once', async () => {
    const dynamo = await api(stack.proxy.endpoint);
    let status = '';
    const made = await calls(stack.proxy, async () => (status = (await run(dynamo, 'calls-prod')).status));
    expect(status).toBe('created');
    expect(made).toEqual({
      DescribeTable: 2,
      DescribeContinuousBackups: 2,
      CreateTable: 1,
      ListTagsOfResource: 1,
      UpdateTimeToLive: 1,
      DescribeTimeToLive: 1,
      UpdateContinuousBackups: 1,
    });
    expect(stack.standIn.table('calls-prod')?.pitr).toBe('ENABLED');
  });

  it('the next run (nothing to do) and --plan: the four reads, nothing else', async () => {
    const dynamo = await api(stack.proxy.endpoint);
    const reads = { DescribeTable: 1, DescribeTimeToLive: 1, DescribeContinuousBackups: 1, ListTagsOfResource: 1 };
    let status = '';
    expect(await calls(stack.proxy, async () => (status = (await run(dynamo, 'calls-prod')).status))).toEqual(reads);
    expect(status).toBe('unchanged');
    expect(await calls(stack.proxy, () => check(dynamo, 'calls-prod'))).toEqual(reads);
    expect(await calls(stack.proxy, () => check(dynamo, 'calls-missing'))).toEqual({ DescribeTable: 1, DescribeContinuousBackups: 1 });
  });

  it('converging an old table (TTL and deletion protection off) on DynamoDB Local: the final check reuses the TTL read-back', async () => {
    const raw = rawClient(stack.local.endpoint);
    try {
      await raw.send(new CreateTableCommand({ ...goStyleSessionsTable('calls-old'), DeletionProtectionEnabled: false }));
    } finally {
      raw.destroy();
    }
    const dynamo = await api(bare.endpoint);
    let status = '';
    const made = await calls(bare, async () => (status = (await run(dynamo, 'calls-old')).status));
    expect(status).toBe('updated');
    // The check's four reads; TTL read, set and read back; one describe before and one after UpdateTable.
    expect(made).toEqual({ DescribeTable: 3, DescribeTimeToLive: 3, DescribeContinuousBackups: 1, ListTagsOfResource: 1, UpdateTimeToLive: 1, UpdateTable: 1 });
  });
});
