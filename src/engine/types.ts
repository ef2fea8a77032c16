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
  /** ENABLED | ENABLING | DISABLED | DISABLING */
  ttlStatus: string;
  ttlAttribute?: string;
  deletionProtection: boolean;
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
  | { op: 'enable-deletion-protection'; target: 'deletion-protection' };

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
}

/** Progress from apply, for stderr lines (headless) or the wizard's step list. */
export type ProgressEvent =
  | { type: 'step'; id: string; label: string }
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
