/** STS failures as STS failures: the endpoint really called, never the DynamoDB one. */
import type { CliError } from '../core/errors.js';
import { transportErrorToCli } from './transport-errors.js';

/** Where STS calls go: AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL, else the regional endpoint. */
export function stsEndpoint(region: string, env: NodeJS.ProcessEnv = process.env): { url: string; custom: boolean } {
  const custom = env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL;
  if (custom) return { url: custom, custom: true };
  return { url: `https://sts.${region}.amazonaws.${region.startsWith('cn-') ? 'com.cn' : 'com'}`, custom: false };
}

/** A sentence for an STS call that failed for reasons other than credentials. */
export function stsErrorToCli(error: unknown, operation: string, region: string, env: NodeJS.ProcessEnv = process.env): CliError | undefined {
  const { url, custom } = stsEndpoint(region, env);
  return transportErrorToCli(error, { service: 'STS', endpoint: url, operation, custom });
}
