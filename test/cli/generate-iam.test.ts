/** --generate-iam with the production-default flags: offline, so a key must be named by ARN or ID. */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/core/errors.js';
import { generateIam } from '../../src/headless/generate-iam.js';
import type { PolicyDocument } from '../../src/policy/iam.js';

async function policy(args: string[]): Promise<PolicyDocument> {
  let out = '';
  const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, env: {} };
  expect(await generateIam(parseArgs(['--generate-iam', ...args]), io)).toBe(0);
  return JSON.parse(out) as PolicyDocument;
}

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

describe('--generate-iam with --kms-key and --no-pitr', () => {
  it('builds the key ARN from a key ID, the region and the account', async () => {
    const doc = await policy(['--region', 'eu-west-1', '--account-id', '123456789012', '--kms-key', KEY_ID]);
    expect(doc.Statement.find((s) => s.Sid === 'SentinelSessionTableKmsKeyDescribe')?.Resource).toEqual([`arn:aws:kms:eu-west-1:123456789012:key/${KEY_ID}`]);
  });

  it('takes a key ARN as it is, and refuses one of another region', async () => {
    const arn = `arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/${KEY_ID}`;
    const doc = await policy(['approvals', '--region', 'us-gov-west-1', '--kms-key', arn]);
    expect(doc.Statement[1]).toMatchObject({ Resource: [arn], Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.us-gov-west-1.amazonaws.com' } } });
    await expect(policy(['--region', 'eu-west-1', '--kms-key', arn])).rejects.toThrow(/is in us-gov-west-1, but the table is in eu-west-1/);
  });

  it('refuses an alias with exit 2: it cannot be looked up offline', async () => {
    const run = policy(['--region', 'eu-west-1', '--kms-key', 'alias/sentinel']);
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow('--generate-iam works offline and cannot look up which key alias/sentinel names.');
  });

  it('--no-pitr leaves out UpdateContinuousBackups', async () => {
    const doc = await policy(['--region', 'eu-west-1', '--no-pitr']);
    expect(doc.Statement[0]?.Action).not.toContain('dynamodb:UpdateContinuousBackups');
    expect(doc.Statement[0]?.Action).toContain('dynamodb:DescribeContinuousBackups');
  });
});
