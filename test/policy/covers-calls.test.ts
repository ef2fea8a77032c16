/**
 * The policy is exactly what the tool calls: every DynamoDB operation a create and a converge send on
 * the wire (seen by the fault proxy, in front of the stand-in that gives DynamoDB Local point-in-time
 * recovery and tags) is granted by the Provisioning statement, and nothing is granted that is never
 * sent; every KMS call the tool makes itself (seen by the KMS stand-in) is granted without the
 * kms:ViaService condition, which only DynamoDB's own calls on the key meet. Runs go through the
 * service, as the CLI does: check (KMS DescribeKey for --kms-key), then apply.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamoApi } from '../../src/aws/dynamo.js';
import { createKmsApi } from '../../src/aws/kms.js';
import type { Tag } from '../../src/core/tags.js';
import { generatePolicy, type PolicyDocument } from '../../src/policy/iam.js';
import { applyPlan, check, type RunContext } from '../../src/service/workflow.js';
import { goStyleSessionsTable, rawClient, REGION } from '../engine/support.js';
import { KEYS, keyArn } from '../helpers/kms-stand-in.js';
import { localWithStandIns } from '../helpers/local-stack.js';

const stack = localWithStandIns(REGION);
const credentials = async () => ({ accessKeyId: 'fakeAccessKey', secretAccessKey: 'fakeSecretKey' });

interface Flags {
  pitr?: boolean;
  tags?: Tag[];
  kmsKey?: string;
}

/** One CLI run: the check, then the apply of its plan. */
async function cliRun(table: string, flags: Flags): Promise<void> {
  const target = { region: REGION, endpointUrl: stack.proxy.endpoint, credentials };
  const kms = flags.kmsKey ? { kms: await createKmsApi(target, { AWS_ENDPOINT_URL_KMS: stack.kms.endpoint }) } : {};
  const conn = { target, dynamo: await createDynamoApi(target), ...kms };
  const ctx: RunContext = { kind: 'sessions', table, region: REGION, endpointUrl: stack.proxy.endpoint, deletionProtection: true, pitr: flags.pitr ?? true, tags: flags.tags ?? [], ...(flags.kmsKey && { kmsKey: flags.kmsKey }) };
  const { plan } = await check(ctx, conn);
  await applyPlan(plan, conn);
}

/** A create, and a converge of a table Sentinel's Go init made; returns the DynamoDB and KMS operations sent. */
async function createAndConverge(prefix: string, flags: Flags): Promise<{ dynamodb: string[]; kms: string[] }> {
  const before = new Map(stack.proxy.operations().map((op) => [op, stack.proxy.count(op)]));
  const kmsBefore = stack.kms.calls().length;
  await cliRun(`${prefix}-new`, flags);
  await rawClient(stack.local.endpoint).send(new CreateTableCommand(goStyleSessionsTable(`${prefix}-old`)));
  await cliRun(`${prefix}-old`, flags);
  const sent = stack.proxy.operations().filter((op) => stack.proxy.count(op) > (before.get(op) ?? 0));
  return { dynamodb: sent.map((op) => `dynamodb:${op}`).sort(), kms: [...new Set(stack.kms.calls().slice(kmsBefore).map((op) => `kms:${op}`))].sort() };
}

const provisioning = (doc: PolicyDocument) => [...(doc.Statement.find((s) => s.Sid === 'SentinelSessionTableProvisioning')?.Action ?? [])].sort();
/** Actions the caller may call on the key directly: statements without kms:ViaService. */
const direct = (doc: PolicyDocument) => doc.Statement.filter((s) => s.Action.some((a) => a.startsWith('kms:')) && !s.Condition).flatMap((s) => s.Action);

const PARTITIONS = [
  { region: 'us-east-1', partition: 'aws' },
  { region: 'cn-north-1', partition: 'aws-cn' },
  { region: 'us-gov-west-1', partition: 'aws-us-gov' },
];

describe('the generated policy against the calls on the wire', () => {
  it('defaults plus --tag and --kms-key: a create and a converge send exactly the granted calls, in every partition', async () => {
    const sent = await createAndConverge('policy', { tags: [{ key: 'team', value: 'platform' }], kmsKey: 'alias/sentinel-tables' });
    // Each new call was made: the runs really read and set PITR, tags and the key.
    expect(sent.dynamodb).toEqual(expect.arrayContaining(['dynamodb:DescribeContinuousBackups', 'dynamodb:UpdateContinuousBackups', 'dynamodb:ListTagsOfResource', 'dynamodb:TagResource']));
    expect(sent.kms).toEqual(['kms:DescribeKey']);
    // The KMS request was signed for KMS in the run's region.
    expect(new Set(stack.kms.signedFor())).toEqual(new Set([`kms/${REGION}`]));
    for (const { region, partition } of PARTITIONS) {
      const key = `arn:${partition}:kms:${region}:123456789012:key/${KEYS.tables.id}`;
      const doc = generatePolicy({ kind: 'sessions', table: 'policy-new', region, kmsKeyArn: key });
      expect(provisioning(doc), partition).toEqual(sent.dynamodb);
      expect(direct(doc).sort(), partition).toEqual(sent.kms);
      expect(doc.Statement.flatMap((s) => s.Resource).every((r) => r.startsWith(`arn:${partition}:`)), partition).toBe(true);
    }
    expect(keyArn(KEYS.tables, REGION)).toBe(stack.standIn.table('policy-new')?.kmsKeyArn);
  });

  it('--no-pitr: UpdateContinuousBackups is neither sent nor granted; no --kms-key: no KMS call and no kms:* granted', async () => {
    const sent = await createAndConverge('nopitr', { pitr: false });
    expect(sent.kms).toEqual([]);
    for (const { region } of PARTITIONS) {
      const doc = generatePolicy({ kind: 'sessions', table: 'nopitr-new', region, pitr: false });
      expect(provisioning(doc)).toEqual(sent.dynamodb);
      expect(JSON.stringify(doc)).not.toContain('kms:');
    }
    expect(sent.dynamodb).not.toContain('dynamodb:UpdateContinuousBackups');
  });
});
