/**
 * The waits' rules, on hand-written DescribeTable answers: which states are waited through, which
 * end the run at once and with what sentence, how throttling during a wait is retried, and that no
 * wait goes past the run's deadline.
 */
import type { DescribeTableCommandOutput } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { DynamoApi } from '../../src/aws/types.js';
import { newContext, tableActive, waitFor, type RunContext } from '../../src/engine/wait.js';
import type { ProgressEvent } from '../../src/engine/types.js';

const named = (name: string) => Object.assign(new Error(name), { name });

/** DescribeTable answering each of `answers` in turn (the last one sticks): a table status, 'GONE', or an error. */
function table(answers: (string | Error)[]) {
  let call = 0;
  const dynamo = {
    describeTable: async (): Promise<DescribeTableCommandOutput> => {
      const a = answers[Math.min(call++, answers.length - 1)]!;
      if (a instanceof Error) throw a;
      if (a === 'GONE') throw named('ResourceNotFoundException');
      return { Table: { TableName: 't', TableArn: 'arn:aws:dynamodb:eu-west-1:1:table/t', TableStatus: a as 'ACTIVE' }, $metadata: {} };
    },
  } as unknown as DynamoApi;
  return { dynamo, calls: () => call };
}

function run(dynamo: DynamoApi, timeoutMs = 60_000): { ctx: RunContext; events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  return { ctx: newContext(dynamo, 't', { timeoutMs, pollDelay: () => 1, onProgress: (e) => events.push(e) }), events };
}
const statuses = (events: ProgressEvent[]) => events.flatMap((e) => (e.type === 'waiting' ? [e.status] : []));

describe('waiting for a table to become ACTIVE', () => {
  it('waits through CREATING and UPDATING, reporting each, and returns the ACTIVE table', async () => {
    const { dynamo } = table(['CREATING', 'UPDATING', 'ACTIVE']);
    const { ctx, events } = run(dynamo);
    const out = await waitFor(ctx, 'wait-table', tableActive('t'));
    expect(out).toMatchObject({ polls: 3, table: { status: 'ACTIVE' } });
    expect(statuses(events)).toEqual(['CREATING', 'UPDATING']);
    expect(events.every((e) => e.type !== 'waiting' || e.id === 'wait-table')).toBe(true);
  });

  it('a table being deleted ends the wait at once, saying why and what to do', async () => {
    const { dynamo, calls } = table(['CREATING', 'DELETING']);
    const { ctx } = run(dynamo);
    await expect(waitFor(ctx, 'wait-table', tableActive('t'))).rejects.toMatchObject({
      message: 'Stopped waiting for table t to become ACTIVE: table t cannot be used now: it is being deleted (DELETING).',
      hint: 'Wait until it is gone, then run again to create it.',
    });
    expect(calls()).toBe(2);
  });

  it('a state DynamoDB may add later ends the wait, naming it', async () => {
    const { dynamo } = table(['REPLICATING']);
    await expect(waitFor(run(dynamo).ctx, 'wait-table', tableActive('t'))).rejects.toThrow(
      'Stopped waiting for table t to become ACTIVE: table t cannot be used now: it reports status REPLICATING, which this tool does not know how to wait for.',
    );
  });

  it('no table: "does not exist" before it was ever seen, "disappeared" after', async () => {
    await expect(waitFor(run(table(['GONE']).dynamo).ctx, 'x', tableActive('t'))).rejects.toThrow(
      'Table t does not exist, so there is no table t to become ACTIVE to wait for.',
    );
    await expect(waitFor(run(table(['CREATING', 'GONE']).dynamo).ctx, 'x', tableActive('t'))).rejects.toThrow(
      'Table t disappeared while waiting for table t to become ACTIVE: DescribeTable now says it does not exist.',
    );
  });

  it('right after CreateTable, "not found" is waited through (DynamoDB shows a new table late)', async () => {
    const { dynamo } = table(['GONE', 'GONE', 'CREATING', 'ACTIVE']);
    const { ctx, events } = run(dynamo);
    expect((await waitFor(ctx, 'wait-table', tableActive('t', true))).polls).toBe(4);
    expect(statuses(events)).toEqual(['NOT FOUND', 'NOT FOUND', 'CREATING']);
  });
});

describe('errors during a wait', () => {
  it('throttling is retried, reported as retries, and the wait goes on', async () => {
    const { dynamo } = table([named('ThrottlingException'), named('ThrottlingException'), 'ACTIVE']);
    const { ctx, events } = run(dynamo);
    expect((await waitFor(ctx, 'w', tableActive('t'))).polls).toBe(1);
    expect(events.filter((e) => e.type === 'retry')).toEqual([
      { type: 'retry', id: 'w', attempt: 1, reason: 'ThrottlingException' },
      { type: 'retry', id: 'w', attempt: 2, reason: 'ThrottlingException' },
    ]);
  });

  it('gives up after 5 retries in a row, with the error itself', async () => {
    const { dynamo, calls } = table([named('InternalServerError')]);
    await expect(waitFor(run(dynamo).ctx, 'w', tableActive('t'))).rejects.toMatchObject({ name: 'InternalServerError' });
    expect(calls()).toBe(6);
  });

  it('an error that is not transient, or an unreachable endpoint, ends the wait at once', async () => {
    const denied = table([named('AccessDeniedException'), 'ACTIVE']);
    await expect(waitFor(run(denied.dynamo).ctx, 'w', tableActive('t'))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(denied.calls()).toBe(1);
    const refused = table([Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'ACTIVE']);
    await expect(waitFor(run(refused.dynamo).ctx, 'w', tableActive('t'))).rejects.toThrow('ECONNREFUSED');
    expect(refused.calls()).toBe(1);
  });
});

describe('the deadline', () => {
  it('a wait that would pass --timeout stops there, saying nothing is lost and how to resume', async () => {
    const { dynamo } = table(['UPDATING']);
    const ctx = newContext(dynamo, 't', { timeoutMs: 50, pollDelay: () => 20 });
    const started = Date.now();
    await expect(waitFor(ctx, 'w', tableActive('t'))).rejects.toMatchObject({
      message: 'Gave up after 0.1 s (--timeout) waiting for table t to become ACTIVE; DynamoDB still reports UPDATING and goes on with it.',
      hint: 'Nothing is lost: run the same command again to resume waiting, or pass a longer --timeout.',
    });
    // It slept to the deadline, not past it.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
