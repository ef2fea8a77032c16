/**
 * `--kms-key`: the forms KMS DescribeKey and DynamoDB's SSESpecification accept (key ID, key ARN,
 * alias name, alias ARN), checked for shape before any call, and what can be known offline.
 */

import { partitionForRegion } from './partitions.js';

/** What kind of identifier the person gave. */
export type KeyForm = 'key-arn' | 'alias-arn' | 'alias' | 'key-id';

const KEY_ID = /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]{1,250}$/;
const ARN = /^arn:(aws[a-z-]*):kms:([a-z]{2}(?:-[a-z]+){1,3}-\d{1,2}):(\d{12}):(key|alias)\/(.+)$/;

/** The form of `value`, or undefined when it is none of them. */
export function keyForm(value: string): KeyForm | undefined {
  const arn = ARN.exec(value);
  if (arn) {
    if (arn[4] === 'key') return KEY_ID.test(arn[5] ?? '') ? 'key-arn' : undefined;
    return ALIAS_NAME.test(`alias/${arn[5]}`) ? 'alias-arn' : undefined;
  }
  if (ALIAS_NAME.test(value)) return 'alias';
  return KEY_ID.test(value) ? 'key-id' : undefined;
}

/** The region of a key or alias ARN; undefined for an alias name or key ID (they name a key in the run's region). */
export function arnRegion(value: string): string | undefined {
  return ARN.exec(value)?.[2];
}

/**
 * Why a key or alias ARN cannot serve a table in `region`, known without a call: another partition
 * (an aws-cn key for an eu-west-1 table) or another region. Undefined for a fit, an alias name or a key ID.
 */
export function keyPlaceProblem(value: string, region: string): string | undefined {
  const arn = ARN.exec(value);
  if (!arn) return undefined;
  const partition = partitionForRegion(region);
  if (arn[2] !== region) return `KMS key ${value} is in ${arn[2]}, but the table is in ${region}: DynamoDB needs a key in the table's region.`;
  if (arn[1] !== partition) return `KMS key ${value} is in partition ${arn[1]}, but region ${region} is in ${partition}: DynamoDB needs a key in the table's region.`;
  return undefined;
}

/** Why `value` cannot be a --kms-key, or undefined when its shape is fine. */
export function validateKmsKey(value: string): string | undefined {
  if (value === 'alias/aws/dynamodb' || /:alias\/aws\/dynamodb$/.test(value)) {
    return 'alias/aws/dynamodb is the AWS managed key, which is what a table gets without --kms-key: leave the flag out.';
  }
  if (/^alias\/aws\//.test(value)) return `${value} is an AWS managed key of another service: DynamoDB needs a customer managed key or its own default.`;
  if (keyForm(value)) return undefined;
  return `KMS key "${value}" is not a key ARN, alias ARN, alias/NAME or key ID (e.g. 1234abcd-12ab-34cd-56ef-1234567890ab).`;
}

/**
 * The key ARN when it can be known without calling KMS: a key ARN as given, or a key ID in the
 * run's region and account (`*` when unknown). Aliases need DescribeKey: undefined.
 */
export function offlineKeyArn(value: string, partition: string, region: string, accountId = '*'): string | undefined {
  const form = keyForm(value);
  if (form === 'key-arn') return value;
  if (form === 'key-id') return `arn:${partition}:kms:${region}:${accountId}:key/${value}`;
  return undefined;
}
