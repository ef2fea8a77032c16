/** The plan is data: plan() returns it, apply() carries it out, --plan prints it, the wizard draws it. */
import type { IndexSpec, KindName, RetiredIndex } from '../core/kinds.js';

/** What the kind wants, for one table name. */
export interface DesiredTable {
  kind: KindName;
  name: string;
  partitionKey: string;
  indexes: readonly IndexSpec[];
  /** Indexes this tool removes where it finds them (only gsi-device-id of its 0.1.0). */
  retiredIndexes: readonly RetiredIndex[];
  ttlAttribute: string;
  deletionProtection: boolean;
  /** Point-in-time recovery wanted (false: --no-pitr, which leaves it as it is). */
  pitr: boolean;
  /** The tool's two tags and the user's: added or updated, never removed. */
  tags: Readonly<Record<string, string>>;
  /** --kms-key: as given, and its key ARN once KMS DescribeKey resolved it. Undefined: the AWS managed key. */
  kmsKey?: { given: string; arn?: string };
}

export type KeyType = 'S' | 'N' | 'B';

export interface ActualIndex {
  name: string;
  partitionKey?: string;
  sortKey?: string;
  projection?: string;
  /** CREATING | UPDATING | DELETING | ACTIVE */
  status: string;
  backfilling: boolean;
}

/** The real table, normalised from DescribeTable + DescribeTimeToLive. */
export interface ActualTable {
  name: string;
  arn: string;
  /** CREATING | UPDATING | DELETING | ACTIVE | ... */
  status: string;
  partitionKey?: string;
  sortKey?: string;
  /** Attribute name -> type, from AttributeDefinitions. */
  attributeTypes: Record<string, KeyType>;
  /** Undefined when DescribeTable says nothing (DynamoDB Local never does). */
  billingMode?: string;
  /** e.g. {status: 'ENABLED', type: 'KMS', kmsKeyArn}; undefined when SSE is the default owned key. */
  sse?: { status?: string; type?: string; kmsKeyArn?: string };
  indexes: ActualIndex[];
  /** ENABLED | ENABLING | DISABLED | DISABLING; UNKNOWN when its read was denied (see `unread`). */
  ttlStatus: string;
  ttlAttribute?: string;
  deletionProtection: boolean;
  /** PointInTimeRecoveryStatus (ENABLED | DISABLED); undefined when the endpoint does not implement it (DynamoDB Local). */
  pitr?: string;
  /** The table's tags; undefined when the endpoint does not implement tagging (DynamoDB Local). */
  tags?: Record<string, string>;
  /** Settings whose read after DescribeTable AWS denied (only when describe was asked to note that): unknown, not compared. */
  unread?: UnreadSetting[];
}

/** A setting DescribeTable does not report, read by a call of its own. */
export type ReadSetting = 'ttl' | 'pitr' | 'tags';

/** A read after DescribeTable that AWS denied: the table exists, this setting of it is unknown. */
export interface UnreadSetting {
  setting: ReadSetting;
  operation: 'DescribeTimeToLive' | 'DescribeContinuousBackups' | 'ListTagsOfResource';
}

/** One step of a plan. `target` names what it touches: the table, an index name, `ttl`, `deletion-protection`. */
export type Change =
  | { op: 'create-table'; target: string }
  | { op: 'wait-table'; target: string; status: string }
  | { op: 'add-index'; target: string; partitionKey: string; sortKey: string }
  | { op: 'wait-index'; target: string; status: string }
  /** `status` is set when the index is already being deleted: then apply only waits for it to go. */
  | { op: 'remove-index'; target: string; partitionKey: string; reason: string; status?: string }
  | { op: 'enable-ttl'; target: 'ttl'; attribute: string }
  | { op: 'enable-deletion-protection'; target: 'deletion-protection' }
  | { op: 'enable-pitr'; target: 'pitr' }
  /** Adds or updates these tags (TagResource never removes one). */
  | { op: 'tag'; target: 'tags'; tags: Record<string, string> }
  /** UpdateTable SSESpecification to the customer managed key; `from` is the key ARN DynamoDB reports now. */
  | { op: 'set-kms-key'; target: 'encryption'; keyArn: string; from?: string };

/** What an endpoint may not implement (DynamoDB Local implements neither). */
export type Feature = 'pitr' | 'tags';

/** One control an auditor checks, and whether the table after this run passes it. */
export interface ControlCheck {
  /** e.g. DynamoDB.2, CT.DYNAMODB.PR.1, DEPLOY-02b. */
  control: string;
  source: 'Security Hub' | 'Control Tower' | 'Sentinel audit';
  /** The control's title as its owner words it. */
  title: string;
  /** `n/a`: the endpoint cannot have the setting (DynamoDB Local): no failure of the table, and no pass either. */
  status: 'met' | 'not met' | 'n/a' | 'unknown';
  /** Why, in a few words: the setting, or the flag or state that keeps it from passing. */
  detail: string;
}

export type PlanAction = 'create' | 'update' | 'none';

export interface Plan {
  kind: KindName;
  table: string;
  region: string;
  action: PlanAction;
  changes: Change[];
  /** Differences left alone on purpose (e.g. provisioned billing, a customer-managed key), said aloud. */
  notes: string[];
  desired: DesiredTable;
  /** The described table, when one exists. */
  actual?: ActualTable;
  /** False when the plan is offline (--plan without credentials or access): it assumes `create`. */
  compared: boolean;
  /** Why it could not compare, when compared is false. */
  reason?: string;
  /** Settings the endpoint does not implement, so they are left out (DynamoDB Local). */
  unsupported: Feature[];
  /** The controls the table after this run meets, and those it will not. */
  compliance: ControlCheck[];
  /** Set when the table's indexes are exactly another kind's: converging needs an explicit yes. */
  lookalike?: KindName;
}

/**
 * Progress from apply, for stderr lines (headless) or the wizard's step list. `sent`: a call that
 * changes the table went out in this step, and until the step is done its effect is not confirmed
 * (what a run stopped now leaves in progress on AWS's side). `table` names the table when a run
 * applies several (set by the service, not the engine).
 */
export type ProgressEvent =
  | { type: 'step'; id: string; label: string; table?: string }
  | { type: 'sent'; id: string; operation: string }
  | { type: 'waiting'; id: string; status: string; elapsedMs: number }
  | { type: 'retry'; id: string; attempt: number; reason: string }
  | { type: 'done'; id: string; elapsedMs: number; polls?: number };

export type ApplyStatus = 'created' | 'updated' | 'unchanged';

export interface ApplyResult {
  kind: KindName;
  table: string;
  region: string;
  status: ApplyStatus;
  tableArn: string;
}
