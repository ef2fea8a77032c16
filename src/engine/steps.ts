/** One function per kind of change; each is safe to repeat (a rerun after any interruption finishes it). */
import type { AttributeDefinition, CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { IndexSpec } from '../core/kinds.js';
import { sleep } from './poll.js';
import type { DesiredTable } from './types.js';
import { allActive, indexGone, indexReady, mutating, waitFor, type RunContext, type TableNow } from './wait.js';

/** Runs `work` as one reported step: `step` first, `done` with the elapsed time after. */
export async function step<T>(ctx: RunContext, id: string, label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  ctx.emit({ type: 'step', id, label });
  const out = await work();
  const polls = (out as { polls?: unknown } | undefined)?.polls;
  ctx.emit({ type: 'done', id, elapsedMs: Date.now() - started, ...(typeof polls === 'number' ? { polls } : {}) });
  return out;
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : '');

/** How many times UpdateTable is retried when DynamoDB says another index or update is in flight. */
const BUSY_RETRIES = 20;

function gsi(index: IndexSpec) {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  };
}

/** Every key attribute (table and listed indexes), each once, all strings. */
function definitions(desired: DesiredTable, indexes: readonly IndexSpec[]): AttributeDefinition[] {
  const names = new Set([desired.partitionKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
  return [...names].map((name) => ({ AttributeName: name, AttributeType: 'S' as const }));
}

/** CreateTable with everything at once; false when another creator got there first. */
export async function createTable(ctx: RunContext, desired: DesiredTable): Promise<boolean> {
  const input: CreateTableCommandInput = {
    TableName: desired.name,
    KeySchema: [{ AttributeName: desired.partitionKey, KeyType: 'HASH' }],
    AttributeDefinitions: definitions(desired, desired.indexes),
    BillingMode: 'PAY_PER_REQUEST',
    // DynamoDB refuses an empty GlobalSecondaryIndexes list: leave it out for a table without indexes.
    ...(desired.indexes.length > 0 && { GlobalSecondaryIndexes: desired.indexes.map(gsi) }),
    // The AWS managed key: no kms:* permission needed. No Tags field: it would need TagResource.
    SSESpecification: { Enabled: true, SSEType: 'KMS' },
    DeletionProtectionEnabled: desired.deletionProtection,
  };
  try {
    await mutating(ctx, 'CreateTable', () => ctx.dynamo.createTable(input, ctx.signal));
    ctx.done.push(`created table ${desired.name}`);
    return true;
  } catch (error) {
    if (errorName(error) === 'ResourceInUseException') return false;
    throw error;
  }
}

/** Retries `call` while DynamoDB says the table is busy, waiting for it to settle in between. */
async function whenSettled(ctx: RunContext, id: string, call: (table: TableNow) => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { table } = await waitFor(ctx, id, allActive);
    try {
      await call(table);
      return;
    } catch (error) {
      const name = errorName(error);
      if ((name !== 'LimitExceededException' && name !== 'ResourceInUseException') || attempt > BUSY_RETRIES) throw error;
      ctx.emit({ type: 'retry', id, attempt, reason: error instanceof Error ? error.message : name });
      await sleep(ctx.pollDelay(0), ctx.signal);
    }
  }
}

/** Adds one GSI (unless it appeared meanwhile), then waits until it is ACTIVE and backfilled. */
export async function addIndex(ctx: RunContext, desired: DesiredTable, index: IndexSpec, id: string): Promise<{ polls: number }> {
  let exists = false;
  await whenSettled(ctx, id, async (table) => {
    exists = table.indexes.some((i) => i.name === index.name);
    if (exists) return;
    try {
      const input = { TableName: desired.name, AttributeDefinitions: definitions(desired, [index]), GlobalSecondaryIndexUpdates: [{ Create: gsi(index) }] };
      await mutating(ctx, 'UpdateTable', () => ctx.dynamo.updateTable(input, ctx.signal));
    } catch (error) {
      // A concurrent run added it between our describe and our call.
      if (errorName(error) === 'ValidationException' && /already exists/i.test(String((error as Error).message))) return;
      throw error;
    }
  });
  if (!exists) ctx.done.push(`started adding index ${index.name}`);
  const { polls } = await waitFor(ctx, id, indexReady(index.name));
  return { polls };
}

/**
 * Deletes one index (the plan only ever names a retired one) unless it is already being deleted or
 * gone, then waits until DescribeTable no longer lists it.
 */
export async function removeIndex(ctx: RunContext, desired: DesiredTable, name: string, id: string): Promise<{ polls: number }> {
  await whenSettled(ctx, id, async (table) => {
    const index = table.indexes.find((i) => i.name === name);
    if (!index || index.status === 'DELETING') return;
    try {
      const input = { TableName: desired.name, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: name } }] };
      await mutating(ctx, 'UpdateTable', () => ctx.dynamo.updateTable(input, ctx.signal));
      ctx.done.push(`started removing index ${name}`);
    } catch (error) {
      // A concurrent run deleted it between our describe and our call.
      if (errorName(error) === 'ResourceNotFoundException' || (errorName(error) === 'ValidationException' && /does not exist/i.test(String((error as Error).message)))) return;
      throw error;
    }
  });
  const { polls } = await waitFor(ctx, id, indexGone(name));
  return { polls };
}

/** DescribeTimeToLive first: UpdateTimeToLive is not idempotent and fails when TTL is already on. */
export async function enableTtl(ctx: RunContext, desired: DesiredTable): Promise<void> {
  ctx.operation = 'DescribeTimeToLive';
  const now = await ctx.dynamo.describeTimeToLive(desired.name, ctx.signal);
  const status = now.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') return;
  try {
    const input = { TableName: desired.name, TimeToLiveSpecification: { Enabled: true, AttributeName: desired.ttlAttribute } };
    await mutating(ctx, 'UpdateTimeToLive', () => ctx.dynamo.updateTimeToLive(input, ctx.signal));
    ctx.done.push(`enabled TTL on ${desired.ttlAttribute}`);
  } catch (error) {
    if (errorName(error) === 'ValidationException' && /already enabled/i.test(String((error as Error).message))) return;
    throw error;
  }
}

/** Turns deletion protection on (never off). */
export async function enableDeletionProtection(ctx: RunContext, desired: DesiredTable, id: string): Promise<void> {
  await whenSettled(ctx, id, async (table) => {
    if (table.deletionProtection) return;
    await mutating(ctx, 'UpdateTable', () => ctx.dynamo.updateTable({ TableName: desired.name, DeletionProtectionEnabled: true }, ctx.signal));
    ctx.done.push('enabled deletion protection');
  });
}
