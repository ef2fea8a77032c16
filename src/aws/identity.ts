/**
 * STS GetCallerIdentity: the account and partition shown before any change.
 * MINIMAL VERSION — issue 4 (credentials) completes error mapping and tests.
 */
import type { AwsTarget, Identity } from './types.js';

/**
 * With a custom DynamoDB endpoint and no STS endpoint configured (AWS_ENDPOINT_URL_STS,
 * AWS_ENDPOINT_URL), STS is not called: DynamoDB Local has no STS, and a demo must not reach AWS.
 */
export function shouldSkipIdentity(target: AwsTarget, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(target.endpointUrl) && !env.AWS_ENDPOINT_URL_STS && !env.AWS_ENDPOINT_URL;
}

/** Who the credentials belong to, or undefined when skipped. */
export async function getIdentity(target: AwsTarget, signal?: AbortSignal): Promise<Identity | undefined> {
  if (shouldSkipIdentity(target)) return undefined;
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient({ region: target.region, credentials: target.credentials });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    const arn = out.Arn ?? '';
    return { account: out.Account ?? '', arn, partition: arn.split(':')[1] || 'aws' };
  } finally {
    client.destroy();
  }
}
