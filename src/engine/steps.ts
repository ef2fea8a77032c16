/** One function per kind of change; each is safe to repeat (a rerun after any interruption finishes it). */
import type { AttributeDefinition, CreateTableCommandInput, TimeToLiveSpecification } from '@aws-sdk/client-dynamodb';
import { errorName } from '../aws/transport-errors.js';
import type { IndexSpec } from '../core/kinds.js';
import { AwsFailure } from '../core/errors.js';
import { formatDuration } from '../core/duration.js';
import { readTtl } from './describe.js';
import type { DesiredTable } from './types.js';
import { indexGone, indexReady, mutating, pause, settled, waitFor, type RunContext, type TableNow } from './wait.js';

/** Runs `work` as one reported step: `step` first, `done` with the elapsed time after. */
export async function step<T>(ctx: RunContext, id: string, label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  ctx.stepId = id;
  ctx.emit({ type: 'step', id, label });
  const out = await work();
  const polls = (out as { polls?: unknown } | undefined)?.polls;
  ctx.emit({ type: 'done', id, elapsedMs: Date.now() - started, ...(typeof polls === 'number' ? { polls } : {}) });
  return out;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * LimitExceededException that says other table or index operations are in flight ("Only 1 online
 * index can be created or deleted simultaneously", "Only 10 tables can be created, updated, or
 * deleted simultaneously"): it clears when they finish, so it is waited out. Any other limit (a
 * quota of tables) does not clear by waiting and is reported at once.
 */
function isBusyLimit(error: unknown): boolean {
  return errorName(error) === 'LimitExceededException' && /simultaneous/i.test(errorText(error));
}

/** Backoff between tries while DynamoDB is busy: 5 s, doubling, at most a minute; never past the deadline. */
async function waitOutBusy(ctx: RunContext, id: string, attempt: number, error: unknown, what: string): Promise<void> {
  const delay = Math.min(5_000 * 2 ** (attempt - 1), 60_000);
  ctx.emit({ type: 'retry', id, attempt, reason: `DynamoDB is busy with other changes (${errorText(error)}); trying again in ${formatDuration(delay)}` });
  await pause(ctx, delay, what, 'LimitExceededException');
}

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

/** The CreateTable request for the desired table: what the engine sends, and what IaC export renders. */
export function createTableInput(desired: DesiredTable): CreateTableCommandInput {
  return {
    TableName: desired.name,
    KeySchema: [{ AttributeName: desired.partitionKey, KeyType: 'HASH' }],
    AttributeDefinitions: definitions(desired, desired.indexes),
    BillingMode: 'PAY_PER_REQUEST',
    // DynamoDB refuses an empty GlobalSecondaryIndexes list: leave it out for a table without indexes.
    ...(desired.indexes.length > 0 && { GlobalSecondaryIndexes: desired.indexes.map(gsi) }),
    // Without --kms-key the AWS managed key, which needs no kms:* permission; with it the customer
    // managed key (its ARN once DescribeKey resolved it: DynamoDB accepts any of the forms too).
    SSESpecification: { Enabled: true, SSEType: 'KMS', ...(desired.kmsKey && { KMSMasterKeyId: desired.kmsKey.arn ?? desired.kmsKey.given }) },
    DeletionProtectionEnabled: desired.deletionProtection,
    // Tags at create need dynamodb:TagResource as well as CreateTable (the policy grants both).
    Tags: Object.entries(desired.tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

/** UpdateTimeToLive's specification (CreateTable has no TTL parameter): what apply sends and IaC export renders. */
export function ttlSpecification(desired: DesiredTable): TimeToLiveSpecification {
  return { Enabled: true, AttributeName: desired.ttlAttribute };
}

/**
 * CreateTable with everything at once. 'exists' when another creator got there first; 'retried' when
 * the table existed at a retry of the SDK, after an attempt whose answer was lost: that attempt may
 * have made it, so neither "created" nor "another run" can be said.
 */
export async function createTable(ctx: RunContext, desired: DesiredTable): Promise<'created' | 'exists' | 'retried'> {
  for (let attempt = 1; ; attempt++) {
    try {
      await mutating(ctx, 'CreateTable', () => ctx.dynamo.createTable(createTableInput(desired), ctx.signal));
      return 'created';
    } catch (error) {
      if (errorName(error) === 'ResourceInUseException') return ((error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1) > 1 ? 'retried' : 'exists';
      if (!isBusyLimit(error)) throw error;
      await waitOutBusy(ctx, 'create-table', attempt, error, `DynamoDB to accept CreateTable for ${desired.name}`);
    }
  }
}

/**
 * Calls `call` once the table has settled (ACTIVE, no index building), again while DynamoDB says the
 * table or the account is busy, until the run's deadline.
 */
export async function whenSettled(ctx: RunContext, id: string, call: (table: TableNow) => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { table } = await waitFor(ctx, id, settled(ctx.table));
    try {
      await call(table);
      return;
    } catch (error) {
      if (isBusyLimit(error)) await waitOutBusy(ctx, id, attempt, error, `table ${ctx.table} to accept the change`);
      // The table went UPDATING between our describe and our call: wait for it to settle again.
      else if (errorName(error) !== 'ResourceInUseException') throw error;
    }
  }
}

/** Adds one GSI (unless it appeared meanwhile), then waits until it is ACTIVE and backfilled. */
export async function addIndex(ctx: RunContext, desired: DesiredTable, index: IndexSpec, id: string): Promise<{ polls: number }> {
  let sent = false;
  await whenSettled(ctx, id, async (table) => {
    if (table.indexes.some((i) => i.name === index.name)) return;
    try {
      const input = { TableName: desired.name, AttributeDefinitions: definitions(desired, [index]), GlobalSecondaryIndexUpdates: [{ Create: gsi(index) }] };
      await mutating(ctx, 'UpdateTable', () => ctx.dynamo.updateTable(input, ctx.signal));
      sent = true;
    } catch (error) {
      // A concurrent run added it between our describe and our call.
      if (errorName(error) === 'ValidationException' && /already exists/i.test(errorText(error))) return;
      throw error;
    }
  });
  const { polls } = await waitFor(ctx, id, indexReady(index.name, sent));
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
    } catch (error) {
      // A concurrent run deleted it between our describe and our call.
      if (errorName(error) === 'ResourceNotFoundException' || (errorName(error) === 'ValidationException' && /does not exist/i.test(errorText(error)))) return;
      throw error;
    }
  });
  const { polls } = await waitFor(ctx, id, indexGone(name));
  return { polls };
}

/** How long TTL may take to show as on after DynamoDB accepted UpdateTimeToLive. */
const TTL_SETTLE_MS = 30_000;

/** DescribeTimeToLive, kept as the run's latest TTL read. */
async function ttlNow(ctx: RunContext, name: string): Promise<{ status: string; attribute?: string }> {
  ctx.operation = 'DescribeTimeToLive';
  const now = await readTtl(ctx.dynamo, name, ctx.signal);
  ctx.fresh.ttl = now;
  return now;
}

/**
 * DescribeTimeToLive first (not on a table this run just created: CreateTable has no TTL parameter):
 * UpdateTimeToLive is not idempotent and fails when TTL is already on, which is taken as on.
 * Afterwards TTL is read back: an accepted call is not proof that TTL is on.
 */
export async function enableTtl(ctx: RunContext, desired: DesiredTable, justCreated = false): Promise<void> {
  if (!justCreated) {
    const now = await ttlNow(ctx, desired.name);
    if (now.status === 'ENABLED' || now.status === 'ENABLING') return;
  }
  try {
    const input = { TableName: desired.name, TimeToLiveSpecification: ttlSpecification(desired) };
    await mutating(ctx, 'UpdateTimeToLive', () => ctx.dynamo.updateTimeToLive(input, ctx.signal));
  } catch (error) {
    if (!(errorName(error) === 'ValidationException' && /already enabled/i.test(errorText(error)))) throw error;
  }
  const started = Date.now();
  for (;;) {
    const after = await ttlNow(ctx, desired.name);
    if (after.status === 'ENABLED' || after.status === 'ENABLING') return;
    if (Date.now() - started > TTL_SETTLE_MS) {
      throw new AwsFailure(`DynamoDB accepted UpdateTimeToLive on ${desired.name}, but TTL still reads ${after.status} after ${TTL_SETTLE_MS / 1000} s.`, 'Run again to turn it on.');
    }
    ctx.emit({ type: 'waiting', id: 'ttl', status: `TTL ${after.status}`, elapsedMs: Date.now() - started });
    await pause(ctx, 1000, `TTL on ${desired.name} to read ENABLED`, after.status);
  }
}

/** Turns deletion protection on (never off). */
export async function enableDeletionProtection(ctx: RunContext, desired: DesiredTable, id: string): Promise<void> {
  await whenSettled(ctx, id, async (table) => {
    if (table.deletionProtection) return;
    await mutating(ctx, 'UpdateTable', () => ctx.dynamo.updateTable({ TableName: desired.name, DeletionProtectionEnabled: true }, ctx.signal));
  });
}
