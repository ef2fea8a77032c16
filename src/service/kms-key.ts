/**
 * --kms-key, resolved and checked with KMS DescribeKey before anything is created or changed: a key
 * that does not exist, is not enabled, is not a symmetric encryption key, is an AWS managed key, or
 * lives in another region is refused with what to do instead (exit 2: the flag is wrong). DynamoDB
 * checks the same with its own DescribeKey ("whether the KMS key you selected exists in the account
 * and region"), but only after the plan was shown and accepted.
 */
import { AwsFailure, UsageError, type CliError } from '../core/errors.js';
import { arnRegion, keyPlaceProblem } from '../core/kms-key.js';
import type { KeyMetadata, KmsApi } from '../aws/types.js';
import { fields, transportErrorToCli } from '../aws/transport-errors.js';

/** Why DynamoDB cannot use this key, or undefined when it can. */
export function keyProblem(key: KeyMetadata, given: string, region: string): string | undefined {
  const name = key.Arn ?? given;
  const state = key.KeyState ?? 'unknown';
  if (state === 'Disabled') return `KMS key ${name} is disabled: enable it (aws kms enable-key) or pass another key with --kms-key.`;
  if (state === 'PendingDeletion' || state === 'PendingReplicaDeletion') {
    return `KMS key ${name} is scheduled for deletion: cancel the deletion and enable it, or pass another key with --kms-key.`;
  }
  if (state !== 'Enabled') return `KMS key ${name} is ${state}, not Enabled: wait until it is, or pass another key with --kms-key.`;
  if (key.KeySpec !== undefined && key.KeySpec !== 'SYMMETRIC_DEFAULT') {
    return `KMS key ${name} is ${key.KeySpec}, but DynamoDB supports only symmetric encryption keys (SYMMETRIC_DEFAULT): pass one with --kms-key.`;
  }
  if (key.KeyUsage !== undefined && key.KeyUsage !== 'ENCRYPT_DECRYPT') return `KMS key ${name} is for ${key.KeyUsage}, not ENCRYPT_DECRYPT: pass an encryption key with --kms-key.`;
  if (key.KeyManager === 'AWS') return `KMS key ${name} is an AWS managed key: pass a customer managed key with --kms-key, or leave the flag out for DynamoDB's own.`;
  const keyRegion = key.Arn ? arnRegion(key.Arn) : undefined;
  if (keyRegion && keyRegion !== region) return `KMS key ${name} is in ${keyRegion}, but the table is in ${region}: DynamoDB needs a key in the table's region.`;
  return undefined;
}

/** A sentence for a failed DescribeKey: a key that is not there is bad input (2), the rest AWS failures (1); `policyCommand` prints the IAM part. */
export function kmsErrorToCli(error: unknown, given: string, region: string, endpoint: { url: string; custom: boolean }, policyCommand?: string): CliError | undefined {
  const { name = '', message = '' } = fields(error);
  if (name === 'NotFoundException') {
    return new UsageError(`KMS key ${given} does not exist in ${region} (or this account cannot see it).`, 'Check --kms-key and --region; for a key of another account pass its key ARN.');
  }
  if (name === 'InvalidArnException') return new UsageError(`KMS says ${given} is not a valid key ARN: ${message}`, 'Check --kms-key.');
  if (name === 'AccessDeniedException') {
    return new AwsFailure(
      `AWS denied kms:DescribeKey on ${given} in ${region}.`,
      `Allow it in the key policy and in IAM (the provisioning policy of ${policyCommand ? `\`${policyCommand}\`` : '--generate-iam provisioning with --kms-key'} holds it), then run again.`,
      { cause: error },
    );
  }
  return transportErrorToCli(error, { service: 'KMS', endpoint: endpoint.url, operation: `DescribeKey for ${given}`, custom: endpoint.custom });
}

/** The key ARN DynamoDB will report for this key, after DescribeKey said it can use it; throws the sentence otherwise. */
export async function resolveKmsKey(kms: KmsApi, given: string, region: string, signal?: AbortSignal): Promise<string> {
  // A key ARN of another region is refused without a call: KMS in this region would only say "not found".
  const misplaced = keyPlaceProblem(given, region);
  if (misplaced) throw new UsageError(misplaced, 'Pass a key of that region with --kms-key, or fix --region.');
  const key = (await kms.describeKey(given, signal)).KeyMetadata;
  if (!key?.Arn) throw new AwsFailure(`KMS answered DescribeKey for ${given} without the key's ARN.`, 'Check AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL and any proxy between here and KMS.');
  const problem = keyProblem(key, given, region);
  if (problem) throw new UsageError(problem);
  return key.Arn;
}
