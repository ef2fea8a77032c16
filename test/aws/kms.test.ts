/**
 * The KMS DescribeKey client (the SDK's, on the shared bounded handler) against a loopback server: the request KMS expects, the
 * endpoint it goes to, retries of transient failures, a bounded wait, and errors said as KMS's.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createKmsApi, kmsEndpoint } from '../../src/aws/kms.js';
import type { AwsTarget } from '../../src/aws/types.js';
import { AwsFailure, UsageError } from '../../src/core/errors.js';
import { keyProblem, kmsErrorToCli, resolveKmsKey } from '../../src/service/kms-key.js';
import { toCliError } from '../../src/service/workflow.js';

const servers: { close(): void; closeAllConnections(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) (s.closeAllConnections(), s.close());
});

type Reply = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A loopback server answering each request with the next reply (the last one repeats). */
async function serve(...replies: Reply[]): Promise<{ url: string; requests: { headers: IncomingMessage['headers']; body: string }[] }> {
  const requests: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      (replies[Math.min(requests.length - 1, replies.length - 1)] as Reply)(req, body, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, requests };
}

const json = (status: number, body: unknown): Reply => (_req, _body, res) => {
  res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
  res.end(JSON.stringify(body));
};
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const META = { KeyMetadata: { KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', Arn: KEY, KeyState: 'Enabled', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT' } };
const target: AwsTarget = { region: 'eu-west-1', credentials: async () => ({ accessKeyId: 'AKIAKMS', secretAccessKey: 'secret' }) };

describe('KMS DescribeKey', () => {
  it('sends TrentService.DescribeKey as JSON 1.1, signed for kms in the region, to AWS_ENDPOINT_URL_KMS', async () => {
    const kms = await serve(json(200, META));
    const api = await createKmsApi(target, { AWS_ENDPOINT_URL_KMS: kms.url });
    expect(await resolveKmsKey(api, 'alias/sentinel', 'eu-west-1')).toBe(KEY);
    const [request] = kms.requests;
    expect(request?.headers['x-amz-target']).toBe('TrentService.DescribeKey');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(String(request?.headers.authorization)).toMatch(/Credential=AKIAKMS\/\d{8}\/eu-west-1\/kms\/aws4_request/);
    expect(JSON.parse(request?.body ?? '')).toEqual({ KeyId: 'alias/sentinel' });
  });

  it('goes to the regional endpoint, with the partition\'s DNS suffix, unless an endpoint is set', () => {
    expect(kmsEndpoint('eu-west-1', {})).toEqual({ url: 'https://kms.eu-west-1.amazonaws.com', custom: false });
    expect(kmsEndpoint('cn-north-1', {}).url).toBe('https://kms.cn-north-1.amazonaws.com.cn');
    expect(kmsEndpoint('eu-west-1', { AWS_ENDPOINT_URL: 'http://x:1' })).toEqual({ url: 'http://x:1', custom: true });
    expect(kmsEndpoint('eu-west-1', { AWS_ENDPOINT_URL: 'http://x:1', AWS_ENDPOINT_URL_KMS: 'http://k:2' }).url).toBe('http://k:2');
  });

  it('retries throttling and 5xx, then answers', async () => {
    const kms = await serve(json(400, { __type: 'ThrottlingException', message: 'Rate exceeded' }), json(500, { __type: 'KMSInternalException', message: 'x' }), json(200, META));
    const api = await createKmsApi(target, { AWS_ENDPOINT_URL_KMS: kms.url });
    expect((await api.describeKey(KEY)).KeyMetadata?.Arn).toBe(KEY);
    expect(kms.requests).toHaveLength(3);
  });

  it('gives up on an endpoint that never answers, within the attempt deadline and attempts', async () => {
    const kms = await serve(() => {});
    const api = await createKmsApi(target, { AWS_ENDPOINT_URL_KMS: kms.url, SENTINEL_INIT_REQUEST_TIMEOUT_MS: '200', AWS_MAX_ATTEMPTS: '2' });
    const started = Date.now();
    const error = await api.describeKey(KEY).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(kmsErrorToCli(error, KEY, 'eu-west-1', { url: kms.url, custom: true })?.message).toBe(`Could not reach KMS at ${kms.url} (ETIMEDOUT).`);
    expect(kms.requests).toHaveLength(2);
  });

  it('says a missing key is bad input (exit 2), a denied DescribeKey an AWS failure naming the action (exit 1)', async () => {
    const missing = await serve(json(400, { __type: 'NotFoundException', message: "Alias arn:aws:kms:eu-west-1:123456789012:alias/nope is not found." }));
    const api = await createKmsApi(target, { AWS_ENDPOINT_URL_KMS: missing.url });
    const notFound = kmsErrorToCli(await api.describeKey('alias/nope').catch((e: unknown) => e), 'alias/nope', 'eu-west-1', { url: missing.url, custom: true });
    expect(notFound).toBeInstanceOf(UsageError);
    expect(notFound?.message).toBe('KMS key alias/nope does not exist in eu-west-1 (or this account cannot see it).');
    const denied = await serve(json(400, { __type: 'AccessDeniedException', message: 'User: x is not authorized to perform: kms:DescribeKey' }));
    const api2 = await createKmsApi(target, { AWS_ENDPOINT_URL_KMS: denied.url });
    const refusal = kmsErrorToCli(await api2.describeKey(KEY).catch((e: unknown) => e), KEY, 'eu-west-1', { url: denied.url, custom: true });
    expect(refusal).toBeInstanceOf(AwsFailure);
    expect(refusal?.message).toBe(`AWS denied kms:DescribeKey on ${KEY} in eu-west-1.`);
    // Through the run's error mapping, the fix is a command for this table and this key.
    const ctx = { kind: 'sessions' as const, table: 'keyed', region: 'eu-west-1', deletionProtection: true, kmsKey: KEY };
    const mapped = toCliError(await api2.describeKey(KEY).catch((e: unknown) => e), ctx, 'DescribeKey') as AwsFailure;
    expect(mapped.hint).toBe(`Allow it in the key policy and in IAM (the provisioning policy of \`sentinel-init sessions --generate-iam provisioning --region eu-west-1 --table keyed --kms-key ${KEY}\` holds it), then run again.`);
    expect(denied.requests).toHaveLength(2);
  });

  it('says an answer that is not KMS\'s (a captive portal) is not an AWS answer', async () => {
    const portal = await serve((_req, _body, res) => (res.writeHead(200, { 'Content-Type': 'text/html' }), res.end('<html>login</html>')));
    const api = await createKmsApi(target, { AWS_ENDPOINT_URL_KMS: portal.url });
    const error = await api.describeKey(KEY).catch((e: unknown) => e);
    expect(kmsErrorToCli(error, KEY, 'eu-west-1', { url: portal.url, custom: true })?.message).toMatch(/answered DescribeKey for .* with something that is not an AWS answer/);
  });
});

describe('keyProblem', () => {
  const key = META.KeyMetadata;
  it('accepts an enabled symmetric customer managed key of the region', () => {
    expect(keyProblem(key, 'alias/x', 'eu-west-1')).toBeUndefined();
  });
  it('refuses one of another region, a pending import, an HMAC key', () => {
    expect(keyProblem(key, 'alias/x', 'eu-central-1')).toMatch(/is in eu-west-1, but the table is in eu-central-1/);
    expect(keyProblem({ ...key, KeyState: 'PendingImport' }, 'alias/x', 'eu-west-1')).toMatch(/is PendingImport, not Enabled/);
    expect(keyProblem({ ...key, KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }, 'alias/x', 'eu-west-1')).toMatch(/supports only symmetric encryption keys/);
  });
});
