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

/**
 * One place Sentinel reads the table name from: an environment variable of a Lambda, or a flag of
 * the `sentinel` CLI. Only names Sentinel's code reads (test/core/wiring.test.tsx holds them, with
 * the file and line of each).
 */
export interface Wiring {
  consumer: 'Lambda TVM' | 'Lambda authorizer' | 'sentinel CLI';
  kind: 'env' | 'flag';
  name: string;
  /** For a flag: the commands that take it. */
  commands?: readonly string[];
  /** When the name is read only under a condition, or by code Sentinel does not ship as a binary. */
  note?: string;
  /** For the Lambda TVM: the input of each of Sentinel's deploy tools that sets this variable (none: set it by hand). */
  deploy?: DeployInputs;
}

/**
 * The inputs of Sentinel's two ways to deploy the Lambda TVM (src/core/deploy-tools.ts has the rest):
 * the CDK stack's context key (cdk/sentinel-tvm/bin/sentinel-tvm.ts:20-27) and the Terraform
 * module's variable (terraform/sentinel-tvm/variables.tf:26-42, main.tf:31-39).
 */
export interface DeployInputs {
  cdk: string;
  terraform: string;
}

export interface TableKind {
  name: KindName;
  /** Default table name when --table is not given. */
  defaultTable: string;
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
  /** Where Sentinel reads this table's name: the next steps after an apply. */
  wiring: readonly Wiring[];
}

const byCreated = (name: string, partitionKey: string): IndexSpec => ({ name, partitionKey, sortKey: 'created_at' });

// Sentinel at b6142c9e. The Lambda TVM reads its table names in lambda/config.go:29-69, 196-390.
const tvm = (name: string, deploy?: DeployInputs, note?: string): Wiring => ({ consumer: 'Lambda TVM', kind: 'env', name, ...(note && { note }), ...(deploy && { deploy }) });

export const KINDS: Readonly<Record<KindName, TableKind>> = {
  sessions: {
    name: 'sessions',
    defaultTable: 'sentinel-sessions',
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
    wiring: [
      tvm('SENTINEL_SESSION_TABLE', { cdk: 'sessionTable', terraform: 'session_table' }),
      // lambda/authorizer.go:20,55-59: a library function; no cmd/ in Sentinel builds it into a Lambda.
      { consumer: 'Lambda authorizer', kind: 'env', name: 'SENTINEL_SESSION_TABLE', note: 'an authorizer you build with lambda.NewAuthorizerFromEnv' },
      // The session commands call their flag plain --table (cli/sentinel_server.go:69,324,475;
      // cli/device_sessions.go:67,259; cli/audit_compliance.go:59; cli/audit_untracked.go:58).
      {
        consumer: 'sentinel CLI',
        kind: 'flag',
        name: '--table',
        commands: ['server-sessions', 'server-session', 'server-revoke', 'device-sessions', 'devices', 'audit session-compliance', 'audit untracked-sessions'],
      },
    ],
  },
  approvals: {
    name: 'approvals',
    defaultTable: 'sentinel-requests',
    policyWord: 'Approval',
    description: 'approval requests',
    partitionKey: 'id',
    ttlAttribute: 'ttl',
    indexes: [byCreated('gsi-requester', 'requester'), byCreated('gsi-status', 'status'), byCreated('gsi-profile', 'profile')],
    retiredIndexes: [],
    // Not SENTINEL_REQUEST_TABLE: Sentinel's `init approvals` advises it (cli/init_approvals.go:234), nothing reads it.
    wiring: [tvm('SENTINEL_APPROVAL_TABLE', { cdk: 'approvalTable', terraform: 'approval_table' }), { consumer: 'sentinel CLI', kind: 'flag', name: '--request-table', commands: ['request', 'list', 'check', 'approve', 'deny'] }],
  },
  breakglass: {
    name: 'breakglass',
    defaultTable: 'sentinel-breakglass',
    policyWord: 'BreakGlass',
    description: 'break-glass events',
    partitionKey: 'id',
    ttlAttribute: 'ttl',
    indexes: [byCreated('gsi-invoker', 'invoker'), byCreated('gsi-status', 'status'), byCreated('gsi-profile', 'profile')],
    retiredIndexes: [],
    wiring: [
      tvm('SENTINEL_BREAKGLASS_TABLE', { cdk: 'breakglassTable', terraform: 'breakglass_table' }),
      { consumer: 'sentinel CLI', kind: 'flag', name: '--breakglass-table', commands: ['breakglass', 'breakglass-list', 'breakglass-check', 'breakglass-close'] },
    ],
  },
  ratelimit: {
    name: 'ratelimit',
    defaultTable: 'sentinel-ratelimit',
    policyWord: 'RateLimit',
    description: 'rate-limit counters (the Lambda TVM, per caller)',
    // ratelimit/dynamodb.go:24-28,36,73,80 and lambda/config.go:66-68: key PK (S), TTL attribute "TTL".
    partitionKey: 'PK',
    ttlAttribute: 'TTL',
    indexes: [],
    retiredIndexes: [],
    // lambda/config.go:340-390: read only while the limit is on; without it the Lambda counts in memory.
    // Neither deploy tool has an input for it: set by hand (src/core/deploy-tools.ts).
    wiring: [tvm('SENTINEL_RATE_LIMIT_TABLE', undefined, 'read only while SENTINEL_RATE_LIMIT_REQUESTS > 0, default 100')],
  },
};

export const KIND_NAMES = Object.keys(KINDS) as KindName[];

/** One kind, or all of Sentinel's tables at once (`sentinel-init all`, the wizard's first item). */
export type KindChoice = KindName | 'all';

/** The kinds a choice stands for, in the order they are planned and applied. */
export function kindsOf(choice: KindChoice): KindName[] {
  return choice === 'all' ? [...KIND_NAMES] : [choice];
}

export function isKindName(value: string): value is KindName {
  return Object.hasOwn(KINDS, value);
}

/** The kind with its article, for a sentence: "an approvals", "a sessions". */
export function aKind(kind: KindName): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/** " with 3 indexes", " with 1 index", or "" for a table without any. */
export function withIndexes(count: number): string {
  return count === 0 ? '' : ` with ${count} ${count === 1 ? 'index' : 'indexes'}`;
}
