/**
 * --generate-iam takes its region by the same rule as every run (--region, AWS_REGION,
 * AWS_DEFAULT_REGION, then the profile's), and the region is in every ARN of the policy: a policy
 * for the wrong region grants nothing on the real table.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/core/errors.js';
import { generateIam } from '../../src/headless/generate-iam.js';
import { profileRegion } from '../../src/aws/profiles.js';
import type { Policies } from '../../src/policy/iam.js';
import { isolateAws, type AwsEnv } from '../aws/aws-env.js';

let aws: AwsEnv;
beforeEach(() => {
  aws = isolateAws();
  aws.writeConfig('[default]\nregion = us-east-2\n\n[profile ops]\nregion = eu-central-1\n');
});
afterEach(() => aws.restore());

/** The region of the table ARN in the policy --generate-iam prints with `args` and `env`. */
async function policyRegion(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string | undefined> {
  let out = '';
  const io = { stdout: { write: (t: string) => void (out += t) }, stderr: { write: () => true }, env };
  expect(await generateIam(parseArgs(['--generate-iam', ...args]), io, profileRegion)).toBe(0);
  const both = JSON.parse(out) as Policies;
  const region = both.provisioning.Statement[0]?.Resource[0]?.split(':')[3];
  // The runtime policy names the same table.
  expect(both.runtime.Statement[0]?.Resource[0]?.split(':')[3]).toBe(region);
  return region;
}

describe('--generate-iam: the region', () => {
  it('comes from AWS_DEFAULT_REGION when neither --region nor AWS_REGION is given, before the profile\'s', async () => {
    expect(await policyRegion([], { AWS_DEFAULT_REGION: 'ap-southeast-2' })).toBe('ap-southeast-2');
    expect(await policyRegion(['--aws-profile', 'ops'], { AWS_DEFAULT_REGION: 'ap-southeast-2' })).toBe('ap-southeast-2');
  });

  it('AWS_REGION before AWS_DEFAULT_REGION; --region before both; an empty variable counts as unset', async () => {
    expect(await policyRegion([], { AWS_REGION: 'sa-east-1', AWS_DEFAULT_REGION: 'ap-southeast-2' })).toBe('sa-east-1');
    expect(await policyRegion(['--region', 'eu-west-1'], { AWS_REGION: 'sa-east-1', AWS_DEFAULT_REGION: 'ap-southeast-2' })).toBe('eu-west-1');
    expect(await policyRegion([], { AWS_REGION: '', AWS_DEFAULT_REGION: 'ap-southeast-2' })).toBe('ap-southeast-2');
  });

  it('falls back to the profile\'s region: --aws-profile, then AWS_PROFILE, then default', async () => {
    expect(await policyRegion(['--aws-profile', 'ops'])).toBe('eu-central-1');
    expect(await policyRegion([], { AWS_PROFILE: 'ops' })).toBe('eu-central-1');
    expect(await policyRegion([])).toBe('us-east-2');
  });

  it('a malformed AWS_DEFAULT_REGION is refused (exit 2), naming the variable to fix', async () => {
    const run = policyRegion([], { AWS_DEFAULT_REGION: 'Frankfurt' });
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toMatchObject({ hint: 'It came from AWS_DEFAULT_REGION: fix or unset it, or pass --region.' });
  });

  it('with no region anywhere, stops and asks for --region', async () => {
    aws.writeConfig('');
    await expect(policyRegion([])).rejects.toThrow('No region given, and the policy names the table by its ARN, which includes the region.');
  });
});
