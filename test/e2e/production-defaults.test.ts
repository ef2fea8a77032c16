/**
 * The built CLI, headless, with the production defaults: DynamoDB Local behind the stand-in for
 * PITR, tags and reported encryption, and the KMS stand-in at AWS_ENDPOINT_URL_KMS. What a script
 * sees (exit code, stdout, one-line errors) and what the table ends up with.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, ensureBuilt, lines, onlyTable, runCli } from '../cli/run-cli.js';
import { KEYS, keyArn } from '../helpers/kms-stand-in.js';
import { localWithStandIns } from '../helpers/local-stack.js';

const REGION = 'eu-west-1';
const stack = localWithStandIns(REGION);
beforeAll(() => ensureBuilt());

const cli = (args: string[], endpoint = stack.proxy.endpoint) =>
  runCli(['--region', REGION, '--endpoint-url', endpoint, ...args], {
    env: { AWS_ACCESS_KEY_ID: 'prode2e', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL_KMS: stack.kms.endpoint, HOME: '/nonexistent' },
  });
const json = (run: CliRun) => onlyTable(run);
type Control = { control: string; status: string; detail: string };

/** Exit 2, one line on stderr naming the problem, nothing on stdout, and no table made. */
async function refused(args: string[], pattern: RegExp): Promise<void> {
  const creates = stack.proxy.count('CreateTable');
  const run = await cli(args);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(lines(run.stderr)).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  expect(stack.proxy.count('CreateTable')).toBe(creates);
}

describe('production defaults, headless', () => {
  it('creates with PITR on, both tool tags and the user\'s, the customer managed key; then unchanged; the plan meets every control', async () => {
    const args = ['approvals', '--table', 'e2e-prod', '--tag', 'team=platform', '--kms-key', 'alias/sentinel-tables'];
    const created = await cli([...args, '--yes', '--json']);
    expect(created.code, created.stderr).toBe(0);
    expect(json(created)).toMatchObject({ status: 'created' });
    expect(created.stderr).toContain('- Turn on point-in-time recovery\n');
    expect(created.stderr).toMatch(/ point-in-time recovery {2}on · billed per GB-month of table size; these tables are small\n/);
    expect(stack.standIn.table('e2e-prod')).toEqual({
      pitr: 'ENABLED',
      tags: { 'managed-by': 'sentinel-init', 'sentinel:table-kind': 'approvals', team: 'platform' },
      kmsKeyArn: keyArn(KEYS.tables, REGION),
    });

    const again = await cli([...args, '--yes', '--json']);
    expect(json(again)).toMatchObject({ status: 'unchanged' });
    const plan = await cli([...args, '--plan', '--json']);
    expect(json(plan)).toMatchObject({ action: 'none', changes: [] });
    const compliance = json(plan).compliance as Control[];
    expect(compliance.map((c) => `${c.control} ${c.status}`)).toEqual(
      ['DynamoDB.1', 'DynamoDB.2', 'DynamoDB.5', 'DynamoDB.6', 'CT.DYNAMODB.PR.1', 'CT.DYNAMODB.PR.2', 'DEPLOY-02', 'DEPLOY-02b'].map((c) => `${c} met`),
    );
    // Without --kms-key the table keeps its key, and the plan says so.
    const kept = await cli(['approvals', '--table', 'e2e-prod', '--plan']);
    expect(kept.stdout).toContain(`CT.DYNAMODB.PR.2  KMS key ${keyArn(KEYS.tables, REGION)}, kept: no --kms-key`);
  });

  it('--plan names the controls a flag gives up: --no-pitr and --no-deletion-protection', async () => {
    const run = await cli(['sessions', '--table', 'e2e-loose', '--no-pitr', '--no-deletion-protection', '--plan']);
    expect(run.code, run.stderr).toBe(0);
    const text = lines(run.stdout);
    for (const control of ['DynamoDB.2', 'CT.DYNAMODB.PR.1', 'DEPLOY-02b']) expect(text.find((l) => l.includes(` ${control} `))).toMatch(/^    ✗ .*: --no-pitr$/);
    for (const control of ['DynamoDB.6', 'DEPLOY-02']) expect(text.find((l) => l.includes(` ${control} `))).toMatch(/^    ✗ .*: --no-deletion-protection$/);
    expect(run.stdout).not.toContain('point-in-time recovery (billed');
  });

  it('refuses, before anything is created, a tag DynamoDB would refuse and a key DynamoDB could not use (exit 2)', async () => {
    await refused(['--table', 'e2e-refused', '--tag', 'owner=me@example.com', '--yes'], /The value of tag owner contains "@"/);
    await refused(['--table', 'e2e-refused', '--kms-key', 'alias/nope', '--yes'], /KMS key alias\/nope does not exist in eu-west-1/);
    await refused(['--table', 'e2e-refused', '--kms-key', 'alias/sentinel-disabled', '--yes'], /is disabled: enable it \(aws kms enable-key\) or pass another key with --kms-key\./);
    await refused(['--table', 'e2e-refused', '--kms-key', 'alias/sentinel-deleting', '--yes'], /is scheduled for deletion/);
    await refused(['--table', 'e2e-refused', '--kms-key', 'alias/sentinel-rsa', '--yes'], /is RSA_2048, but DynamoDB supports only symmetric encryption keys/);
    await refused(['--table', 'e2e-refused', '--kms-key', KEYS.awsManaged.id, '--yes'], /is an AWS managed key/);
    const calls = stack.kms.calls().length;
    await refused(['--table', 'e2e-refused', '--kms-key', `arn:aws:kms:us-east-1:123456789012:key/${KEYS.tables.id}`, '--yes'], /is in us-east-1, but the table is in eu-west-1/);
    expect(stack.kms.calls().length).toBe(calls);
  });

  it('--output names the key by the ARN KMS resolved the alias to; without credentials an alias is refused (exit 2)', async () => {
    const run = await cli(['sessions', '--table', 'e2e-code', '--kms-key', 'alias/sentinel-tables', '--tag', 'team=platform', '--output', 'cloudformation']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`  SessionKmsKeyArn:\n    Type: String\n    Default: ${keyArn(KEYS.tables, REGION)}\n`);
    expect(run.stdout).toContain('        - Key: team\n          Value: platform\n');
    const offline = await runCli(['sessions', '--region', REGION, '--kms-key', 'alias/sentinel-tables', '--output', 'terraform'], { env: { HOME: '/nonexistent' } });
    expect(offline.code).toBe(2);
    expect(offline.stdout).toBe('');
    expect(lines(offline.stderr).at(-1)).toBe(
      "sentinel-init: The code for --kms-key alias/sentinel-tables needs the key's ARN, and this run could not look it up with KMS DescribeKey. Pass the key ARN with --kms-key, or run with credentials that may call kms:DescribeKey.",
    );
  });

  it('on plain DynamoDB Local says what it leaves out, and the controls that are therefore n/a locally', async () => {
    const run = await cli(['ratelimit', '--table', 'e2e-plain', '--plan', '--json'], stack.local.endpoint);
    expect(run.code, run.stderr).toBe(0);
    const doc = json(run);
    expect(doc).toMatchObject({ action: 'create', unsupported: ['pitr', 'tags'], changes: [{ op: 'create-table' }, { op: 'enable-ttl' }] });
    expect((doc.compliance as Control[]).find((c) => c.control === 'DynamoDB.2')).toMatchObject({ status: 'n/a', detail: 'n/a locally: DynamoDB Local has no point-in-time recovery (on in AWS)' });
  });
});
