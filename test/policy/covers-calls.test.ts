/**
 * Each policy, simulated (test/helpers/iam-sim.ts) against the calls on the wire, allows exactly its
 * principal's calls. The calls are what the fault proxy saw (in front of the stand-in that gives
 * DynamoDB Local point-in-time recovery, tags and encryption) during real runs through the service,
 * as the CLI makes them: check (KMS DescribeKey for --kms-key), apply, then verify.
 *
 * - provisioning allows every call of a create, a converge and a verify, each on the ARN it named
 *   (the table, or the index a Query named), grants no action that was not sent, and allows no other
 *   item call on the table;
 * - runtime allows every call of Sentinel's access patterns (verify's checks, as Sentinel's stores
 *   send them) and no call of the create and converge: CreateTable, UpdateTable, DescribeTable… denied.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamoApi } from '../../src/aws/dynamo.js';
import { createKmsApi } from '../../src/aws/kms.js';
import { KIND_NAMES, KINDS, type KindName } from '../../src/core/kinds.js';
import type { Tag } from '../../src/core/tags.js';
import { provisioningPolicy, runtimePolicy, type PolicyDocument } from '../../src/policy/iam.js';
import { KMS_VIA_DYNAMODB_ACTIONS } from '../../src/policy/kms.js';
import { runVerify } from '../../src/service/verify.js';
import { applyPlan, check, type RunContext } from '../../src/service/workflow.js';
import { goStyleSessionsTable, rawClient, REGION } from '../engine/support.js';
import { allowed, denied, DYNAMODB_ITEM_ACTIONS, DYNAMODB_TABLE_ACTIONS, type Call } from '../helpers/iam-sim.js';
import { ACCOUNT, KEYS, keyArn } from '../helpers/kms-stand-in.js';
import { localWithStandIns } from '../helpers/local-stack.js';

const stack = localWithStandIns(REGION);
const credentials = async () => ({ accessKeyId: 'fakeAccessKey', secretAccessKey: 'fakeSecretKey' });
const TABLE_ARN = (table: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}`;

interface Flags {
  pitr?: boolean;
  tags?: Tag[];
  kmsKey?: string;
}

async function connect(flags: Flags) {
  const target = { region: REGION, endpointUrl: stack.proxy.endpoint, credentials };
  const kms = flags.kmsKey ? { kms: await createKmsApi(target, { AWS_ENDPOINT_URL_KMS: stack.kms.endpoint }) } : {};
  return { target, dynamo: await createDynamoApi(target), ...kms };
}

/** One CLI run: the check, then the apply of its plan. */
async function cliRun(kind: KindName, table: string, flags: Flags): Promise<void> {
  const conn = await connect(flags);
  const ctx: RunContext = { kind, table, region: REGION, endpointUrl: stack.proxy.endpoint, deletionProtection: true, pitr: flags.pitr ?? true, tags: flags.tags ?? [], ...(flags.kmsKey && { kmsKey: flags.kmsKey }) };
  const { plan } = await check(ctx, conn);
  await applyPlan(plan, conn);
}

/** `verify` on the table, as the CLI runs it; throws unless every pattern passed. */
async function verify(kind: KindName, table: string): Promise<void> {
  const report = await runVerify({ kind, table, region: REGION, endpointUrl: stack.proxy.endpoint, deletionProtection: true }, await connect({}));
  expect(report.checks.filter((c) => c.outcome !== 'pass')).toEqual([]);
}

/** The table a request names, by TableName or by the table part of ResourceArn. */
function tableOf(body: Record<string, unknown>): string {
  if (typeof body.TableName === 'string') return body.TableName;
  const arn = String(body.ResourceArn ?? '');
  return arn.slice(arn.indexOf(':table/') + ':table/'.length).split('/')[0] ?? '';
}

/** The DynamoDB calls `during` sends, each with the ARN it acts on (an index's when a Query names one). */
async function callsDuring(during: () => Promise<void>): Promise<Call[]> {
  const before = new Map(stack.proxy.operations().map((op) => [op, stack.proxy.bodies(op).length]));
  await during();
  return stack.proxy.operations().flatMap((op) =>
    stack.proxy
      .bodies(op)
      .slice(before.get(op) ?? 0)
      .map((body) => ({ action: `dynamodb:${op}`, resource: `${TABLE_ARN(tableOf(body))}${typeof body.IndexName === 'string' ? `/index/${body.IndexName}` : ''}` })),
  );
}

const actionsOf = (calls: readonly Call[]) => [...new Set(calls.map((c) => c.action))].sort();
/** The DynamoDB actions a document grants. */
const granted = (doc: PolicyDocument) => [...new Set(doc.Statement.flatMap((s) => s.Action).filter((a) => a.startsWith('dynamodb:')))].sort();

describe('the provisioning policy against the calls on the wire', () => {
  it('defaults plus --tag and --kms-key: a create, a converge and a verify send exactly what it grants, every call allowed on its ARN', async () => {
    const kmsBefore = stack.kms.calls().length;
    const flags = { tags: [{ key: 'team', value: 'platform' }], kmsKey: 'alias/sentinel-tables' };
    const calls = await callsDuring(async () => {
      await cliRun('sessions', 'policy-new', flags);
      await rawClient(stack.local.endpoint).send(new CreateTableCommand(goStyleSessionsTable('policy-old')));
      await cliRun('sessions', 'policy-old', flags);
      await verify('sessions', 'policy-new');
    });
    // Each new call was made: the runs really read and set PITR, tags and the key, and verify queried indexes.
    expect(actionsOf(calls)).toEqual(expect.arrayContaining(['dynamodb:DescribeContinuousBackups', 'dynamodb:UpdateContinuousBackups', 'dynamodb:ListTagsOfResource', 'dynamodb:TagResource', 'dynamodb:UpdateTable', 'dynamodb:PutItem']));
    expect(calls.some((c) => c.resource.includes('/index/'))).toBe(true);
    const kms = [...new Set(stack.kms.calls().slice(kmsBefore))];
    expect(kms).toEqual(['DescribeKey']);

    const key = keyArn(KEYS.tables, REGION);
    expect(stack.standIn.table('policy-new')?.kmsKeyArn).toBe(key);
    const doc = provisioningPolicy(['policy-new', 'policy-old'].map((table) => ({ kind: 'sessions' as const, table, region: REGION, accountId: ACCOUNT, kmsKeyArn: key })));
    expect(denied(doc, calls)).toEqual([]);
    expect(granted(doc)).toEqual(actionsOf(calls));
    // This tool's own DescribeKey, directly; and what DynamoDB calls on the key for it, through DynamoDB.
    expect(denied(doc, [{ action: 'kms:DescribeKey', resource: key }])).toEqual([]);
    const via = { 'kms:ViaService': `dynamodb.${REGION}.amazonaws.com` };
    expect(denied(doc, KMS_VIA_DYNAMODB_ACTIONS.map((action) => ({ action, resource: key, context: via })))).toEqual([]);
    expect(allowed(doc, KMS_VIA_DYNAMODB_ACTIONS.map((action) => ({ action, resource: key })))).toEqual([]);
    // Nothing else on the table: no other table call, no item call verify does not make.
    const others = DYNAMODB_TABLE_ACTIONS.filter((a) => !actionsOf(calls).includes(a));
    expect(allowed(doc, others.map((action) => ({ action, resource: TABLE_ARN('policy-new') })))).toEqual([]);
  });

  it('--no-pitr: UpdateContinuousBackups is neither sent nor granted; no --kms-key: no KMS call and no kms:* granted', async () => {
    const kmsBefore = stack.kms.calls().length;
    const calls = await callsDuring(async () => {
      await cliRun('sessions', 'nopitr-new', { pitr: false });
      await rawClient(stack.local.endpoint).send(new CreateTableCommand(goStyleSessionsTable('nopitr-old')));
      await cliRun('sessions', 'nopitr-old', { pitr: false });
      await verify('sessions', 'nopitr-old');
    });
    expect(stack.kms.calls().length).toBe(kmsBefore);
    const doc = provisioningPolicy(['nopitr-new', 'nopitr-old'].map((table) => ({ kind: 'sessions' as const, table, region: REGION, accountId: ACCOUNT, pitr: false })));
    expect(actionsOf(calls)).not.toContain('dynamodb:UpdateContinuousBackups');
    expect(denied(doc, calls)).toEqual([]);
    expect(granted(doc)).toEqual(actionsOf(calls));
    expect(JSON.stringify(doc)).not.toContain('kms:');
  });
});

describe('the runtime policy against the calls on the wire', () => {
  for (const kind of KIND_NAMES) {
    it(`${kind}: allows every call of Sentinel's access patterns, grants nothing more, and denies every call of a create and a converge`, async () => {
      const table = `runtime-${kind}`;
      const setup = await callsDuring(() => cliRun(kind, table, {}));
      const patterns = await callsDuring(() => verify(kind, table));
      const doc = runtimePolicy({ kind, table, region: REGION, accountId: ACCOUNT });
      // verify first reads the table (DescribeTable and the rest of describe): sentinel-init's calls, not
      // Sentinel's. The limiter never deletes: verify's DeleteItem on its table is verify's own cleanup.
      const items = patterns.filter((c) => DYNAMODB_ITEM_ACTIONS.includes(c.action));
      const sentinel = kind === 'ratelimit' ? items.filter((c) => c.action !== 'dynamodb:DeleteItem') : items;
      expect(allowed(doc, patterns.filter((c) => !items.includes(c)))).toEqual([]);
      expect(sentinel.length).toBeGreaterThan(0);
      expect(denied(doc, sentinel)).toEqual([]);
      expect(granted(doc)).toEqual(actionsOf(sentinel));
      expect(sentinel.some((c) => c.resource.includes('/index/'))).toBe(KINDS[kind].indexes.length > 0);
      // CreateTable, DescribeTable, UpdateTimeToLive, DescribeContinuousBackups… every one denied.
      expect(actionsOf(setup)).toEqual(expect.arrayContaining(['dynamodb:CreateTable', 'dynamodb:DescribeTable']));
      expect(allowed(doc, setup)).toEqual([]);
      expect(allowed(doc, ['UpdateTable', 'DeleteTable', 'CreateTable', 'TagResource', 'UpdateTimeToLive'].map((a) => ({ action: `dynamodb:${a}`, resource: TABLE_ARN(table) })))).toEqual([]);
      if (kind === 'ratelimit') expect(allowed(doc, patterns.filter((c) => c.action === 'dynamodb:DeleteItem'))).toEqual([]);
    });
  }
});
