/** Creating and converging real tables on DynamoDB Local (one JVM for the file). */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe as suite, expect, it } from 'vitest';
import type { DynamoApi } from '../../src/aws/types.js';
import { apply, describe, desiredTable, plan } from '../../src/engine/index.js';
import { AwsFailure } from '../../src/core/errors.js';
import { KINDS, KIND_NAMES } from '../../src/core/kinds.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { sessionStore, type Session } from '../../src/sentinel/sessions.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { api, goStyleSessionsTable, rawClient, recorder, REGION } from './support.js';

let local: DynamoDbLocal;
let proxy: FaultProxy;
let dynamo: DynamoApi;
let raw: DynamoDBClient;

beforeAll(async () => {
  local = await startDynamoDbLocal();
  proxy = await startFaultProxy(local.endpoint);
  dynamo = await api(proxy.endpoint);
  raw = rawClient(local.endpoint);
});
afterAll(async () => {
  raw?.destroy();
  await proxy?.stop();
  await local?.stop();
});

/** Plan from the live table, then apply: what one CLI run does. */
async function run(kind: (typeof KIND_NAMES)[number], table: string, deletionProtection = true) {
  const p = plan(desiredTable(kind, table, deletionProtection), await describe(dynamo, table), REGION);
  const progress = recorder();
  const result = await apply(p, dynamo, { onProgress: progress.onProgress });
  return { p, result, events: progress.events };
}

suite.each(KIND_NAMES)('a new %s table', (kind) => {
  const name = `${KINDS[kind].defaultTable}-new`;

  it('is created exactly as the spec says, then left alone on the next run', async () => {
    const before = proxy.count('CreateTable');
    const first = await run(kind, name);
    expect(first.p.action).toBe('create');
    expect(first.result).toEqual({ kind, table: name, region: REGION, status: 'created', tableArn: `arn:aws:dynamodb:ddblocal:000000000000:table/${name}` });
    const steps = first.events.filter((e) => e.type === 'step');
    expect([...new Set(steps.map((e) => e.id))]).toEqual(['create-table', 'wait-table', 'ttl', 'pitr']);
    // DynamoDB Local has no point-in-time recovery: the step says it was left off, not that it is on.
    expect(steps.at(-1)).toMatchObject({ id: 'pitr', label: expect.stringMatching(/does not implement it \(DynamoDB Local\); left off$/) });

    // What was sent: DynamoDB Local ignores SSE, so check the request itself.
    const sent = proxy.bodies('CreateTable').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ BillingMode: 'PAY_PER_REQUEST', SSESpecification: { Enabled: true, SSEType: 'KMS' }, DeletionProtectionEnabled: true });
    // The tool's two tags go with CreateTable (the policy grants the TagResource that needs).
    expect(sent[0]?.Tags).toEqual([
      { Key: 'managed-by', Value: 'sentinel-init' },
      { Key: 'sentinel:table-kind', Value: kind },
    ]);
    expect(sent[0]).not.toHaveProperty('ProvisionedThroughput');
    expect(sent[0]?.SSESpecification).not.toHaveProperty('KMSMasterKeyId');
    // DynamoDB refuses an empty list (DynamoDB Local: "GSI list is empty/invalid"): no key at all.
    if (KINDS[kind].indexes.length === 0) expect(sent[0]).not.toHaveProperty('GlobalSecondaryIndexes');

    const table = (await raw.send(new DescribeTableCommand({ TableName: name }))).Table!;
    expect(table.TableStatus).toBe('ACTIVE');
    expect(table.KeySchema).toEqual([{ AttributeName: KINDS[kind].partitionKey, KeyType: 'HASH' }]);
    const keyNames = new Set([KINDS[kind].partitionKey, ...KINDS[kind].indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
    expect(new Set(table.AttributeDefinitions?.map((a) => a.AttributeName))).toEqual(keyNames);
    expect(table.AttributeDefinitions?.every((a) => a.AttributeType === 'S')).toBe(true);
    expect(table.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.DeletionProtectionEnabled).toBe(true);
    expect(table.SSEDescription).toBeUndefined(); // DynamoDB Local reports no encryption at all
    const indexes = (table.GlobalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName, keys: i.KeySchema, projection: i.Projection, status: i.IndexStatus }));
    expect(indexes.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      KINDS[kind].indexes
        .map((i) => ({
          name: i.name,
          keys: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          projection: { ProjectionType: 'ALL' },
          status: 'ACTIVE',
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    const ttl = await raw.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: KINDS[kind].ttlAttribute });

    const creates = proxy.count('CreateTable');
    const again = await run(kind, name);
    expect(again.p.action).toBe('none');
    expect(again.p.notes).toEqual([]);
    expect(again.result.status).toBe('unchanged');
    expect(again.result.tableArn).toBe(first.result.tableArn);
    expect(proxy.count('CreateTable')).toBe(creates);
  });
});

suite('an existing table', () => {
  it('made by Sentinel\'s Go tool (its four indexes, TTL off) is converged: TTL and deletion protection, no index; then nothing to do', async () => {
    const name = 'go-made-sessions';
    await raw.send(new CreateTableCommand(goStyleSessionsTable(name)));
    const { p, result, events } = await run('sessions', name);
    expect(p.action).toBe('update');
    expect(p.changes.map((c) => c.target)).toEqual(['ttl', 'deletion-protection']);
    expect(result.status).toBe('updated');
    expect(events.filter((e) => e.type === 'done').map((e) => e.id)).toEqual(['ttl', 'deletion-protection']);
    const now = await describe(dynamo, name);
    expect(now?.indexes.map((i) => i.name).sort()).toEqual(['gsi-profile', 'gsi-server-instance', 'gsi-status', 'gsi-user']);
    expect(now).toMatchObject({ ttlStatus: 'ENABLED', ttlAttribute: 'ttl', deletionProtection: true });
    expect(plan(desiredTable('sessions', name, true), now, REGION).action).toBe('none');
  });

  it('missing one of Sentinel\'s indexes gets it added, ACTIVE, with its key attributes', async () => {
    const name = 'go-made-three-indexes';
    await raw.send(new CreateTableCommand(goStyleSessionsTable(name, ['gsi-profile'])));
    const { p, result, events } = await run('sessions', name);
    expect(p.changes.map((c) => c.target)).toEqual(['gsi-profile', 'ttl', 'deletion-protection']);
    expect(result.status).toBe('updated');
    expect(events.filter((e) => e.type === 'done').map((e) => e.id)).toEqual(['index:gsi-profile', 'ttl', 'deletion-protection']);
    const now = await describe(dynamo, name);
    expect(now?.indexes.find((i) => i.name === 'gsi-profile')).toMatchObject({ partitionKey: 'profile', sortKey: 'created_at', projection: 'ALL', status: 'ACTIVE' });
    expect(now?.attributeTypes.profile).toBe('S');
    expect(plan(desiredTable('sessions', name, true), now, REGION).action).toBe('none');
  });

  it('made by sentinel-init 0.1.0 loses gsi-device-id (and only it), then takes the server-mode session write it refused', async () => {
    const name = 'v010-sessions';
    const input = goStyleSessionsTable(name);
    const gsi = (IndexName: string, pk: string) => ({
      IndexName,
      KeySchema: [
        { AttributeName: pk, KeyType: 'HASH' as const },
        { AttributeName: 'created_at', KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    });
    input.GlobalSecondaryIndexes = [...(input.GlobalSecondaryIndexes ?? []), gsi('gsi-device-id', 'device_id'), gsi('gsi-team', 'team')];
    input.AttributeDefinitions = [...(input.AttributeDefinitions ?? []), { AttributeName: 'device_id', AttributeType: 'S' }, { AttributeName: 'team', AttributeType: 'S' }];
    await raw.send(new CreateTableCommand(input));
    const session: Session = { id: 'c0ffee0000000001', user: 'alice', profile: 'prod', serverInstanceId: '9f8e7d6c', status: 'active', deviceId: '', createdAt: new Date(), updatedAt: new Date(), expiresAt: new Date(Date.now() + 900_000) };
    await expect(raw.send(new PutItemCommand(sessionStore.create(name, session)))).rejects.toThrow(/IndexName: gsi-device-id, IndexKey: device_id/);

    const before = proxy.bodies('UpdateTable').length;
    const { p, result, events } = await run('sessions', name);
    expect(p.changes.map((c) => `${c.op}:${c.target}`)).toEqual(['remove-index:gsi-device-id', 'enable-ttl:ttl', 'enable-deletion-protection:deletion-protection']);
    expect(p.notes).toEqual(["Index gsi-team is not one of Sentinel's; left as is."]);
    expect(result.status).toBe('updated');
    expect(events.filter((e) => e.type === 'done').map((e) => e.id)).toEqual(['index:gsi-device-id', 'ttl', 'deletion-protection']);
    const deletes = proxy.bodies('UpdateTable').slice(before).filter((b) => 'GlobalSecondaryIndexUpdates' in b);
    expect(deletes).toEqual([{ TableName: name, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gsi-device-id' } }] }]);

    const now = await describe(dynamo, name);
    expect(now?.indexes.map((i) => i.name).sort()).toEqual(['gsi-profile', 'gsi-server-instance', 'gsi-status', 'gsi-team', 'gsi-user']);
    await raw.send(new PutItemCommand(sessionStore.create(name, session)));
    const again = plan(desiredTable('sessions', name, true), now, REGION);
    expect(again.action).toBe('none');
    expect(again.notes).toEqual(["Index gsi-team is not one of Sentinel's; left as is."]);
  });

  it('with --no-deletion-protection: protection is not turned on, and never turned off', async () => {
    const name = 'go-made-unprotected';
    await raw.send(new CreateTableCommand(goStyleSessionsTable(name)));
    const { p, result } = await run('sessions', name, false);
    expect(p.changes.map((c) => c.target)).toEqual(['ttl']);
    expect(result.status).toBe('updated');
    expect((await describe(dynamo, name))?.deletionProtection).toBe(false);

    const protectedName = 'already-protected';
    await run('sessions', protectedName, true);
    const again = await run('sessions', protectedName, false);
    expect(again.p.action).toBe('none');
    expect(again.p.notes).toContain('Deletion protection is on and stays on (this tool never turns it off).');
    expect((await describe(dynamo, protectedName))?.deletionProtection).toBe(true);
  });

  it('a rate-limit table made by hand (PK, no TTL, no protection) gets TTL on `TTL` and deletion protection; then nothing to do', async () => {
    const name = 'hand-made-ratelimit';
    await raw.send(
      new CreateTableCommand({ TableName: name, KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    const { p, result, events } = await run('ratelimit', name);
    expect(p.changes).toEqual([
      { op: 'enable-ttl', target: 'ttl', attribute: 'TTL' },
      { op: 'enable-deletion-protection', target: 'deletion-protection' },
    ]);
    expect(result.status).toBe('updated');
    expect(events.filter((e) => e.type === 'done').map((e) => e.id)).toEqual(['ttl', 'deletion-protection']);
    expect(await raw.send(new DescribeTimeToLiveCommand({ TableName: name }))).toMatchObject({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'TTL' } });
    expect(plan(desiredTable('ratelimit', name, true), await describe(dynamo, name), REGION).action).toBe('none');
  });

  it('a table keyed on id is refused as a rate-limit table and nothing is changed', async () => {
    const name = 'id-keyed-ratelimit';
    await raw.send(new CreateTableCommand({ TableName: name, KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }));
    const updatesBefore = proxy.count('UpdateTable') + proxy.count('UpdateTimeToLive');
    const error = await run('ratelimit', name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsFailure);
    expect((error as Error).message).toMatch(/its partition key is `id`, Sentinel needs `PK` \(S\)\. Nothing was changed\./);
    expect(proxy.count('UpdateTable') + proxy.count('UpdateTimeToLive')).toBe(updatesBefore);
  });

  it('with another key schema is refused and nothing is changed', async () => {
    const name = 'wrong-key-table';
    await raw.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: [
          { AttributeName: 'id', KeyType: 'HASH' },
          { AttributeName: 'created_at', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'created_at', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const updatesBefore = proxy.count('UpdateTable') + proxy.count('UpdateTimeToLive');
    const actual = await describe(dynamo, name);
    expect(() => plan(desiredTable('sessions', name, true), actual, REGION)).toThrow(AwsFailure);
    expect(() => plan(desiredTable('sessions', name, true), actual, REGION)).toThrow(/has a sort key \(`created_at`\).*Nothing was changed/);
    expect(proxy.count('UpdateTable') + proxy.count('UpdateTimeToLive')).toBe(updatesBefore);
    expect((await describe(dynamo, name))?.indexes).toEqual([]);
  });

  it('two concurrent creators of the same table both succeed, and it is made once', async () => {
    const name = 'raced-table';
    const desired = desiredTable('approvals', name, true);
    const p = plan(desired, await describe(dynamo, name), REGION);
    const results = await Promise.all([apply(p, dynamo), apply(p, await api(proxy.endpoint))]);
    const statuses = results.map((r) => r.status).sort();
    // The loser waits for the winner's table, then finishes whatever the winner had not yet done.
    expect([['created', 'unchanged'], ['created', 'updated']]).toContainEqual(statuses);
    expect(results[0]?.tableArn).toBe(results[1]?.tableArn);
    expect(proxy.bodies('CreateTable').filter((b) => b.TableName === name)).toHaveLength(2);
    expect(plan(desired, await describe(dynamo, name), REGION).action).toBe('none');
  });
});
