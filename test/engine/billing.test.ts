/**
 * Billing mode is never changed, only read and said: a table reporting PROVISIONED, or no mode, or
 * a mode newer than this tool must not be shown or counted as on-demand (an auditor's DynamoDB.1
 * would then fail where the plan said it passes).
 */
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { normaliseTable } from '../../src/engine/describe.js';
import { desiredTable, plan, type ActualTable } from '../../src/engine/index.js';
import { planText } from '../../src/headless/format.js';

const desired = desiredTable('ratelimit', 'sentinel-ratelimit', true);

/** A ratelimit table as DynamoDB describes it, with the billing fields given. */
function described(billing: Pick<TableDescription, 'BillingModeSummary' | 'ProvisionedThroughput'>): ActualTable {
  const table = normaliseTable({
    TableName: 'sentinel-ratelimit',
    TableArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/sentinel-ratelimit',
    TableStatus: 'ACTIVE',
    KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
    SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' },
    DeletionProtectionEnabled: true,
    ...billing,
  });
  return { ...table, ttlStatus: 'ENABLED', ttlAttribute: 'TTL', pitr: 'ENABLED', tags: { ...desired.tags } };
}

const capacityControl = (actual: ActualTable | undefined) => plan(desired, actual, 'eu-west-1').compliance.find((c) => c.control === 'DynamoDB.1');

describe('billing mode', () => {
  it('is read from BillingModeSummary, else from capacity units (older provisioned tables), else unknown', () => {
    expect(described({ BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' }, ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 } }).billingMode).toBe('PAY_PER_REQUEST');
    expect(described({ BillingModeSummary: { BillingMode: 'PROVISIONED' } }).billingMode).toBe('PROVISIONED');
    expect(described({ ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }).billingMode).toBe('PROVISIONED');
    expect(described({ ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 } }).billingMode).toBeUndefined();
    expect(described({}).billingMode).toBeUndefined();
  });

  it('on demand: no note, the plan says on demand, DynamoDB.1 met', () => {
    const actual = described({ BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' } });
    const p = plan(desired, actual, 'eu-west-1');
    expect(p.notes).toEqual([]);
    expect(planText(p)).toMatch(/\n {6}billing +on demand \(PAY_PER_REQUEST\)\n/);
    expect(capacityControl(actual)).toMatchObject({ status: 'met', detail: 'on-demand capacity (PAY_PER_REQUEST)' });
  });

  it('a table this run creates is on demand, and meets DynamoDB.1', () => {
    expect(capacityControl(undefined)).toMatchObject({ status: 'met' });
  });

  it('provisioned: left as is, said in the billing row and a note, DynamoDB.1 not met', () => {
    const actual = described({ ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } });
    const p = plan(desired, actual, 'eu-west-1');
    expect(p.action).toBe('none');
    expect(p.notes).toEqual(['Billing mode is PROVISIONED, not PAY_PER_REQUEST; left as is.']);
    expect(planText(p)).toMatch(/\n {6}billing +provisioned capacity \(PROVISIONED\), left as is\n/);
    expect(capacityControl(actual)).toMatchObject({ status: 'not met', detail: 'provisioned capacity, left as is (passes only with auto scaling)' });
  });

  it('a mode this tool does not know: named in the note and the billing row, DynamoDB.1 unknown, never met', () => {
    const actual = described({ BillingModeSummary: { BillingMode: 'ON_DEMAND_V2' as 'PROVISIONED' } });
    const p = plan(desired, actual, 'eu-west-1');
    expect(p.action).toBe('none');
    expect(p.notes).toEqual(['Billing mode is ON_DEMAND_V2, not PAY_PER_REQUEST; left as is.']);
    expect(planText(p)).toMatch(/\n {6}billing +ON_DEMAND_V2, a mode this tool does not know; left as is\n/);
    expect(capacityControl(actual)).toMatchObject({ status: 'unknown', detail: 'billing mode ON_DEMAND_V2, which this tool does not know; left as is' });
    expect(planText(p)).toMatch(/\n {4}\? Security Hub DynamoDB\.1 +billing mode ON_DEMAND_V2/);
  });

  it('no mode reported: no note claiming one, the billing row says so, DynamoDB.1 unknown', () => {
    const actual = described({});
    const p = plan(desired, actual, 'eu-west-1');
    expect(p.notes).toEqual([]);
    expect(planText(p)).toMatch(/\n {6}billing +not reported by DynamoDB; left as is\n/);
    expect(capacityControl(actual)).toMatchObject({ status: 'unknown', detail: 'DynamoDB does not report the billing mode; left as is' });
  });
});
