/**
 * `sentinel-init all` headless, through the built CLI against DynamoDB Local (behind the fault
 * proxy): every one of Sentinel's tables in one run, JSON arrays, exit codes as for one table, and a
 * failure that says which tables are done.
 */
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, jsonOutput, lines, runCli } from '../cli/run-cli.js';
import { localBehindProxy } from '../helpers/local-stack.js';

const REGION = 'eu-west-1';
const TABLES = ['sentinel-sessions', 'sentinel-requests', 'sentinel-breakglass', 'sentinel-ratelimit'];

const stack = localBehindProxy();

beforeAll(() => ensureBuilt());

// DynamoDB Local keeps one database per access key: each test has its own key, so its own tables.
const cli = (key: string, args: string[]) =>
  runCli(['--region', REGION, '--endpoint-url', stack.proxy.endpoint, ...args], { env: { AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: 'secret', HOME: '/nonexistent' } });

async function tablesOf(key: string): Promise<string[]> {
  const client = new DynamoDBClient({ region: REGION, endpoint: stack.local.endpoint, credentials: { accessKeyId: key, secretAccessKey: 'secret' } });
  try {
    return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
  } finally {
    client.destroy();
  }
}

describe('sentinel-init all, headless', () => {
  it('creates the four tables with --yes --json (an array of results), then plans nothing to do (exit 0 with --detailed-exitcode)', async () => {
    const plan = await cli('allcreate', ['all', '--plan', '--json', '--detailed-exitcode']);
    expect(plan.code, plan.stderr).toBe(2);
    expect((jsonOutput(plan).tables as { table: string; action: string }[]).map((p) => [p.table, p.action])).toEqual(TABLES.map((t) => [t, 'create']));

    const run = await cli('allcreate', ['all', '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    // The same top level as for one KIND: formatVersion, command, one entry per table.
    expect(jsonOutput(run)).toMatchObject({ formatVersion: '1', command: 'apply' });
    const results = jsonOutput(run).tables as { kind: string; table: string; status: string; wiring: unknown[] }[];
    expect(results.map((r) => [r.kind, r.table, r.status])).toEqual([
      ['sessions', 'sentinel-sessions', 'created'],
      ['approvals', 'sentinel-requests', 'created'],
      ['breakglass', 'sentinel-breakglass', 'created'],
      ['ratelimit', 'sentinel-ratelimit', 'created'],
    ]);
    expect(results.every((r) => r.wiring.length > 0)).toBe(true);
    expect((await tablesOf('allcreate')).sort()).toEqual([...TABLES].sort());

    const again = await cli('allcreate', ['all', '--plan', '--detailed-exitcode']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.match(/^Plan for \w+ table \S+ in eu-west-1: nothing to do/gm)).toHaveLength(4);
    const verified = await cli('allcreate', ['verify', 'all', '--json']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(jsonOutput(verified).command).toBe('verify');
    expect((jsonOutput(verified).tables as { table: string; passed: boolean }[]).map((r) => [r.table, r.passed])).toEqual(TABLES.map((t) => [t, true]));
  });

  it('checks every table before changing any: one it must refuse stops the run with nothing created', async () => {
    const client = new DynamoDBClient({ region: REGION, endpoint: stack.local.endpoint, credentials: { accessKeyId: 'allrefuse', secretAccessKey: 'secret' } });
    await client.send(
      new CreateTableCommand({ TableName: 'sentinel-breakglass', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }),
    );
    client.destroy();
    const run = await cli('allrefuse', ['all', '--yes']);
    expect(run.code, run.stderr).toBe(1);
    expect(lines(run.stderr).at(-1)).toMatch(/sentinel-breakglass.*partition key is `pk`/);
    expect(await tablesOf('allrefuse')).toEqual(['sentinel-breakglass']);
  });

  it('a failure part-way says which tables are done and which were not started; a rerun finishes', async () => {
    const first = await cli('allfail', ['sessions', '--yes']);
    expect(first.code, first.stderr).toBe(0);
    stack.proxy.inject('CreateTable', 'access-denied', 1);
    const run = await cli('allfail', ['all', '--yes']);
    expect(run.code, run.stderr).toBe(1);
    const last = lines(run.stderr).at(-1) ?? '';
    expect(last).toMatch(/^sentinel-init: sentinel-requests: .*dynamodb:CreateTable/);
    expect(last).toContain('Done: sentinel-sessions unchanged. Not started: sentinel-breakglass, sentinel-ratelimit.');
    const rerun = await cli('allfail', ['all', '--yes']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect((await tablesOf('allfail')).sort()).toEqual([...TABLES].sort());
  });

  it('all takes no --table (exit 2); --generate-iam all is two policies, each naming every table', async () => {
    const refused = await cli('allusage', ['all', '--table', 'my-table', '--yes']);
    expect(refused.code).toBe(2);
    expect(lines(refused.stderr)).toHaveLength(1);
    expect(refused.stderr).toMatch(/--table names one table: give its KIND with it/);
    const iam = await runCli(['all', '--generate-iam', '--region', REGION, '--account-id', '123456789012'], { env: { HOME: '/nonexistent' } });
    expect(iam.code, iam.stderr).toBe(0);
    type Doc = { Statement: { Sid: string; Resource: string[] }[] };
    const both = JSON.parse(iam.stdout) as { provisioning: Doc; runtime: Doc };
    const words = ['Session', 'Approval', 'BreakGlass', 'RateLimit'];
    expect(both.provisioning.Statement.map((s) => s.Sid)).toEqual(words.flatMap((w) => [`Sentinel${w}TableProvisioning`, `Sentinel${w}TableVerify`]));
    expect(both.runtime.Statement.map((s) => s.Sid)).toEqual(words.map((w) => `Sentinel${w}TableOperations`));
    for (const doc of [both.provisioning, both.runtime]) {
      for (const t of TABLES) expect(doc.Statement.some((s) => s.Resource.includes(`arn:aws:dynamodb:${REGION}:123456789012:table/${t}`))).toBe(true);
    }
  });
});
