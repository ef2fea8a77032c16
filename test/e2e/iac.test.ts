/**
 * --output, as a script sees it, against DynamoDB Local: code on stdout or in a file, nothing
 * changed in AWS, an import block or the import steps for a table that exists, the code even
 * without credentials. And the round trip: for every kind, the table the CloudFormation and the
 * Terraform code describe, created on DynamoDB Local from the parsed code, is planned as `none`.
 */
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/core/kinds.js';
import { desiredTable } from '../../src/engine/desired.js';
import { createTableInput } from '../../src/engine/steps.js';
import { iacTable, renderTerraform } from '../../src/iac/index.js';
import { ensureBuilt, lines, runCli, type CliRun } from '../cli/run-cli.js';
import { fromCloudFormation, fromTerraform, normalized, type Requests } from '../helpers/iac-parse.js';
import { cfnLint, planValues, readYaml, terraformDir } from '../helpers/iac-tools.js';
import { localBehindProxy } from '../helpers/local-stack.js';

const REGION = 'eu-west-1';
const KEYS = { AWS_ACCESS_KEY_ID: 'iace2e', AWS_SECRET_ACCESS_KEY: 'secret' };
const MUTATING = ['CreateTable', 'UpdateTable', 'UpdateTimeToLive', 'UpdateContinuousBackups', 'TagResource', 'DeleteTable'];

const stack = localBehindProxy();
let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'iac-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], env: NodeJS.ProcessEnv = KEYS) => runCli(['--region', REGION, '--endpoint-url', stack.proxy.endpoint, ...args], { env: { HOME: '/nonexistent', ...env } });
const changes = () => MUTATING.reduce((sum, op) => sum + stack.proxy.count(op), 0);
const client = () => new DynamoDBClient({ region: REGION, endpoint: stack.local.endpoint, credentials: { accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: 'secret' } });

/** Creates the table the way CloudFormation or hashicorp/aws would from the parsed code (PITR and tags: DynamoDB Local has neither). */
async function createFrom(sent: Requests): Promise<void> {
  const dynamo = client();
  try {
    await dynamo.send(new CreateTableCommand(sent.createTable));
    await dynamo.send(new UpdateTimeToLiveCommand({ TableName: sent.createTable.TableName, TimeToLiveSpecification: sent.ttl }));
  } finally {
    dynamo.destroy();
  }
}

/** The tool's plan for `table` of `kind`: exit 0 and `none`, PITR and tags left out as on any DynamoDB Local table. */
async function expectPlannedNone(kind: string, table: string): Promise<void> {
  const run = await cli([kind, '--table', table, '--plan', '--json']);
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ action: 'none', changes: [], compared: true, unsupported: ['pitr', 'tags'] });
}

describe('--output against DynamoDB Local', () => {
  it('prints the code for a new table and changes nothing in AWS', async () => {
    const before = changes();
    const tf = await cli(['sessions', '--table', 'iac-new', '--output', 'terraform']);
    expect(tf.code, tf.stderr).toBe(0);
    expect(tf.stdout).toMatch(/^# Sentinel's DynamoDB tables \(sessions\)/);
    expect(tf.stdout).toContain('resource "aws_dynamodb_table" "sessions" {');
    expect(tf.stdout).toContain('# Again: sentinel-init sessions --region eu-west-1 --table iac-new --output terraform\n');
    expect(tf.stdout).not.toMatch(/^import \{/m);
    const cfn = await cli(['sessions', '--table', 'iac-new', '--output', 'cloudformation']);
    expect(cfn.code, cfn.stderr).toBe(0);
    expect(cfn.stderr).not.toContain('create-change-set');
    expect(changes()).toBe(before);
    expect(stack.proxy.count('DescribeTable')).toBeGreaterThan(0);
  });

  it('for an existing table: the Terraform import block, and the CloudFormation import steps on stderr', async () => {
    expect((await cli(['ratelimit', '--table', 'iac-existing', '--yes'])).code).toBe(0);
    const tf = await cli(['ratelimit', '--table', 'iac-existing', '--output', 'terraform']);
    expect(tf.code, tf.stderr).toBe(0);
    expect(tf.stdout).toContain('import {\n  to = aws_dynamodb_table.ratelimit\n  id = "iac-existing"\n}\n');
    expect(tf.stderr).toContain('Table iac-existing exists in eu-west-1: the import block has Terraform adopt it instead of creating another.');

    const file = join(dir, 'ratelimit.cfn.yaml');
    const cfn = await cli(['ratelimit', '--table', 'iac-existing', '--output', 'cloudformation', '--output-file', file]);
    expect(cfn.code, cfn.stderr).toBe(0);
    const steps = lines(cfn.stderr).filter((l) => l.startsWith('  '));
    expect(steps).toEqual([
      `  sentinel-init ratelimit --endpoint-url ${stack.proxy.endpoint} --region eu-west-1 --table iac-existing --output cloudformation-import --output-file sentinel-ratelimit-import.cfn.yaml`,
      `  aws cloudformation create-change-set --stack-name sentinel-ratelimit --change-set-name import-sentinel-ratelimit --change-set-type IMPORT --template-body file://sentinel-ratelimit-import.cfn.yaml --resources-to-import '[{"ResourceType":"AWS::DynamoDB::Table","LogicalResourceId":"RateLimitTable","ResourceIdentifier":{"TableName":"iac-existing"}}]' --region eu-west-1`,
      '  aws cloudformation wait change-set-create-complete --stack-name sentinel-ratelimit --change-set-name import-sentinel-ratelimit --region eu-west-1',
      '  aws cloudformation execute-change-set --stack-name sentinel-ratelimit --change-set-name import-sentinel-ratelimit --region eu-west-1',
      '  aws cloudformation wait stack-import-complete --stack-name sentinel-ratelimit --region eu-west-1',
      `  aws cloudformation deploy --stack-name sentinel-ratelimit --template-file ${file} --capabilities CAPABILITY_IAM --region eu-west-1`,
    ]);

    const importFile = join(dir, 'ratelimit-import.cfn.yaml');
    const imported = await cli(['ratelimit', '--table', 'iac-existing', '--output', 'cloudformation-import', '--output-file', importFile]);
    expect(imported.code, imported.stderr).toBe(0);
    const [template] = readYaml([readFileSync(importFile, 'utf8')]) as Record<string, any>[];
    expect(Object.keys(template!.Resources)).toEqual(['RateLimitTable']);
    expect(cfnLint([file, importFile])).toEqual({ code: 0, output: '' });
  });

  it('puts converging first when the existing table still lacks settings: an import changes nothing', async () => {
    const dynamo = client();
    await dynamo.send(new CreateTableCommand({ ...createTableInput(desiredTable('ratelimit', 'iac-behind', false)), Tags: undefined }));
    dynamo.destroy();
    const run = await cli(['ratelimit', '--table', 'iac-behind', '--output', 'cloudformation']);
    expect(run.code, run.stderr).toBe(0);
    expect(lines(run.stderr).find((l) => l.startsWith('  '))).toBe(`  sentinel-init ratelimit --endpoint-url ${stack.proxy.endpoint} --region eu-west-1 --table iac-behind --yes    # first: an import adopts the table as it is`);
  });

  it('without credentials still writes the code, for a new table, and says why', async () => {
    const run = await cli(['approvals', '--table', 'iac-existing', '--output', 'terraform'], {});
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('resource "aws_dynamodb_table" "approvals" {');
    expect(run.stdout).not.toMatch(/^import \{/m);
    expect(run.stderr).toMatch(/^Could not check whether table iac-existing exists, so the code creates it\. No AWS credentials found/);
    const imported = await cli(['approvals', '--table', 'iac-existing', '--output', 'cloudformation-import'], {});
    expect(imported.code).toBe(1);
    expect(imported.stdout).toBe('');
    expect(lines(imported.stderr)).toHaveLength(1);
    expect(imported.stderr).toMatch(/^sentinel-init: Could not check whether table iac-existing exists, and an import template is for an existing table\./);
  });

  it('--output-file: written atomically, never over a file without --force (exit 2), replaced with it', async () => {
    const file = join(dir, 'main.tf');
    const first = await cli(['breakglass', '--table', 'iac-file', '--output', 'terraform', '--output-file', file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain(`Wrote Terraform for table iac-file to ${file}.`);
    expect(readFileSync(file, 'utf8')).toContain('resource "aws_dynamodb_table" "breakglass" {');
    writeFileSync(file, 'mine');
    const again = await cli(['breakglass', '--table', 'iac-file', '--output', 'terraform', '--output-file', file]);
    expect(again.code).toBe(2);
    expect(lines(again.stderr).at(-1)).toBe(`sentinel-init: ${file} already exists. Pass --force to replace it, or choose another --output-file.`);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    const forced = await cli(['breakglass', '--table', 'iac-file', '--output', 'terraform', '--output-file', file, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('resource "aws_dynamodb_table" "breakglass" {');
  });

  it('an AWS failure is exit 1 and writes nothing', async () => {
    const file = join(dir, 'unreachable.tf');
    const run: CliRun = await runCli(['sessions', '--region', REGION, '--endpoint-url', 'http://127.0.0.1:9', '--output', 'terraform', '--output-file', file], { env: { HOME: '/nonexistent', AWS_MAX_ATTEMPTS: '1', ...KEYS } });
    expect(run.code, run.stderr).toBe(1);
    expect(lines(run.stderr).at(-1)).toMatch(/^sentinel-init: Could not reach DynamoDB/);
    expect(existsSync(file)).toBe(false);
  });
});

describe('round trip: the code, parsed, creates a table the tool plans as none', () => {
  it.each(KIND_NAMES)('%s, from the CloudFormation template', async (kind) => {
    const table = `rt-cfn-${kind}`;
    const run = await cli([kind, '--table', table, '--output', 'cloudformation']);
    expect(run.code, run.stderr).toBe(0);
    const [template] = readYaml([run.stdout]);
    const sent = fromCloudFormation(template, `${{ sessions: 'Session', approvals: 'Approval', breakglass: 'BreakGlass', ratelimit: 'RateLimit' }[kind]}Table`);
    expect(normalized(sent.createTable)).toEqual(normalized(createTableInput(desiredTable(kind, table, true))));
    await createFrom(sent);
    await expectPlannedNone(kind, table);
  });

  it('every kind, from the Terraform code as hashicorp/aws plans it', async () => {
    const tables = KIND_NAMES.map((kind) => iacTable(desiredTable(kind, `rt-tf-${kind}`, true), { region: REGION }));
    const tf = terraformDir({ 'main.tf': renderTerraform(tables, { version: 'e2e' }) });
    try {
      tf.run(['init', '-input=false']);
      const planned = planValues(tf).resources;
      for (const t of tables) {
        const sent = fromTerraform(planned.get(`aws_dynamodb_table.${t.desired.kind}`));
        expect(normalized(sent.createTable)).toEqual(normalized(createTableInput(t.desired)));
        await createFrom(sent);
        await expectPlannedNone(t.desired.kind, t.desired.name);
      }
    } finally {
      tf.remove();
    }
  }, 180_000);
});
