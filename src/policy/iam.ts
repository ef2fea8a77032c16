/**
 * The IAM policy for one table: exactly the calls this tool makes to provision it, and the item
 * calls the kind's Sentinel store makes to use it. Pure and offline: --generate-iam needs no credentials.
 */
import { partitionForRegion } from '../core/partitions.js';
import { KINDS, type KindName } from '../core/kinds.js';
import { kmsStatements } from './kms.js';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string>>;
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
  /** Whether the run turns point-in-time recovery on (false: --no-pitr); default true. */
  pitr?: boolean;
  /** The customer managed key's ARN (--kms-key, resolved); undefined: the AWS managed key, no kms:* needed. */
  kmsKeyArn?: string;
}

/**
 * The calls provisioning makes (the DynamoApi port); never DeleteTable. DescribeContinuousBackups and
 * ListTagsOfResource are how the plan reads PITR and tags; TagResource sets the tags (also what
 * CreateTable's Tags field needs); UpdateContinuousBackups only without --no-pitr.
 */
export function provisioningActions(pitr = true): string[] {
  return [
    'dynamodb:CreateTable',
    'dynamodb:DescribeTable',
    'dynamodb:UpdateTable',
    'dynamodb:UpdateTimeToLive',
    'dynamodb:DescribeTimeToLive',
    'dynamodb:DescribeContinuousBackups',
    ...(pitr ? ['dynamodb:UpdateContinuousBackups'] : []),
    'dynamodb:ListTagsOfResource',
    'dynamodb:TagResource',
  ];
}

/** An item action one of Sentinel's stores calls. */
export type OperationAction = 'dynamodb:GetItem' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem' | 'dynamodb:Query' | 'dynamodb:Scan';

/**
 * Exactly the item calls each kind's Sentinel store makes (mateoblack/sentinel b6142c9e): every
 * method of the store, whether or not a shipped command calls it today. Every Query of every store
 * names an IndexName, so the index ARN goes with Query; no store queries the base table.
 */
export const OPERATION_ACTIONS: Readonly<Record<KindName, readonly OperationAction[]>> = {
  // session/dynamodb.go: GetItem in Get 198 and exists 285; PutItem in Create 180 and Update 240;
  // UpdateItem in Touch 357; DeleteItem in Delete 270; Query in FindActiveByServerInstance 321 and
  // queryByIndex 492; Scan in ListByTimeRange 400 and GetBySourceIdentity 458.
  sessions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:Scan'],
  // request/dynamodb.go, whose client interface (30-35) has no UpdateItem and no Scan: GetItem in
  // Get 158 and exists 260; PutItem in Create 140 and Update 215; DeleteItem in Delete 245; Query in
  // queryByIndex 328.
  approvals: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
  // breakglass/dynamodb.go, client interface 29-34, no UpdateItem and no Scan: GetItem in Get 166
  // and exists 268; PutItem in Create 148 and Update 223; DeleteItem in Delete 253; Query in
  // FindActiveByInvokerAndProfile 305, queryByIndex 355, GetLastByInvokerAndProfile 402 and
  // countByIndexSince 436.
  breakglass: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
  // ratelimit/dynamodb.go, client interface 17-19: UpdateItem only, in Allow 91 and resetAndIncrement 145.
  ratelimit: ['dynamodb:UpdateItem'],
};

/** arn:<partition>:dynamodb:<region>:<account>:table/<name> */
export function tableArn(request: PolicyRequest): string {
  const partition = request.partition ?? partitionForRegion(request.region);
  return `arn:${partition}:dynamodb:${request.region}:${request.accountId ?? '*'}:table/${request.table}`;
}

/** The policy document for one table of one kind. */
export function generatePolicy(request: PolicyRequest): PolicyDocument {
  const word = KINDS[request.kind].policyWord;
  const arn = tableArn(request);
  const operations = OPERATION_ACTIONS[request.kind];
  const resources = operations.includes('dynamodb:Query') ? [arn, `${arn}/index/*`] : [arn];
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: `Sentinel${word}TableProvisioning`, Effect: 'Allow', Action: provisioningActions(request.pitr), Resource: [arn] },
      ...(request.kmsKeyArn ? kmsStatements(word, request.kmsKeyArn, request.region) : []),
      { Sid: `Sentinel${word}TableOperations`, Effect: 'Allow', Action: [...operations], Resource: resources },
    ],
  };
}

/** One document for several tables (`all`): each table's statements, Sids unchanged (they name the kind). */
export function combinedPolicy(requests: readonly PolicyRequest[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: requests.flatMap((r) => generatePolicy(r).Statement) };
}

/** The document as printed and saved: two-space JSON with a trailing newline (one table or several). */
export function policyJson(request: PolicyRequest | readonly PolicyRequest[]): string {
  const doc = Array.isArray(request) ? combinedPolicy(request) : generatePolicy(request as PolicyRequest);
  return `${JSON.stringify(doc, null, 2)}\n`;
}
