/**
 * Every call and every wait ends: the built CLI against DynamoDB Local behind the fault proxy, which
 * hangs, drips, rewrites DynamoDB's answers (statuses, missing indexes) and answers empty 200s. Each
 * case asserts the exit code, the sentence, an elapsed-time bound, and the table as it is afterwards.
 * The per-attempt network timeout is 1 s here (SENTINEL_INIT_REQUEST_TIMEOUT_MS) and deadlines are a
 * few seconds (--timeout), so the grid runs in seconds; one case keeps the real defaults.
 */
import { CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, ensureBuilt, lines, onlyTable, runCli } from '../cli/run-cli.js';
import { sentinelCreateTableInput } from '../compat/sentinel-schema.js';
import { startFaultProxy } from '../helpers/fault-proxy.js';
import { localBehindProxy } from '../helpers/local-stack.js';
import { startStsStub, type StsStub } from '../helpers/sts-stub.js';

const REGION = 'eu-west-1';
const KEYS = { AWS_ACCESS_KEY_ID: 'endings', AWS_SECRET_ACCESS_KEY: 'secret', HOME: '/nonexistent' };
const FAST = { ...KEYS, SENTINEL_INIT_REQUEST_TIMEOUT_MS: '1000', AWS_MAX_ATTEMPTS: '2' };

const stack = localBehindProxy();
let client: DynamoDBClient;

beforeAll(async () => {
  ensureBuilt();
  client = new DynamoDBClient({ region: REGION, endpoint: stack.local.endpoint, credentials: { accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: 'secret' } });
});
afterEach(() => stack.proxy.clear());
afterAll(async () => {
  client?.destroy();
});

/** A run through the proxy; returns it with its wall time. */
async function timed(args: string[], env: NodeJS.ProcessEnv = FAST): Promise<CliRun & { seconds: number }> {
  const started = Date.now();
  const run = await runCli(['--region', REGION, '--endpoint-url', stack.proxy.endpoint, ...args], { env });
  return { ...run, seconds: (Date.now() - started) / 1000 };
}

const last = (run: CliRun) => lines(run.stderr).at(-1) ?? '';
const table = (name: string) => client.send(new DescribeTableCommand({ TableName: name })).then((o) => o.Table, (e: Error) => (e.name === 'ResourceNotFoundException' ? undefined : Promise.reject(e)));
const ttl = (name: string) => client.send(new DescribeTimeToLiveCommand({ TableName: name })).then((o) => o.TimeToLiveDescription?.TimeToLiveStatus);

/** Sets every DescribeTable answer's TableStatus (and optionally one index's status). */
function reportStatus(status: string, index?: { name: string; status: string }) {
  stack.proxy.rewrite('DescribeTable', (answer) => {
    const t = answer.Table as { TableStatus?: string; GlobalSecondaryIndexes?: { IndexName: string; IndexStatus: string }[] };
    t.TableStatus = status;
    for (const i of t.GlobalSecondaryIndexes ?? []) if (index && i.IndexName === index.name) i.IndexStatus = index.status;
    return answer;
  });
}

describe('a silent or slow endpoint', () => {
  it.each([
    ['DescribeTable', ['--plan'], 'hang'],
    ['DescribeTable', ['--plan'], 'drip'],
    ['CreateTable', ['--yes'], 'hang'],
    ['DescribeTimeToLive', ['--yes'], 'drip'],
  ] as const)('%s that %s ends in seconds with exit 1 naming the endpoint (%s)', async (op, mode, fault) => {
    const name = `silent-${op}-${fault}`.toLowerCase();
    for (let i = 0; i < 5; i++) stack.proxy.inject(op, fault);
    const run = await timed(['approvals', '--table', name, ...mode]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(last(run)).toMatch(new RegExp(`^sentinel-init: Could not reach DynamoDB at ${stack.proxy.endpoint} \\(ETIMEDOUT\\)\\.`));
    expect(last(run)).toMatch(/--endpoint-url/);
    expect(run.seconds).toBeLessThan(15);
    // A hung CreateTable never reached DynamoDB: nothing exists.
    if (op === 'CreateTable') expect(await table(name)).toBeUndefined();
  });

  it('with the real defaults, a silent endpoint ends --plan within about a minute, exit 1, no plan on stdout', async () => {
    for (let i = 0; i < 10; i++) stack.proxy.inject('DescribeTable', 'hang');
    const run = await timed(['sessions', '--table', 'silent-defaults', '--plan', '--json'], KEYS);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(last(run)).toMatch(/Could not reach DynamoDB at .* \(ETIMEDOUT\)/);
    expect(run.seconds).toBeGreaterThan(30);
    expect(run.seconds).toBeLessThan(80);
  }, 120_000);

  it('a hung STS ends with a sentence about STS, not DynamoDB', async () => {
    const sts = await startStsStub();
    const stsProxy = await startFaultProxy(sts.url);
    try {
      for (let i = 0; i < 5; i++) stsProxy.inject('GetCallerIdentity', 'hang');
      const run = await timed(['sessions', '--table', 'sts-hang', '--plan'], { ...FAST, AWS_ENDPOINT_URL_STS: stsProxy.endpoint });
      expect(run.code, run.stderr).toBe(1);
      expect(last(run)).toMatch(new RegExp(`STS at ${stsProxy.endpoint}`));
      expect(run.seconds).toBeLessThan(15);
    } finally {
      await stsProxy.stop();
      await sts.close();
    }
  });

  it('an STS answer without an account is an error, not "Account  as …"', async () => {
    const sts = await startStsStub({ emptyIdentity: true });
    try {
      const run = await timed(['sessions', '--table', 'sts-empty', '--plan'], { ...FAST, AWS_ENDPOINT_URL_STS: sts.url });
      expect(run.code, run.stderr).toBe(1);
      expect(last(run)).toBe('sentinel-init: STS GetCallerIdentity answered without an account and caller ARN. Check AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL and any proxy between here and STS.');
      expect(run.stderr).not.toMatch(/Account\s+as/);
    } finally {
      await sts.close();
    }
  });
});

describe('table states that cannot be waited out', () => {
  it.each([
    ['ARCHIVED', /is ARCHIVED: DynamoDB archives a table whose KMS key stays inaccessible for seven days.*Restore it from its latest backup first/],
    ['INACCESSIBLE_ENCRYPTION_CREDENTIALS', /its KMS key is disabled, scheduled for deletion, or its grant was revoked \(INACCESSIBLE_ENCRYPTION_CREDENTIALS\).*Restore access to the key/],
    ['FROZEN', /reports status FROZEN, which this tool does not know how to wait for/],
  ])('%s: --plan and --yes both stop at once with the sentence, nothing changed', async (status, sentence) => {
    const name = `state-${status}`.toLowerCase();
    await client.send(new CreateTableCommand({ ...sentinelCreateTableInput('approvals', name), DeletionProtectionEnabled: false }));
    reportStatus(status);
    for (const mode of ['--plan', '--yes']) {
      const run = await timed(['approvals', '--table', name, mode]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toBe('');
      expect(last(run)).toMatch(sentence);
      expect(run.seconds).toBeLessThan(10);
    }
    expect((await table(name))?.DeletionProtectionEnabled).toBe(false);
    expect(await ttl(name)).toBe('DISABLED');
  });

  it('UPDATING for ever: waited for until --timeout, then exit 1 saying what AWS is still doing and that a rerun resumes', async () => {
    const name = 'state-updating';
    await client.send(new CreateTableCommand({ ...sentinelCreateTableInput('approvals', name), DeletionProtectionEnabled: false }));
    reportStatus('UPDATING');
    const plan = await timed(['approvals', '--table', name, '--plan']);
    expect(plan.stdout).toContain('    ⧗ table is UPDATING: wait for ACTIVE\n');
    const run = await timed(['approvals', '--table', name, '--yes', '--timeout', '4s']);
    expect(run.code, run.stderr).toBe(1);
    expect(last(run)).toMatch(/^sentinel-init: Gave up after 4\.0 s \(--timeout\) waiting for table state-updating to become ACTIVE; DynamoDB still reports UPDATING and goes on with it\. Nothing was changed\. Nothing is lost: run the same command again to resume waiting/);
    expect(run.seconds).toBeGreaterThan(3.5);
    expect(run.seconds).toBeLessThan(12);
    expect(await ttl(name)).toBe('DISABLED');
  });

  it('an index that never appears after UpdateTable answered 200: ends at the deadline; the table keeps its old indexes, and the sentence says so', async () => {
    const name = 'index-never';
    const input = sentinelCreateTableInput('breakglass', name);
    input.GlobalSecondaryIndexes = input.GlobalSecondaryIndexes?.filter((i) => i.IndexName !== 'gsi-profile');
    input.AttributeDefinitions = input.AttributeDefinitions?.filter((a) => a.AttributeName !== 'profile');
    await client.send(new CreateTableCommand(input));
    stack.proxy.inject('UpdateTable', 'empty-200');
    const run = await timed(['breakglass', '--table', name, '--yes', '--timeout', '4s']);
    expect(run.code, run.stderr).toBe(1);
    expect(last(run)).toMatch(/Gave up after 4\.0 s \(--timeout\) waiting for index gsi-profile to become ACTIVE; DynamoDB still reports NOT VISIBLE YET/);
    expect(last(run)).toMatch(/Now, as DynamoDB reports it: table index-never ACTIVE; indexes gsi-invoker ACTIVE, gsi-status ACTIVE; TTL disabled; deletion protection off\. UpdateTable was sent but|Now, as DynamoDB reports it: table index-never ACTIVE; indexes gsi-invoker ACTIVE, gsi-status ACTIVE; TTL disabled; deletion protection off\. Running again finishes: add index gsi-profile/);
    expect(last(run)).not.toMatch(/Already done/);
    expect(run.seconds).toBeLessThan(12);
    expect((await table(name))?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['gsi-invoker', 'gsi-status']);
  });

  it('an index CREATING past the deadline: exit 1 at the deadline, a rerun without the fault finishes', async () => {
    const name = 'index-slow';
    const input = sentinelCreateTableInput('breakglass', name);
    await client.send(new CreateTableCommand(input));
    reportStatus('ACTIVE', { name: 'gsi-status', status: 'CREATING' });
    const run = await timed(['breakglass', '--table', name, '--yes', '--timeout', '3s']);
    expect(run.code, run.stderr).toBe(1);
    expect(last(run)).toMatch(/Gave up after 3\.0 s \(--timeout\) waiting for index gsi-status to become ACTIVE; DynamoDB still reports CREATING/);
    expect(run.seconds).toBeLessThan(10);
    stack.proxy.clear();
    const rerun = await timed(['breakglass', '--table', name, '--yes', '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(onlyTable(rerun)).toMatchObject({ status: 'updated' });
  });
});

describe('LimitExceededException', () => {
  it('for a while: waited out with backoff, saying so each time; the change lands once', async () => {
    const name = 'limit-while';
    const input = sentinelCreateTableInput('approvals', name);
    input.GlobalSecondaryIndexes = input.GlobalSecondaryIndexes?.filter((i) => i.IndexName !== 'gsi-profile');
    input.AttributeDefinitions = input.AttributeDefinitions?.filter((a) => a.AttributeName !== 'profile');
    await client.send(new CreateTableCommand(input));
    stack.proxy.inject('UpdateTable', 'limit-exceeded', 2);
    const before = stack.proxy.count('UpdateTable');
    const run = await timed(['approvals', '--table', name, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(/DynamoDB is busy with other changes \(Only 1 online index can be created or deleted simultaneously per table/g)).toHaveLength(2);
    expect(run.stderr).toMatch(/trying again in 5\.0 s/);
    expect(run.stderr).toMatch(/trying again in 10 s/);
    expect(stack.proxy.count('UpdateTable') - before).toBe(4); // two refused, the index, deletion protection
    expect(run.seconds).toBeGreaterThan(14);
    expect(run.seconds).toBeLessThan(30);
    expect((await table(name))?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toContain('gsi-profile');
  }, 60_000);

  it('for ever: never retried as a throttle; exit 1 at the deadline with the sentence', async () => {
    const name = 'limit-forever';
    await client.send(new CreateTableCommand({ ...sentinelCreateTableInput('approvals', name), DeletionProtectionEnabled: false }));
    stack.proxy.inject('UpdateTable', 'limit-exceeded', 100);
    const before = stack.proxy.count('UpdateTable');
    const run = await timed(['approvals', '--table', name, '--yes', '--timeout', '8s']);
    expect(run.code, run.stderr).toBe(1);
    expect(last(run)).toMatch(/Gave up after 8\.0 s \(--timeout\) waiting for table limit-forever to accept the change; DynamoDB still reports LimitExceededException/);
    // 5 s backoff, so two tries in 8 s: the SDK retried none of them.
    expect(stack.proxy.count('UpdateTable') - before).toBe(2);
    expect(run.seconds).toBeLessThan(15);
    expect((await table(name))?.DeletionProtectionEnabled).toBe(false);
  });
});

describe('empty 200 answers', () => {
  it('DescribeTable: exit 1 saying so, never read as "no table" (nothing created)', async () => {
    await client.send(new CreateTableCommand(sentinelCreateTableInput('approvals', 'empty-describe')));
    stack.proxy.inject('DescribeTable', 'empty-200', 10);
    const creates = stack.proxy.count('CreateTable');
    const run = await timed(['approvals', '--table', 'empty-describe', '--yes']);
    expect(run.code, run.stderr).toBe(1);
    expect(last(run)).toMatch(/DynamoDB answered DescribeTable for empty-describe without its result \(an empty 200\)/);
    expect(stack.proxy.count('CreateTable')).toBe(creates);
  });

  it('UpdateTimeToLive: TTL is read back; still off → exit 1 at the deadline, not "created"', async () => {
    stack.proxy.inject('UpdateTimeToLive', 'empty-200');
    const run = await timed(['approvals', '--table', 'empty-ttl', '--yes', '--json', '--timeout', '4s']);
    expect(run.code, run.stderr).toBe(1);
    // --json: one document even for a failure, saying it failed, never "created".
    const doc = onlyTable(run);
    expect(doc).toMatchObject({ table: 'empty-ttl', state: 'failed', stepsDone: ['Create table empty-ttl with 3 indexes', 'Wait for table empty-ttl and its indexes to become ACTIVE'] });
    expect(doc.status).toBeUndefined();
    expect(last(run)).toMatch(/waiting for TTL on empty-ttl to read ENABLED; DynamoDB still reports DISABLED/);
    expect(await ttl('empty-ttl')).toBe('DISABLED');
  });

  it('UpdateTable (deletion protection): the final describe shows it off → exit 1 naming what is missing', async () => {
    const name = 'empty-protect';
    await client.send(new CreateTableCommand({ ...sentinelCreateTableInput('approvals', name), DeletionProtectionEnabled: false }));
    stack.proxy.inject('UpdateTable', 'empty-200');
    const run = await timed(['approvals', '--table', name, '--yes']);
    expect(run.code, run.stderr).toBe(1);
    expect(last(run)).toMatch(/DynamoDB accepted every change, but table empty-protect still lacks: turn on deletion protection/);
    expect((await table(name))?.DeletionProtectionEnabled).toBe(false);
  });

  it('CreateTable: the table never appears; exit 1 at the deadline saying it does not exist', async () => {
    stack.proxy.inject('CreateTable', 'empty-200');
    const run = await timed(['approvals', '--table', 'empty-create', '--yes', '--timeout', '3s']);
    expect(run.code, run.stderr).toBe(1);
    expect(last(run)).toMatch(/waiting for table empty-create to become ACTIVE; DynamoDB still reports NOT FOUND/);
    expect(last(run)).toMatch(/Table empty-create does not exist\./);
    expect(await table('empty-create')).toBeUndefined();
  });
});

describe('honest --plan exit codes', () => {
  it('an unreachable endpoint: exit 1 and no plan on stdout (it did not compare)', async () => {
    const run = await runCli(['approvals', '--region', REGION, '--endpoint-url', 'http://127.0.0.1:9', '--plan', '--json'], { env: FAST });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(last(run)).toMatch(/Could not reach DynamoDB at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  });

  it('--detailed-exitcode: 0 nothing to do, 2 changes pending, 1 error', async () => {
    const pending = await timed(['approvals', '--table', 'drift', '--plan', '--detailed-exitcode']);
    expect(pending.code, pending.stderr).toBe(2);
    expect(pending.stdout).toMatch(/create the table/);
    expect((await timed(['approvals', '--table', 'drift', '--yes'])).code).toBe(0);
    const clean = await timed(['approvals', '--table', 'drift', '--plan', '--detailed-exitcode']);
    expect(clean.code, clean.stderr).toBe(0);
    const error = await runCli(['approvals', '--region', REGION, '--endpoint-url', 'http://127.0.0.1:9', '--plan', '--detailed-exitcode'], { env: FAST });
    expect(error.code).toBe(1);
    // Every error is 1, usage errors too: 2 means "changes pending" (changed from 2: a CI drift check read a typo as drift).
    const usage = await timed(['approvals', '--table', 'drift', '--detailed-exitcode', '--yes']);
    expect(usage.code).toBe(1);
  });

  it('--detailed-exitcode: a usage error is 1 wherever the flag is, even after the bad flag; without the flag it stays 2', async () => {
    const typo = await runCli(['approvals', '--plan', '--detailed-exitcode', '--region', 'eu-wst-1'], { env: FAST });
    expect(typo.code, typo.stderr).toBe(1);
    expect(last(typo)).toMatch(/eu-wst-1/);
    const before = await runCli(['--region', 'eu-wst-1', '--plan', '--detailed-exitcode'], { env: FAST });
    expect(before.code, before.stderr).toBe(1);
    const unknownFirst = await runCli(['--bogus', '--plan', '--detailed-exitcode'], { env: FAST });
    expect(unknownFirst.code, unknownFirst.stderr).toBe(1);
    expect(last(unknownFirst)).toMatch(/Unknown flag --bogus/);
    const plain = await runCli(['approvals', '--plan', '--region', 'eu-wst-1'], { env: FAST });
    expect(plain.code, plain.stderr).toBe(2);
    // After `--` it is not the flag but an argument (an unknown kind): exit 2.
    const positional = await runCli(['--plan', '--region', REGION, '--', '--detailed-exitcode'], { env: FAST });
    expect(positional.code, positional.stderr).toBe(2);
  });
});
