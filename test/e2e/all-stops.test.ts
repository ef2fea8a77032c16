/**
 * `sentinel-init all` stopped part-way: the built CLI against DynamoDB Local behind the fault proxy,
 * which holds one table's change (a `slow` fault) while the run is interrupted or terminated. The
 * closing sentence (and with --json the one document on stdout) names each table's state — done, in
 * progress with the call sent and not yet confirmed, not started — as DescribeTable reads them.
 */
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, ensureBuilt, jsonOutput, lines, runCli } from '../cli/run-cli.js';
import { localBehindProxy } from '../helpers/local-stack.js';

const REGION = 'eu-west-1';
const TABLES = ['sentinel-sessions', 'sentinel-requests', 'sentinel-breakglass', 'sentinel-ratelimit'];

const stack = localBehindProxy();
beforeAll(() => ensureBuilt());
afterEach(() => stack.proxy.clear());

const env = (key: string) => ({ AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: 'secret', HOME: '/nonexistent' });
const cli = (key: string, args: string[]) => runCli(['--region', REGION, '--endpoint-url', stack.proxy.endpoint, ...args], { env: env(key) });

/** Runs `args`, sending `signal` once the proxy holds `table`'s `op` (its request arrived and waits). */
function stopWhenHeld(key: string, args: string[], signal: NodeJS.Signals, op: string, table: string): Promise<CliRun> {
  let timer: NodeJS.Timeout | undefined;
  // The proxy keeps every body it saw: only this run's count.
  const before = stack.proxy.bodies(op).length;
  return runCli(['--region', REGION, '--endpoint-url', stack.proxy.endpoint, ...args], {
    env: env(key),
    onStderr: (_text, child) => {
      timer ??= setInterval(() => {
        if (!stack.proxy.bodies(op).slice(before).some((b) => b.TableName === table)) return;
        clearInterval(timer);
        child.kill(signal);
      }, 50);
    },
  }).finally(() => clearInterval(timer));
}

/** What DynamoDB Local holds for this key: per table, its status and TTL (undefined: no table). */
async function tablesNow(key: string): Promise<Record<string, { status?: string; ttl?: string } | undefined>> {
  const client = new DynamoDBClient({ region: REGION, endpoint: stack.local.endpoint, credentials: { accessKeyId: key, secretAccessKey: 'secret' } });
  try {
    const out: Record<string, { status?: string; ttl?: string } | undefined> = {};
    for (const name of TABLES) {
      const table = await client.send(new DescribeTableCommand({ TableName: name })).then(
        (o) => o.Table,
        (e: Error) => (e.name === 'ResourceNotFoundException' ? undefined : Promise.reject(e)),
      );
      const ttl = table && (await client.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription?.TimeToLiveStatus;
      out[name] = table && { status: table.TableStatus, ttl };
    }
    return out;
  } finally {
    client.destroy();
  }
}

/** sessions made and done, requests created but its TTL held in the proxy, the last two never started. */
const HELD = { op: 'UpdateTimeToLive', table: 'sentinel-requests' };
function holdRequestsTtl() {
  stack.proxy.inject(HELD.op, 'slow', 1, HELD.table);
  stack.proxy.delay(HELD.op, 60_000);
}

async function expectHeldState(key: string) {
  // The held request is dropped, never forwarded: TTL stays as the run left it.
  stack.proxy.clear();
  expect(await tablesNow(key)).toEqual({
    'sentinel-sessions': { status: 'ACTIVE', ttl: 'ENABLED' },
    'sentinel-requests': { status: 'ACTIVE', ttl: 'DISABLED' },
    'sentinel-breakglass': undefined,
    'sentinel-ratelimit': undefined,
  });
}

const PER_TABLE = [
  'Done: sentinel-sessions created.',
  'In progress: sentinel-requests (UpdateTimeToLive sent, not yet confirmed: Enable TTL on attribute ttl).',
  'Not started: sentinel-breakglass, sentinel-ratelimit.',
];

describe('all, stopped while one table\'s change is in flight', () => {
  it('SIGINT: exit 130; the sentence says which tables are done, in progress (and what DynamoDB reports), not started; a rerun finishes', async () => {
    holdRequestsTtl();
    const run = await stopWhenHeld('allint', ['all', '--yes'], 'SIGINT', HELD.op, HELD.table);
    expect(run.code, run.stderr).toBe(130);
    const last = lines(run.stderr).at(-1) ?? '';
    expect(last).toMatch(/^sentinel-init: Interrupted while applying\. /);
    for (const part of PER_TABLE) expect(last).toContain(part);
    // The interrupted table's own sentence, read back after the interruption.
    expect(last).toMatch(/sentinel-requests: Stopped while calling UpdateTimeToLive\. Now, as DynamoDB reports it: table sentinel-requests ACTIVE; .*TTL disabled/);
    await expectHeldState('allint');
    const rerun = await cli('allint', ['all', '--yes']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(Object.values(await tablesNow('allint')).every((t) => t?.status === 'ACTIVE' && t.ttl === 'ENABLED')).toBe(true);
  });

  it('SIGTERM with --json: exit 143 with the same per-table account, and the document on stdout', async () => {
    holdRequestsTtl();
    const run = await stopWhenHeld('allterm', ['all', '--yes', '--json'], 'SIGTERM', HELD.op, HELD.table);
    expect(run.code, run.stderr).toBe(143);
    const last = lines(run.stderr).at(-1) ?? '';
    expect(last).toMatch(/^sentinel-init: Terminated while applying\. /);
    for (const part of PER_TABLE) expect(last).toContain(part);
    const doc = jsonOutput(run).tables;
    expect(doc.map((t) => [t.table, t.state])).toEqual([
      ['sentinel-sessions', 'done'],
      ['sentinel-requests', 'in-progress'],
      ['sentinel-breakglass', 'not-started'],
      ['sentinel-ratelimit', 'not-started'],
    ]);
    expect(doc[1]?.inFlight).toEqual([{ operation: 'UpdateTimeToLive', step: 'Enable TTL on attribute ttl' }]);
    await expectHeldState('allterm');
  });

  it('SIGINT with --json: stdout is one JSON document with each table\'s state', async () => {
    holdRequestsTtl();
    const run = await stopWhenHeld('alljson', ['all', '--yes', '--json'], 'SIGINT', HELD.op, HELD.table);
    expect(run.code, run.stderr).toBe(130);
    const doc = jsonOutput(run).tables;
    expect(doc.map((t) => [t.table, t.state, t.status])).toEqual([
      ['sentinel-sessions', 'done', 'created'],
      ['sentinel-requests', 'in-progress', undefined],
      ['sentinel-breakglass', 'not-started', undefined],
      ['sentinel-ratelimit', 'not-started', undefined],
    ]);
    expect(doc[0]?.tableArn).toMatch(/table\/sentinel-sessions$/);
    expect(doc[1]).toMatchObject({
      kind: 'approvals',
      inFlight: [{ operation: 'UpdateTimeToLive', step: 'Enable TTL on attribute ttl' }],
      stepsDone: ['Create table sentinel-requests with 3 indexes', 'Wait for table sentinel-requests and its indexes to become ACTIVE'],
    });
    expect(doc[1]?.error).toMatch(/^Stopped while calling UpdateTimeToLive\. Now, as DynamoDB reports it: table sentinel-requests ACTIVE/);
    await expectHeldState('alljson');
  });
});

describe('all --yes --verify --json when only verify fails', () => {
  it('one JSON document: every table created, and the verify that failed', async () => {
    // The endpoint stops answering PutItem for good: verify cannot run on the first table.
    stack.proxy.inject('PutItem', 'reset', 20);
    const run = await cli('allverify', ['all', '--yes', '--verify', '--json']);
    expect(run.code, run.stderr).toBe(1);
    const doc = jsonOutput(run).tables;
    expect(doc.map((t) => [t.table, t.state, t.status])).toEqual(TABLES.map((t) => [t, 'done', 'created']));
    expect(doc[0]?.verifyError).toMatch(/ECONNRESET/);
    expect(lines(run.stderr).at(-1)).toMatch(/^sentinel-init: .*ECONNRESET/);
  });
});
