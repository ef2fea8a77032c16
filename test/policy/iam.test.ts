import { describe, expect, it } from 'vitest';
import { KIND_NAMES, type KindName } from '../../src/core/kinds.js';
import { listRegions } from '../../src/aws/regions.js';
import { partitionForRegion } from '../../src/core/partitions.js';
import { policies, policyJson, provisioningPolicy, runtimePolicy, type PolicyDocument } from '../../src/policy/iam.js';
import { checksFor } from '../../src/verify/patterns.js';
import { allowed, allows, denied, DYNAMODB_ITEM_ACTIONS, DYNAMODB_TABLE_ACTIONS } from '../helpers/iam-sim.js';

const WORDS: Record<KindName, string> = { sessions: 'Session', approvals: 'Approval', breakglass: 'BreakGlass', ratelimit: 'RateLimit' };

/**
 * What each Sentinel store calls (mateoblack/sentinel b6142c9e), read from its client interface and
 * its methods, and whether it queries indexes (every Query names an IndexName).
 */
const STORE_CALLS: Record<KindName, { actions: string[]; queriesIndexes: boolean }> = {
  // session/dynamodb.go:33-40 (interface); Get/exists GetItem 198,285; Create/Update PutItem 180,240;
  // Touch UpdateItem 357; Delete DeleteItem 270; Query 321,492 (gsi-*); Scan 400,458.
  sessions: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan'], queriesIndexes: true },
  // request/dynamodb.go:30-35 (interface: no UpdateItem, no Scan); GetItem 158,260; PutItem 140,215;
  // DeleteItem 245; Query 328 (gsi-requester, gsi-status, gsi-profile).
  approvals: { actions: ['GetItem', 'PutItem', 'DeleteItem', 'Query'], queriesIndexes: true },
  // breakglass/dynamodb.go:29-34 (interface: no UpdateItem, no Scan); GetItem 166,268; PutItem 148,223;
  // DeleteItem 253; Query 305,355,402,436 (gsi-invoker, gsi-status, gsi-profile).
  breakglass: { actions: ['GetItem', 'PutItem', 'DeleteItem', 'Query'], queriesIndexes: true },
  // ratelimit/dynamodb.go:17-19 (interface: UpdateItem only); UpdateItem 91 (Allow), 145 (resetAndIncrement); no Query.
  ratelimit: { actions: ['UpdateItem'], queriesIndexes: false },
};

/** The item calls verify makes: its checks' actions and the DeleteItem that removes its probe items. */
// The patterns' calls, the DeleteItem that removes their probe items, and the Scan with which verify --clean finds them (src/verify/probes.ts).
const verifyCalls = (kind: KindName) => new Set([...checksFor(kind, { prefix: 'p-', name: 'p', now: new Date(), expiresAt: new Date() }).map((c) => `dynamodb:${c.action}`), 'dynamodb:DeleteItem', 'dynamodb:Scan']);

/** The order the documents list item actions in. */
const ITEM_ORDER = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan'].map((a) => `dynamodb:${a}`);

const ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/t-1';
const INDEX = `${ARN}/index/gsi-status`;
const request = (kind: KindName) => ({ kind, table: 't-1', region: 'eu-west-1', accountId: '123456789012' });
const TABLE_CALLS = [
  'dynamodb:CreateTable',
  'dynamodb:DescribeTable',
  'dynamodb:UpdateTable',
  'dynamodb:UpdateTimeToLive',
  'dynamodb:DescribeTimeToLive',
  'dynamodb:DescribeContinuousBackups',
  'dynamodb:UpdateContinuousBackups',
  'dynamodb:ListTagsOfResource',
  'dynamodb:TagResource',
];

/** Valid alone as a managed policy: version, unique alphanumeric Sids, no wildcard action, within 6,144 characters. */
function expectValidAlone(doc: PolicyDocument): void {
  expect(doc.Version).toBe('2012-10-17');
  expect(doc.Statement.length).toBeGreaterThan(0);
  const sids = doc.Statement.map((s) => s.Sid);
  for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
  expect(new Set(sids).size).toBe(sids.length);
  expect(doc.Statement.flatMap((s) => s.Action).some((a) => a.includes('*'))).toBe(false);
  expect(JSON.stringify(doc).replace(/\s/g, '').length).toBeLessThan(6144);
}

describe('provisioningPolicy: for whoever runs sentinel-init', () => {
  for (const kind of KIND_NAMES) {
    it(`${kind}: the table calls on the table, and verify's item calls, under the seed's Provisioning Sid`, () => {
      const resources = STORE_CALLS[kind].queriesIndexes ? [ARN, `${ARN}/index/*`] : [ARN];
      expect(provisioningPolicy(request(kind))).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Sid: `Sentinel${WORDS[kind]}TableProvisioning`, Effect: 'Allow', Action: TABLE_CALLS, Resource: [ARN] },
          { Sid: `Sentinel${WORDS[kind]}TableVerify`, Effect: 'Allow', Action: ITEM_ORDER.filter((a) => verifyCalls(kind).has(a)), Resource: resources },
        ],
      });
    });

    it(`${kind}: simulated, it allows DescribeTable and every verify call, and no other item call nor any deletion of the table`, () => {
      const doc = provisioningPolicy(request(kind));
      expectValidAlone(doc);
      expect(denied(doc, TABLE_CALLS.map((action) => ({ action, resource: ARN })))).toEqual([]);
      expect(denied(doc, [...verifyCalls(kind)].map((action) => ({ action, resource: ARN })))).toEqual([]);
      if (STORE_CALLS[kind].queriesIndexes) expect(allows(doc, { action: 'dynamodb:Query', resource: INDEX })).toBe(true);
      const others = DYNAMODB_TABLE_ACTIONS.filter((a) => !TABLE_CALLS.includes(a) && !verifyCalls(kind).has(a));
      expect(allowed(doc, others.map((action) => ({ action, resource: ARN })))).toEqual([]);
      expect(allowed(doc, DYNAMODB_TABLE_ACTIONS.map((action) => ({ action, resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/other' })))).toEqual([]);
      expect(allows(doc, { action: 'dynamodb:DeleteTable', resource: ARN })).toBe(false);
    });
  }

  it('--no-pitr drops UpdateContinuousBackups (never called) but keeps DescribeContinuousBackups (the plan reads it)', () => {
    const actions = provisioningPolicy({ kind: 'sessions', table: 't', region: 'eu-west-1', pitr: false }).Statement[0]?.Action;
    expect(actions).toContain('dynamodb:DescribeContinuousBackups');
    expect(actions).not.toContain('dynamodb:UpdateContinuousBackups');
    expect(actions).toHaveLength(8);
  });
});

describe('runtimePolicy: for Sentinel (its Lambda TVM role and CLI users)', () => {
  for (const kind of KIND_NAMES) {
    it(`${kind}: exactly the item calls Sentinel's store makes, under the seed's Operations Sid`, () => {
      expect(runtimePolicy(request(kind))).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: `Sentinel${WORDS[kind]}TableOperations`,
            Effect: 'Allow',
            Action: STORE_CALLS[kind].actions.map((a) => `dynamodb:${a}`),
            Resource: STORE_CALLS[kind].queriesIndexes ? [ARN, `${ARN}/index/*`] : [ARN],
          },
        ],
      });
    });

    it(`${kind}: simulated, it allows the store's calls and no table call: CreateTable, UpdateTable, DeleteTable, DescribeTable… denied`, () => {
      const doc = runtimePolicy({ ...request(kind), table: 'x'.repeat(255) });
      expectValidAlone(doc);
      const arn = `arn:aws:dynamodb:eu-west-1:123456789012:table/${'x'.repeat(255)}`;
      const store = STORE_CALLS[kind].actions.map((a) => `dynamodb:${a}`);
      expect(denied(doc, store.map((action) => ({ action, resource: arn })))).toEqual([]);
      expect(allowed(doc, DYNAMODB_TABLE_ACTIONS.filter((a) => !store.includes(a)).map((action) => ({ action, resource: arn })))).toEqual([]);
      expect(allowed(doc, DYNAMODB_TABLE_ACTIONS.filter((a) => !DYNAMODB_ITEM_ACTIONS.includes(a)).map((action) => ({ action, resource: arn })))).toEqual([]);
      expect(allows(doc, { action: 'dynamodb:Query', resource: `${arn}/index/gsi-x` })).toBe(STORE_CALLS[kind].queriesIndexes);
    });
  }
});

describe('both policies', () => {
  it('use the partition of the region', () => {
    const arn = (region: string) => runtimePolicy({ kind: 'sessions', table: 'tbl', region }).Statement[0]?.Resource[0];
    expect(arn('cn-north-1')).toBe('arn:aws-cn:dynamodb:cn-north-1:*:table/tbl');
    expect(arn('us-gov-west-1')).toBe('arn:aws-us-gov:dynamodb:us-gov-west-1:*:table/tbl');
    expect(arn('eu-central-1')).toBe('arn:aws:dynamodb:eu-central-1:*:table/tbl');
    expect(arn('us-iso-east-1')).toBe('arn:aws-iso:dynamodb:us-iso-east-1:*:table/tbl');
    // us-isob- before us-iso-, and eu-isoe- apart from eu-: the longer prefix decides.
    expect(arn('us-isob-east-1')).toBe('arn:aws-iso-b:dynamodb:us-isob-east-1:*:table/tbl');
    expect(arn('eu-isoe-west-1')).toBe('arn:aws-iso-e:dynamodb:eu-isoe-west-1:*:table/tbl');
  });

  it("agree with the SDK's partition data for every region it knows", async () => {
    const regions = await listRegions();
    expect(regions.length).toBeGreaterThan(30);
    for (const r of regions) expect(partitionForRegion(r.id), r.id).toBe(r.partition);
  });

  it('prefer the partition STS reported and use * for an unknown account and region', () => {
    const doc = provisioningPolicy({ kind: 'approvals', table: 'tbl', region: 'eu-west-1', partition: 'aws-cn' });
    expect(doc.Statement[0]?.Resource).toEqual(['arn:aws-cn:dynamodb:eu-west-1:*:table/tbl']);
    const any = runtimePolicy({ kind: 'approvals', table: 'tbl', region: '*' });
    expect(any.Statement[0]?.Resource).toEqual(['arn:aws:dynamodb:*:*:table/tbl', 'arn:aws:dynamodb:*:*:table/tbl/index/*']);
  });

  it('all four tables: each policy one valid document covering every table, Sids naming the kind', () => {
    const requests = KIND_NAMES.map((kind) => ({ kind, table: `t-${kind}`, region: 'eu-west-1', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }));
    const both = policies(requests);
    expectValidAlone(both.provisioning);
    expectValidAlone(both.runtime);
    expect(both.runtime.Statement.filter((s) => s.Sid.endsWith('Operations')).map((s) => s.Sid)).toEqual(KIND_NAMES.map((k) => `Sentinel${WORDS[k]}TableOperations`));
    expect(both.provisioning.Statement.filter((s) => s.Sid.endsWith('Provisioning')).map((s) => s.Sid)).toEqual(KIND_NAMES.map((k) => `Sentinel${WORDS[k]}TableProvisioning`));
    for (const kind of KIND_NAMES) {
      const arn = `arn:aws:dynamodb:eu-west-1:*:table/t-${kind}`;
      expect(allows(both.provisioning, { action: 'dynamodb:CreateTable', resource: arn })).toBe(true);
      expect(allows(both.runtime, { action: 'dynamodb:CreateTable', resource: arn })).toBe(false);
      expect(allows(both.runtime, { action: `dynamodb:${STORE_CALLS[kind].actions[0]}`, resource: arn })).toBe(true);
    }
  });

  it('add no kms:* without a customer managed key (the AWS managed key needs none)', () => {
    const both = policies([{ kind: 'approvals', table: 't', region: 'eu-west-1' }]);
    expect(JSON.stringify(both)).not.toContain('kms:');
  });

  it('print as one JSON object holding both documents by name, or one document alone on request', () => {
    const requests = [{ kind: 'breakglass' as const, table: 'sentinel-breakglass', region: 'eu-west-1' }];
    const text = policyJson(requests);
    expect(text.endsWith('}\n')).toBe(true);
    const both = JSON.parse(text);
    expect(Object.keys(both)).toEqual(['provisioning', 'runtime']);
    expect(both.provisioning).toEqual(provisioningPolicy(requests[0]!));
    expect(both.runtime).toEqual(runtimePolicy(requests[0]!));
    expect(JSON.parse(policyJson(requests, 'runtime'))).toEqual(runtimePolicy(requests[0]!));
    expect(JSON.parse(policyJson(requests, 'provisioning')).Statement[0].Sid).toBe('SentinelBreakGlassTableProvisioning');
  });
});

// The permissions DynamoDB documents for a customer managed key (developer guide, encryption at rest
// usage notes, "dynamodb-customer-cmk-policy"): Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*,
// DescribeKey, CreateGrant; the wildcards written out as the page explains them.
const DOCUMENTED = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey', 'kms:CreateGrant'];
const PARTITIONS = [
  { region: 'eu-west-1', partition: 'aws', via: 'dynamodb.eu-west-1.amazonaws.com' },
  { region: 'cn-north-1', partition: 'aws-cn', via: 'dynamodb.cn-north-1.amazonaws.com.cn' },
  { region: 'us-gov-west-1', partition: 'aws-us-gov', via: 'dynamodb.us-gov-west-1.amazonaws.com' },
  // The isolated partitions' endpoints are not under amazonaws.com: a ViaService there matches nothing.
  { region: 'us-isob-east-1', partition: 'aws-iso-b', via: 'dynamodb.us-isob-east-1.sc2s.sgov.gov' },
  { region: 'eu-isoe-west-1', partition: 'aws-iso-e', via: 'dynamodb.eu-isoe-west-1.cloud.adc-e.uk' },
];
describe('a customer managed key', () => {
  for (const { region, partition, via } of PARTITIONS) {
    it(`${partition}: provisioning gets the documented KMS permissions on that key only, through DynamoDB in ${region}; runtime gets Decrypt through DynamoDB`, () => {
      const key = `arn:${partition}:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
      const req = { kind: 'breakglass' as const, table: 'bg', region, accountId: '123456789012', kmsKeyArn: key };
      const doc = provisioningPolicy(req);
      const kms = doc.Statement.filter((st) => st.Action.some((a) => a.startsWith('kms:')));
      expect(kms).toEqual([
        {
          Sid: 'SentinelBreakGlassTableKmsKeyViaDynamoDB',
          Effect: 'Allow',
          Action: DOCUMENTED.filter((a) => a !== 'kms:DescribeKey'),
          Resource: [key],
          Condition: { StringEquals: { 'kms:ViaService': via } },
        },
        // sentinel-init's own DescribeKey is a direct call: no ViaService; it covers DynamoDB's too.
        { Sid: 'SentinelBreakGlassTableKmsKeyDescribe', Effect: 'Allow', Action: ['kms:DescribeKey'], Resource: [key] },
      ]);
      expect(new Set(kms.flatMap((st) => st.Action))).toEqual(new Set(DOCUMENTED));
      expectValidAlone(doc);
      const runtime = runtimePolicy(req);
      expectValidAlone(runtime);
      expect(runtime.Statement.filter((st) => st.Action.some((a) => a.startsWith('kms:')))).toEqual([
        { Sid: 'SentinelBreakGlassTableKmsKeyDecrypt', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [key], Condition: { StringEquals: { 'kms:ViaService': via } } },
      ]);
      // Simulated: the key through DynamoDB, never directly, and nothing that manages it.
      expect(allows(runtime, { action: 'kms:Decrypt', resource: key, context: { 'kms:ViaService': via } })).toBe(true);
      expect(allows(runtime, { action: 'kms:Decrypt', resource: key })).toBe(false);
      expect(allowed(runtime, DOCUMENTED.filter((a) => a !== 'kms:Decrypt').map((action) => ({ action, resource: key, context: { 'kms:ViaService': via } })))).toEqual([]);
      for (const d of [doc, runtime]) expect(d.Statement.flatMap((st) => st.Resource).every((r) => r.startsWith(`arn:${partition}:`))).toBe(true);
    });
  }

  it("with no region known, the key statements take DynamoDB in any region (the docs' StringLike form)", () => {
    const req = { kind: 'sessions' as const, table: 't', region: '*', kmsKeyArn: 'arn:aws:kms:*:*:key/1234abcd-12ab-34cd-56ef-1234567890ab' };
    const like = { StringLike: { 'kms:ViaService': 'dynamodb.*.amazonaws.com' } };
    expect(provisioningPolicy(req).Statement.find((s) => s.Sid.endsWith('ViaDynamoDB'))?.Condition).toEqual(like);
    expect(runtimePolicy(req).Statement.find((s) => s.Sid.endsWith('Decrypt'))?.Condition).toEqual(like);
  });
});
