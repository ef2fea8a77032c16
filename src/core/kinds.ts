/** The four tables Sentinel uses, as plain data: the single source for plan, apply, IAM and screens. */

export type KindName = 'sessions' | 'approvals' | 'breakglass' | 'ratelimit';

/** A global secondary index: both keys are strings, projection is always ALL. */
export interface IndexSpec {
  name: string;
  partitionKey: string;
  sortKey: string;
}

/**
 * An index an earlier release of this tool made and that breaks Sentinel: the only index the tool
 * ever deletes, and only when both its name and its partition key match.
 */
export interface RetiredIndex {
  name: string;
  partitionKey: string;
  /** One line for the plan: why it goes. */
  reason: string;
}

export interface TableKind {
  name: KindName;
  /** Default table name when --table is not given. */
  defaultTable: string;
  /** Environment variable Sentinel reads the table name from (named in the next steps). */
  envVar: string;
  /** The word in the IAM Sids: Sentinel<policyWord>TableProvisioning. */
  policyWord: 'Session' | 'Approval' | 'BreakGlass' | 'RateLimit';
  /** One line for help text and the wizard's kind list. */
  description: string;
  /** The table's only key (no sort key), always a string. */
  partitionKey: string;
  /** The attribute DynamoDB's TTL expires items by. */
  ttlAttribute: string;
  indexes: readonly IndexSpec[];
  /** Indexes to remove from existing tables (see RetiredIndex). */
  retiredIndexes: readonly RetiredIndex[];
}

const byCreated = (name: string, partitionKey: string): IndexSpec => ({ name, partitionKey, sortKey: 'created_at' });

export const KINDS: Readonly<Record<KindName, TableKind>> = {
  sessions: {
    name: 'sessions',
    defaultTable: 'sentinel-sessions',
    envVar: 'SENTINEL_SESSION_TABLE',
    policyWord: 'Session',
    description: 'server-mode sessions (list and revoke issued credentials)',
    partitionKey: 'id',
    ttlAttribute: 'ttl',
    indexes: [
      byCreated('gsi-user', 'user'),
      byCreated('gsi-status', 'status'),
      byCreated('gsi-profile', 'profile'),
      { name: 'gsi-server-instance', partitionKey: 'server_instance_id', sortKey: 'status' },
    ],
    // sentinel-init 0.1.0 added gsi-device-id (device_id, created_at) because Sentinel's ListByDeviceID
    // queries it. But Sentinel writes `device_id: ""` for every session without a device (its item
    // struct has no omitempty: session/dynamodb.go:89 at b6142c9e), an index key cannot hold an empty
    // string, and DynamoDB rejects those writes. docs/sentinel-compatibility.md has the details.
    retiredIndexes: [
      {
        name: 'gsi-device-id',
        partitionKey: 'device_id',
        reason: 'Sentinel writes an empty device_id for sessions without a device, which an index key cannot hold, so those session writes fail',
      },
    ],
  },
  approvals: {
    name: 'approvals',
    defaultTable: 'sentinel-requests',
    envVar: 'SENTINEL_REQUEST_TABLE',
    policyWord: 'Approval',
    description: 'approval requests',
    partitionKey: 'id',
    ttlAttribute: 'ttl',
    indexes: [byCreated('gsi-requester', 'requester'), byCreated('gsi-status', 'status'), byCreated('gsi-profile', 'profile')],
    retiredIndexes: [],
  },
  breakglass: {
    name: 'breakglass',
    defaultTable: 'sentinel-breakglass',
    envVar: 'SENTINEL_BREAKGLASS_TABLE',
    policyWord: 'BreakGlass',
    description: 'break-glass events',
    partitionKey: 'id',
    ttlAttribute: 'ttl',
    indexes: [byCreated('gsi-invoker', 'invoker'), byCreated('gsi-status', 'status'), byCreated('gsi-profile', 'profile')],
    retiredIndexes: [],
  },
  ratelimit: {
    name: 'ratelimit',
    defaultTable: 'sentinel-ratelimit',
    envVar: 'SENTINEL_RATE_LIMIT_TABLE',
    policyWord: 'RateLimit',
    description: 'rate-limit counters (the Lambda TVM, per caller)',
    // ratelimit/dynamodb.go:24-28,36,73,80 and lambda/config.go:66-68: key PK (S), TTL attribute "TTL".
    partitionKey: 'PK',
    ttlAttribute: 'TTL',
    indexes: [],
    retiredIndexes: [],
  },
};

export const KIND_NAMES = Object.keys(KINDS) as KindName[];

export function isKindName(value: string): value is KindName {
  return Object.hasOwn(KINDS, value);
}

/** " with 3 indexes", " with 1 index", or "" for a table without any. */
export function withIndexes(count: number): string {
  return count === 0 ? '' : ` with ${count} ${count === 1 ? 'index' : 'indexes'}`;
}
