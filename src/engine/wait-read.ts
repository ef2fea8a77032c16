/**
 * Waits on what DescribeTable does not show (point-in-time recovery, tags), by the same rules as
 * waitFor in wait.ts: named pending and target states, a state that is neither ends the run at once,
 * states tolerated only for a while after they first show (eventual consistency), and nothing waits
 * past the run's deadline.
 */
import { AwsFailure } from '../core/errors.js';
import { pause, type RunContext } from './wait.js';

export interface ReadWait {
  /** For sentences: "point-in-time recovery on t to read ENABLED". */
  what: string;
  pending: ReadonlySet<string>;
  target: ReadonlySet<string>;
  /** States tolerated for `ms` from when they first show in a row, then `error`. */
  settling?: { states: ReadonlySet<string>; ms: number; error: () => AwsFailure };
  /** One read (it may also send the change it waits for): the state now. */
  read(): Promise<string>;
}

/** Reads until a target state; returns it and the number of reads. */
export async function waitForRead(ctx: RunContext, id: string, wait: ReadWait): Promise<{ state: string; polls: number }> {
  const started = Date.now();
  let settlingSince: number | undefined;
  for (let polls = 1; ; polls++) {
    const state = await wait.read();
    if (wait.target.has(state)) return { state, polls };
    const now = Date.now();
    if (wait.pending.has(state)) settlingSince = undefined;
    else if (wait.settling?.states.has(state)) {
      settlingSince ??= now;
      if (now - settlingSince > wait.settling.ms) throw wait.settling.error();
    } else {
      throw new AwsFailure(`Stopped waiting for ${wait.what}: DynamoDB reports ${state}, which is not on the way there.`, 'Check the table in the DynamoDB console, then run again.');
    }
    ctx.emit({ type: 'waiting', id, status: state, elapsedMs: now - started });
    await pause(ctx, ctx.pollDelay(now - started), wait.what, state);
  }
}

export const states = (...names: string[]): ReadonlySet<string> => new Set(names);
