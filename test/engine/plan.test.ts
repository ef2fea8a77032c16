import { describe, expect, it } from 'vitest';
import { desiredTable, plan, type ActualTable } from '../../src/engine/index.js';
import { AwsFailure } from '../../src/core/errors.js';
import { KINDS, type KindName } from '../../src/core/kinds.js';

const REGION = 'eu-west-1';
const ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/sentinel-sessions';

/** A real-AWS table exactly as the kind wants it. */
function matching(kind: KindName = 'sessions'): ActualTable {
  const indexes = KINDS[kind].indexes;
  const attributeTypes: ActualTable['attributeTypes'] = { [KINDS[kind].partitionKey]: 'S' };
  for (const i of indexes) attributeTypes[i.partitionKey] = attributeTypes[i.sortKey] = 'S';
  return {
    name: KINDS[kind].defaultTable,
    arn: ARN,
    status: 'ACTIVE',
    partitionKey: KINDS[kind].partitionKey,
    attributeTypes,
    billingMode: 'PAY_PER_REQUEST',
    sse: { status: 'ENABLED', type: 'KMS', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc' },
    indexes: indexes.map((i) => ({ name: i.name, partitionKey: i.partitionKey, sortKey: i.sortKey, projection: 'ALL', status: 'ACTIVE', backfilling: false })),
    ttlStatus: 'ENABLED',
    ttlAttribute: KINDS[kind].ttlAttribute,
    deletionProtection: true,
    pitr: 'ENABLED',
    tags: { 'managed-by': 'sentinel-init', 'sentinel:table-kind': kind },
  };
}

const sessions = desiredTable('sessions', 'sentinel-sessions', true);
const without = (t: ActualTable, name: string): ActualTable => ({ ...t, indexes: t.indexes.filter((i) => i.name !== name) });
const refusal = (actual: ActualTable) => {
  try {
    plan(sessions, actual, REGION);
  } catch (error) {
    expect(error).toBeInstanceOf(AwsFailure);
    return (error as AwsFailure).message;
  }
  throw new Error('plan accepted a table it should refuse');
};

describe('desiredTable', () => {
  it('takes keys, indexes and TTL from the kind', () => {
    const d = desiredTable('breakglass', 'bg', false);
    expect(d).toMatchObject({ kind: 'breakglass', name: 'bg', partitionKey: 'id', ttlAttribute: 'ttl', deletionProtection: false });
    expect(d.indexes.map((i) => i.name)).toEqual(['gsi-invoker', 'gsi-status', 'gsi-profile']);
  });
});

describe('plan', () => {
  it('no table: create, then TTL, then point-in-time recovery (its own call once the table is ACTIVE)', () => {
    const p = plan(sessions, undefined, REGION);
    expect(p).toMatchObject({ action: 'create', table: 'sentinel-sessions', region: REGION, compared: true, notes: [] });
    expect(p.changes.map((c) => `${c.op}:${c.target}`)).toEqual(['create-table:sentinel-sessions', 'enable-ttl:ttl', 'enable-pitr:pitr']);
  });

  it.each(['sessions', 'approvals', 'breakglass', 'ratelimit'] as const)('a matching %s table: none, no notes', (kind) => {
    const p = plan(desiredTable(kind, KINDS[kind].defaultTable, true), matching(kind), REGION);
    expect(p.action).toBe('none');
    expect(p.changes).toEqual([]);
    expect(p.notes).toEqual([]);
    expect(p.actual?.arn).toBe(ARN);
  });

  it('a Sentinel-made sessions table (its four indexes, TTL off, no deletion protection): TTL and deletion protection, no index', () => {
    const goMade = { ...matching(), ttlStatus: 'DISABLED', ttlAttribute: undefined, deletionProtection: false };
    const p = plan(sessions, goMade, REGION);
    expect(p.action).toBe('update');
    expect(p.changes).toEqual([
      { op: 'enable-ttl', target: 'ttl', attribute: 'ttl' },
      { op: 'enable-deletion-protection', target: 'deletion-protection' },
    ]);
  });

  it('the sessions kind is exactly Sentinel\'s four indexes (infrastructure/schema.go), without gsi-device-id', () => {
    expect(sessions.indexes.map((i) => `${i.name}(${i.partitionKey},${i.sortKey})`)).toEqual([
      'gsi-user(user,created_at)',
      'gsi-status(status,created_at)',
      'gsi-profile(profile,created_at)',
      'gsi-server-instance(server_instance_id,status)',
    ]);
  });

  it('a table made by sentinel-init 0.1.0: removes gsi-device-id first, with the reason, and notes no other index', () => {
    const old = matching();
    old.attributeTypes.device_id = 'S';
    old.indexes.push({ name: 'gsi-device-id', partitionKey: 'device_id', sortKey: 'created_at', projection: 'ALL', status: 'ACTIVE', backfilling: false });
    const p = plan(sessions, { ...without(old, 'gsi-profile'), deletionProtection: false }, REGION);
    expect(p.action).toBe('update');
    expect(p.changes.map((c) => `${c.op}:${c.target}`)).toEqual(['remove-index:gsi-device-id', 'add-index:gsi-profile', 'enable-deletion-protection:deletion-protection']);
    expect(p.changes[0]).toMatchObject({ reason: expect.stringMatching(/empty device_id/) });
    expect(p.notes).toEqual([]);
  });

  it('gsi-device-id already being deleted is waited for; a same-named index on other keys, or on another kind, is left as is', () => {
    const deleting = matching();
    deleting.indexes.push({ name: 'gsi-device-id', partitionKey: 'device_id', sortKey: 'created_at', projection: 'ALL', status: 'DELETING', backfilling: false });
    expect(plan(sessions, deleting, REGION).changes).toEqual([expect.objectContaining({ op: 'remove-index', target: 'gsi-device-id', status: 'DELETING' })]);

    const foreign = matching();
    foreign.indexes.push({ name: 'gsi-device-id', partitionKey: 'device', sortKey: 'created_at', projection: 'ALL', status: 'ACTIVE', backfilling: false });
    const p = plan(sessions, foreign, REGION);
    expect(p.action).toBe('none');
    expect(p.notes).toEqual(["Index gsi-device-id is not one of Sentinel's; left as is."]);

    const approvals = matching('approvals');
    approvals.indexes.push({ name: 'gsi-device-id', partitionKey: 'device_id', sortKey: 'created_at', projection: 'ALL', status: 'ACTIVE', backfilling: false });
    const q = plan(desiredTable('approvals', 'sentinel-requests', true), approvals, REGION);
    expect(q.action).toBe('none');
    expect(q.notes).toEqual(["Index gsi-device-id is not one of Sentinel's; left as is."]);
  });

  it('waits for a table still CREATING or UPDATING before anything else', () => {
    const p = plan(sessions, { ...without(matching(), 'gsi-user'), status: 'UPDATING' }, REGION);
    expect(p.changes.map((c) => c.op)).toEqual(['wait-table', 'add-index']);
    expect(p.changes[0]).toEqual({ op: 'wait-table', target: 'sentinel-sessions', status: 'UPDATING' });
  });

  it('an index still building is waited for, never re-created, and waited for before adding others', () => {
    const t = without(matching(), 'gsi-user');
    t.indexes = t.indexes.map((i) => (i.name === 'gsi-server-instance' ? { ...i, status: 'CREATING', backfilling: true } : i));
    const p = plan(sessions, t, REGION);
    expect(p.changes).toEqual([
      { op: 'wait-index', target: 'gsi-server-instance', status: 'CREATING (backfilling)' },
      { op: 'add-index', target: 'gsi-user', partitionKey: 'user', sortKey: 'created_at' },
    ]);
  });

  it('an ACTIVE index still backfilling is waited for', () => {
    const t = matching();
    t.indexes = t.indexes.map((i) => (i.name === 'gsi-status' ? { ...i, backfilling: true } : i));
    expect(plan(sessions, t, REGION).changes).toEqual([{ op: 'wait-index', target: 'gsi-status', status: 'ACTIVE (backfilling)' }]);
  });

  it('TTL ENABLING counts as done; DISABLED on ttl is enabled', () => {
    expect(plan(sessions, { ...matching(), ttlStatus: 'ENABLING' }, REGION).action).toBe('none');
    expect(plan(sessions, { ...matching(), ttlStatus: 'DISABLED', ttlAttribute: undefined }, REGION).changes).toEqual([
      { op: 'enable-ttl', target: 'ttl', attribute: 'ttl' },
    ]);
  });

  it('--no-deletion-protection never turns it off, and says so', () => {
    const off = desiredTable('sessions', 'sentinel-sessions', false);
    const p = plan(off, matching(), REGION);
    expect(p.action).toBe('none');
    expect(p.notes).toEqual(['Deletion protection is on and stays on (this tool never turns it off).']);
    expect(plan(off, { ...matching(), deletionProtection: false }, REGION).action).toBe('none');
  });

  it('notes what it leaves alone: provisioned billing, the AWS owned key, extra indexes', () => {
    const t = matching();
    t.billingMode = 'PROVISIONED';
    t.sse = undefined;
    t.indexes.push({ name: 'by-email', partitionKey: 'email', projection: 'KEYS_ONLY', status: 'ACTIVE', backfilling: false });
    const p = plan(sessions, t, REGION);
    expect(p.action).toBe('none');
    expect(p.notes).toEqual([
      'Billing mode is PROVISIONED, not PAY_PER_REQUEST; left as is.',
      'Encrypted with the default AWS owned key, not the AWS managed KMS key (alias/aws/dynamodb); left as is.',
      'Index by-email is not one of Sentinel\'s; left as is.',
    ]);
  });

  it('DynamoDB Local reports no encryption: no note for it', () => {
    const t = { ...matching(), sse: undefined, arn: 'arn:aws:dynamodb:ddblocal:000000000000:table/sentinel-sessions' };
    expect(plan(sessions, t, REGION).notes).toEqual([]);
  });

  it.each([
    ['another partition key', { partitionKey: 'pk' }, /partition key is `pk`, Sentinel needs `id`/],
    ['a sort key', { sortKey: 'created_at' }, /has a sort key \(`created_at`\)/],
    ['id of type N', { attributeTypes: { ...matching().attributeTypes, id: 'N' as const } }, /`id` is a key of type N/],
    ['an index key of type N', { attributeTypes: { ...matching().attributeTypes, created_at: 'N' as const } }, /`created_at` is a key of type N/],
    ['TTL on another attribute', { ttlStatus: 'ENABLED', ttlAttribute: 'expires_at' }, /TTL is on attribute `expires_at`/],
    ['TTL being disabled', { ttlStatus: 'DISABLING', ttlAttribute: 'ttl' }, /TTL is being disabled/],
    ['a table being deleted', { status: 'DELETING' }, /being deleted/],
  ])('refuses %s, saying nothing was changed', (_, change, why) => {
    const message = refusal({ ...matching(), ...change });
    expect(message).toMatch(why);
    expect(message).toMatch(/^Table sentinel-sessions cannot be used as Sentinel's table: .*\. Nothing was changed\.$/);
  });

  it('refuses an index of the same name with other keys or another projection', () => {
    const t = matching();
    t.indexes = t.indexes.map((i) => (i.name === 'gsi-user' ? { ...i, sortKey: undefined } : i));
    expect(refusal(t)).toMatch(/index gsi-user has keys \(user, none\), Sentinel needs \(user, created_at\)/);
    const u = matching();
    u.indexes = u.indexes.map((i) => (i.name === 'gsi-status' ? { ...i, projection: 'KEYS_ONLY' } : i));
    expect(refusal(u)).toMatch(/index gsi-status projects KEYS_ONLY, Sentinel needs ALL/);
  });
});

describe('the ratelimit kind', () => {
  const limiter = desiredTable('ratelimit', 'sentinel-ratelimit', true);
  const rateRefusal = (actual: ActualTable) => {
    try {
      plan(limiter, actual, REGION);
    } catch (error) {
      expect(error).toBeInstanceOf(AwsFailure);
      return (error as AwsFailure).message;
    }
    throw new Error('plan accepted a table it should refuse');
  };

  it('wants the key and TTL attribute the limiter uses (PK, TTL) and no index', () => {
    expect(limiter).toMatchObject({ partitionKey: 'PK', ttlAttribute: 'TTL', indexes: [], retiredIndexes: [] });
    const p = plan(limiter, undefined, REGION);
    expect(p.changes).toEqual([{ op: 'create-table', target: 'sentinel-ratelimit' }, { op: 'enable-ttl', target: 'ttl', attribute: 'TTL' }, { op: 'enable-pitr', target: 'pitr' }]);
  });

  it('converges TTL off to on attribute TTL, and deletion protection', () => {
    const p = plan(limiter, { ...matching('ratelimit'), ttlStatus: 'DISABLED', ttlAttribute: undefined, deletionProtection: false }, REGION);
    expect(p.action).toBe('update');
    expect(p.changes).toEqual([
      { op: 'enable-ttl', target: 'ttl', attribute: 'TTL' },
      { op: 'enable-deletion-protection', target: 'deletion-protection' },
    ]);
  });

  it.each([
    ['a table keyed on id (like the other kinds)', { partitionKey: 'id', attributeTypes: { id: 'S' as const } }, /its partition key is `id`, Sentinel needs `PK` \(S\)/],
    ['PK of type N', { attributeTypes: { PK: 'N' as const } }, /attribute `PK` is a key of type N, Sentinel stores it as a string \(S\)/],
    ['a sort key', { sortKey: 'WindowStart' }, /has a sort key \(`WindowStart`\)/],
    ['TTL on lower-case ttl', { ttlStatus: 'ENABLED', ttlAttribute: 'ttl' }, /TTL is on attribute `ttl`, Sentinel expires items by `TTL`/],
  ])('refuses %s, saying nothing was changed', (_, change, why) => {
    const message = rateRefusal({ ...matching('ratelimit'), name: 'sentinel-ratelimit', ...change });
    expect(message).toMatch(why);
    expect(message).toMatch(/^Table sentinel-ratelimit cannot be used as Sentinel's table: .*\. Nothing was changed\.$/);
  });
});
