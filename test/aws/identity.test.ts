/** GetCallerIdentity through a loopback STS: account, ARN and partition, and when it is skipped. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialProvider } from '../../src/aws/credentials.js';
import { getIdentity, partitionOf, shouldSkipIdentity } from '../../src/aws/identity.js';
import type { AwsTarget } from '../../src/aws/types.js';
import { startStsStub, type StsStub } from '../helpers/sts-stub.js';
import { isolateAws, type AwsEnv } from './aws-env.js';

let env: AwsEnv;
let stubs: StsStub[] = [];
beforeEach(() => {
  env = isolateAws();
  env.writeCredentials('[p]\naws_access_key_id = AKIAP\naws_secret_access_key = s\n');
});
afterEach(async () => {
  await Promise.all(stubs.map((s) => s.close()));
  stubs = [];
  env.restore();
});

async function stub(arn: string): Promise<StsStub> {
  const s = await startStsStub({ arn });
  stubs.push(s);
  return s;
}

async function target(region: string, endpointUrl?: string): Promise<AwsTarget> {
  return { region, profile: 'p', endpointUrl, credentials: await credentialProvider({ profile: 'p', region }) };
}

describe('getIdentity', () => {
  it.each([
    ['us-east-1', 'arn:aws:iam::123456789012:user/alice', 'aws', '123456789012'],
    ['cn-north-1', 'arn:aws-cn:iam::210987654321:user/li', 'aws-cn', '210987654321'],
    ['us-gov-west-1', 'arn:aws-us-gov:sts::111122223333:assumed-role/Ops/bob', 'aws-us-gov', '111122223333'],
  ])('in %s returns the account, the caller ARN and the partition %s', async (region, arn, partition, account) => {
    const sts = await stub(arn);
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
    expect(await getIdentity(await target(region))).toEqual({ account, arn, partition });
    expect(sts.calls).toEqual([expect.objectContaining({ action: 'GetCallerIdentity', region, accessKeyId: 'AKIAP' })]);
  });

  it('AWS_ENDPOINT_URL also reaches STS, even with a custom DynamoDB endpoint', async () => {
    const sts = await stub('arn:aws:iam::123456789012:user/alice');
    process.env.AWS_ENDPOINT_URL = sts.url;
    expect((await getIdentity(await target('eu-west-1', 'http://127.0.0.1:1')))?.account).toBe('123456789012');
    expect(sts.calls).toHaveLength(1);
  });

  it('with a custom DynamoDB endpoint and no STS endpoint, STS is not called', async () => {
    const sts = await stub('arn:aws:iam::123456789012:user/alice');
    expect(await getIdentity(await target('us-east-1', 'http://127.0.0.1:1'))).toBeUndefined();
    process.env.AWS_ENDPOINT_URL_DYNAMODB = 'http://127.0.0.1:1';
    expect(await getIdentity(await target('us-east-1'))).toBeUndefined();
    expect(sts.calls).toEqual([]);
  });
});

describe('shouldSkipIdentity', () => {
  const t = (endpointUrl?: string): AwsTarget => ({ region: 'us-east-1', endpointUrl, credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 's' }) });
  it('skips only for a custom DynamoDB endpoint without an STS endpoint', () => {
    expect(shouldSkipIdentity(t(), {})).toBe(false);
    expect(shouldSkipIdentity(t('http://localhost:8000'), {})).toBe(true);
    expect(shouldSkipIdentity(t(), { AWS_ENDPOINT_URL_DYNAMODB: 'http://localhost:8000' })).toBe(true);
    expect(shouldSkipIdentity(t('http://localhost:8000'), { AWS_ENDPOINT_URL_STS: 'http://localhost:9' })).toBe(false);
    expect(shouldSkipIdentity(t('http://localhost:8000'), { AWS_ENDPOINT_URL: 'http://localhost:9' })).toBe(false);
  });
  it('partitionOf reads the second ARN field', () => {
    expect(partitionOf('arn:aws-cn:sts::1:assumed-role/R/s')).toBe('aws-cn');
    expect(partitionOf('')).toBe('aws');
  });
});
