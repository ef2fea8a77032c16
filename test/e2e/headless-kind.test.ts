/**
 * A table of another kind, headless, through the built CLI against DynamoDB Local (behind the fault
 * proxy): converging it would add the wrong kind's indexes, and verify would write the wrong kind's
 * probe items, so both are refused (exit 2) before any change unless the person says so with
 * --allow-kind-change. The plan names each foreign index by the kind it belongs to.
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lines, runCli, type CliRun } from '../cli/run-cli.js';
import { localBehindProxy } from '../helpers/local-stack.js';
import { tableAt } from '../helpers/local-tables.js';

const REGION = 'eu-west-1';
const stack = localBehindProxy();
let client: DynamoDBClient;

beforeAll(() => {
  ensureBuilt();
  client = new DynamoDBClient({ region: REGION, endpoint: stack.local.endpoint, credentials: { accessKeyId: 'kinde2e', secretAccessKey: 'secret' } });
});
afterAll(() => client?.destroy());

// DynamoDB Local keeps one database per access key: a test with its own key has its own tables.
const cli = (args: string[], key = 'kinde2e') =>
  runCli(['--region', REGION, '--endpoint-url', stack.proxy.endpoint, ...args], { env: { AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: 'secret', HOME: '/nonexistent' } });

const indexNames = async (table: string, key = 'kinde2e') => ((await tableAt(stack.local.endpoint, key, REGION, table))?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort();
const WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems', 'UpdateTable', 'UpdateTimeToLive', 'TagResource', 'CreateTable'];
const writes = () => WRITES.reduce((n, op) => n + stack.proxy.count(op), 0);

/** Exit 2, the refusal as the only line on stderr, nothing on stdout, no stack. */
function refusedWith(run: CliRun, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const said = lines(run.stderr).filter((l) => l.startsWith('sentinel-init:'));
  expect(said, run.stderr).toHaveLength(1);
  expect(said[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('a table of another kind', () => {
  const SESSIONS = ['gsi-profile', 'gsi-server-instance', 'gsi-status', 'gsi-user'];

  it('approvals on a sessions table: --yes is refused (exit 2) and the table is unchanged; --plan names the foreign indexes by their kind', async () => {
    const made = await cli(['sessions', '--table', 'kind-sessions', '--yes']);
    expect(made.code, made.stderr).toBe(0);
    expect(await indexNames('kind-sessions')).toEqual(SESSIONS);

    const before = writes();
    const run = await cli(['approvals', '--table', 'kind-sessions', '--yes']);
    refusedWith(run, /^sentinel-init: Table kind-sessions looks like a sessions table, not an approvals table\b.*Nothing was changed\..*--allow-kind-change/);
    expect(run.stderr).not.toMatch(/SENTINEL_APPROVAL_TABLE/);
    expect(writes()).toBe(before);
    expect(await indexNames('kind-sessions')).toEqual(SESSIONS);

    const plan = await cli(['approvals', '--table', 'kind-sessions', '--plan']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('  ! Table kind-sessions looks like a sessions table (its indexes are exactly sessions\'s): converging turns it into an approvals table as well.');
    expect(plan.stdout).toContain('  ! Index gsi-server-instance belongs to a sessions table, not to an approvals table; left as is.');
    expect(plan.stdout).toContain('  ! Index gsi-user belongs to a sessions table, not to an approvals table; left as is.');
    expect(plan.stdout).not.toMatch(/not one of Sentinel's|a approvals/);
  });

  it('with --allow-kind-change it converges: approvals\' index is added next to the sessions ones', async () => {
    await cli(['sessions', '--table', 'kind-allowed', '--yes']);
    const run = await cli(['approvals', '--table', 'kind-allowed', '--yes', '--allow-kind-change']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Table kind-allowed \(approvals\) in eu-west-1: updated\./);
    expect(await indexNames('kind-allowed')).toEqual([...SESSIONS, 'gsi-requester'].sort());
  });

  it('without --yes the kind is what stops the run, naming the override; a table of its own kind is not refused', async () => {
    await cli(['breakglass', '--table', 'kind-bg', '--yes']);
    const run = await cli(['approvals', '--table', 'kind-bg']);
    refusedWith(run, /Table kind-bg looks like a breakglass table, not an approvals table.*--allow-kind-change/);
    expect(await indexNames('kind-bg')).toEqual(['gsi-invoker', 'gsi-profile', 'gsi-status']);
    // Its own kind is not refused.
    const own = await cli(['breakglass', '--table', 'kind-bg', '--yes', '--no-pitr']);
    expect(own.code, own.stderr).toBe(0);
  });

  it('verify sessions on an approvals table: exit 2 before any probe is written, naming the kind it looks like', async () => {
    await cli(['approvals', '--table', 'kind-requests', '--yes']);
    const before = writes();
    const run = await cli(['verify', 'sessions', '--table', 'kind-requests']);
    refusedWith(run, /^sentinel-init: Table kind-requests looks like an approvals table, not a sessions table: .*Nothing was written\..*verify approvals/);
    expect(writes()).toBe(before);
    expect((await client.send(new ScanCommand({ TableName: 'kind-requests', Select: 'COUNT' }))).Count).toBe(0);
    // Its own kind verifies as before.
    const own = await cli(['verify', 'approvals', '--table', 'kind-requests']);
    expect(own.code, own.stderr).toBe(0);
  });

  it('all: a default-named table of another kind stops the run before any table is made; --allow-kind-change lets all converge it', async () => {
    const key = 'kindall';
    const made = await cli(['sessions', '--table', 'sentinel-requests', '--yes'], key);
    expect(made.code, made.stderr).toBe(0);
    const refused = await cli(['all', '--yes'], key);
    expect(refused.code, refused.stderr).toBe(2);
    expect(lines(refused.stderr).at(-1)).toMatch(/Table sentinel-requests looks like a sessions table, not an approvals table.*--allow-kind-change/);
    expect(await tableAt(stack.local.endpoint, key, REGION, 'sentinel-sessions')).toBeUndefined();

    const allowed = await cli(['all', '--yes', '--allow-kind-change'], key);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(await indexNames('sentinel-requests', key)).toEqual([...SESSIONS, 'gsi-requester'].sort());
    expect(await indexNames('sentinel-sessions', key)).toEqual(SESSIONS);
  });

  it('verify takes no --allow-kind-change (exit 2)', async () => {
    const run = await cli(['verify', 'sessions', '--allow-kind-change']);
    refusedWith(run, /verify .* takes no --allow-kind-change/);
  });
});
