/**
 * What can go wrong between this tool and any AWS service (DynamoDB, STS, SSO, KMS), as one sentence
 * naming the service and the endpoint really involved, the cause, and the fix: unreachable hosts,
 * timeouts, TLS trouble, answers that are not AWS answers (a proxy or a captive portal), throttling,
 * server errors, error types this tool does not know. Service-specific sentences come first in the
 * caller (dynamo-errors.ts, sts-errors.ts); this is what is left.
 */
import { AwsFailure, type CliError } from '../core/errors.js';

export interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
  $responseBodyText?: string;
  cause?: unknown;
}

export function fields(error: unknown): SdkLikeError {
  return typeof error === 'object' && error !== null ? (error as SdkLikeError) : { message: String(error) };
}

/** The error's name as AWS or Node gives it ('' when it has none worth naming): the one rule for it. */
export function errorName(error: unknown): string {
  const e = error as { name?: unknown; Code?: unknown; code?: unknown } | undefined;
  if (typeof e !== 'object' || e === null) return '';
  for (const v of [e.Code, e.name, e.code]) if (typeof v === 'string' && v !== 'Error') return v;
  return '';
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
const TLS_CODES = new Set([
  'EPROTO',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);
export const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'TooManyRequestsException']);
const SERVER = new Set(['InternalServerError', 'ServiceUnavailable', 'InternalFailure']);

/** A network or TLS error code, looking through `cause` (undici and smithy wrap them). */
export function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = fields(e).cause, depth++) {
    const f = fields(e);
    if (f.code && (NETWORK_CODES.has(f.code) || TLS_CODES.has(f.code))) return f.code;
    if (f.name === 'TimeoutError') return 'ETIMEDOUT';
  }
  return undefined;
}

/** Throttling, 5xx and dropped connections: worth another try after the SDK's own retries. */
export function isTransient(error: unknown): boolean {
  const e = fields(error);
  if (e.name && (THROTTLING.has(e.name) || SERVER.has(e.name))) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  const code = networkCode(error);
  return code !== undefined && !TLS_CODES.has(code);
}

/** The endpoint could not be reached, spoke no TLS, or its answer was lost: no point trying another call. */
export function isUnreachable(error: unknown): boolean {
  return networkCode(error) !== undefined;
}

/** The request may have reached the service but its answer was lost (reset, timeout), unlike a refused connection. */
export function lostAnswer(error: unknown): boolean {
  const code = networkCode(error);
  return code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE' || code === 'ECONNABORTED';
}

/**
 * Whether a call that changes something may have taken effect although it failed: the one rule for
 * "was it done?". It was not done only when AWS itself refused it at the first attempt (an error it
 * sent, 4xx: a denial, a validation, a limit) or no connection was ever made (refused, no such host,
 * TLS). Anything else may have been done: the answer was lost (reset, timeout), garbled or not an AWS
 * answer (cut-off JSON, `{}` where an error was due, HTML), a server error, or an earlier attempt of
 * the SDK's retries ended in one of those.
 */
export function mayHaveHappened(error: unknown): boolean {
  const e = fields(error) as SdkLikeError & { $metadata?: { attempts?: number } };
  if ((e.$metadata?.attempts ?? 1) > 1) return true;
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (e.$fault === 'client' && status >= 400 && status < 500) return false;
  return !(networkCode(error) !== undefined && !lostAnswer(error));
}

export interface TransportContext {
  /** DynamoDB, STS, SSO, KMS. */
  service: string;
  endpoint: string;
  operation: string;
  /** Whether the endpoint was set by the person (--endpoint-url, AWS_ENDPOINT_URL*): the hint names those. */
  custom: boolean;
}

function unreachableHint(code: string, ctx: TransportContext): string {
  const setting = ctx.custom ? '--endpoint-url or AWS_ENDPOINT_URL*' : 'the region';
  switch (code) {
    case 'ECONNREFUSED':
      return ctx.custom ? `Nothing listens there: check ${setting}, and that the service${ctx.service === 'DynamoDB' ? ' (DynamoDB Local?)' : ''} is running.` : 'Check the network connection and any proxy settings.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name does not resolve: check ${setting} and the DNS or proxy settings.`;
    case 'ETIMEDOUT':
      return `No complete answer came in time: a wrong ${ctx.custom ? '--endpoint-url' : 'region or endpoint'}, a proxy or a firewall are the usual causes.`;
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return 'It does not speak TLS: use http:// for a plain-HTTP endpoint such as DynamoDB Local.';
    default:
      return TLS_CODES.has(code)
        ? `Its TLS certificate is not trusted (${code}): give it a trusted certificate, or point NODE_EXTRA_CA_CERTS at the CA that signed it.`
        : 'Check the network connection and any proxy settings.';
  }
}

/** The transport-level sentence for an error from `ctx.service`, or undefined when it is about something else. */
export function transportErrorToCli(error: unknown, ctx: TransportContext): CliError | undefined {
  const e = fields(error);
  const name = e.name ?? '';
  const opts = { cause: error };
  if (name === 'AbortError') return undefined;
  const code = networkCode(error);
  if (code) return new AwsFailure(`Could not reach ${ctx.service} at ${ctx.endpoint} (${code}).`, unreachableHint(code, ctx), opts);
  // An answer that is not an AWS answer: HTML from a captive portal, broken JSON or XML from a proxy.
  if (name === 'SyntaxError' || e.$responseBodyText !== undefined || /Deserialization error|Unexpected token|not valid JSON|Non-whitespace before first tag/i.test(e.message ?? '')) {
    return new AwsFailure(
      `${ctx.service} at ${ctx.endpoint} answered ${ctx.operation} with something that is not an AWS answer (HTML or broken JSON/XML).`,
      'A proxy or a captive portal is probably in the way: check the network, HTTPS_PROXY, and --endpoint-url / AWS_ENDPOINT_URL*.',
      opts,
    );
  }
  if (THROTTLING.has(name) || e.$metadata?.httpStatusCode === 429) {
    return new AwsFailure(`${ctx.service} kept throttling ${ctx.operation} (${name || 'HTTP 429'}).`, 'Try again in a few minutes.', opts);
  }
  if (SERVER.has(name) || (e.$metadata?.httpStatusCode ?? 0) >= 500) {
    return new AwsFailure(`${ctx.service} kept failing ${ctx.operation} with a server error (${name || `HTTP ${e.$metadata?.httpStatusCode ?? '5xx'}`}).`, 'Try again in a few minutes.', opts);
  }
  // An error type AWS sent that this tool has no sentence for: still say which service refused what.
  if (e.$metadata?.httpStatusCode !== undefined) {
    // Its first line, without a closing period: the sentence adds its own.
    const message = (e.message ?? '').split('\n')[0]?.trim().replace(/\.$/, '');
    return new AwsFailure(`${ctx.service} refused ${ctx.operation}: ${name || `HTTP ${e.$metadata.httpStatusCode}`}${message && message !== name ? `: ${message}` : ''}.`, 'Run again with --debug (or DEBUG=1) to see each AWS call and its answer.', opts);
  }
  return undefined;
}
