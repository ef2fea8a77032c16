/**
 * The IAM policy for one table: exactly the calls this tool makes to provision it, and the item
 * calls Sentinel makes to use it. Pure and offline: --generate-iam needs no credentials.
 */
import { KINDS, type KindName } from '../core/kinds.js';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicyRequest {
  kind: KindName;
  table: string;
  /** A region name, or `*` when unknown. */
  region: string;
  /** 12 digits; `*` when unknown (offline). */
  accountId?: string;
  /** From STS when known; else derived from the region. */
  partition?: string;
}

/** The calls provisioning makes (the DynamoApi port); never DeleteTable. */
export const PROVISIONING_ACTIONS = [
  'dynamodb:CreateTable',
  'dynamodb:DescribeTable',
  'dynamodb:UpdateTable',
  'dynamodb:UpdateTimeToLive',
  'dynamodb:DescribeTimeToLive',
] as const;

/** The item calls Sentinel's stores make on the table and its indexes. */
export const OPERATION_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:Scan',
] as const;

/** The ARN partition a region belongs to: cn-* aws-cn, us-gov-* aws-us-gov, ISO regions theirs, else aws. */
export function partitionForRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  return 'aws';
}

/** arn:<partition>:dynamodb:<region>:<account>:table/<name> */
export function tableArn(request: PolicyRequest): string {
  const partition = request.partition ?? partitionForRegion(request.region);
  return `arn:${partition}:dynamodb:${request.region}:${request.accountId ?? '*'}:table/${request.table}`;
}

/** The policy document for one table of one kind. */
export function generatePolicy(request: PolicyRequest): PolicyDocument {
  const word = KINDS[request.kind].policyWord;
  const arn = tableArn(request);
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: `Sentinel${word}TableProvisioning`, Effect: 'Allow', Action: [...PROVISIONING_ACTIONS], Resource: [arn] },
      { Sid: `Sentinel${word}TableOperations`, Effect: 'Allow', Action: [...OPERATION_ACTIONS], Resource: [arn, `${arn}/index/*`] },
    ],
  };
}

/** The document as printed and saved: two-space JSON with a trailing newline. */
export function policyJson(request: PolicyRequest): string {
  return `${JSON.stringify(generatePolicy(request), null, 2)}\n`;
}
