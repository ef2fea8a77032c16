/**
 * The production settings the plan converges on an existing table (point-in-time recovery, tags,
 * the customer managed key) and the differences it only reports: each is a change a person sees in
 * the plan before saying yes, or a line saying why nothing is done.
 */
import { describe, expect, it } from 'vitest';
import { desiredTable, plan, type ActualTable } from '../../src/engine/index.js';
import { KEY_ARN, matching } from './actual.js';

const REGION = 'eu-west-1';
const sessions = desiredTable('sessions', 'sentinel-sessions', true);
const ops = (actual: ActualTable, desired = sessions) => plan(desired, actual, REGION).changes.map((c) => c.op);

describe('point-in-time recovery', () => {
  it('off on the table: turned on; already on: nothing', () => {
    expect(plan(sessions, { ...matching(), pitr: 'DISABLED' }, REGION).changes).toEqual([{ op: 'enable-pitr', target: 'pitr' }]);
    expect(ops(matching())).toEqual([]);
  });

  it('--no-pitr: never turned on, and if on, said to stay on', () => {
    const noPitr = desiredTable('sessions', 'sentinel-sessions', true, { pitr: false });
    expect(ops({ ...matching(), pitr: 'DISABLED' }, noPitr)).toEqual([]);
    expect(plan(noPitr, { ...matching(), pitr: 'DISABLED' }, REGION).notes).toEqual([]);
    expect(plan(noPitr, matching(), REGION).notes).toEqual(['Point-in-time recovery is on and stays on (--no-pitr never turns it off).']);
  });

  it('an endpoint without it (DynamoDB Local): no change, and the plan says it is not implemented', () => {
    const local = { ...matching(), pitr: undefined };
    const p = plan(sessions, local, REGION);
    expect(p.changes).toEqual([]);
    expect(p.unsupported).toEqual(['pitr']);
    expect(plan(sessions, { ...local, tags: undefined }, REGION).unsupported).toEqual(['pitr', 'tags']);
    expect(plan(sessions, matching(), REGION).unsupported).toEqual([]);
  });

  it('a table not yet there, on an endpoint without it: no enable-pitr step', () => {
    expect(plan(sessions, undefined, REGION, ['pitr', 'tags']).changes.map((c) => c.op)).toEqual(['create-table', 'enable-ttl']);
    expect(plan(sessions, undefined, REGION, ['pitr', 'tags']).unsupported).toEqual(['pitr', 'tags']);
  });
});

describe('tags', () => {
  const tagged = desiredTable('sessions', 'sentinel-sessions', true, { tags: [{ key: 'team', value: 'platform' }] });

  it('adds only the wanted tags the table lacks or holds with another value; never removes one', () => {
    const actual = { ...matching(), tags: { 'managed-by': 'someone-else', 'sentinel:table-kind': 'sessions', owner: 'me' } };
    expect(plan(tagged, actual, REGION).changes).toEqual([{ op: 'tag', target: 'tags', tags: { 'managed-by': 'sentinel-init', team: 'platform' } }]);
    expect(ops({ ...matching(), tags: { ...tagged.tags, owner: 'me' } }, tagged)).toEqual([]);
  });

  it('an endpoint without tagging: no tag step', () => {
    expect(ops({ ...matching(), tags: undefined }, tagged)).toEqual([]);
  });

  it('refuses a table whose tags and this run\'s would pass 50, not counting aws: tags', () => {
    const many = (n: number, prefix = 'k') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));
    // 48 of the table's own and the tool's two: exactly 50, accepted.
    expect(ops({ ...matching(), tags: { ...many(48), ...sessions.tags } })).toEqual([]);
    // aws: tags do not count against the limit.
    expect(ops({ ...matching(), tags: { ...many(48), ...many(5, 'aws:cloudformation:'), ...sessions.tags } })).toEqual([]);
    // 49 of its own and the tool's two: 51.
    expect(() => plan(sessions, { ...matching(), tags: { ...many(49), ...sessions.tags } }, REGION)).toThrow(
      "Table sentinel-sessions cannot be used as Sentinel's table: with its 51 tags and this run's it would have 51, DynamoDB allows 50. Nothing was changed.",
    );
  });
});

describe('the customer managed key (--kms-key)', () => {
  const withKey = desiredTable('sessions', 'sentinel-sessions', true, { kmsKey: { given: 'alias/sentinel', arn: KEY_ARN } });

  it('switches a table on another key, naming the key it is on now', () => {
    expect(plan(withKey, matching(), REGION).changes).toEqual([
      { op: 'set-kms-key', target: 'encryption', keyArn: KEY_ARN, from: 'arn:aws:kms:eu-west-1:123456789012:key/aws-managed' },
    ]);
    // On the AWS owned key DynamoDB names no key: no `from`.
    expect(plan(withKey, { ...matching(), sse: undefined }, REGION).changes).toEqual([{ op: 'set-kms-key', target: 'encryption', keyArn: KEY_ARN }]);
  });

  it('a table already on the key: nothing, unless its encryption is being disabled', () => {
    const onKey = { ...matching(), sse: { status: 'ENABLED', type: 'KMS', kmsKeyArn: KEY_ARN } };
    expect(ops(onKey, withKey)).toEqual([]);
    expect(ops({ ...onKey, sse: { ...onKey.sse, status: 'DISABLED' } }, withKey)).toEqual(['set-kms-key']);
    expect(ops({ ...onKey, sse: { ...onKey.sse, status: 'DISABLING' } }, withKey)).toEqual(['set-kms-key']);
    // With --kms-key the key is converged: no note about the key the table had.
    expect(plan(withKey, { ...matching(), sse: undefined }, REGION).notes).toEqual([]);
  });
});

describe('encryption left as is, without --kms-key', () => {
  const ownedKeyNote = 'Encrypted with the default AWS owned key, not the AWS managed KMS key (alias/aws/dynamodb); left as is.';

  it('a KMS key: no note; the AWS owned key, or KMS being disabled: a note', () => {
    expect(plan(sessions, matching(), REGION).notes).toEqual([]);
    expect(plan(sessions, { ...matching(), sse: undefined }, REGION).notes).toEqual([ownedKeyNote]);
    expect(plan(sessions, { ...matching(), sse: { status: 'DISABLED', type: 'KMS' } }, REGION).notes).toEqual([ownedKeyNote]);
    expect(plan(sessions, { ...matching(), sse: { status: 'DISABLING', type: 'KMS' } }, REGION).notes).toEqual([ownedKeyNote]);
  });

  it('another encryption type is named', () => {
    expect(plan(sessions, { ...matching(), sse: { status: 'ENABLED', type: 'AES256' } }, REGION).notes).toEqual(['Encryption type is AES256, not KMS; left as is.']);
    // DynamoDB Local reports no encryption at all: nothing said.
    const local = { ...matching(), arn: 'arn:aws:dynamodb:ddblocal:000000000000:table/sentinel-sessions', sse: { status: 'ENABLED', type: 'AES256' } };
    expect(plan(sessions, local, REGION).notes).toEqual([]);
  });
});

describe('a setting whose read was denied', () => {
  it('is neither planned nor called unsupported: TTL off, PITR off and no tags would each be a change if they had been read', () => {
    const table: ActualTable = {
      ...matching(),
      ttlStatus: 'UNKNOWN',
      ttlAttribute: undefined,
      pitr: undefined,
      tags: undefined,
      unread: [
        { setting: 'ttl', operation: 'DescribeTimeToLive' },
        { setting: 'pitr', operation: 'DescribeContinuousBackups' },
        { setting: 'tags', operation: 'ListTagsOfResource' },
      ],
    };
    const p = plan(sessions, table, REGION);
    expect(p).toMatchObject({ action: 'none', changes: [], unsupported: [], compared: true });
    expect(p.notes).toEqual([
      'TTL could not be read (AWS denied dynamodb:DescribeTimeToLive): not compared, and left as is.',
      'Point-in-time recovery could not be read (AWS denied dynamodb:DescribeContinuousBackups): not compared, and left as is.',
      'Tags could not be read (AWS denied dynamodb:ListTagsOfResource): not compared, and left as is.',
    ]);
    const status = (control: string) => p.compliance.find((c) => c.control === control)?.status;
    expect([status('DynamoDB.2'), status('DynamoDB.5'), status('DEPLOY-02b')]).toEqual(['unknown', 'unknown', 'unknown']);
    // What was read is still compared: a missing index is planned.
    const missing = plan(sessions, { ...table, indexes: table.indexes.slice(1) }, REGION);
    expect(missing.changes.map((c) => c.op)).toEqual(['add-index']);
  });
});
