/**
 * KMS DescribeKey, the one KMS call this tool makes (to resolve and check --kms-key before any
 * change), on the SDK's KMS client: loaded lazily, only when a key is given, with the bounded handler,
 * retries and call budget every AWS client shares (src/aws/http.ts).
 */
import { dnsSuffix } from '../core/partitions.js';
import { clientTiming, withinBudget } from './http.js';
import type { AwsTarget, KmsApi } from './types.js';

/** Where KMS calls go: AWS_ENDPOINT_URL_KMS, else AWS_ENDPOINT_URL (as the SDK reads them), else the region's. */
export function kmsEndpoint(region: string, env: NodeJS.ProcessEnv = process.env): { url: string; custom: boolean } {
  const custom = env.AWS_ENDPOINT_URL_KMS || env.AWS_ENDPOINT_URL;
  if (custom) return { url: custom, custom: true };
  return { url: `https://kms.${region}.${dnsSuffix(region)}`, custom: false };
}

/** A KMS client for one run; nothing is called until describeKey. */
export async function createKmsApi(target: AwsTarget, env: NodeJS.ProcessEnv = process.env): Promise<KmsApi> {
  const sdk = await import('./sdk/kms.js');
  const { limits, config } = await clientTiming(env);
  const { url, custom } = kmsEndpoint(target.region, env);
  // The endpoint is passed, not left to the SDK, so `env` (not only process.env) decides it.
  const client = new sdk.KMSClient({ region: target.region, credentials: target.credentials, ...config, ...(custom && { endpoint: url }) });
  return {
    endpoint: url,
    describeKey: async (keyId, signal) => {
      const out = await withinBudget(limits, signal, (abortSignal) => client.send(new sdk.DescribeKeyCommand({ KeyId: keyId }), { abortSignal }));
      return { ...(out.KeyMetadata && { KeyMetadata: out.KeyMetadata as NonNullable<Awaited<ReturnType<KmsApi['describeKey']>>['KeyMetadata']> }) };
    },
  };
}
