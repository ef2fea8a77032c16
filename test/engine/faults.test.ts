/** Real wire failures between the engine and DynamoDB Local: transient ones survived, denials explained. */
import { createServer } from 'node:net';
import { describe as suite, expect, it } from 'vitest';
import { createDynamoApi } from '../../src/aws/dynamo.js';
import { apply, describe, desiredTable, plan } from '../../src/engine/index.js';
import { AwsFailure } from '../../src/core/errors.js';
import { localBehindProxy } from '../helpers/local-stack.js';
import { api, goStyleSessionsTable, rawClient, recorder, REGION } from './support.js';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';

const stack = localBehindProxy();

/** A fresh client per test: the SDK's retry quota is per client. */
async function createPlanAndApply(kind: 'sessions' | 'approvals' | 'breakglass', name: string) {
  const dynamo = await api(stack.proxy.endpoint);
  const p = plan(desiredTable(kind, name, true), await describe(dynamo, name), REGION);
  const progress = recorder();
  const result = await apply(p, dynamo, { onProgress: progress.onProgress, endpointUrl: stack.proxy.endpoint });
  return { dynamo, p, result, events: progress.events };
}

const mixed = (op: string) => {
  stack.proxy.inject(op, '500');
  stack.proxy.inject(op, 'throttle');
  stack.proxy.inject(op, 'reset');
};

suite('transient failures', () => {
  it('three in a row on CreateTable (500, throttling, reset) are survived; the table is made once', async () => {
    const name = 'flaky-create';
    const before = stack.proxy.count('CreateTable');
    const dynamo = await api(stack.proxy.endpoint);
    const p = plan(desiredTable('sessions', name, true), await describe(dynamo, name), REGION);
    mixed('CreateTable');
    const result = await apply(p, dynamo);
    expect(result.status).toBe('created');
    expect(stack.proxy.count('CreateTable') - before).toBe(4);
    expect(stack.proxy.pending('CreateTable')).toBe(0);
    expect((await describe(dynamo, name))?.indexes).toHaveLength(4);
  });

  it('three in a row on DescribeTable, during the wait, are survived', async () => {
    const name = 'flaky-describe';
    const dynamo = await api(stack.proxy.endpoint);
    const p = plan(desiredTable('approvals', name, true), await describe(dynamo, name), REGION);
    mixed('DescribeTable');
    stack.proxy.inject('DescribeTable', 'throughput');
    const result = await apply(p, dynamo);
    expect(result.status).toBe('created');
    expect(stack.proxy.pending('DescribeTable')).toBe(0);
  });

  it('failures outlasting the SDK\'s own retries during a wait are retried by the engine, and reported', async () => {
    const name = 'very-flaky-describe';
    const dynamo = await api(stack.proxy.endpoint);
    const p = plan(desiredTable('breakglass', name, true), await describe(dynamo, name), REGION);
    stack.proxy.inject('DescribeTable', '503', 7);
    const progress = recorder();
    const result = await apply(p, dynamo, { onProgress: progress.onProgress, pollDelay: () => 100 });
    expect(result.status).toBe('created');
    expect(progress.events).toContainEqual({ type: 'retry', id: 'wait-table', attempt: 1, reason: 'ServiceUnavailable' });
  });

  it('three in a row on UpdateTimeToLive are survived and TTL ends up on', async () => {
    const name = 'flaky-ttl';
    mixed('UpdateTimeToLive');
    const { dynamo, result } = await createPlanAndApply('breakglass', name);
    expect(result.status).toBe('created');
    expect(await describe(dynamo, name)).toMatchObject({ ttlStatus: 'ENABLED', ttlAttribute: 'ttl' });
  });

  it('a reset after DynamoDB already created the table is survived (the retry meets the table)', async () => {
    const name = 'reset-after-create';
    stack.proxy.inject('CreateTable', 'reset-after');
    const { dynamo, result, events } = await createPlanAndApply('approvals', name);
    expect(['created', 'updated']).toContain(result.status);
    // The table met at the retry may be this run's own: never claimed to be another run's.
    const labels = events.flatMap((e) => (e.type === 'step' ? [e.label] : []));
    expect(labels).toContain(`Table ${name} exists (an attempt whose answer was lost, or another run, made it): wait for it`);
    expect(labels.join('\n')).not.toContain('another run: wait');
    expect(plan(desiredTable('approvals', name, true), await describe(dynamo, name), REGION).action).toBe('none');
  });

  it('"Only 1 online index" while adding an index: waits, retries, adds it once', async () => {
    const name = 'busy-index-table';
    await rawClient(stack.local.endpoint).send(new CreateTableCommand(goStyleSessionsTable(name, ['gsi-profile'])));
    stack.proxy.inject('UpdateTable', 'limit-exceeded', 2);
    const before = stack.proxy.bodies('UpdateTable').length;
    // The SDK retries LimitExceededException itself; with one attempt the engine's own retry shows.
    const credentials = async () => ({ accessKeyId: 'fakeAccessKey', secretAccessKey: 'fakeSecretKey' });
    const dynamo = await createDynamoApi({ region: REGION, endpointUrl: stack.proxy.endpoint, credentials }, { AWS_MAX_ATTEMPTS: '1' });
    const p = plan(desiredTable('sessions', name, true), await describe(dynamo, name), REGION);
    const { events, onProgress } = recorder();
    const result = await apply(p, dynamo, { onProgress, pollDelay: () => 100 });
    expect(result.status).toBe('updated');
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.id)).toEqual(['index:gsi-profile', 'index:gsi-profile']);
    const adds = stack.proxy.bodies('UpdateTable').slice(before).filter((b) => 'GlobalSecondaryIndexUpdates' in b);
    expect(adds).toHaveLength(3); // two refused, one accepted
    expect((await describe(dynamo, name))?.indexes.map((i) => i.name)).toContain('gsi-profile');
  });
});

suite('failures a person must act on', () => {
  it('AccessDenied on CreateTable names the action, says nothing was changed', async () => {
    const name = 'denied-create';
    stack.proxy.inject('CreateTable', 'access-denied');
    const error = await createPlanAndApply('sessions', name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsFailure);
    expect((error as AwsFailure).message).toBe(`AWS denied dynamodb:CreateTable on table ${name} in ${REGION}. Nothing was changed.`);
    expect((error as AwsFailure).hint).toContain(`provisioning policy printed by \`sentinel-init sessions --generate-iam provisioning --region ${REGION} --table ${name}\``);
    expect(await describe(await api(stack.local.endpoint), name)).toBeUndefined();
  });

  it('AccessDenied on UpdateTimeToLive says the table exists, and the next run finishes it', async () => {
    const name = 'denied-ttl';
    stack.proxy.inject('UpdateTimeToLive', 'access-denied');
    const error = await createPlanAndApply('approvals', name).catch((e: unknown) => e);
    expect((error as AwsFailure).message).toBe(
      `AWS denied dynamodb:UpdateTimeToLive on table ${name} in ${REGION}. Now, as DynamoDB reports it: table ${name} ACTIVE; indexes gsi-requester ACTIVE, gsi-status ACTIVE, gsi-profile ACTIVE; TTL disabled; deletion protection on. Running again finishes: enable TTL on attribute ttl.`,
    );
    const rerun = await createPlanAndApply('approvals', name);
    expect(rerun.p.changes).toEqual([{ op: 'enable-ttl', target: 'ttl', attribute: 'ttl' }]);
    expect(rerun.result.status).toBe('updated');
  });

  it('an endpoint nobody listens on: "Could not reach DynamoDB at ..." (AWS_MAX_ATTEMPTS honoured)', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const address = s.address();
        s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const endpointUrl = `http://127.0.0.1:${port}`;
    const credentials = async () => ({ accessKeyId: 'fakeAccessKey', secretAccessKey: 'fakeSecretKey' });
    const dynamo = await createDynamoApi({ region: REGION, endpointUrl, credentials }, { AWS_MAX_ATTEMPTS: '1' });
    const p = plan(desiredTable('sessions', 'unreachable', true), undefined, REGION);
    const error = await apply(p, dynamo, { endpointUrl }).catch((e: unknown) => e);
    expect((error as AwsFailure).message).toBe(`Could not reach DynamoDB at ${endpointUrl} (ECONNREFUSED). Nothing was changed.`);
  });
});
