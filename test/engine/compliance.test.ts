/**
 * The controls the plan says the table will meet after this run: an auditor's tool checks the same
 * things, so a control claimed as met that the table fails is a broken promise in the plan.
 */
import { describe, expect, it } from 'vitest';
import { desiredTable, plan, type ActualTable, type Plan } from '../../src/engine/index.js';
import { KEY_ARN, matching } from './actual.js';

const REGION = 'eu-west-1';
const sessions = desiredTable('sessions', 'sentinel-sessions', true);
const control = (p: Plan, id: string) => {
  const c = p.compliance.find((x) => x.control === id);
  return c && `${c.status}: ${c.detail}`;
};
const existing = (over: Partial<ActualTable>, desired = sessions) => plan(desired, { ...matching(), ...over }, REGION);

describe('controls after this run', () => {
  it('are AWS\'s and Sentinel\'s controls, titled as their owners title them', () => {
    expect(plan(sessions, undefined, REGION).compliance.map((c) => `${c.source} ${c.control}: ${c.title}`)).toEqual([
      'Security Hub DynamoDB.1: DynamoDB tables should automatically scale capacity with demand',
      'Security Hub DynamoDB.2: DynamoDB tables should have point-in-time recovery enabled',
      'Security Hub DynamoDB.5: DynamoDB tables should be tagged',
      'Security Hub DynamoDB.6: DynamoDB tables should have deletion protection enabled',
      'Control Tower CT.DYNAMODB.PR.1: Require that point-in-time recovery for an Amazon DynamoDB table is activated',
      'Control Tower CT.DYNAMODB.PR.2: Require an Amazon DynamoDB table to be encrypted at rest using an AWS KMS key',
      'Sentinel audit DEPLOY-02: Table deletion protection enabled (HIGH finding when off)',
      'Sentinel audit DEPLOY-02b: Table point-in-time recovery enabled (MEDIUM finding when off)',
    ]);
  });

  it('point-in-time recovery: met when on, or turned on by this run; not met when off and left off', () => {
    expect(control(existing({}), 'DynamoDB.2')).toBe('met: point-in-time recovery on');
    expect(control(existing({ pitr: 'DISABLED' }), 'DynamoDB.2')).toBe('met: point-in-time recovery on');
    const noPitr = desiredTable('sessions', 'sentinel-sessions', true, { pitr: false });
    expect(control(existing({}, noPitr), 'DEPLOY-02b')).toBe('met: point-in-time recovery on');
    expect(control(existing({ pitr: 'DISABLED' }, noPitr), 'DEPLOY-02b')).toBe('not met: point-in-time recovery off: --no-pitr');
    // The endpoint lacks it (DynamoDB Local): not a failure of the table, n/a locally, and what AWS would get.
    expect(control(existing({ pitr: undefined }), 'CT.DYNAMODB.PR.1')).toBe('n/a: n/a locally: DynamoDB Local has no point-in-time recovery (on in AWS)');
    expect(control(existing({ pitr: undefined }, noPitr), 'DynamoDB.2')).toBe('n/a: n/a locally: DynamoDB Local has no point-in-time recovery (--no-pitr: off in AWS)');
  });

  it('tags: met naming the keys; n/a locally where the endpoint has no tagging', () => {
    expect(control(existing({}), 'DynamoDB.5')).toBe('met: tags managed-by, sentinel:table-kind');
    expect(control(existing({ tags: undefined }), 'DynamoDB.5')).toBe('n/a: n/a locally: DynamoDB Local has no tags (set in AWS)');
  });

  it('deletion protection: met when wanted or already on (never turned off); not met when off and left off', () => {
    const loose = desiredTable('sessions', 'sentinel-sessions', false);
    expect(control(existing({ deletionProtection: false }), 'DEPLOY-02')).toBe('met: deletion protection on');
    expect(control(existing({}, loose), 'DynamoDB.6')).toBe('met: deletion protection on');
    expect(control(existing({ deletionProtection: false }, loose), 'DynamoDB.6')).toBe('not met: deletion protection off: --no-deletion-protection');
  });

  it('KMS encryption: any KMS key passes; the AWS owned key does not; n/a on DynamoDB Local, which does not report it', () => {
    expect(control(plan(sessions, undefined, REGION), 'CT.DYNAMODB.PR.2')).toBe('met: AWS managed KMS key (alias/aws/dynamodb)');
    const withKey = desiredTable('sessions', 'sentinel-sessions', true, { kmsKey: { given: 'alias/sentinel', arn: KEY_ARN } });
    expect(control(existing({ sse: undefined }, withKey), 'CT.DYNAMODB.PR.2')).toBe(`met: customer managed KMS key ${KEY_ARN}`);
    expect(control(existing({ sse: undefined }, { ...withKey, kmsKey: { given: 'alias/sentinel' } }), 'CT.DYNAMODB.PR.2')).toBe('met: customer managed KMS key alias/sentinel');
    expect(control(existing({}), 'CT.DYNAMODB.PR.2')).toBe('met: KMS key arn:aws:kms:eu-west-1:123456789012:key/aws-managed, kept: no --kms-key');
    expect(control(existing({ sse: { status: 'ENABLED', type: 'KMS' } }), 'CT.DYNAMODB.PR.2')).toBe('met: KMS key (unnamed), kept: no --kms-key');
    const owned = 'not met: the AWS owned key, left as is: pass --kms-key to use a KMS key';
    expect(control(existing({ sse: undefined }), 'CT.DYNAMODB.PR.2')).toBe(owned);
    expect(control(existing({ sse: { status: 'DISABLED', type: 'KMS', kmsKeyArn: KEY_ARN } }), 'CT.DYNAMODB.PR.2')).toBe(owned);
    expect(control(existing({ sse: { status: 'DISABLING', type: 'KMS', kmsKeyArn: KEY_ARN } }), 'CT.DYNAMODB.PR.2')).toBe(owned);
    expect(control(existing({ sse: { status: 'ENABLED', type: 'AES256' } }), 'CT.DYNAMODB.PR.2')).toBe(owned);
    const local = existing({ sse: undefined, arn: 'arn:aws:dynamodb:ddblocal:000000000000:table/sentinel-sessions' });
    expect(control(local, 'CT.DYNAMODB.PR.2')).toBe('n/a: n/a locally: DynamoDB Local does not report encryption');
  });
});
