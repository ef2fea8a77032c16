/** The engine's own waits: short polls on DescribeTable, reported as progress, abortable. */
import { isTransient, lostAnswer } from '../aws/dynamo-errors.js';
import type { DynamoApi } from '../aws/types.js';
import { AwsFailure } from '../core/errors.js';
import { describeTableOnly } from './describe.js';
import { pollDelay as defaultPollDelay, sleep } from './poll.js';
import type { ActualTable, ProgressEvent } from './types.js';

export type TableNow = Omit<ActualTable, 'ttlStatus' | 'ttlAttribute'>;

/** Shared by every step of one apply. */
export interface RunContext {
  dynamo: DynamoApi;
  table: string;
  signal?: AbortSignal;
  emit: (event: ProgressEvent) => void;
  pollDelay: (elapsedMs: number) => number;
  /** The DynamoDB call in flight, for error messages. */
  operation: string;
  /** What this run has finished, for the sentence a failure ends with. */
  done: string[];
  /** A change whose answer never came (abort, lost connection): it may or may not have happened. */
  uncertain?: string;
}

/** Runs a call that changes the table; when no answer comes back, remembers that it may have happened. */
export async function mutating<T>(ctx: RunContext, operation: string, call: () => Promise<T>): Promise<T> {
  ctx.operation = operation;
  try {
    return await call();
  } catch (error) {
    if (ctx.signal?.aborted || lostAnswer(error)) ctx.uncertain = operation;
    throw error;
  }
}

export function newContext(dynamo: DynamoApi, table: string, opts: { signal?: AbortSignal; onProgress?: (e: ProgressEvent) => void; pollDelay?: (ms: number) => number }): RunContext {
  return {
    dynamo,
    table,
    signal: opts.signal,
    emit: opts.onProgress ?? (() => {}),
    pollDelay: opts.pollDelay ?? defaultPollDelay,
    operation: 'DescribeTable',
    done: [],
  };
}

/** Transient failures that outlast the SDK's retries during a wait are retried this many times more. */
const POLL_RETRIES = 5;
/** Right after CreateTable the table may not be visible yet (eventual consistency). */
const NOT_VISIBLE_GRACE_MS = 60_000;

/**
 * Polls until `pending` returns undefined (ready); otherwise it returns the status to report.
 * Emits `waiting` on every poll that is not ready yet, and `retry` on transient failures.
 */
export async function waitFor(ctx: RunContext, id: string, pending: (table: TableNow) => string | undefined): Promise<{ table: TableNow; polls: number }> {
  const started = Date.now();
  let polls = 0;
  let failures = 0;
  for (;;) {
    ctx.operation = 'DescribeTable';
    let table: TableNow | undefined;
    try {
      table = await describeTableOnly(ctx.dynamo, ctx.table, ctx.signal);
      polls++;
      failures = 0;
    } catch (error) {
      if (ctx.signal?.aborted || !isTransient(error) || ++failures > POLL_RETRIES) throw error;
      ctx.emit({ type: 'retry', id, attempt: failures, reason: error instanceof Error ? error.name || error.message : String(error) });
      await sleep(ctx.pollDelay(Date.now() - started), ctx.signal);
      continue;
    }
    const elapsedMs = Date.now() - started;
    if (!table && elapsedMs > NOT_VISIBLE_GRACE_MS) {
      throw new AwsFailure(`Table ${ctx.table} disappeared while waiting for it.`, 'Someone deleted it; run again to create it.');
    }
    const status = table ? pending(table) : 'CREATING';
    if (table && status === undefined) return { table, polls };
    ctx.emit({ type: 'waiting', id, status: status ?? 'CREATING', elapsedMs });
    await sleep(ctx.pollDelay(elapsedMs), ctx.signal);
  }
}

/** Pending status of the table itself. */
export const tableActive = (t: TableNow) => (t.status === 'ACTIVE' ? undefined : t.status);

/** Pending status of one index: ACTIVE and done backfilling is ready. */
export function indexReady(name: string) {
  return (t: TableNow) => {
    const index = t.indexes.find((i) => i.name === name);
    if (!index) return 'NOT VISIBLE YET';
    if (index.status !== 'ACTIVE') return index.backfilling ? `${index.status} (backfilling)` : index.status;
    return index.backfilling ? 'ACTIVE (backfilling)' : undefined;
  };
}

/** Pending status of an index being deleted: ready once DescribeTable no longer lists it. */
export function indexGone(name: string) {
  return (t: TableNow) => {
    const index = t.indexes.find((i) => i.name === name);
    return index ? index.status : undefined;
  };
}

/** Table ACTIVE and no index building: the state UpdateTable needs to add the next one. */
export function allActive(t: TableNow): string | undefined {
  const table = tableActive(t);
  if (table) return `table ${table}`;
  const busy = t.indexes.find((i) => i.status !== 'ACTIVE' || i.backfilling);
  return busy ? `index ${busy.name} ${indexReady(busy.name)(t) ?? ''}`.trim() : undefined;
}
