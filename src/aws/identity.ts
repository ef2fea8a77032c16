/**
 * STS GetCallerIdentity: the account and partition shown before any change. It needs no IAM
 * permission, so it is the cheapest proof that the credentials work. The STS client follows
 * AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL through the SDK's own endpoint configuration.
 */
import { AwsFailure } from '../core/errors.js';
import { clientTiming, withinBudget } from './http.js';
import type { AwsTarget, Identity } from './types.js';

/**
 * With a custom DynamoDB endpoint (--endpoint-url or AWS_ENDPOINT_URL_DYNAMODB) and no STS endpoint
 * configured (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL), STS is not called: DynamoDB Local has no STS,
 * and a demo must not reach AWS.
 */
export function shouldSkipIdentity(target: AwsTarget, env: NodeJS.ProcessEnv = process.env): boolean {
  const customDynamo = Boolean(target.endpointUrl || env.AWS_ENDPOINT_URL_DYNAMODB);
  return customDynamo && !env.AWS_ENDPOINT_URL_STS && !env.AWS_ENDPOINT_URL;
}

/** The partition (aws, aws-cn, aws-us-gov) is the second field of any ARN. */
export function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}

/** Who the credentials belong to, or undefined when skipped. Errors are left to credentialErrorToCli. */
export async function getIdentity(target: AwsTarget, signal?: AbortSignal): Promise<Identity | undefined> {
  if (shouldSkipIdentity(target)) return undefined;
  const { STSClient, GetCallerIdentityCommand } = await import('./sdk/sts.js');
  const { limits, config } = await clientTiming();
  const client = new STSClient({ region: target.region, credentials: target.credentials, ...config });
  try {
    const out = await withinBudget(limits, signal, (abortSignal) => client.send(new GetCallerIdentityCommand({}), { abortSignal }));
    // A 200 without an account (a proxy, a broken stand-in) must not become "Account  as …".
    if (!out.Account || !/^\d{12}$/.test(out.Account) || !out.Arn?.startsWith('arn:')) {
      throw new AwsFailure('STS GetCallerIdentity answered without an account and caller ARN.', 'Check AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL and any proxy between here and STS.');
    }
    return { account: out.Account, arn: out.Arn, partition: partitionOf(out.Arn) };
  } finally {
    client.destroy();
  }
}
