/**
 * The engine's waits, the way Terraform's AWS provider writes them (internal/service/dynamodb/wait.go):
 * each names the states it waits through and the states it waits for; any other state ends the run at
 * once with a sentence; and nothing waits past the run's deadline. Short polls on DescribeTable,
 * reported as progress, abortable.
 */
import { isTransient, isUnreachable, mayHaveHappened } from '../aws/dynamo-errors.js';
import type { DynamoApi } from '../aws/types.js';
import { AwsFailure } from '../core/errors.js';
import { formatDuration, sleep } from '../core/duration.js';
import { describeTableOnly, type KnownReads } from './describe.js';
import { pollDelay as defaultPollDelay } from './poll.js';
import { tableStateProblem } from './states.js';
import type { ActualTable, ProgressEvent } from './types.js';

export type TableNow = Omit<ActualTable, 'ttlStatus' | 'ttlAttribute'>;

/** Shared by every step of one apply. */
export interface RunContext {
  dynamo: DynamoApi;
  table: string;
  signal?: AbortSignal;
  emit: (event: ProgressEvent) => void;
  pollDelay: (elapsedMs: number) => number;
  /** When the run gives up waiting (epoch ms): --timeout. */
  deadline: number;
  /** The run's whole budget, for the sentence that says it ran out. */
  timeoutMs: number;
  /** The DynamoDB call in flight, for error messages. */
  operation: string;
  /** The step running now (its progress id), for the `sent` event of a change made in it. */
  stepId?: string;
  /** A change whose answer never came or came garbled (abort, lost connection, not an AWS answer): it may or may not have happened. */
  uncertain?: string;
  /** Whether DynamoDB accepted any change of this run: if not, nothing was changed, no describe needed to say so. */
  changed: boolean;
  /** Whether any describe has shown the table: only then can it be said to have disappeared. */
  seen: boolean;
  /** The last answer of each read since this run last changed what it reads: used instead of asking again. */
  fresh: FreshReads;
}

/** Reads still current: each is dropped when a change that can alter it is sent (whatever its answer). */
export interface FreshReads extends KnownReads {
  table?: TableNow;
}

/** What each change can alter; a call not listed here drops every read. */
const ALTERS: Record<string, (keyof FreshReads)[]> = {
  UpdateTable: ['table'],
  UpdateTimeToLive: ['ttl'],
  UpdateContinuousBackups: ['pitr'],
  TagResource: ['tags'],
};

/** Drops what `operation` can alter, before it is sent: a refused, lost or garbled answer leaves it unknown too. */
function forget(ctx: RunContext, operation: string): void {
  const alters = ALTERS[operation];
  if (!alters) ctx.fresh = {};
  else for (const key of alters) delete ctx.fresh[key];
}

/**
 * Runs a call that changes the table: every change goes through here. Unless AWS's answer shows it
 * was refused (mayHaveHappened), a failed call is remembered as one that may have happened, so the
 * sentence the run ends with is read back from DynamoDB instead of "Nothing was changed".
 */
export async function mutating<T>(ctx: RunContext, operation: string, call: () => Promise<T>): Promise<T> {
  ctx.operation = operation;
  forget(ctx, operation);
  if (ctx.stepId) ctx.emit({ type: 'sent', id: ctx.stepId, operation });
  try {
    const out = await call();
    ctx.changed = true;
    return out;
  } catch (error) {
    if (ctx.signal?.aborted || mayHaveHappened(error)) ctx.uncertain = operation;
    throw error;
  }
}

export interface ContextOptions {
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
  pollDelay?: (ms: number) => number;
  timeoutMs: number;
}

export function newContext(dynamo: DynamoApi, table: string, opts: ContextOptions): RunContext {
  return {
    dynamo,
    table,
    signal: opts.signal,
    emit: opts.onProgress ?? (() => {}),
    pollDelay: opts.pollDelay ?? defaultPollDelay,
    deadline: Date.now() + opts.timeoutMs,
    timeoutMs: opts.timeoutMs,
    operation: 'DescribeTable',
    seen: false,
    changed: false,
    fresh: {},
  };
}

/** One wait: what it waits for, the states it waits through, and the states that end it. */
export interface Wait {
  /** For sentences: "index gsi-profile to become ACTIVE". */
  what: string;
  pending: ReadonlySet<string>;
  target: ReadonlySet<string>;
  /**
   * States tolerated for `ms` after the wait starts, then an error: right after DynamoDB accepts a
   * change its describe may not show it yet (eventual consistency).
   */
  settling?: { states: ReadonlySet<string>; ms: number; error: () => AwsFailure };
  /** The state now; undefined table: NOT FOUND. */
  state(t: TableNow | undefined): string;
  /** What progress shows for a pending state, when the state name alone says too little. */
  detail?(t: TableNow): string | undefined;
}

/** Throttling and 5xx that outlast the SDK's retries during a wait are retried this many times more. */
const POLL_RETRIES = 5;
/** How long a change DynamoDB accepted may take to show in DescribeTable. */
export const SETTLE_MS = 60_000;

/** The deadline passed: says what AWS is still doing, that nothing is lost, and how to resume. */
export function deadlineError(ctx: RunContext, what: string, state: string): AwsFailure {
  return new AwsFailure(
    `Gave up after ${formatDuration(ctx.timeoutMs)} (--timeout) waiting for ${what}; DynamoDB still reports ${state} and goes on with it.`,
    'Nothing is lost: run the same command again to resume waiting, or pass a longer --timeout.',
  );
}

/** Sleeps for the delay; when that would pass the deadline, sleeps to the deadline and throws deadlineError. */
export async function pause(ctx: RunContext, ms: number, what: string, state: string): Promise<void> {
  const left = ctx.deadline - Date.now();
  if (ms < left) return sleep(ms, ctx.signal);
  await sleep(Math.max(left, 0), ctx.signal);
  throw deadlineError(ctx, what, state);
}

/**
 * Polls until the wait's target state; any state it does not name ends the run. A describe since the
 * run's last change to the table that already shows the target ends it with no call.
 */
export async function waitFor(ctx: RunContext, id: string, wait: Wait): Promise<{ table: TableNow; polls: number }> {
  const known = ctx.fresh.table;
  if (known && wait.target.has(wait.state(known))) return { table: known, polls: 0 };
  const started = Date.now();
  let polls = 0;
  let failures = 0;
  for (;;) {
    ctx.operation = 'DescribeTable';
    let table: TableNow | undefined;
    try {
      table = await describeTableOnly(ctx.dynamo, ctx.table, ctx.signal);
      ctx.fresh.table = table;
      polls++;
      failures = 0;
    } catch (error) {
      // An unreachable endpoint already had the call's whole budget: no point trying again here.
      if (ctx.signal?.aborted || !isTransient(error) || isUnreachable(error) || ++failures > POLL_RETRIES) throw error;
      ctx.emit({ type: 'retry', id, attempt: failures, reason: error instanceof Error ? error.name || error.message : String(error) });
      await pause(ctx, ctx.pollDelay(Date.now() - started), wait.what, 'an error');
      continue;
    }
    const elapsedMs = Date.now() - started;
    if (table) ctx.seen = true;
    const state = wait.state(table);
    if (wait.target.has(state) && table) return { table, polls };
    if (!wait.pending.has(state)) {
      const settling = wait.settling?.states.has(state);
      if (!settling) throw unexpected(ctx, wait, state, table);
      if (elapsedMs > (wait.settling?.ms ?? 0)) throw wait.settling!.error();
    }
    ctx.emit({ type: 'waiting', id, status: (table && wait.detail?.(table)) || state, elapsedMs });
    await pause(ctx, ctx.pollDelay(elapsedMs), wait.what, state);
  }
}

/** The sentence for a state the wait does not know what to do with. */
function unexpected(ctx: RunContext, wait: Wait, state: string, table: TableNow | undefined): AwsFailure {
  if (!table) {
    return ctx.seen
      ? new AwsFailure(`Table ${ctx.table} disappeared while waiting for ${wait.what}: DescribeTable now says it does not exist.`, 'Someone deleted it; run again to create it.')
      : new AwsFailure(`Table ${ctx.table} does not exist, so there is no ${wait.what} to wait for.`, 'Run again: the plan starts from what exists.');
  }
  const problem = tableStateProblem(table.status);
  if (problem) return new AwsFailure(`Stopped waiting for ${wait.what}: table ${ctx.table} cannot be used now: ${problem.why}.`, problem.hint);
  return new AwsFailure(`Stopped waiting for ${wait.what}: DynamoDB reports ${state}, which is not on the way there.`, 'Check the table in the DynamoDB console, then run again.');
}

const set = (...states: string[]): ReadonlySet<string> => new Set(states);

/** The state of one index: its status, `(backfilling)` while it fills, NOT VISIBLE YET when absent. */
function indexState(t: TableNow, name: string): string {
  const index = t.indexes.find((i) => i.name === name);
  if (!index) return 'NOT VISIBLE YET';
  return index.backfilling ? `${index.status} (backfilling)` : index.status;
}

/** Index waits watch the table too: a table that is neither ACTIVE nor UPDATING stops them. */
const tableBusyOrActive = (t: TableNow) => t.status === 'ACTIVE' || t.status === 'UPDATING';

/** A table that exists (or is being created): ACTIVE. `justCreated`: NOT FOUND is tolerated a while after CreateTable. */
export function tableActive(name: string, justCreated = false): Wait {
  return {
    what: `table ${name} to become ACTIVE`,
    pending: set('CREATING', 'UPDATING'),
    target: set('ACTIVE'),
    ...(justCreated && {
      settling: {
        states: set('NOT FOUND'),
        ms: SETTLE_MS,
        error: () => new AwsFailure(`DynamoDB accepted CreateTable for ${name}, but the table did not appear within ${SETTLE_MS / 1000} s.`, 'Run again: it creates the table or picks up the one that appeared.'),
      },
    }),
    state: (t) => t?.status ?? 'NOT FOUND',
  };
}

/** One index ACTIVE and done backfilling. `justAdded`: NOT VISIBLE YET is tolerated a while after UpdateTable. */
export function indexReady(name: string, justAdded: boolean): Wait {
  return {
    what: `index ${name} to become ACTIVE`,
    pending: set('CREATING', 'UPDATING', 'CREATING (backfilling)', 'UPDATING (backfilling)', 'ACTIVE (backfilling)'),
    target: set('ACTIVE'),
    ...(justAdded && {
      settling: {
        states: set('NOT VISIBLE YET'),
        ms: SETTLE_MS,
        error: () =>
          new AwsFailure(
            `DynamoDB accepted adding index ${name}, but the index did not appear within ${SETTLE_MS / 1000} s; the table still has only its other indexes.`,
            'Run again to add it.',
          ),
      },
    }),
    state: (t) => (!t ? 'NOT FOUND' : tableBusyOrActive(t) ? indexState(t, name) : t.status),
  };
}

/** One index removed: gone from DescribeTable. ACTIVE is tolerated a while after the Delete was accepted. */
export function indexGone(name: string): Wait {
  return {
    what: `index ${name} to be removed`,
    pending: set('DELETING'),
    target: set('GONE'),
    settling: {
      states: set('ACTIVE'),
      ms: SETTLE_MS,
      error: () => new AwsFailure(`DynamoDB accepted removing index ${name}, but it is still ACTIVE after ${SETTLE_MS / 1000} s.`, 'Run again to remove it.'),
    },
    state: (t) => {
      if (!t) return 'NOT FOUND';
      if (!tableBusyOrActive(t)) return t.status;
      const index = t.indexes.find((i) => i.name === name);
      return index ? index.status : 'GONE';
    },
  };
}

/** Table ACTIVE and no index building or being deleted: the state UpdateTable needs for the next change. */
export function settled(name: string): Wait {
  return {
    what: `table ${name} to finish its other changes`,
    pending: set('CREATING', 'UPDATING', 'INDEX BUSY'),
    target: set('ACTIVE'),
    state: (t) => {
      if (!t) return 'NOT FOUND';
      if (t.status !== 'ACTIVE') return t.status;
      const busy = t.indexes.some((i) => i.status !== 'ACTIVE' || i.backfilling);
      return busy ? 'INDEX BUSY' : 'ACTIVE';
    },
    detail: (t) => {
      const busy = t.indexes.find((i) => i.status !== 'ACTIVE' || i.backfilling);
      return busy && `index ${busy.name} ${indexState(t, busy.name)}`;
    },
  };
}
