/**
 * The Provisioning statement is exactly what the engine calls: every DynamoDB operation a create and
 * a converge send on the wire (seen by a loopback proxy in front of DynamoDB Local) is granted, and
 * nothing is granted that the engine never sends.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apply, describe, desiredTable, plan } from '../../src/engine/index.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { generatePolicy } from '../../src/policy/iam.js';
import { api, goStyleSessionsTable, rawClient, REGION } from '../engine/support.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';

let local: DynamoDbLocal;
let proxy: FaultProxy;

beforeAll(async () => {
  local = await startDynamoDbLocal();
  proxy = await startFaultProxy(local.endpoint);
});
afterAll(async () => {
  await proxy?.stop();
  await local?.stop();
});

async function planAndApply(name: string): Promise<void> {
  const dynamo = await api(proxy.endpoint);
  const p = plan(desiredTable('sessions', name, true), await describe(dynamo, name), REGION);
  await apply(p, dynamo);
}

it('a create and a converge send exactly the calls the Provisioning statement grants', async () => {
  await planAndApply('policy-new');
  await rawClient(local.endpoint).send(new CreateTableCommand(goStyleSessionsTable('policy-old')));
  await planAndApply('policy-old');

  const sent = proxy.operations().map((op) => `dynamodb:${op}`).sort();
  const policy = generatePolicy({ kind: 'sessions', table: 'policy-new', region: REGION });
  const provisioning = policy.Statement.find((s) => s.Sid === 'SentinelSessionTableProvisioning');
  expect(sent).toEqual([...(provisioning?.Action ?? [])].sort());
});
