/**
 * `--debug` (or DEBUG=1): one line per AWS call attempt on stderr, written by the bounded handler
 * every SDK client shares (src/aws/http.ts), so the STS, SSO and role calls inside the credential
 * providers are shown too. A line names the service, the operation, the table, the HTTP status (and
 * AWS's error code), the request id, the time and the attempt. Never a header value, a body or a
 * query string: the Authorization header, session tokens, SSO bearer tokens and the keys STS
 * answers with stay out; the line still goes through safeText.
 */
import { safeText } from '../core/text.js';

/** Whether this run logs its AWS calls: `--debug` sets DEBUG=1 (src/cli/main.ts). */
export function debugEnabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.DEBUG?.trim();
  return Boolean(value) && value !== '0' && value?.toLowerCase() !== 'false';
}

/** The request as the handler sees it, signed (only the parts read here). */
export interface LoggedRequest {
  method: string;
  hostname: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

const SERVICES: Record<string, string> = { dynamodb: 'DynamoDB', sts: 'STS', kms: 'KMS', lambda: 'Lambda', iam: 'IAM', sso: 'SSO', awsssoportal: 'SSO', 'sso-oauth': 'SSO-OIDC' };

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** The service, from the signature's credential scope (…/region/SERVICE/aws4_request), else the host. */
function serviceOf(request: LoggedRequest): string {
  const scope = /Credential=[^,]*\/([a-z0-9-]+)\/aws4_request/.exec(header(request.headers, 'authorization') ?? '')?.[1];
  const name = scope ?? (request.hostname.split('.')[0] === 'portal' ? 'sso' : request.hostname.split('.')[0]) ?? 'aws';
  return SERVICES[name] ?? name;
}

/** The operation: X-Amz-Target (JSON protocols), Action= (query protocols), else the method and path. */
function operationOf(request: LoggedRequest): string {
  const target = header(request.headers, 'x-amz-target');
  if (target) return target.split('.').pop() ?? target;
  const text = bodyText(request.body);
  if (/(^|&)Action=/.test(text)) return new URLSearchParams(text).get('Action') ?? 'unknown';
  if (/\/functions\/[^/]+\/configuration\/?$/.test(request.path)) return 'GetFunctionConfiguration';
  if (request.path === '/federation/credentials') return 'GetRoleCredentials';
  return `${request.method} ${request.path}`;
}

/** The request body as text (the SDK sends a string or bytes), or '' for a stream. */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  return body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') : '';
}

/** The table a DynamoDB call is about: TableName, or the table of a ResourceArn (tags). */
function tableOf(request: LoggedRequest): string | undefined {
  const text = bodyText(request.body);
  if (!text.startsWith('{')) return undefined;
  try {
    const body = JSON.parse(text) as { TableName?: unknown; ResourceArn?: unknown };
    if (typeof body.TableName === 'string') return body.TableName;
    if (typeof body.ResourceArn === 'string') return /:table\/([^/]+)/.exec(body.ResourceArn)?.[1];
  } catch {
    // Not JSON: no table to name.
  }
  return undefined;
}

/** AWS's error code of a refused call: the X-Amzn-ErrorType header, JSON __type, or XML <Code>. */
function errorCodeOf(headers: Record<string, string | undefined>, body: unknown): string | undefined {
  const typed = header(headers, 'x-amzn-errortype');
  if (typed) return typed.split(':')[0];
  const text = body instanceof Uint8Array ? Buffer.from(body).toString('utf8', 0, Math.min(body.length, 4096)) : '';
  const type = /"__type"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  return type?.split('#').pop();
}

/** What one attempt did: its HTTP answer, or the error that ended it. */
export type AttemptOutcome = { status: number; headers: Record<string, string | undefined>; body: unknown } | { error: unknown };

/** The one line for an attempt. */
export function callLine(request: LoggedRequest, outcome: AttemptOutcome, ms: number): string {
  const table = tableOf(request);
  const what = `${serviceOf(request)} ${operationOf(request)}${table ? ` table=${table}` : ''}`;
  let result: string;
  if ('error' in outcome) {
    const e = outcome.error as { name?: string; code?: string; message?: string };
    result = `failed: ${[e.code ?? e.name, e.message].filter(Boolean).join(' ')}`.split('\n')[0] as string;
  } else {
    const code = outcome.status >= 300 ? errorCodeOf(outcome.headers, outcome.body) : undefined;
    const id = header(outcome.headers, 'x-amzn-requestid') ?? header(outcome.headers, 'x-amz-request-id');
    result = `HTTP ${outcome.status}${code ? ` ${code}` : ''} request-id=${id ?? 'none'}`;
  }
  // The SDK numbers attempts in this header: "attempt=2; max=6".
  const attempt = /attempt=(\d+); max=(\d+)/.exec(header(request.headers, 'amz-sdk-request') ?? '');
  return safeText(`${what} ${result} ${ms} ms${attempt ? ` attempt ${attempt[1]}/${attempt[2]}` : ''}`);
}

/** Writes a call line to stderr when the run logs its calls. */
export function callLogger(env: NodeJS.ProcessEnv): ((line: string) => void) | undefined {
  if (!debugEnabled(env)) return undefined;
  return (line) => process.stderr.write(`sentinel-init debug: ${line}\n`);
}
