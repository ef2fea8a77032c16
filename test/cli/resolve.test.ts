import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/core/errors.js';
import { resolveContext } from '../../src/service/workflow.js';

// loadProfiles reads the files named by the process environment, so the test points it at temp files.
let dir: string;
const saved = { config: process.env.AWS_CONFIG_FILE, creds: process.env.AWS_SHARED_CREDENTIALS_FILE };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'resolve-'));
  const config = join(dir, 'config');
  const creds = join(dir, 'credentials');
  writeFileSync(config, '[default]\nregion = us-east-2\n\n[profile ops]\nregion = eu-central-1\n\n[profile noregion]\noutput = json\n');
  writeFileSync(creds, '[ops]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n');
  process.env.AWS_CONFIG_FILE = config;
  process.env.AWS_SHARED_CREDENTIALS_FILE = creds;
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const [key, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.creds]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const resolve = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const options = parseArgs(argv);
  if (options.kind === 'all') throw new Error('these cases name one kind');
  return resolveContext({ ...options, kind: options.kind }, { ...env, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE });
};

async function usageText(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const error = await resolve(argv, env).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  const e = error as UsageError;
  return `${e.message} ${e.hint ?? ''}`;
}

describe('resolveContext', () => {
  it('uses the kind default table and the flag values', async () => {
    expect(await resolve(['approvals', '--region', 'eu-west-1'])).toEqual({
      kind: 'approvals', table: 'sentinel-requests', region: 'eu-west-1', profile: undefined, endpointUrl: undefined, deletionProtection: true, accountId: undefined,
      pitr: true, tags: [],
    });
    const ctx = await resolve(['breakglass', '--table', 'bg.t', '--region', 'eu-west-1', '--aws-profile', 'ops', '--no-deletion-protection', '--account-id', '123456789012']);
    expect(ctx).toMatchObject({ table: 'bg.t', profile: 'ops', region: 'eu-west-1', deletionProtection: false, accountId: '123456789012' });
  });

  it('takes the region from --region, then AWS_REGION, AWS_DEFAULT_REGION, then the profile', async () => {
    const env = { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'sa-east-1' };
    expect((await resolve(['--region', 'eu-west-1'], env)).region).toBe('eu-west-1');
    expect((await resolve([], env)).region).toBe('ap-south-1');
    expect((await resolve([], { AWS_DEFAULT_REGION: 'sa-east-1' })).region).toBe('sa-east-1');
    expect((await resolve(['--aws-profile', 'ops'])).region).toBe('eu-central-1');
    expect((await resolve([], { AWS_PROFILE: 'ops' })).region).toBe('eu-central-1');
    expect((await resolve([])).region).toBe('us-east-2'); // the default profile
  });

  it('prefers --aws-profile over AWS_PROFILE', async () => {
    expect((await resolve(['--profile', 'ops'], { AWS_PROFILE: 'noregion', AWS_REGION: 'eu-west-1' })).profile).toBe('ops');
    expect((await resolve([], { AWS_PROFILE: 'noregion', AWS_REGION: 'eu-west-1' })).profile).toBe('noregion');
  });

  it('names an unknown profile, where it came from, and the known ones', async () => {
    const fromFlag = await usageText(['--aws-profile', 'nope', '--region', 'eu-west-1']);
    expect(fromFlag).toMatch(/^Profile "nope" \(from --aws-profile\) is not in .*config/);
    expect(fromFlag).toContain('Known profiles: default, noregion, ops.');
    const fromEnv = await usageText(['--region', 'eu-west-1'], { AWS_PROFILE: 'ghost' });
    expect(fromEnv).toMatch(/Profile "ghost" \(from AWS_PROFILE\)/);
    expect(fromEnv).toContain('unset AWS_PROFILE');
  });

  it('asks for --region when no region is known anywhere', async () => {
    expect(await usageText(['--aws-profile', 'noregion'])).toMatch(/^No region given\. Pass --region/);
    writeFileSync(process.env.AWS_CONFIG_FILE as string, '');
    expect(await usageText([])).toMatch(/No region given/);
  });

  it('validates values from the environment and says where they came from', async () => {
    expect(await usageText([], { AWS_REGION: 'EU_WEST_1' })).toMatch(/Region "EU_WEST_1" is not a region name.*came from AWS_REGION/);
    const profileRegion = join(dir, 'bad-config');
    writeFileSync(profileRegion, '[default]\nregion = eu-west\n');
    process.env.AWS_CONFIG_FILE = profileRegion;
    expect(await usageText([])).toMatch(/Region "eu-west".*region of profile default/);
    expect(await usageText(['--region', 'eu-west-1'], { AWS_ENDPOINT_URL_DYNAMODB: 'localhost:8000' })).toMatch(/AWS_ENDPOINT_URL_DYNAMODB/);
  });

  it('refuses offline a --kms-key ARN of another partition or region than the table\'s', async () => {
    const id = '1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(await usageText(['--region', 'eu-west-1', '--kms-key', `arn:aws-cn:kms:eu-west-1:123456789012:key/${id}`])).toBe(
      `KMS key arn:aws-cn:kms:eu-west-1:123456789012:key/${id} is in partition aws-cn, but region eu-west-1 is in aws: DynamoDB needs a key in the table's region. Pass a key of that region with --kms-key, or fix --region.`,
    );
    expect(await usageText(['--region', 'cn-north-1', '--kms-key', `arn:aws:kms:cn-north-1:123456789012:key/${id}`])).toMatch(/is in partition aws, but region cn-north-1 is in aws-cn/);
    expect(await usageText(['--region', 'eu-west-1', '--kms-key', `arn:aws:kms:eu-central-1:123456789012:key/${id}`])).toMatch(/is in eu-central-1, but the table is in eu-west-1/);
    await expect(resolve(['--region', 'cn-north-1', '--kms-key', `arn:aws-cn:kms:cn-north-1:123456789012:key/${id}`])).resolves.toMatchObject({ region: 'cn-north-1' });
  });

  it('takes the endpoint from --endpoint-url, else AWS_ENDPOINT_URL_DYNAMODB', async () => {
    const env = { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9000' };
    expect((await resolve(['--region', 'eu-west-1'], env)).endpointUrl).toBe('http://127.0.0.1:9000');
    expect((await resolve(['--region', 'eu-west-1', '--endpoint-url', 'http://localhost:8000'], env)).endpointUrl).toBe('http://localhost:8000');
  });
});
