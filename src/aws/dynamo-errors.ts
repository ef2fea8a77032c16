/** DynamoDB SDK errors turned into one sentence a person can act on (exit 1). */
import { AwsFailure, type CliError } from '../core/errors.js';

export interface DynamoErrorContext {
  /** The DynamoDB call that failed, e.g. 'CreateTable'. */
  operation: string;
  table: string;
  region: string;
  endpointUrl?: string;
  /** For the --generate-iam hint; the command line's KIND. */
  kind?: string;
}

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
const THROTTLING = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'TooManyRequestsException']);
const SERVER = new Set(['InternalServerError', 'ServiceUnavailable', 'InternalFailure']);

function fields(error: unknown): SdkLikeError {
  return typeof error === 'object' && error !== null ? (error as SdkLikeError) : { message: String(error) };
}

/** The network error code, looking through one level of `cause` (undici and smithy wrap them). */
function networkCode(error: unknown): string | undefined {
  const e = fields(error);
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  if (e.name === 'TimeoutError') return 'ETIMEDOUT';
  const cause = e.cause ? fields(e.cause) : undefined;
  return cause?.code && NETWORK_CODES.has(cause.code) ? cause.code : undefined;
}

/** Throttling, 5xx and dropped connections: worth another try after the SDK's own retries. */
export function isTransient(error: unknown): boolean {
  const e = fields(error);
  if (e.name && (THROTTLING.has(e.name) || SERVER.has(e.name))) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return networkCode(error) !== undefined;
}

/** The endpoint could not be reached or its answer was lost: no point trying another call. */
export function isUnreachable(error: unknown): boolean {
  return networkCode(error) !== undefined;
}

/** The request may have reached DynamoDB but its answer was lost (reset, timeout), unlike a refused connection. */
export function lostAnswer(error: unknown): boolean {
  const code = networkCode(error);
  return code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE' || code === 'ECONNABORTED';
}

/** The endpoint a person would recognise: the custom one, else the regional one. */
export function regionalEndpoint(region: string, endpointUrl?: string): string {
  if (endpointUrl) return endpointUrl;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://dynamodb.${region}.${suffix}`;
}

function iamHint(ctx: DynamoErrorContext): string {
  const kind = ctx.kind ? `${ctx.kind} ` : '';
  return `Attach the policy printed by \`sentinel-init ${kind}--generate-iam --table ${ctx.table} --region ${ctx.region}\` to this identity, then run again.`;
}

/** A CliError for the DynamoDB failures a person can do something about; undefined for anything else. */
export function dynamoErrorToCli(error: unknown, ctx: DynamoErrorContext): CliError | undefined {
  const e = fields(error);
  const name = e.name ?? '';
  const message = (e.message ?? '').trim();
  const on = `on table ${ctx.table} in ${ctx.region}`;
  const opts = { cause: error };
  if (name === 'AbortError') return undefined;
  if (name === 'AccessDeniedException') {
    const action = /perform: (dynamodb:\w+)/.exec(message)?.[1] ?? `dynamodb:${ctx.operation}`;
    return new AwsFailure(`AWS denied ${action} ${on}.`, iamHint(ctx), opts);
  }
  const code = networkCode(error);
  if (code) {
    const where = regionalEndpoint(ctx.region, ctx.endpointUrl);
    const hint = ctx.endpointUrl
      ? 'Check that DynamoDB Local (or whatever --endpoint-url names) is running and reachable.'
      : 'Check the network connection, any proxy settings, and that the region is right.';
    return new AwsFailure(`Could not reach DynamoDB at ${where} (${code}).`, hint, opts);
  }
  if (name === 'UnrecognizedClientException') {
    return new AwsFailure('AWS did not recognise the access key (UnrecognizedClientException): the credentials are invalid.', 'Check the profile\'s keys, or pick another profile with --aws-profile.', opts);
  }
  if (name === 'InvalidSignatureException') {
    return new AwsFailure('AWS rejected the request signature: the secret access key does not match the access key.', 'Check the profile\'s secret key, or pick another profile with --aws-profile.', opts);
  }
  if (name === 'ExpiredTokenException' || name === 'ExpiredToken') {
    return new AwsFailure('The AWS session token has expired.', 'Refresh the credentials (for SSO: `aws sso login --profile <name>`), then run again.', opts);
  }
  if (name === 'ValidationException') {
    return new AwsFailure(`DynamoDB refused ${ctx.operation} ${on}: ${message}`, 'This is likely a bug in sentinel-init; run again with DEBUG=1 and report it.', opts);
  }
  if (name === 'ResourceInUseException') {
    return new AwsFailure(`Table ${ctx.table} is busy with another change (${ctx.operation}: ${message}).`, 'Wait for it to finish, then run again.', opts);
  }
  if (name === 'LimitExceededException') {
    return new AwsFailure(`DynamoDB limit reached during ${ctx.operation} ${on}: ${message}`, 'Wait for running table or index operations to finish, then run again.', opts);
  }
  if (name === 'ResourceNotFoundException') {
    return new AwsFailure(`Table ${ctx.table} does not exist in ${ctx.region}.`, 'Check --table and --region, or run without --plan to create it.', opts);
  }
  if (THROTTLING.has(name)) {
    return new AwsFailure(`DynamoDB kept throttling ${ctx.operation} ${on}.`, 'Try again in a few minutes.', opts);
  }
  if (SERVER.has(name) || (e.$metadata?.httpStatusCode ?? 0) >= 500) {
    return new AwsFailure(`DynamoDB kept failing ${ctx.operation} ${on} with a server error (${name || 'HTTP 5xx'}).`, 'Try again in a few minutes.', opts);
  }
  return undefined;
}
