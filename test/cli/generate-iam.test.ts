/** --generate-iam: both policies by name, or one alone; with the production-default flags offline, so a key must be named by ARN or ID. */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/core/errors.js';
import { generateIam } from '../../src/headless/generate-iam.js';
import { profileRegion } from '../../src/aws/profiles.js';
import type { PolicyDocument } from '../../src/policy/iam.js';

async function print(args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env: {} };
  expect(await generateIam(parseArgs(args), io, profileRegion)).toBe(0);
  return { out, err };
}

/** The provisioning policy alone (`--generate-iam provisioning`). */
async function policy(args: string[]): Promise<PolicyDocument> {
  return JSON.parse((await print(['--generate-iam', 'provisioning', ...args])).out) as PolicyDocument;
}

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

describe('--generate-iam: two policies, named by who gets them', () => {
  it('bare: one JSON object on stdout, {provisioning, runtime}, each a whole policy; who each is for on stderr', async () => {
    const { out, err } = await print(['approvals', '--generate-iam', '--region', 'eu-west-1']);
    const both = JSON.parse(out) as Record<string, PolicyDocument>;
    expect(Object.keys(both)).toEqual(['provisioning', 'runtime']);
    expect(both.provisioning?.Version).toBe('2012-10-17');
    expect(both.provisioning?.Statement.map((s) => s.Sid)).toEqual(['SentinelApprovalTableProvisioning', 'SentinelApprovalTableVerify']);
    expect(both.runtime?.Statement.map((s) => s.Sid)).toEqual(['SentinelApprovalTableOperations']);
    expect(err).toContain("The runtime policy: attach it to Sentinel's Lambda TVM execution role and to the people who run Sentinel's CLI");
    expect(err).toContain('The provisioning policy: attach it to whoever runs sentinel-init');
  });

  it('`runtime` or `provisioning` prints that document alone, before or after the KIND, or as --generate-iam=runtime', async () => {
    for (const args of [['--generate-iam', 'runtime', 'breakglass'], ['breakglass', '--generate-iam', 'runtime'], ['breakglass', '--generate-iam=runtime']]) {
      const doc = JSON.parse((await print([...args, '--region', 'eu-west-1'])).out) as PolicyDocument;
      expect(doc.Statement.map((s) => s.Sid), args.join(' ')).toEqual(['SentinelBreakGlassTableOperations']);
      expect(doc.Statement.flatMap((s) => s.Action)).not.toContain('dynamodb:CreateTable');
    }
    const prov = await policy(['breakglass', '--region', 'eu-west-1']);
    expect(prov.Statement[0]?.Action).toContain('dynamodb:DescribeTable');
  });

  it('a KIND right after the flag stays the KIND; another word is refused (exit 2)', () => {
    expect(parseArgs(['--generate-iam', 'ratelimit'])).toMatchObject({ generateIam: true, kind: 'ratelimit' });
    expect(parseArgs(['--generate-iam', 'ratelimit']).iamPolicy).toBeUndefined();
    expect(() => parseArgs(['--generate-iam=lambda'])).toThrow('Unknown policy "lambda" for --generate-iam: use provisioning or runtime, or nothing for both.');
    expect(() => parseArgs(['--generate-iam', 'lambda'])).toThrow('Unknown kind "lambda"');
  });
});

describe('--generate-iam with --kms-key and --no-pitr', () => {
  it('builds the key ARN from a key ID, the region and the account', async () => {
    const doc = await policy(['--region', 'eu-west-1', '--account-id', '123456789012', '--kms-key', KEY_ID]);
    expect(doc.Statement.find((s) => s.Sid === 'SentinelSessionTableKmsKeyDescribe')?.Resource).toEqual([`arn:aws:kms:eu-west-1:123456789012:key/${KEY_ID}`]);
  });

  it('takes a key ARN as it is, and refuses one of another region', async () => {
    const arn = `arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/${KEY_ID}`;
    const doc = await policy(['approvals', '--region', 'us-gov-west-1', '--kms-key', arn]);
    expect(doc.Statement.find((s) => s.Sid === 'SentinelApprovalTableKmsKeyViaDynamoDB')).toMatchObject({ Resource: [arn], Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.us-gov-west-1.amazonaws.com' } } });
    const runtime = JSON.parse((await print(['approvals', '--generate-iam', 'runtime', '--region', 'us-gov-west-1', '--kms-key', arn])).out) as PolicyDocument;
    expect(runtime.Statement.find((s) => s.Sid === 'SentinelApprovalTableKmsKeyDecrypt')).toMatchObject({ Action: ['kms:Decrypt'], Resource: [arn] });
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
