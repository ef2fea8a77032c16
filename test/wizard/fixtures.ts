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
export function fakePlan(action: Plan['action'], given: Partial<Plan> = {}): Plan {
  // A key given as undefined means "the default", not "no value".
  const over = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<Plan>;
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
          billingMode: 'PAY_PER_REQUEST',
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
  /** The kinds each check was asked for. */
  kinds: (readonly KindName[])[];
  applies: number;
  verifies: number;
  saved: string[];
  /** Each save of the code: its format and the command that prints it. */
  code: { format: string; command: string }[];
  signals: AbortSignal[];
}

/** Services that answer from memory; `overrides` replace single methods for fault tests. */
export function fakeServices(overrides: Partial<WizardServices> = {}, action: Plan['action'] = 'create'): { services: WizardServices; calls: FakeCalls } {
  const calls: FakeCalls = { checks: [], kinds: [], applies: 0, verifies: 0, saved: [], code: [], signals: [] };
  const services: WizardServices = {
    loadProfiles: async () => PROFILES,
    listRegions: async () => REGIONS,
    preselectRegion: async (flag, profile) => flag ?? PROFILES.find((p) => p.name === (profile ?? 'default'))?.region,
    typedRegion: async (region) => (REGIONS.some((r) => r.id === region) ? undefined : `Region "${region}" is not one this tool's AWS SDK knows.`),
    check: async (opts, kinds, _mfa, signal) => {
      calls.checks.push(opts);
      calls.kinds.push(kinds);
      calls.signals.push(signal);
      const checked: Checked = {
        identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', partition: 'aws' },
        plans: kinds.map((kind) => fakePlan(action, { kind, table: kinds.length > 1 ? undefined : opts.table, region: opts.region })),
      };
      return checked;
    },
    apply: async (checked, onProgress: (e: ProgressEvent) => void, signal) => {
      calls.applies++;
      calls.signals.push(signal);
      return checked.plans.map((p): ApplyResult => {
        onProgress({ type: 'step', id: `${p.table}:create`, label: `create table ${p.table}` });
        onProgress({ type: 'done', id: `${p.table}:create`, elapsedMs: 1200 });
        return { kind: p.kind, table: p.table, region: p.region, status: p.action === 'none' ? 'unchanged' : 'created', tableArn: `arn:aws:dynamodb:${p.region}:123456789012:table/${p.table}` };
      });
    },
    verify: async (checked, onResult) => {
      calls.verifies++;
      return checked.plans.map((p) => {
        const check = { method: 'session.Create (server mode, no device)', action: 'PutItem' as const, outcome: 'pass' as const };
        onResult(p.table, check);
        return { kind: p.kind, table: p.table, region: p.region, passed: true, checks: [check], probesLeft: [] };
      });
    },
    policies: (checked, accountId) => {
      const doc = (sid: string) =>
        JSON.stringify(
          { Version: '2012-10-17', Statement: checked.plans.map((p) => ({ Sid: `${sid}${p.kind}`, Resource: `arn:aws:dynamodb:${p.region}:${checked.identity?.account ?? accountId ?? '*'}:table/${p.table}` })) },
          null,
          2,
        );
      return { provisioning: doc('P'), runtime: doc('X') };
    },
    savePolicies: async (name) => {
      calls.saved.push(name);
      return { provisioning: `./sentinel-${name}-provisioning-policy.json`, runtime: `./sentinel-${name}-runtime-policy.json` };
    },
    saveCode: async (format, checked, { command }) => {
      calls.code.push({ format, command });
      const stem = checked.plans.length === 1 ? `sentinel-${checked.plans[0]?.kind}` : 'sentinel-tables';
      return { format, paths: [`./${stem}${format === 'terraform' ? '.tf' : '.cfn.yaml'}`], hint: [] };
    },
    validateTable: (name) => (/^[A-Za-z0-9_.-]{3,255}$/.test(name) ? undefined : 'a table name is 3 to 255 letters, digits, _ . -'),
    describeError: (error) => (error instanceof Error ? error.message : String(error)),
    ...overrides,
  };
  return { services, calls };
}
