/**
 * `sentinel-init verify` and `--verify`, the built CLI against DynamoDB Local: Sentinel's access
 * patterns pass on fresh tables of each kind, fail on a 0.1.0 table naming the write that breaks,
 * pass again once the tool has converged it; a missing permission is reported as such; probe items
 * never stay behind.
 */
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lines, onlyTable, runCli } from '../cli/run-cli.js';
import { sentinelCreateTableInput } from '../compat/sentinel-schema.js';
import { localBehindProxy } from '../helpers/local-stack.js';

const REGION = 'eu-west-1';
const KEYS = { AWS_ACCESS_KEY_ID: 'verifye2e', AWS_SECRET_ACCESS_KEY: 'secret' };

const stack = localBehindProxy();
let client: DynamoDBClient;

beforeAll(async () => {
  ensureBuilt();
  client = new DynamoDBClient({ region: REGION, endpoint: stack.local.endpoint, credentials: { accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: 'secret' } });
});
afterAll(async () => {
  client?.destroy();
});

const cli = (args: string[], endpoint = stack.local.endpoint) => runCli(['--region', REGION, '--endpoint-url', endpoint, ...args], { env: { HOME: '/nonexistent', ...KEYS } });
const itemCount = async (table: string) => (await client.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count;

describe('verify', () => {
  it.each([
    ['sessions', 12],
    ['approvals', 7],
    ['breakglass', 10],
    ['ratelimit', 5],
  ] as const)('passes on a fresh %s table: %i patterns, exit 0, no probe item left', async (kind, patterns) => {
    const table = `verify-${kind}`;
    const created = await cli([kind, '--table', table, '--yes']);
    expect(created.code, created.stderr).toBe(0);
    const run = await cli(['verify', kind, '--table', table]);
    expect(run.code, run.stderr).toBe(0);
    const out = lines(run.stdout);
    expect(out[0]).toBe(`Sentinel's access patterns on ${kind} table ${table} in ${REGION} (as mateoblack/sentinel b6142c9e sends them):`);
    expect(out.slice(1, -1)).toHaveLength(patterns);
    expect(out.slice(1, -1).every((l) => l.startsWith('  ✓ '))).toBe(true);
    expect(out.at(-1)).toBe(`All ${patterns} patterns work.`);
    expect(await itemCount(table)).toBe(0);
  });

  it('fails on a sessions table made by sentinel-init 0.1.0, naming the server-mode write; passes after the tool converges it', async () => {
    const table = 'verify-v010';
    const input = sentinelCreateTableInput('sessions', table);
    input.GlobalSecondaryIndexes?.push({
      IndexName: 'gsi-device-id',
      KeySchema: [
        { AttributeName: 'device_id', KeyType: 'HASH' },
        { AttributeName: 'created_at', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    });
    input.AttributeDefinitions?.push({ AttributeName: 'device_id', AttributeType: 'S' });
    await client.send(new CreateTableCommand(input));

    const broken = await cli(['verify', 'sessions', '--table', table]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      '  ✗ session.Create (server mode, no device)  PutItem: ValidationException: One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: gsi-device-id, IndexKey: device_id',
    );
    expect(broken.stdout).toContain('  ✓ session.Create (Lambda, with device)  PutItem');
    expect(broken.stdout).toContain('  - session.Get  GetItem: skipped, needs session.Create (server mode, no device)');
    // The command goes where verify went: this endpoint, not the region's real DynamoDB.
    const last = lines(broken.stderr).at(-1) ?? '';
    expect(last).toMatch(/^sentinel-init: Sentinel's access patterns do not all work on table verify-v010: .* The table has gsi-device-id, /);
    expect(last).toContain(`run \`sentinel-init sessions --endpoint-url ${stack.local.endpoint} --region eu-west-1 --table verify-v010 --yes\` to remove it`);
    expect(await itemCount(table)).toBe(0);

    const plan = await cli(['sessions', '--table', table, '--plan']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/\n    - index gsi-device-id +Sentinel writes an empty device_id for sessions without a device, which an index key cannot hold, so those session writes fail\n/);
    const fixed = await cli(['sessions', '--table', table, '--yes', '--verify', '--json']);
    expect(fixed.code, fixed.stderr).toBe(0);
    const doc = onlyTable<{ status: string; verify: { passed: boolean; checks: { method: string; outcome: string }[] } }>(fixed);
    expect(doc.status).toBe('updated');
    expect(doc.verify.passed).toBe(true);
    expect(doc.verify.checks.find((c) => c.method === 'session.Create (server mode, no device)')?.outcome).toBe('pass');
  });

  it('reports a missing data-plane permission as such: who lacks which action, not a broken table', async () => {
    const table = 'verify-denied';
    expect((await cli(['breakglass', '--table', table, '--yes'])).code).toBe(0);
    stack.proxy.inject('PutItem', 'access-denied');
    const run = await cli(['verify', 'breakglass', '--table', table, '--json'], stack.proxy.endpoint);
    expect(run.code).toBe(1);
    const report = onlyTable<{ passed: boolean; checks: { method: string; outcome: string; detail?: string }[]; probesLeft: string[] }>(run);
    expect(report.passed).toBe(false);
    expect(report.checks[0]).toEqual({
      method: 'breakglass.Create',
      action: 'PutItem',
      outcome: 'denied',
      detail: `arn:aws:iam::123456789012:user/x may not call dynamodb:PutItem on arn:aws:dynamodb:us-east-1:123456789012:table/${table}`,
    });
    expect(report.checks.filter((c) => c.outcome === 'fail')).toEqual([]);
    expect(lines(run.stderr).at(-1)).toMatch(/ verify runs as whoever runs sentinel-init: give that principal the provisioning policy of `sentinel-init breakglass --generate-iam provisioning --region eu-west-1 --table verify-denied`, which holds DescribeTable and every call verify makes\.$/);
    expect(report.probesLeft).toEqual([]);
    expect(await itemCount(table)).toBe(0);
  });

  it('ratelimit: both paths of the limiter, in order, on its PK-keyed table', async () => {
    const table = 'verify-ratelimit-lines';
    expect((await cli(['ratelimit', '--table', table, '--yes'])).code).toBe(0);
    const run = await cli(['verify', 'ratelimit', '--table', table]);
    expect(run.code, run.stderr).toBe(0);
    expect(lines(run.stdout).slice(1, -1)).toEqual([
      '  ✓ ratelimit.Allow (first request: creates the item, Count 1)  UpdateItem',
      '  ✓ ratelimit.Allow (same window: Count 2)  UpdateItem',
      '  ✓ ratelimit.Allow (next window: the condition fails, as the limiter expects)  UpdateItem',
      '  ✓ ratelimit.resetAndIncrement (next window: Count back to 1)  UpdateItem',
      '  ✓ cleanup (the limiter itself never deletes)  DeleteItem',
    ]);
  });

  it('ratelimit on a table keyed on id: the limiter\'s update fails, the rest is skipped, nothing is left', async () => {
    const table = 'verify-ratelimit-id';
    expect((await cli(['approvals', '--table', table, '--yes'])).code).toBe(0);
    const run = await cli(['verify', 'ratelimit', '--table', table, '--json']);
    expect(run.code).toBe(1);
    const report = onlyTable<{ checks: { method: string; outcome: string; detail?: string }[] }>(run);
    expect(report.checks.map((c) => c.outcome)).toEqual(['fail', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(report.checks[0]?.detail).toBe('ValidationException: One of the required keys was not given a value');
    expect(await itemCount(table)).toBe(0);
  });

  it('ratelimit without DeleteItem (the limiter never deletes): the probe stays, named with the command that removes it, and the hint names the provisioning policy, which holds DeleteItem', async () => {
    const table = 'verify-ratelimit-nodelete';
    expect((await cli(['ratelimit', '--table', table, '--yes'])).code).toBe(0);
    stack.proxy.inject('DeleteItem', 'access-denied');
    const run = await cli(['verify', 'ratelimit', '--table', table, '--json'], stack.proxy.endpoint);
    expect(run.code).toBe(1);
    const report = onlyTable<{ checks: { method: string; outcome: string }[]; probesLeft: string[]; cleanCommand: string }>(run);
    expect(report.checks.map((c) => c.outcome)).toEqual(['pass', 'pass', 'pass', 'pass', 'denied']);
    expect(report.probesLeft).toEqual([expect.stringMatching(/^RL#sentinel-init-probe-[0-9a-f]{8}-caller$/)]);
    expect(report.cleanCommand).toBe(`sentinel-init verify ratelimit --endpoint-url ${stack.proxy.endpoint} --region ${REGION} --table ${table} --clean`);
    expect(lines(run.stderr).at(-1)).toMatch(/the provisioning policy of `sentinel-init ratelimit --generate-iam provisioning .*`, which holds DescribeTable and every call verify makes\.$/);
    expect(await itemCount(table)).toBe(1);
    // With DeleteItem allowed again, the command removes it.
    const clean = await runCli(report.cleanCommand.split(' ').slice(1), { env: { HOME: '/nonexistent', ...KEYS } });
    expect(clean.code, clean.stderr).toBe(0);
    expect(await itemCount(table)).toBe(0);
  });

  it('on a table that does not exist: exit 1, one sentence, nothing created', async () => {
    const before = (await client.send(new ListTablesCommand({}))).TableNames;
    const run = await cli(['verify', 'approvals', '--table', 'no-such-table']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr).at(-1)).toBe(
      `sentinel-init: Table no-such-table does not exist in eu-west-1: there is nothing to verify. Create it first: sentinel-init approvals --endpoint-url ${stack.local.endpoint} --region eu-west-1 --table no-such-table --yes`,
    );
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(before);
  });

  it('refuses flags that make no sense with it (exit 2)', async () => {
    for (const flag of ['--yes', '--plan', '--generate-iam']) {
      const run = await cli(['verify', 'sessions', flag]);
      expect(run.code, flag).toBe(2);
      expect(run.stderr).toMatch(/verify runs Sentinel's access patterns on an existing table; it takes no --/);
    }
  });
});
