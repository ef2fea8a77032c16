/**
 * A small IAM evaluator for identity policies: does this document allow this call? It follows IAM's
 * rules for what our documents use: Allow statements (a Deny anywhere wins), actions matched without
 * regard to case with `*` and `?`, resource ARNs matched segment by segment (a wildcard never spans a
 * colon, but may span a slash in the resource part), and the StringEquals / StringLike condition
 * operators, which fail when the request lacks the key. Anything else it refuses to judge (throws),
 * so a test never passes on a rule this file does not know.
 */
import type { PolicyDocument } from '../../src/policy/iam.js';

export interface Call {
  /** e.g. dynamodb:Query */
  action: string;
  /** The ARN the call acts on, e.g. a table's or an index's. */
  resource: string;
  /** Request context keys, e.g. { 'kms:ViaService': 'dynamodb.eu-west-1.amazonaws.com' }. */
  context?: Record<string, string>;
}

const KNOWN_KEYS = new Set(['Sid', 'Effect', 'Action', 'Resource', 'Condition']);

function globToRegExp(pattern: string, flags = ''): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}

/** arn:partition:service:region:account:resource; the resource part may itself hold colons. */
function arnParts(arn: string): string[] {
  const parts = arn.split(':');
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

export function resourceMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = arnParts(pattern);
  const a = arnParts(arn);
  return p.length === a.length && p.every((seg, i) => globToRegExp(seg).test(a[i] ?? ''));
}

const asList = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

function conditionHolds(condition: Record<string, Record<string, string | string[]>> | undefined, context: Record<string, string>): boolean {
  if (!condition) return true;
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, want]) => {
      const got = context[key];
      if (got === undefined) return false;
      if (operator === 'StringEquals') return asList(want).includes(got);
      if (operator === 'StringLike') return asList(want).some((w) => globToRegExp(w).test(got));
      throw new Error(`iam-sim does not know the condition operator ${operator}`);
    }),
  );
}

/** Whether `doc` allows `call` (no statement of ours denies; an explicit Deny would win). */
export function allows(doc: PolicyDocument, call: Call): boolean {
  if (doc.Version !== '2012-10-17') throw new Error(`Not a 2012-10-17 policy: ${String(doc.Version)}`);
  let allowed = false;
  for (const st of doc.Statement) {
    const unknown = Object.keys(st).filter((k) => !KNOWN_KEYS.has(k));
    if (unknown.length > 0) throw new Error(`iam-sim does not know statement keys ${unknown.join(', ')}`);
    const matches =
      asList(st.Action).some((a) => globToRegExp(a, 'i').test(call.action)) &&
      asList(st.Resource).some((r) => resourceMatches(r, call.resource)) &&
      conditionHolds(st.Condition, call.context ?? {});
    if (!matches) continue;
    if ((st.Effect as string) === 'Deny') return false;
    allowed = true;
  }
  return allowed;
}

/** The calls of `calls` that `doc` does not allow, as "action on resource" lines (empty: all allowed). */
export function denied(doc: PolicyDocument, calls: readonly Call[]): string[] {
  return calls.filter((c) => !allows(doc, c)).map((c) => `${c.action} on ${c.resource}`);
}

/** The calls of `calls` that `doc` allows. */
export function allowed(doc: PolicyDocument, calls: readonly Call[]): string[] {
  return calls.filter((c) => allows(doc, c)).map((c) => `${c.action} on ${c.resource}`);
}

/**
 * Every DynamoDB action that acts on a table, its indexes or its items (the service authorization
 * reference's table and index resource types), for "and nothing else" checks.
 */
export const DYNAMODB_TABLE_ACTIONS = [
  'BatchGetItem', 'BatchWriteItem', 'ConditionCheckItem', 'CreateBackup', 'CreateGlobalTable', 'CreateTable', 'CreateTableReplica',
  'DeleteItem', 'DeleteResourcePolicy', 'DeleteTable', 'DeleteTableReplica', 'DescribeContinuousBackups', 'DescribeContributorInsights',
  'DescribeKinesisStreamingDestination', 'DescribeTable', 'DescribeTableReplicaAutoScaling', 'DescribeTimeToLive', 'DisableKinesisStreamingDestination',
  'EnableKinesisStreamingDestination', 'ExportTableToPointInTime', 'GetItem', 'GetResourcePolicy', 'ImportTable', 'ListTagsOfResource',
  'PartiQLDelete', 'PartiQLInsert', 'PartiQLSelect', 'PartiQLUpdate', 'PutItem', 'PutResourcePolicy', 'Query', 'RestoreTableFromBackup',
  'RestoreTableToPointInTime', 'Scan', 'TagResource', 'UntagResource', 'UpdateContinuousBackups', 'UpdateContributorInsights', 'UpdateItem',
  'UpdateKinesisStreamingDestination', 'UpdateTable', 'UpdateTableReplicaAutoScaling', 'UpdateTimeToLive',
].map((a) => `dynamodb:${a}`);

/** The item actions among them (what reads or writes items rather than the table). */
export const DYNAMODB_ITEM_ACTIONS = ['BatchGetItem', 'BatchWriteItem', 'ConditionCheckItem', 'DeleteItem', 'GetItem', 'PartiQLDelete', 'PartiQLInsert', 'PartiQLSelect', 'PartiQLUpdate', 'PutItem', 'Query', 'Scan', 'UpdateItem'].map(
  (a) => `dynamodb:${a}`,
);
