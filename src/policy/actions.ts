/**
 * The DynamoDB actions of the two policies, as data: what this tool calls to provision and verify a
 * table, and what each kind's Sentinel store calls on it.
 */
import type { KindName } from '../core/kinds.js';

/**
 * The calls provisioning makes (the DynamoApi port); never DeleteTable. DescribeContinuousBackups and
 * ListTagsOfResource are how the plan reads PITR and tags; TagResource sets the tags (also what
 * CreateTable's Tags field needs); UpdateContinuousBackups only without --no-pitr. DescribeTable is
 * also verify's first call.
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

/** An item action one of Sentinel's stores (or verify) calls, in the order the documents list them. */
export type OperationAction = 'dynamodb:GetItem' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem' | 'dynamodb:Query' | 'dynamodb:Scan';
const ITEM_ORDER: readonly OperationAction[] = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:Scan'];

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

/**
 * The item calls `verify` makes (src/verify/patterns.ts): the store's own calls, as Sentinel sends
 * them, DeleteItem for its probe items, which the rate limiter (it never deletes) lacks, and Scan,
 * with which `verify --clean` finds the probe items of earlier runs by their prefix.
 * test/policy/iam.test.ts holds this to the patterns verify really runs.
 */
export function verifyActions(kind: KindName): OperationAction[] {
  const calls = new Set<OperationAction>([...OPERATION_ACTIONS[kind], 'dynamodb:DeleteItem', 'dynamodb:Scan']);
  return ITEM_ORDER.filter((a) => calls.has(a));
}
