/** DynamoDB SDK errors turned into one sentence a person can act on (exit 1). */
import { AwsFailure, type CliError } from '../core/errors.js';
import { generateIamCommand } from '../core/shell.js';
import { keyErrorToCli } from './credential-errors.js';
import { fields, transportErrorToCli } from './transport-errors.js';

export { isTransient, isUnreachable, lostAnswer, mayHaveHappened } from './transport-errors.js';

export interface DynamoErrorContext {
  /** The DynamoDB call that failed, e.g. 'CreateTable'. */
  operation: string;
  table: string;
  region: string;
  endpointUrl?: string;
  /** For the --generate-iam hint; the command line's KIND. */
  kind?: string;
}

/** The endpoint a person would recognise: the custom one, else the regional one. */
export function regionalEndpoint(region: string, endpointUrl?: string): string {
  if (endpointUrl) return endpointUrl;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://dynamodb.${region}.${suffix}`;
}

/** Every DynamoDB call sentinel-init makes itself (provisioning and verify) is in the provisioning policy. */
function iamHint(ctx: DynamoErrorContext): string {
  return `Attach the provisioning policy printed by \`${generateIamCommand({ kind: ctx.kind, policy: 'provisioning', region: ctx.region, table: ctx.table })}\` to this identity, then run again.`;
}

/** A CliError for the DynamoDB failures a person can do something about; undefined for anything else. */
export function dynamoErrorToCli(error: unknown, ctx: DynamoErrorContext): CliError | undefined {
  const e = fields(error);
  const name = e.name ?? '';
  const message = (e.message ?? '').trim();
  const on = `on table ${ctx.table} in ${ctx.region}`;
  const opts = { cause: error };
  if (name === 'AbortError') return undefined;
  // DynamoDB could not use the customer managed key ("KMS key access denied error"): not a DynamoDB permission.
  if ((name === 'AccessDeniedException' || name === 'ValidationException') && /\bkms\b/i.test(message)) {
    return new AwsFailure(
      `DynamoDB could not use the KMS key for table ${ctx.table} in ${ctx.region} (${ctx.operation}: ${message}).`,
      'Let this identity use the key through DynamoDB, in the key policy and in IAM (the provisioning policy of --generate-iam provisioning with --kms-key holds the IAM part), then run again.',
      opts,
    );
  }
  if (name === 'AccessDeniedException') {
    const action = /perform: (dynamodb:\w+)/.exec(message)?.[1] ?? `dynamodb:${ctx.operation}`;
    return new AwsFailure(`AWS denied ${action} ${on}.`, iamHint(ctx), opts);
  }
  // Rejected or expired keys: one table of sentences, the credentials' own.
  const keys = keyErrorToCli(error);
  if (keys) return keys;
  if (name === 'ValidationException') {
    return new AwsFailure(`DynamoDB refused ${ctx.operation} ${on}: ${message}`, 'This is likely a bug in sentinel-init; run again with --debug (or DEBUG=1) and report what it prints.', opts);
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
  return transportErrorToCli(error, { service: 'DynamoDB', endpoint: regionalEndpoint(ctx.region, ctx.endpointUrl), operation: `${ctx.operation} ${on}`, custom: Boolean(ctx.endpointUrl) });
}
