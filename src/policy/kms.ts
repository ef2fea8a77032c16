/**
 * What a customer managed key adds to the policy. Two statements, on that key's ARN only:
 *
 * - What DynamoDB needs on the key to create and use the table on the caller's behalf. The DynamoDB
 *   developer guide's encryption-at-rest usage notes, section on the customer managed key policy,
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html#dynamodb-customer-cmk-policy
 *   lists "at a minimum" kms:Encrypt, kms:Decrypt, kms:ReEncrypt* (for ReEncryptFrom and
 *   ReEncryptTo), kms:GenerateDataKey* (for GenerateDataKey and GenerateDataKeyWithoutPlaintext),
 *   kms:DescribeKey and kms:CreateGrant. They are written out here, not as wildcards (which would also
 *   match GenerateDataKeyPair*). DynamoDB calls them itself, so they are granted only through DynamoDB
 *   with kms:ViaService, as the AWS managed key aws/dynamodb's own policy does on that page
 *   (StringEquals `dynamodb.<region>.amazonaws.com`); with no region known, the customer managed key
 *   example's StringLike `dynamodb.*.amazonaws.com`.
 * - kms:DescribeKey without the condition: sentinel-init calls it itself, directly, to resolve and
 *   check --kms-key before any change (the same call DynamoDB makes is covered by it too).
 *
 * Those two go in the provisioning policy. The runtime policy (Sentinel's item calls) gets one:
 * kms:Decrypt through DynamoDB. DynamoDB decrypts the table key with each caller's own permission
 * when that caller reads or writes items, and caches it per caller for five minutes (the DynamoDB
 * developer guide, encryption at rest: how it works, table keys); the other actions are for creating
 * the table and changing its key, which Sentinel never does.
 *
 * The key policy must also let each identity use the key (a key policy that enables IAM policies
 * for the account, or a statement naming the identity): an IAM policy alone cannot open a key.
 */
import { dnsSuffix } from '../core/partitions.js';
import type { PolicyStatement } from './iam.js';

/** The actions DynamoDB uses on a customer managed key, from the page above, wildcards expanded. */
export const KMS_VIA_DYNAMODB_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:CreateGrant',
] as const;

/** DynamoDB's service name in `region`, as kms:ViaService names it. */
export function viaServiceName(region: string): string {
  return `dynamodb.${region}.${dnsSuffix(region)}`;
}

/** kms:ViaService for DynamoDB in `region` (`*`: any region). */
function viaDynamoDb(region: string): Record<string, Record<string, string>> {
  if (region === '*') return { StringLike: { 'kms:ViaService': 'dynamodb.*.amazonaws.com' } };
  return { StringEquals: { 'kms:ViaService': viaServiceName(region) } };
}

/** The provisioning policy's two KMS statements for a table encrypted with `keyArn`. */
export function kmsStatements(word: string, keyArn: string, region: string): PolicyStatement[] {
  return [
    { Sid: `Sentinel${word}TableKmsKeyViaDynamoDB`, Effect: 'Allow', Action: [...KMS_VIA_DYNAMODB_ACTIONS], Resource: [keyArn], Condition: viaDynamoDb(region) },
    { Sid: `Sentinel${word}TableKmsKeyDescribe`, Effect: 'Allow', Action: ['kms:DescribeKey'], Resource: [keyArn] },
  ];
}

/** The runtime policy's KMS statement: Decrypt through DynamoDB, what Sentinel's item calls need on the key. */
export function runtimeKmsStatements(word: string, keyArn: string, region: string): PolicyStatement[] {
  return [{ Sid: `Sentinel${word}TableKmsKeyDecrypt`, Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [keyArn], Condition: viaDynamoDb(region) }];
}
