/** Carries out a plan: create or converge, wait with short polls, never delete. */
import { dynamoErrorToCli } from '../aws/dynamo-errors.js';
import type { DynamoApi } from '../aws/types.js';
import { AwsFailure, CliError, Interrupted } from '../core/errors.js';
import { withIndexes } from '../core/kinds.js';
import { describe } from './describe.js';
import { plan as makePlan } from './plan.js';
import { addIndex, createTable, enableDeletionProtection, enableTtl, removeIndex, step } from './steps.js';
import type { ApplyResult, ApplyStatus, Change, Plan, ProgressEvent } from './types.js';
import { allActive, indexReady, newContext, tableActive, waitFor, type RunContext } from './wait.js';

export interface ApplyOptions {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  /** Only for error messages ("Could not reach DynamoDB at ..."). */
  endpointUrl?: string;
  /** Replaces the poll schedule (tests); default pollDelay(). */
  pollDelay?: (elapsedMs: number) => number;
}

/** Carries out the plan and nothing else; idempotent, resumable, never deletes. */
export async function apply(p: Plan, dynamo: DynamoApi, options: ApplyOptions = {}): Promise<ApplyResult> {
  const ctx = newContext(dynamo, p.table, options);
  const result = (status: ApplyStatus, tableArn: string): ApplyResult => ({ kind: p.kind, table: p.table, region: p.region, status, tableArn });
  try {
    if (p.action === 'none') return result('unchanged', p.actual?.arn ?? (await describe(dynamo, p.table, options.signal))?.arn ?? '');
    let changes = p.changes;
    let created = false;
    if (p.action === 'create') {
      created = await step(ctx, 'create-table', `Create table ${p.table}${withIndexes(p.desired.indexes.length)}`, () => createTable(ctx, p.desired));
      const what = p.desired.indexes.length > 0 ? `table ${p.table} and its indexes` : `table ${p.table}`;
      const label = created ? `Wait for ${what} to become ACTIVE` : `Table ${p.table} is being created by another run: wait for it`;
      await step(ctx, 'wait-table', label, () => waitFor(ctx, 'wait-table', allActive));
      // A concurrent creator may have made it differently or not finished: converge from what is there.
      changes = created ? changes.filter((c) => c.op !== 'create-table') : replan(p, await describe(dynamo, p.table, options.signal));
    }
    for (const change of changes) await carryOut(ctx, p, change);
    const final = await waitFor(ctx, 'finish', tableActive);
    const status: ApplyStatus = created ? 'created' : changes.length > 0 ? 'updated' : 'unchanged';
    return result(status, final.table.arn);
  } catch (error) {
    throw explain(error, ctx, p, options);
  }
}

function replan(p: Plan, actual: Plan['actual']): Change[] {
  return makePlan(p.desired, actual, p.region).changes.filter((c) => c.op !== 'create-table');
}

async function carryOut(ctx: RunContext, p: Plan, change: Change): Promise<void> {
  switch (change.op) {
    case 'create-table':
      // Only in create plans, handled above; an update plan never contains it.
      return;
    case 'wait-table':
      await step(ctx, 'wait-table', `Wait for table ${p.table} (${change.status}) to become ACTIVE`, () => waitFor(ctx, 'wait-table', tableActive));
      return;
    case 'wait-index': {
      const id = `index:${change.target}`;
      await step(ctx, id, `Wait for index ${change.target}, already building`, () => waitFor(ctx, id, indexReady(change.target)));
      return;
    }
    case 'add-index': {
      const id = `index:${change.target}`;
      const spec = { name: change.target, partitionKey: change.partitionKey, sortKey: change.sortKey };
      await step(ctx, id, `Add index ${change.target} (${change.partitionKey}, ${change.sortKey})`, () => addIndex(ctx, p.desired, spec, id));
      return;
    }
    case 'remove-index': {
      const id = `index:${change.target}`;
      const label = change.status ? `Wait for index ${change.target} to finish being removed` : `Remove index ${change.target} (it breaks Sentinel's session writes)`;
      await step(ctx, id, label, () => removeIndex(ctx, p.desired, change.target, id));
      return;
    }
    case 'enable-ttl':
      await step(ctx, 'ttl', `Enable TTL on attribute ${change.attribute}`, () => enableTtl(ctx, p.desired));
      return;
    case 'enable-deletion-protection':
      await step(ctx, 'deletion-protection', 'Turn on deletion protection', () => enableDeletionProtection(ctx, p.desired, 'deletion-protection'));
      return;
    default: {
      const unknown: never = change;
      throw new Error(`unknown change ${JSON.stringify(unknown)}`);
    }
  }
}

/** What this run finished, so no failure leaves a half-made table unexplained. */
function sofar(ctx: RunContext): string {
  const maybe = ctx.uncertain ? ` ${ctx.uncertain} was sent but no answer came, so it may have taken effect; running again finishes or completes it.` : '';
  if (ctx.done.length === 0) return maybe ? maybe.trim() : 'Nothing was changed.';
  return `Already done: ${ctx.done.join('; ')}.${maybe || ' Running again finishes the rest.'}`;
}

function explain(error: unknown, ctx: RunContext, p: Plan, options: ApplyOptions): unknown {
  if (ctx.signal?.aborted) {
    return new Interrupted(`Stopped while ${ctx.operation === 'DescribeTable' ? 'waiting' : `calling ${ctx.operation}`}. ${sofar(ctx)}`);
  }
  if (error instanceof CliError) {
    return error.exitCode === 1 && ctx.done.length > 0 ? new AwsFailure(`${error.message} ${sofar(ctx)}`, error.hint, { cause: error }) : error;
  }
  const mapped = dynamoErrorToCli(error, { operation: ctx.operation, table: p.table, region: p.region, endpointUrl: options.endpointUrl, kind: p.kind });
  return mapped ? new AwsFailure(`${mapped.message} ${sofar(ctx)}`, mapped.hint, { cause: error }) : error;
}
