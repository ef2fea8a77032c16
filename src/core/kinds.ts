/** The three tables Sentinel uses, as plain data: the single source for plan, apply, IAM and screens. */

export type KindName = 'sessions' | 'approvals' | 'breakglass';

/** A global secondary index: both keys are strings, projection is always ALL. */
export interface IndexSpec {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export interface TableKind {
  name: KindName;
  /** Default table name when --table is not given. */
  defaultTable: string;
  /** Environment variable Sentinel reads the table name from (named in the next steps). */
  envVar: string;
  /** The word in the IAM Sids: Sentinel<policyWord>TableProvisioning. */
  policyWord: 'Session' | 'Approval' | 'BreakGlass';
  /** One line for help text and the wizard's kind list. */
  description: string;
  indexes: readonly IndexSpec[];
}

/** Shared by every kind: partition key `id` (S), TTL on `ttl`. */
export const PARTITION_KEY = 'id';
export const TTL_ATTRIBUTE = 'ttl';

const byCreated = (name: string, partitionKey: string): IndexSpec => ({ name, partitionKey, sortKey: 'created_at' });

export const KINDS: Readonly<Record<KindName, TableKind>> = {
  sessions: {
    name: 'sessions',
    defaultTable: 'sentinel-sessions',
    envVar: 'SENTINEL_SESSION_TABLE',
    policyWord: 'Session',
    description: 'server-mode sessions (list and revoke issued credentials)',
    indexes: [
      byCreated('gsi-user', 'user'),
      byCreated('gsi-status', 'status'),
      byCreated('gsi-profile', 'profile'),
      { name: 'gsi-server-instance', partitionKey: 'server_instance_id', sortKey: 'status' },
      byCreated('gsi-device-id', 'device_id'),
    ],
  },
  approvals: {
    name: 'approvals',
    defaultTable: 'sentinel-requests',
    envVar: 'SENTINEL_REQUEST_TABLE',
    policyWord: 'Approval',
    description: 'approval requests',
    indexes: [byCreated('gsi-requester', 'requester'), byCreated('gsi-status', 'status'), byCreated('gsi-profile', 'profile')],
  },
  breakglass: {
    name: 'breakglass',
    defaultTable: 'sentinel-breakglass',
    envVar: 'SENTINEL_BREAKGLASS_TABLE',
    policyWord: 'BreakGlass',
    description: 'break-glass events',
    indexes: [byCreated('gsi-invoker', 'invoker'), byCreated('gsi-status', 'status'), byCreated('gsi-profile', 'profile')],
  },
};

export const KIND_NAMES = Object.keys(KINDS) as KindName[];

export function isKindName(value: string): value is KindName {
  return Object.hasOwn(KINDS, value);
}
