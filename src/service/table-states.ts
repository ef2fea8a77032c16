/**
 * Where each table of one apply run stands: done (and how), in progress (its steps done, and the
 * calls sent whose effect is not yet confirmed), failed, or not started. applyPlans keeps it; both
 * faces and the exit point say it after a failure or a signal, in words and in --json. Pure.
 */
import type { KindName } from '../core/kinds.js';
import type { ApplyResult, ApplyStatus, Plan, ProgressEvent } from '../engine/types.js';

/** A call that changes the table, sent in `step` and not yet confirmed by an answer and a read-back. */
export interface InFlight {
  id: string;
  step: string;
  operation: string;
}

export interface TableState {
  kind: KindName;
  table: string;
  region: string;
  state: 'not-started' | 'in-progress' | 'done' | 'failed';
  /** Once done: what happened, and the table's ARN. */
  status?: ApplyStatus;
  tableArn?: string;
  /** The labels of the steps finished, in order. */
  stepsDone: string[];
  /** Steps started and not finished (id and label). */
  running: { id: string; label: string }[];
  inFlight: InFlight[];
  /** How the run ended on this table (failed or stopped): the engine's sentence, with what DynamoDB reports. */
  error?: string;
}

export type TableEvent =
  | { type: 'started'; table: string }
  | { type: 'progress'; table: string; event: ProgressEvent }
  | { type: 'finished'; result: ApplyResult }
  /** `interrupted`: stopped by a signal (what was sent stays in flight); else a failure. */
  | { type: 'stopped'; table: string; message: string; interrupted: boolean };

export function initialTables(plans: readonly Plan[]): TableState[] {
  return plans.map((p) => ({ kind: p.kind, table: p.table, region: p.region, state: 'not-started', stepsDone: [], running: [], inFlight: [] }));
}

function onProgress(t: TableState, event: ProgressEvent): TableState {
  switch (event.type) {
    case 'step': {
      const running = t.running.filter((r) => r.id !== event.id);
      return { ...t, running: [...running, { id: event.id, label: event.label }] };
    }
    case 'sent': {
      const step = t.running.find((r) => r.id === event.id)?.label ?? event.id;
      return { ...t, inFlight: [...t.inFlight.filter((f) => f.id !== event.id), { id: event.id, step, operation: event.operation }] };
    }
    case 'done': {
      const label = t.running.find((r) => r.id === event.id)?.label;
      return {
        ...t,
        running: t.running.filter((r) => r.id !== event.id),
        inFlight: t.inFlight.filter((f) => f.id !== event.id),
        stepsDone: label === undefined ? t.stepsDone : [...t.stepsDone, label],
      };
    }
    default:
      return t;
  }
}

/** The states after one event. */
export function reduceTables(states: readonly TableState[], event: TableEvent): TableState[] {
  const name = event.type === 'finished' ? event.result.table : event.table;
  return states.map((t) => {
    if (t.table !== name) return t;
    switch (event.type) {
      case 'started':
        return { ...t, state: 'in-progress' };
      case 'progress':
        return onProgress(t, event.event);
      case 'finished':
        return { ...t, state: 'done', status: event.result.status, tableArn: event.result.tableArn, running: [], inFlight: [] };
      case 'stopped':
        // A failure's own sentence says whether its call may have happened (its answer was lost).
        return { ...t, state: event.interrupted ? 'in-progress' : 'failed', error: event.message, running: [], inFlight: event.interrupted ? t.inFlight : [] };
    }
  });
}

/** "UpdateTimeToLive sent, not yet confirmed: Enable TTL on attribute ttl". */
export const inFlightText = (f: InFlight) => `${f.operation} sent, not yet confirmed: ${f.step}`;

/**
 * "Done: a created. In progress: b (UpdateTimeToLive sent, not yet confirmed: Enable TTL on attribute
 * ttl). Not started: c, d." A failed table is left out: its own sentence says it.
 */
export function tablesSentence(states: readonly TableState[]): string {
  const done = states.filter((t) => t.state === 'done').map((t) => `${t.table} ${t.status}`);
  const going = states
    .filter((t) => t.state === 'in-progress')
    .map((t) => `${t.table} (${t.inFlight.length > 0 ? t.inFlight.map(inFlightText).join('; ') : 'no change in flight'})`);
  const waiting = states.filter((t) => t.state === 'not-started').map((t) => t.table);
  return [done.length > 0 && `Done: ${done.join(', ')}.`, going.length > 0 && `In progress: ${going.join(', ')}.`, waiting.length > 0 && `Not started: ${waiting.join(', ')}.`]
    .filter(Boolean)
    .join(' ');
}

/**
 * How the run was stopped, for its sentence: the abort's reason when it says ("Terminated": words, or
 * the StopSignal of src/cli/signals.ts with its `how`), else Ctrl-C's.
 */
export function stopHow(signal?: AbortSignal): string {
  const reason: unknown = signal?.reason;
  if (typeof reason === 'string') return reason;
  const how = reason instanceof Error ? (reason as Error & { how?: unknown }).how : undefined;
  return typeof how === 'string' ? how : 'Interrupted';
}

/**
 * The one sentence of a run stopped from outside (`how`: "Interrupted", "Terminated"): each table's
 * state, then the sentence the run ended with on a table, read back from DynamoDB when there is one.
 */
export function stoppedSentence(how: string, states: readonly TableState[]): string {
  if (states.every((t) => t.state === 'not-started')) return `${how} before any change: nothing was created.`;
  const own = states.filter((t) => t.error).map((t) => ` ${t.table}: ${t.error}`);
  return `${how} while applying. ${tablesSentence(states)}${own.join('')} Run the same command again to finish what was started.`;
}
