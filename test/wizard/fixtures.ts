// Small hand-written values and fakes for the wizard's tests (no SDK, no module mocks).
import type { ProfileInfo } from '../../src/aws/types.js';
import type { RegionInfo } from '../../src/aws/regions.js';
import type { ApplyResult, Change, Plan, ProgressEvent } from '../../src/engine/types.js';
import { KINDS, type KindName } from '../../src/core/kinds.js';
import { complianceOf } from '../../src/engine/compliance.js';
import { desiredTable } from '../../src/engine/desired.js';
import type { Options } from '../../src/service/options.js';
import type { Checked, WizardServices } from '../../src/wizard/services.js';

export function options(over: Partial<Options> = {}): Options {
  return {
    command: 'provision',
    verify: false,
    kind: 'sessions',
    kindGiven: false,
    plan: false,
    yes: false,
    generateIam: false,
    json: false,
    deletionProtection: true,
    pitr: true,
    tags: [],
    local: false,
    help: false,
    version: false,
    ...over,
  };
}

/** A plan value shaped like the engine's, for a table that does not exist (create) or one that does. */
export function fakePlan(action: Plan['action'], over: Partial<Plan> = {}): Plan {
  const kind: KindName = over.kind ?? 'sessions';
  const table = over.table ?? KINDS[kind].defaultTable;
  const desired = desiredTable(kind, table, true);
  const changes: Change[] =
    action === 'create'
      ? [{ op: 'create-table', target: table }]
      : action === 'update'
        ? [
            { op: 'add-index', target: 'gsi-server-instance', partitionKey: 'server_instance_id', sortKey: 'status' },
            { op: 'enable-ttl', target: 'ttl', attribute: 'ttl' },
            { op: 'enable-deletion-protection', target: 'deletion-protection' },
          ]
        : [];
  const actual =
    action === 'create'
      ? undefined
      : {
          name: table,
          arn: `arn:aws:dynamodb:eu-west-1:123456789012:table/${table}`,
          status: 'ACTIVE',
          partitionKey: 'id',
          attributeTypes: { id: 'S' as const },
          sse: { status: 'ENABLED', type: 'KMS', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/aws-managed' },
          indexes: [],
          ttlStatus: action === 'none' ? 'ENABLED' : 'DISABLED',
          ttlAttribute: action === 'none' ? 'ttl' : undefined,
          deletionProtection: action === 'none',
          pitr: 'ENABLED',
          tags: { ...desired.tags },
        };
  const p = { kind, table, region: 'eu-west-1', action, changes, notes: [], desired, actual, compared: true, unsupported: [], ...over };
  return { ...p, compliance: over.compliance ?? complianceOf(p) };
}

export const PROFILES: ProfileInfo[] = [
  { name: 'default', region: 'us-east-1', kind: 'keys', needsMfa: false },
  { name: 'dev', region: 'eu-west-1', kind: 'sso', ssoHost: 'acme.awsapps.com', needsMfa: false },
  { name: 'prod-admin', region: 'us-west-2', kind: 'role', needsMfa: true },
  { name: 'broken-one', kind: 'role', broken: 'source_profile "nope" does not exist', needsMfa: false },
];

export const REGIONS: RegionInfo[] = [
  { id: 'eu-west-1', name: 'Europe (Ireland)', partition: 'aws' },
  { id: 'eu-central-1', name: 'Europe (Frankfurt)', partition: 'aws' },
  { id: 'us-east-1', name: 'US East (N. Virginia)', partition: 'aws' },
  { id: 'us-west-2', name: 'US West (Oregon)', partition: 'aws' },
];

export interface FakeCalls {
  checks: Options[];
  applies: number;
  saved: string[];
  signals: AbortSignal[];
}

/** Services that answer from memory; `overrides` replace single methods for fault tests. */
export function fakeServices(overrides: Partial<WizardServices> = {}, action: Plan['action'] = 'create'): { services: WizardServices; calls: FakeCalls } {
  const calls: FakeCalls = { checks: [], applies: 0, saved: [], signals: [] };
  const services: WizardServices = {
    loadProfiles: async () => PROFILES,
    listRegions: async () => REGIONS,
    check: async (opts, _mfa, signal) => {
      calls.checks.push(opts);
      calls.signals.push(signal);
      const checked: Checked = {
        identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', partition: 'aws' },
        plan: fakePlan(action, { kind: opts.kind, table: opts.table, region: opts.region }),
      };
      return checked;
    },
    apply: async (checked, onProgress: (e: ProgressEvent) => void, signal) => {
      calls.applies++;
      calls.signals.push(signal);
      onProgress({ type: 'step', id: 'create', label: `create table ${checked.plan.table}` });
      onProgress({ type: 'done', id: 'create', elapsedMs: 1200 });
      const result: ApplyResult = {
        kind: checked.plan.kind,
        table: checked.plan.table,
        region: checked.plan.region,
        status: 'created',
        tableArn: `arn:aws:dynamodb:${checked.plan.region}:123456789012:table/${checked.plan.table}`,
      };
      return result;
    },
    policy: ({ table, region, accountId }) =>
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'X', Resource: `arn:aws:dynamodb:${region}:${accountId ?? '*'}:table/${table}` }] }, null, 2),
    savePolicy: async (kind) => {
      calls.saved.push(kind);
      return `./sentinel-${kind}-policy.json`;
    },
    validateTable: (name) => (/^[A-Za-z0-9_.-]{3,255}$/.test(name) ? undefined : 'a table name is 3 to 255 letters, digits, _ . -'),
    validateRegion: (region) => (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) ? undefined : `"${region}" is not a region`),
    describeError: (error) => (error instanceof Error ? error.message : String(error)),
    ...overrides,
  };
  return { services, calls };
}
