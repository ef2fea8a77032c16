/**
 * Carries out a plan: create or converge, wait with short polls, never delete (but a retired index).
 * The result is claimed only after a final describe shows nothing left to do; a failure ends with
 * what DynamoDB reports now (report.ts), never with what the tool merely asked for.
 */
import { unchangedResult } from './result.js';
import { dynamoErrorToCli } from '../aws/dynamo-errors.js';
import type { DynamoApi } from '../aws/types.js';
import { AwsFailure, CliError, Interrupted, Unexpected } from '../core/errors.js';
import { withIndexes } from '../core/kinds.js';
import { tagsText } from '../core/tags.js';
import { describeChange } from './change-text.js';
import { describe, withSettings } from './describe.js';
import { setKmsKey } from './encryption.js';
import { enablePitr } from './pitr.js';
import { plan as makePlan } from './plan.js';
import { stateSentence } from './report.js';
import { addIndex, createTable, enableDeletionProtection, enableTtl, removeIndex, step } from './steps.js';
import { tagsListed, tagTable } from './tagging.js';
import type { ActualTable, ApplyResult, ApplyStatus, Change, Plan, ProgressEvent } from './types.js';
import { indexReady, newContext, settled, tableActive, waitFor, type RunContext } from './wait.js';

export interface ApplyOptions {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  /** Only for error messages ("Could not reach DynamoDB at ..."). */
  endpointUrl?: string;
  /** Replaces the poll schedule (tests); default pollDelay(). */
  pollDelay?: (elapsedMs: number) => number;
  /** --timeout: the whole run's deadline; default defaultTimeoutMs(plan). */
  timeoutMs?: number;
}

const MINUTE = 60_000;

/**
 * The default deadline, after Terraform's AWS provider (create 30 min, update 60 min): a new table
 * and its indexes are ACTIVE within minutes, but adding an index to a table that already holds data
 * backfills it, which grows with the table; 60 min covers a large sessions table.
 */
export function defaultTimeoutMs(p: Plan): number {
  const indexWork = p.changes.some((c) => c.op === 'add-index' || c.op === 'wait-index' || c.op === 'remove-index');
  return (indexWork ? 60 : 30) * MINUTE;
}

/** Carries out the plan and nothing else; idempotent, resumable. */
export async function apply(p: Plan, dynamo: DynamoApi, options: ApplyOptions = {}): Promise<ApplyResult> {
  const ctx = newContext(dynamo, p.table, { ...options, timeoutMs: options.timeoutMs ?? defaultTimeoutMs(p) });
  const result = (status: ApplyStatus, tableArn: string): ApplyResult => ({ kind: p.kind, table: p.table, region: p.region, status, tableArn });
  try {
    if (p.action === 'none') return unchangedResult(p, p.actual?.arn ?? (await describe(dynamo, p.table, options.signal))?.arn ?? '');
    let changes = p.changes;
    let created = false;
    if (p.action === 'create') {
      const made = await step(ctx, 'create-table', `Create table ${p.table}${withIndexes(p.desired.indexes.length)}`, () => createTable(ctx, p.desired));
      created = made === 'created';
      const what = p.desired.indexes.length > 0 ? `table ${p.table} and its indexes` : `table ${p.table}`;
      const label =
        made === 'created'
          ? `Wait for ${what} to become ACTIVE`
          : made === 'retried'
            ? `Table ${p.table} exists (an attempt whose answer was lost, or another run, made it): wait for it`
            : `Table ${p.table} is being created by another run: wait for it`;
      await step(ctx, 'wait-table', label, async () => {
        // This run's CreateTable is not confirmed until the table reads ACTIVE.
        if (created) ctx.emit({ type: 'sent', id: 'wait-table', operation: 'CreateTable' });
        const active = await waitFor(ctx, 'wait-table', tableActive(p.table, true));
        // No second describe when that one already showed every index ACTIVE.
        const out = await waitFor(ctx, 'wait-table', settled(p.table));
        // The tags went with CreateTable: read them back like every other claim.
        if (created && !p.unsupported.includes('tags')) await tagsListed(ctx, 'wait-table', out.table.arn, p.desired.tags, 'CreateTable with tags');
        return { ...out, polls: active.polls + out.polls };
      });
      // A concurrent creator may have made it differently or not finished: converge from what is there.
      changes = created ? changes.filter((c) => c.op !== 'create-table') : replan(p, await describe(dynamo, p.table, options.signal));
    }
    for (const change of changes) await carryOut(ctx, p, change, created);
    const final = await confirmDone(ctx, p);
    const status: ApplyStatus = created ? 'created' : changes.length > 0 ? 'updated' : 'unchanged';
    return result(status, final.arn);
  } catch (error) {
    throw await explain(error, ctx, p, options);
  }
}

function replan(p: Plan, actual: Plan['actual']): Change[] {
  return makePlan(p.desired, actual, p.region).changes.filter((c) => c.op !== 'create-table');
}

/**
 * The claim "created"/"updated" only after DynamoDB's own answers show nothing left to change: each
 * setting as last read after this run's last change to it (a read-back of a step), else read now.
 */
async function confirmDone(ctx: RunContext, p: Plan): Promise<ActualTable> {
  const { table } = await waitFor(ctx, 'finish', tableActive(p.table));
  ctx.operation = 'DescribeTable';
  // What the endpoint does not implement was read by the plan; it does not change within a run.
  const lacks = (feature: 'pitr' | 'tags') => p.unsupported.includes(feature);
  const known = { ...ctx.fresh, ...(lacks('pitr') && { pitr: { status: undefined } }), ...(lacks('tags') && { tags: { tags: undefined } }) };
  const final = await withSettings(ctx.dynamo, table, ctx.signal, { known });
  if (!final) throw new AwsFailure(`Table ${p.table} disappeared right after it was ${p.action === 'create' ? 'created' : 'updated'}.`, 'Someone deleted it; run again to create it.');
  const left = replan(p, final).filter((c) => c.op !== 'wait-table' && c.op !== 'wait-index');
  if (left.length > 0) {
    throw new AwsFailure(
      `DynamoDB accepted every change, but table ${p.table} still lacks: ${left.map((c) => describeChange(c, p)).join('; ')}.`,
      'Run again to finish; if this repeats, something between here and DynamoDB answers in its place (check --endpoint-url and proxies).',
    );
  }
  return final;
}

/** `created`: this run made the table, so what CreateTable cannot set (TTL, PITR) is known to be off. */
async function carryOut(ctx: RunContext, p: Plan, change: Change, created: boolean): Promise<void> {
  switch (change.op) {
    case 'create-table':
      // Only in create plans, handled above; an update plan never contains it.
      return;
    case 'wait-table':
      await step(ctx, 'wait-table', `Wait for table ${p.table} (${change.status}) to become ACTIVE`, () => waitFor(ctx, 'wait-table', tableActive(p.table)));
      return;
    case 'wait-index': {
      const id = `index:${change.target}`;
      await step(ctx, id, `Wait for index ${change.target}, already building`, () => waitFor(ctx, id, indexReady(change.target, false)));
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
      await step(ctx, 'ttl', `Enable TTL on attribute ${change.attribute}`, () => enableTtl(ctx, p.desired, created));
      return;
    case 'enable-deletion-protection':
      await step(ctx, 'deletion-protection', 'Turn on deletion protection', () => enableDeletionProtection(ctx, p.desired, 'deletion-protection'));
      return;
    case 'enable-pitr':
      await step(ctx, 'pitr', 'Turn on point-in-time recovery', async () => {
        // A plan made without asking the endpoint (tests, a create on DynamoDB Local): say it was left off.
        if ((await enablePitr(ctx, p.desired, 'pitr', created)) === 'unsupported') {
          ctx.emit({ type: 'step', id: 'pitr', label: 'Point-in-time recovery: this endpoint does not implement it (DynamoDB Local); left off' });
        }
      });
      return;
    case 'tag':
      await step(ctx, 'tags', `Add tags ${tagsText(change.tags)}`, () => tagTable(ctx, p.desired, change.tags, 'tags'));
      return;
    case 'set-kms-key':
      await step(ctx, 'encryption', `Switch encryption to KMS key ${change.keyArn}`, () => setKmsKey(ctx, p.desired, change.keyArn, 'encryption'));
      return;
    default: {
      const unknown: never = change;
      throw new Error(`unknown change ${JSON.stringify(unknown)}`);
    }
  }
}

/** How long the closing describe may take: after Ctrl-C the person is waiting for the prompt. */
const REPORT_DESCRIBE_MS = 3_000;

/** What DynamoDB reports now, read once more for the closing sentence (never throws). */
async function now(ctx: RunContext, p: Plan): Promise<string> {
  // This run's own record is enough when DynamoDB accepted none of its changes.
  if (!ctx.changed && !ctx.uncertain) return 'Nothing was changed.';
  try {
    const actual = await describe(ctx.dynamo, p.table, AbortSignal.timeout(REPORT_DESCRIBE_MS));
    return stateSentence(p, actual, undefined, ctx.uncertain);
  } catch (error) {
    const why = error instanceof Error && error.name !== 'AbortError' && error.name !== 'TimeoutError' ? error.name : 'no answer in time';
    return stateSentence(p, undefined, why, ctx.uncertain);
  }
}

/** The error with the table's state now appended: no failure leaves a half-made table unexplained. */
async function explain(error: unknown, ctx: RunContext, p: Plan, options: ApplyOptions): Promise<unknown> {
  if (ctx.signal?.aborted) {
    return new Interrupted(`Stopped while ${ctx.operation === 'DescribeTable' ? 'waiting' : `calling ${ctx.operation}`}. ${await now(ctx, p)}`);
  }
  const mapped =
    error instanceof CliError
      ? error
      : dynamoErrorToCli(error, { operation: ctx.operation, table: p.table, region: p.region, endpointUrl: options.endpointUrl, kind: p.kind });
  if (!mapped) return new Unexpected(error, await now(ctx, p));
  if (mapped.exitCode !== 1) return mapped;
  return new AwsFailure(`${mapped.message} ${await now(ctx, p)}`, mapped.hint, { cause: error });
}
