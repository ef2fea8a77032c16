/**
 * An existing table whose later reads (tags, point-in-time recovery, TTL) AWS denies, through the
 * built CLI against DynamoDB Local behind the PITR/tags stand-in and the fault proxy's access-denied
 * fault. DescribeTable answered, so the table exists: --plan and --output never call it new; they
 * say what could not be read and plan the rest. A run that would change the table still stops.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, ensureBuilt, lines, onlyTable, runCli } from '../cli/run-cli.js';
import { localWithStandIns } from '../helpers/local-stack.js';

const REGION = 'eu-west-1';
const stack = localWithStandIns(REGION);

const cli = (args: string[]) =>
  runCli(['--region', REGION, '--endpoint-url', stack.proxy.endpoint, ...args], { env: { AWS_ACCESS_KEY_ID: 'deniedreads', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL_KMS: stack.kms.endpoint, HOME: '/nonexistent' } });
const json = (run: CliRun) => onlyTable(run) as { action: string; compared: boolean; notes: string[]; changes: { op: string }[]; compliance: { control: string; status: string; detail: string }[] };

beforeAll(async () => {
  ensureBuilt();
  const made = await cli(['--table', 'tagtest', '--yes']);
  expect(made.code, made.stderr).toBe(0);
});
afterEach(() => stack.proxy.clear());

// The call, the setting it reads (as the note and the summary line say it), the control it decides.
const READS = [
  ['ListTagsOfResource', 'Tags', 'tags', 'DynamoDB.5'],
  ['DescribeContinuousBackups', 'Point-in-time recovery', 'point-in-time recovery', 'DynamoDB.2'],
  ['DescribeTimeToLive', 'TTL', 'TTL', undefined],
] as const;

describe('a read after DescribeTable denied', () => {
  it.each(READS)('%s denied: --plan plans the table as it is (not new) and says what could not be read', async (op, what, words, control) => {
    stack.proxy.inject(op, 'access-denied', 5);
    const doc = await cli(['--table', 'tagtest', '--plan', '--json']);
    expect(doc.code, doc.stderr).toBe(0);
    const plan = json(doc);
    expect(plan).toMatchObject({ action: 'none', compared: true, changes: [] });
    expect(plan.notes).toContain(`${what} could not be read (AWS denied dynamodb:${op}): not compared, and left as is.`);
    if (control) expect(plan.compliance.find((c) => c.control === control)).toMatchObject({ status: 'unknown' });

    stack.proxy.inject(op, 'access-denied', 5);
    const text = await cli(['--table', 'tagtest', '--plan']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toMatch(/will be created/);
    expect(text.stdout).toContain(`  ! ${what} could not be read (AWS denied dynamodb:${op})`);
    // The plan's summary, then the cost line every plan ends with.
    expect(lines(text.stdout).slice(-2)).toEqual([`Nothing to change in what could be read: tagtest's ${words} could not be read.`, expect.stringMatching(/^Cost: /)]);
  });

  it.each(READS)('%s denied: --output terraform imports the existing table', async (op) => {
    stack.proxy.inject(op, 'access-denied', 5);
    const run = await cli(['--table', 'tagtest', '--output', 'terraform']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^import \{\n {2}to = aws_dynamodb_table\.sessions\n {2}id = "tagtest"\n\}/m);
    expect(run.stderr).not.toMatch(/creates it/);
  });

  it('--detailed-exitcode: no answer (1) when nothing else changes, since what was not read may; 2 when something does', async () => {
    stack.proxy.inject('ListTagsOfResource', 'access-denied', 5);
    const blind = await cli(['--table', 'tagtest', '--plan', '--detailed-exitcode']);
    expect(blind.code, blind.stderr).toBe(1);
    expect(lines(blind.stderr).at(-1)).toMatch(/tagtest.*dynamodb:ListTagsOfResource.*--detailed-exitcode/);

    stack.proxy.inject('ListTagsOfResource', 'access-denied', 5);
    const more = await cli(['--table', 'tagtest', '--plan', '--detailed-exitcode', '--kms-key', 'alias/sentinel-tables']);
    expect(more.code, more.stderr).toBe(2);
    expect(more.stdout).toMatch(/~ encryption/);
  });

  it('a run that would apply still stops on the denied read (exit 1 naming the action), changing nothing', async () => {
    stack.proxy.inject('ListTagsOfResource', 'access-denied', 5);
    const updates = stack.proxy.count('UpdateTable') + stack.proxy.count('TagResource');
    const run = await cli(['--table', 'tagtest', '--yes']);
    expect(run.code, run.stderr).toBe(1);
    expect(lines(run.stderr).at(-1)).toMatch(/AWS denied dynamodb:ListTagsOfResource/);
    expect(stack.proxy.count('UpdateTable') + stack.proxy.count('TagResource')).toBe(updates);
  });
});
