import { describe, expect, it } from 'vitest';
import { KIND_NAMES, type KindName } from '../../src/core/kinds.js';
import { listRegions } from '../../src/aws/regions.js';
import { partitionForRegion } from '../../src/core/partitions.js';
import { generatePolicy, policyJson } from '../../src/policy/iam.js';
import { checksFor } from '../../src/verify/patterns.js';

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

describe('generatePolicy', () => {
  for (const kind of KIND_NAMES) {
    it(`${kind}: Provisioning is this tool's calls; Operations exactly what the Sentinel store calls`, () => {
      const doc = generatePolicy({ kind, table: 't-1', region: 'eu-west-1', accountId: '123456789012' });
      const arn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/t-1';
      expect(doc).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: `Sentinel${WORDS[kind]}TableProvisioning`,
            Effect: 'Allow',
            Action: [
              'dynamodb:CreateTable',
              'dynamodb:DescribeTable',
              'dynamodb:UpdateTable',
              'dynamodb:UpdateTimeToLive',
              'dynamodb:DescribeTimeToLive',
              'dynamodb:DescribeContinuousBackups',
              'dynamodb:UpdateContinuousBackups',
              'dynamodb:ListTagsOfResource',
              'dynamodb:TagResource',
            ],
            Resource: [arn],
          },
          {
            Sid: `Sentinel${WORDS[kind]}TableOperations`,
            Effect: 'Allow',
            Action: STORE_CALLS[kind].actions.map((a) => `dynamodb:${a}`),
            Resource: STORE_CALLS[kind].queriesIndexes ? [arn, `${arn}/index/*`] : [arn],
          },
        ],
      });
    });

    it(`${kind}: grants no deletion, no wildcard action, alphanumeric unique Sids, fits a managed policy`, () => {
      const doc = generatePolicy({ kind, table: 'x'.repeat(255), region: 'us-gov-west-1' });
      const actions = doc.Statement.flatMap((s) => s.Action);
      expect(actions.some((a) => a.includes('*'))).toBe(false);
      // Items may be deleted where the store deletes them; tables and indexes never.
      expect(actions.filter((a) => a.includes('Delete'))).toEqual(STORE_CALLS[kind].actions.includes('DeleteItem') ? ['dynamodb:DeleteItem'] : []);
      expect(actions.every((a) => a.startsWith('dynamodb:'))).toBe(true);
      const sids = doc.Statement.map((s) => s.Sid);
      for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(new Set(sids).size).toBe(sids.length);
      expect(JSON.stringify(doc).replace(/\s/g, '').length).toBeLessThan(6144);
    });
  }

  it('uses the partition of the region', () => {
    const arn = (region: string) => generatePolicy({ kind: 'sessions', table: 'tbl', region }).Statement[0]?.Resource[0];
    expect(arn('cn-north-1')).toBe('arn:aws-cn:dynamodb:cn-north-1:*:table/tbl');
    expect(arn('us-gov-west-1')).toBe('arn:aws-us-gov:dynamodb:us-gov-west-1:*:table/tbl');
    expect(arn('eu-central-1')).toBe('arn:aws:dynamodb:eu-central-1:*:table/tbl');
    expect(arn('us-east-1')).toBe('arn:aws:dynamodb:us-east-1:*:table/tbl');
    expect(arn('us-iso-east-1')).toBe('arn:aws-iso:dynamodb:us-iso-east-1:*:table/tbl');
    // us-isob- before us-iso-, and eu-isoe- apart from eu-: the longer prefix decides.
    expect(arn('us-isob-east-1')).toBe('arn:aws-iso-b:dynamodb:us-isob-east-1:*:table/tbl');
    expect(arn('eu-isoe-west-1')).toBe('arn:aws-iso-e:dynamodb:eu-isoe-west-1:*:table/tbl');
  });

  it('agrees with the SDK\'s partition data for every region it knows', async () => {
    const regions = await listRegions();
    expect(regions.length).toBeGreaterThan(30);
    for (const r of regions) expect(partitionForRegion(r.id), r.id).toBe(r.partition);
  });

  it('prefers the partition STS reported and uses * for an unknown account and region', () => {
    const doc = generatePolicy({ kind: 'approvals', table: 'tbl', region: 'eu-west-1', partition: 'aws-cn' });
    expect(doc.Statement[0]?.Resource).toEqual(['arn:aws-cn:dynamodb:eu-west-1:*:table/tbl']);
    const any = generatePolicy({ kind: 'approvals', table: 'tbl', region: '*' });
    expect(any.Statement[1]?.Resource).toEqual(['arn:aws:dynamodb:*:*:table/tbl', 'arn:aws:dynamodb:*:*:table/tbl/index/*']);
  });

  it('--no-pitr drops UpdateContinuousBackups (never called) but keeps DescribeContinuousBackups (the plan reads it)', () => {
    const actions = generatePolicy({ kind: 'sessions', table: 't', region: 'eu-west-1', pitr: false }).Statement[0]?.Action;
    expect(actions).toContain('dynamodb:DescribeContinuousBackups');
    expect(actions).not.toContain('dynamodb:UpdateContinuousBackups');
    // Exactly the other eight: nothing put in its place.
    expect(actions).toHaveLength(8);
  });

  it('all four tables: one valid document with each table\'s statements, Sids unchanged', () => {
    const doc = JSON.parse(policyJson(KIND_NAMES.map((kind) => ({ kind, table: `t-${kind}`, region: 'eu-west-1' }))));
    expect(doc.Version).toBe('2012-10-17');
    expect(doc.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(KIND_NAMES.flatMap((k) => [`Sentinel${WORDS[k]}TableProvisioning`, `Sentinel${WORDS[k]}TableOperations`]));
  });

  it('adds no kms:* without a customer managed key (the AWS managed key needs none)', () => {
    const doc = generatePolicy({ kind: 'approvals', table: 't', region: 'eu-west-1' });
    expect(JSON.stringify(doc)).not.toContain('kms:');
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
  for (const { region, partition, via } of PARTITIONS) {
    it(`${partition}: a customer managed key adds the documented KMS permissions on that key only, through DynamoDB in ${region}`, () => {
      const key = `arn:${partition}:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
      const doc = generatePolicy({ kind: 'breakglass', table: 'bg', region, accountId: '123456789012', kmsKeyArn: key });
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
      expect(doc.Statement.flatMap((st) => st.Resource).every((r) => r.startsWith(`arn:${partition}:`))).toBe(true);
      expect(doc.Statement.flatMap((st) => st.Action).some((a) => a.includes('*'))).toBe(false);
      expect(JSON.stringify(doc).replace(/\s/g, '').length).toBeLessThan(6144);
    });
  }

  it('with no region known, the key statement takes DynamoDB in any region (the docs\' StringLike form)', () => {
    const doc = generatePolicy({ kind: 'sessions', table: 't', region: '*', kmsKeyArn: 'arn:aws:kms:*:*:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
    expect(doc.Statement[1]?.Condition).toEqual({ StringLike: { 'kms:ViaService': 'dynamodb.*.amazonaws.com' } });
  });

  it('prints parseable JSON ending in a newline', () => {
    const text = policyJson({ kind: 'breakglass', table: 'sentinel-breakglass', region: 'eu-west-1' });
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text).Statement[0].Sid).toBe('SentinelBreakGlassTableProvisioning');
  });
});

describe('verify needs only the Operations statement', () => {
  const probe = { prefix: 'p-', name: 'p', now: new Date(), expiresAt: new Date() };
  for (const kind of KIND_NAMES) {
    it(`${kind}: every access pattern verify runs is an action the statement grants`, () => {
      const granted = generatePolicy({ kind, table: 't', region: 'eu-west-1' }).Statement[1]?.Action ?? [];
      for (const check of checksFor(kind, probe)) expect(granted, check.method).toContain(`dynamodb:${check.action}`);
    });
  }
});
