/**
 * KMS DescribeKey, the one KMS call this tool makes (to resolve and check --kms-key before any
 * change). The SDK's KMS client is not a dependency for one call: the request is KMS's JSON 1.1
 * protocol, signed with the SDK's own Signature V4 signer and sent through the same bounded handler
 * and call budget as every AWS call (src/aws/http.ts), retried on throttling, 5xx and resets.
 */
import { sleep } from '../core/duration.js';
import { dnsSuffix } from '../core/partitions.js';
import { isTransient } from './transport-errors.js';
import { callLogger } from './call-log.js';
import { boundedHandler, callLimits, withinBudget } from './http.js';
import type { AwsTarget, KmsApi } from './types.js';

/** Where KMS calls go: AWS_ENDPOINT_URL_KMS, else AWS_ENDPOINT_URL (as the SDK reads them), else the region's. */
export function kmsEndpoint(region: string, env: NodeJS.ProcessEnv = process.env): { url: string; custom: boolean } {
  const custom = env.AWS_ENDPOINT_URL_KMS || env.AWS_ENDPOINT_URL;
  if (custom) return { url: custom, custom: true };
  return { url: `https://kms.${region}.${dnsSuffix(region)}`, custom: false };
}

/** An error shaped like the SDK's (name, $metadata, $fault), so the shared sentences apply to it. */
function kmsError(status: number, headers: Record<string, string | undefined>, text: string): Error {
  let body: { __type?: unknown; message?: unknown; Message?: unknown } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON: a proxy or a captive portal answered. $responseBodyText says so to the sentences.
    return Object.assign(new Error(`HTTP ${status}`), { name: 'Unknown', $metadata: { httpStatusCode: status }, $responseBodyText: text.slice(0, 200) });
  }
  const type = String(body?.__type ?? headers['x-amzn-errortype'] ?? 'Unknown').split('#').pop()?.split(':')[0] ?? 'Unknown';
  const message = String(body?.message ?? body?.Message ?? type);
  return Object.assign(new Error(message), { name: type, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });
}

function backoff(attempt: number, signal: AbortSignal): Promise<void> {
  // The SDK's standard mode: full jitter on 100 ms doubling, at most 20 s.
  return sleep(Math.random() * Math.min(20_000, 100 * 2 ** attempt), signal);
}

/** A KMS client for one run; nothing is called until describeKey. */
export async function createKmsApi(target: AwsTarget, env: NodeJS.ProcessEnv = process.env): Promise<KmsApi> {
  const [{ SignatureV4 }, { Sha256 }, { HttpRequest }] = await Promise.all([import('@smithy/signature-v4'), import('@smithy/core/checksum'), import('@smithy/core/transport')]);
  const limits = callLimits(env);
  const handler = await boundedHandler(limits.attemptMs, callLogger(env));
  const { url } = kmsEndpoint(target.region, env);
  const at = new URL(url);
  const signer = new SignatureV4({ service: 'kms', region: target.region, credentials: target.credentials, sha256: Sha256 });

  async function attempt(keyId: string, signal: AbortSignal): Promise<{ KeyMetadata?: Record<string, unknown> }> {
    const request = new HttpRequest({
      protocol: at.protocol,
      hostname: at.hostname,
      ...(at.port && { port: Number(at.port) }),
      method: 'POST',
      path: at.pathname || '/',
      headers: { host: at.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.DescribeKey' },
      body: JSON.stringify({ KeyId: keyId }),
    });
    const { response } = await handler.handle((await signer.sign(request)) as typeof request, { abortSignal: signal });
    const text = Buffer.from((response.body as Uint8Array | undefined) ?? new Uint8Array()).toString('utf8');
    if (response.statusCode >= 300) throw kmsError(response.statusCode, response.headers, text);
    try {
      return JSON.parse(text) as { KeyMetadata?: Record<string, unknown> };
    } catch {
      throw kmsError(response.statusCode, response.headers, text);
    }
  }

  return {
    endpoint: url,
    describeKey: (keyId, signal) =>
      withinBudget(limits, signal, async (budget) => {
        for (let n = 1; ; n++) {
          try {
            return await attempt(keyId, budget);
          } catch (error) {
            if (budget.aborted || n >= limits.maxAttempts || !isTransient(error)) throw error;
            await backoff(n, budget);
          }
        }
      }),
  };
}
