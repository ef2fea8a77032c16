/**
 * The built CLI, headless, against DynamoDB Local: exit codes, stdout and stderr as a script sees them.
 * Credentials are static test keys in the environment; nothing here can reach real AWS.
 */
import { CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { ensureBuilt, jsonOutput, lines, onlyTable, ROOT, runCli, type CliRun } from '../cli/run-cli.js';

const REGION = 'eu-west-1';
const KEYS = { AWS_ACCESS_KEY_ID: 'headlesse2e', AWS_SECRET_ACCESS_KEY: 'secret' };

let local: DynamoDbLocal;
let proxy: FaultProxy;
let client: DynamoDBClient;
let home: string;
let files: NodeJS.ProcessEnv;

beforeAll(async () => {
  ensureBuilt();
  local = await startDynamoDbLocal();
  proxy = await startFaultProxy(local.endpoint);
  client = new DynamoDBClient({ region: REGION, endpoint: local.endpoint, credentials: { accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: 'secret' } });
  home = mkdtempSync(join(tmpdir(), 'headless-e2e-'));
  writeFileSync(join(home, 'config'), '[profile ops]\nregion = eu-west-1\n');
  writeFileSync(join(home, 'credentials'), '[ops]\naws_access_key_id = headlesse2e\naws_secret_access_key = secret\n');
  files = { HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
});

afterAll(async () => {
  client?.destroy();
  await proxy?.stop();
  await local?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

/** A run against DynamoDB Local with the test keys and a region. */
const cli = (args: string[], env: NodeJS.ProcessEnv = {}, endpoint = local.endpoint) =>
  runCli(['--region', REGION, '--endpoint-url', endpoint, ...args], { env: { ...files, ...KEYS, ...env } });

const describeTable = (name: string) => client.send(new DescribeTableCommand({ TableName: name })).then((o) => o.Table);
const exists = (name: string) => describeTable(name).then(() => true, (e: Error) => (e.name === 'ResourceNotFoundException' ? false : Promise.reject(e)));
const tableNames = async () => (await client.send(new ListTablesCommand({}))).TableNames ?? [];

/** The one table of the run's --json document (parsed and held to docs/json-schema.json). */
function json(run: CliRun): Record<string, unknown> {
  return onlyTable(run);
}

/** --generate-iam's policy documents (not the --json contract: AWS reads them as they are). */
function policies(run: CliRun): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** The error is one line on stderr (the last; progress may come before it), with no stack trace. */
function expectOneLineError(run: CliRun, code: number, pattern: RegExp, onlyLine = true): void {
  expect(run.code, run.stderr).toBe(code);
  const all = lines(run.stderr);
  if (onlyLine) expect(all, run.stderr).toHaveLength(1);
  expect(all.filter((l) => l.startsWith('sentinel-init:')), run.stderr).toHaveLength(1);
  expect(all.at(-1)).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  // A known failure is said plainly; "Unexpected error" is for bugs.
  expect(run.stderr).not.toMatch(/Unexpected error/);
}

describe('headless against DynamoDB Local', () => {
  it('sessions: creates with --yes --json, then is unchanged, and --plan says none', async () => {
    const created = await cli(['sessions', '--table', 'e2e-sessions', '--yes', '--json']);
    expect(created.code, created.stderr).toBe(0);
    // The contract's top level (docs/json-schema.json), the same for one KIND as for all.
    expect(jsonOutput(created)).toMatchObject({ formatVersion: '1', command: 'apply', tables: [expect.any(Object)] });
    expect(Object.keys(jsonOutput(created))).toEqual(['formatVersion', 'command', 'tables']);
    expect(json(created)).toEqual({
      kind: 'sessions',
      table: 'e2e-sessions',
      region: REGION,
      status: 'created',
      state: 'done',
      tableArn: expect.stringMatching(/:table\/e2e-sessions$/),
      wiring: [
        { consumer: 'Lambda TVM', kind: 'env', name: 'SENTINEL_SESSION_TABLE', value: 'e2e-sessions', deploy: { cdk: 'sessionTable', terraform: 'session_table' } },
        { consumer: 'Lambda authorizer', kind: 'env', name: 'SENTINEL_SESSION_TABLE', value: 'e2e-sessions', note: 'an authorizer you build with lambda.NewAuthorizerFromEnv' },
        { consumer: 'sentinel CLI', kind: 'flag', name: '--table', value: 'e2e-sessions', commands: expect.arrayContaining(['server-sessions', 'server-revoke']) },
      ],
      // Sentinel's deploy tools' inputs for the table; the Lambda TVM queries no sessions index, so the CDK stack has no gap here.
      deploy: [
        { tool: 'CDK', path: 'cdk/sentinel-tvm', inputs: [{ input: 'sessionTable', variable: 'SENTINEL_SESSION_TABLE', value: 'e2e-sessions' }], setting: ['cdk deploy -c sessionTable=e2e-sessions'], gaps: [] },
        { tool: 'Terraform', path: 'terraform/sentinel-tvm', inputs: [{ input: 'session_table', variable: 'SENTINEL_SESSION_TABLE', value: 'e2e-sessions' }], setting: ['module "sentinel_tvm" {', '  session_table = "e2e-sessions"', '}'], gaps: [] },
      ],
    });
    expect(created.stderr).toMatch(/Create table e2e-sessions/);
    const table = await describeTable('e2e-sessions');
    expect(table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['gsi-profile', 'gsi-server-instance', 'gsi-status', 'gsi-user']);
    expect(table?.DeletionProtectionEnabled).toBe(true);

    const again = await cli(['sessions', '--table', 'e2e-sessions', '--yes', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(json(again)).toMatchObject({ status: 'unchanged', tableArn: (json(created) as { tableArn: string }).tableArn });

    const plan = await cli(['--table', 'e2e-sessions', '--plan', '--json']);
    expect(plan.code).toBe(0);
    expect(jsonOutput(plan)).toMatchObject({ formatVersion: '1', command: 'plan' });
    expect(json(plan)).toMatchObject({ kind: 'sessions', table: 'e2e-sessions', region: REGION, action: 'none', changes: [], compared: true });
  });

  it('approvals and breakglass: created with their indexes; the human summary names the next step', async () => {
    const approvals = await cli(['approvals', '--table', 'e2e-requests', '--yes']);
    expect(approvals.code, approvals.stderr).toBe(0);
    // The Lambda reads SENTINEL_APPROVAL_TABLE and the CLI --request-table; nothing reads SENTINEL_REQUEST_TABLE.
    expect(approvals.stdout).toContain('  Lambda TVM         SENTINEL_APPROVAL_TABLE=e2e-requests\n');
    expect(approvals.stdout).toContain('  sentinel CLI       --request-table e2e-requests  (request, list, check, approve, deny)\n');
    expect(approvals.stdout).not.toContain('SENTINEL_REQUEST_TABLE');
    expect((await describeTable('e2e-requests'))?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['gsi-profile', 'gsi-requester', 'gsi-status']);

    const breakglass = await cli(['breakglass', '--table', 'e2e-breakglass', '--yes', '--json']);
    expect(breakglass.code, breakglass.stderr).toBe(0);
    expect(json(breakglass)).toMatchObject({ kind: 'breakglass', status: 'created' });
    expect((await describeTable('e2e-breakglass'))?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['gsi-invoker', 'gsi-profile', 'gsi-status']);
  });

  it('ratelimit: `sentinel-init ratelimit --yes` makes the limiter\'s table (PK, TTL on TTL, no index, protected), then is unchanged', async () => {
    const created = await cli(['ratelimit', '--yes', '--json']);
    expect(created.code, created.stderr).toBe(0);
    expect(json(created)).toMatchObject({ kind: 'ratelimit', table: 'sentinel-ratelimit', status: 'created' });
    expect(created.stderr).toMatch(/Create table sentinel-ratelimit\n/);
    const table = await describeTable('sentinel-ratelimit');
    expect(table?.KeySchema).toEqual([{ AttributeName: 'PK', KeyType: 'HASH' }]);
    expect(table?.AttributeDefinitions).toEqual([{ AttributeName: 'PK', AttributeType: 'S' }]);
    expect(table?.GlobalSecondaryIndexes).toBeUndefined();
    expect(table?.DeletionProtectionEnabled).toBe(true);
    expect((await client.send(new DescribeTimeToLiveCommand({ TableName: 'sentinel-ratelimit' }))).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'TTL' });
    const again = await cli(['ratelimit', '--yes', '--json']);
    expect(json(again)).toMatchObject({ kind: 'ratelimit', status: 'unchanged' });
  });

  it('refuses a change without --yes: exit 2 naming --yes and --plan, nothing created, stdout empty', async () => {
    const run = await cli(['--table', 'e2e-refused', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--yes/);
    expect(run.stderr).toMatch(/--plan/);
    expect(await exists('e2e-refused')).toBe(false);
  });

  it('--plan without credentials shows the offline plan and says why it could not compare', async () => {
    const run = await runCli(['--region', REGION, '--endpoint-url', local.endpoint, '--table', 'e2e-nocreds', '--plan', '--json'], { env: { ...files, AWS_CONFIG_FILE: join(home, 'missing') } });
    expect(run.code, run.stderr).toBe(0);
    const doc = json(run);
    expect(doc).toMatchObject({ action: 'create', compared: false });
    expect(String(doc.reason)).toMatch(/credential/i);
    const human = await runCli(['--region', REGION, '--endpoint-url', local.endpoint, '--table', 'e2e-nocreds', '--plan'], { env: { ...files, AWS_CONFIG_FILE: join(home, 'missing') } });
    expect(human.code).toBe(0);
    // The plan is the result: on stdout (so `--plan > plan.txt` keeps it), caveat included.
    expect(human.stdout).toMatch(/^Plan for sessions table e2e-nocreds in /);
    expect(human.stdout).toMatch(/Could not compare/);
    expect(human.stderr).not.toMatch(/Plan for/);
  });

  it('converges an old-style table: update naming the missing gsi-profile, then updated', async () => {
    const old = ['user', 'status'].map((pk) => ({ name: `gsi-${pk}`, pk, sk: 'created_at' }));
    old.push({ name: 'gsi-server-instance', pk: 'server_instance_id', sk: 'status' });
    await client.send(
      new CreateTableCommand({
        TableName: 'e2e-old',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: ['id', 'user', 'status', 'server_instance_id', 'created_at'].map((a) => ({ AttributeName: a, AttributeType: 'S' as const })),
        GlobalSecondaryIndexes: old.map((i) => ({
          IndexName: i.name,
          KeySchema: [{ AttributeName: i.pk, KeyType: 'HASH' as const }, { AttributeName: i.sk, KeyType: 'RANGE' as const }],
          Projection: { ProjectionType: 'ALL' as const },
        })),
      }),
    );
    await client.send(new UpdateTimeToLiveCommand({ TableName: 'e2e-old', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }));

    const plan = await cli(['--table', 'e2e-old', '--plan', '--json', '--no-deletion-protection']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(json(plan)).toMatchObject({ action: 'update', changes: [{ op: 'add-index', target: 'gsi-profile' }] });

    const applied = await cli(['--table', 'e2e-old', '--yes', '--json', '--no-deletion-protection']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(json(applied)).toMatchObject({ status: 'updated' });
    expect((await describeTable('e2e-old'))?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toContain('gsi-profile');
  });

  it('refuses a table with another key: exit 1 with the reason, nothing changed', async () => {
    await client.send(
      new CreateTableCommand({
        TableName: 'e2e-wrongkey',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      }),
    );
    for (const mode of ['--yes', '--plan']) {
      const run = await cli(['--table', 'e2e-wrongkey', mode, '--json']);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/partition key is `pk`/);
    }
    expect((await describeTable('e2e-wrongkey'))?.GlobalSecondaryIndexes).toBeUndefined();
  });

  it('survives transient failures through the fault proxy', async () => {
    proxy.inject('DescribeTable', '503', 2);
    proxy.inject('CreateTable', 'throttle', 3);
    proxy.inject('UpdateTimeToLive', 'reset', 2);
    const run = await cli(['--table', 'e2e-flaky', '--yes', '--json'], {}, proxy.endpoint);
    expect(run.code, run.stderr).toBe(0);
    expect(json(run)).toMatchObject({ status: 'created' });
    expect(proxy.pending('CreateTable')).toBe(0);
    expect(proxy.pending('UpdateTimeToLive')).toBe(0);
  });

  it('AccessDenied: exit 1 naming the action and --generate-iam', async () => {
    proxy.inject('CreateTable', 'access-denied', 1);
    const run = await cli(['--table', 'e2e-denied', '--yes'], {}, proxy.endpoint);
    expectOneLineError(run, 1, /AWS denied dynamodb:CreateTable.*Nothing was changed/, false);
    expect(run.stderr).toMatch(/--generate-iam/);
    expect(await exists('e2e-denied')).toBe(false);
  });

  it('an unreachable endpoint: exit 1 with a clear message', async () => {
    const closed = new URL(proxy.endpoint);
    await proxy.stop();
    proxy = await startFaultProxy(local.endpoint);
    const run = await cli(['--table', 'e2e-unreachable', '--yes'], { AWS_MAX_ATTEMPTS: '2' }, closed.origin);
    expectOneLineError(run, 1, /Could not reach DynamoDB at http:\/\/127\.0\.0\.1:\d+/);
  });
});

describe('bad input: exit 2, one line on stderr, nothing created', () => {
  const cases: [string, string[], NodeJS.ProcessEnv, RegExp][] = [
    ['short table name', ['--table', 'ab'], {}, /too short/],
    ['table name with a space', ['--table', 'my table'], {}, /contains a space/],
    ['table name with a slash', ['--table=a/b/c'], {}, /contains "\/"/],
    ['malformed region', ['--region', 'eu-west'], {}, /Region "eu-west" is not a region name/],
    ['region with underscores', ['--region', 'EU_WEST_1'], {}, /Region "EU_WEST_1"/],
    ['malformed AWS_REGION', [], { AWS_REGION: 'eu-west' }, /Region "eu-west".*AWS_REGION/],
    ['unknown profile by flag', ['--aws-profile', 'nope', '--region', REGION], {}, /Profile "nope" \(from --aws-profile\).*Known profiles: ops/],
    ['unknown profile by AWS_PROFILE', ['--region', REGION], { AWS_PROFILE: 'ghost' }, /Profile "ghost" \(from AWS_PROFILE\)/],
    ['unknown flag', ['--tabel', 'x'], {}, /Unknown flag --tabel\. Did you mean --table\?/],
    ['unknown kind', ['session'], {}, /Unknown kind "session"/],
    ['two kinds', ['sessions', 'approvals'], {}, /only one KIND/],
    ['bad account id', ['--account-id', '1234'], {}, /not 12 digits/],
    ['bad endpoint', ['--endpoint-url', 'localhost:8000'], {}, /must start with http/],
    ['missing value', ['--region'], {}, /--region needs a value/],
    ['no region anywhere', [], {}, /No region given\. Pass --region/],
  ];
  for (const [name, args, env, pattern] of cases) {
    it(name, async () => {
      const before = await tableNames();
      const withEndpoint = args.includes('--endpoint-url') ? [] : ['--endpoint-url', local.endpoint];
      const run = await runCli([...args, ...withEndpoint, '--yes', '--json'], { env: { ...files, ...KEYS, ...env } });
      expectOneLineError(run, 2, pattern);
      expect(run.stdout).toBe('');
      expect(await tableNames()).toEqual(before);
    });
  }
});

describe('offline answers', () => {
  const offline = { HOME: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' };

  it('--generate-iam needs no credentials and no network', async () => {
    // An endpoint nothing listens on: a policy run that tried to connect would fail.
    const run = await runCli(['approvals', '--generate-iam', '--region', 'cn-north-1', '--account-id', '123456789012', '--endpoint-url', 'http://127.0.0.1:9'], { env: offline });
    expect(run.code, run.stderr).toBe(0);
    type Doc = { Statement: { Sid: string; Resource: string[] }[] };
    const both = policies(run) as { provisioning: Doc; runtime: Doc };
    expect(both.provisioning.Statement.map((s) => s.Sid)).toEqual(['SentinelApprovalTableProvisioning', 'SentinelApprovalTableVerify']);
    expect(both.runtime.Statement.map((s) => s.Sid)).toEqual(['SentinelApprovalTableOperations']);
    expect(both.provisioning.Statement[0]?.Resource).toEqual(['arn:aws-cn:dynamodb:cn-north-1:123456789012:table/sentinel-requests']);
    // One alone: the document itself, what `aws iam create-policy --policy-document` takes.
    const runtime = await runCli(['approvals', '--generate-iam', 'runtime', '--region', 'cn-north-1', '--account-id', '123456789012'], { env: offline });
    expect(runtime.code, runtime.stderr).toBe(0);
    expect(policies(runtime)).toEqual(both.runtime);
  });

  it('--generate-iam without a region stops naming --region (a policy for any region grants too much); without an account it uses * and says so', async () => {
    const none = await runCli(['--generate-iam'], { env: offline });
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(lines(none.stderr)).toEqual(['sentinel-init: No region given, and the policy names the table by its ARN, which includes the region. Pass --region (e.g. --region eu-west-1).']);
    const run = await runCli(['--generate-iam'], { env: { ...offline, AWS_DEFAULT_REGION: 'eu-north-1' } });
    expect(run.code).toBe(0);
    expect((policies(run) as { provisioning: { Statement: { Resource: string[] }[] } }).provisioning.Statement[0]?.Resource).toEqual(['arn:aws:dynamodb:eu-north-1:*:table/sentinel-sessions']);
    expect(run.stderr).toMatch(/No --account-id/);
  });

  it('a region the SDK does not know is refused with the closest one, in --generate-iam and runs alike; --allow-unknown-region lets a new one through', async () => {
    for (const args of [['--generate-iam', '--region', 'eu-wst-1'], ['--plan', '--region', 'eu-wst-1']]) {
      const run = await runCli(args, { env: offline });
      expect(run.code, args.join(' ')).toBe(2);
      expect(lines(run.stderr).at(-1)).toBe(
        'sentinel-init: Region "eu-wst-1" is not one this tool\'s AWS SDK knows. Did you mean eu-west-1? Check --region. For a region newer than this tool, pass --allow-unknown-region.',
      );
    }
    const fromEnv = await runCli(['--plan'], { env: { ...offline, AWS_REGION: 'us-eats-1' } });
    expect(lines(fromEnv.stderr).at(-1)).toMatch(/Did you mean us-east-1\? It came from AWS_REGION: fix or unset it, or pass --region\./);
    const allowed = await runCli(['--generate-iam', '--region', 'ap-mars-1', '--allow-unknown-region'], { env: offline });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain('arn:aws:dynamodb:ap-mars-1:*:table/sentinel-sessions');
  });

  it('--help and --version answer at once', async () => {
    const help = await runCli(['--help'], { env: offline });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^sentinel-init \d+\.\d+\.\d+/);
    expect(help.stdout).toContain('Usage: sentinel-init [KIND] [flags]');
    const version = await runCli(['--version'], { env: offline });
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });
});
