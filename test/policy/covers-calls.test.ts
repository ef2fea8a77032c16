/**
 * The Provisioning statement is exactly what the engine calls: every DynamoDB operation a create and
 * a converge send on the wire (seen by a loopback proxy in front of DynamoDB Local) is granted, and
 * nothing is granted that the engine never sends.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { expect, it } from 'vitest';
import { apply, describe, desiredTable, plan } from '../../src/engine/index.js';
import { generatePolicy } from '../../src/policy/iam.js';
import { api, goStyleSessionsTable, rawClient, REGION } from '../engine/support.js';
import { localBehindProxy } from '../helpers/local-stack.js';

const stack = localBehindProxy();

async function planAndApply(name: string): Promise<void> {
  const dynamo = await api(stack.proxy.endpoint);
  const p = plan(desiredTable('sessions', name, true), await describe(dynamo, name), REGION);
  await apply(p, dynamo);
}

it('a create and a converge send exactly the calls the Provisioning statement grants', async () => {
  await planAndApply('policy-new');
  await rawClient(stack.local.endpoint).send(new CreateTableCommand(goStyleSessionsTable('policy-old')));
  await planAndApply('policy-old');

  const sent = stack.proxy.operations().map((op) => `dynamodb:${op}`).sort();
  const policy = generatePolicy({ kind: 'sessions', table: 'policy-new', region: REGION });
  const provisioning = policy.Statement.find((s) => s.Sid === 'SentinelSessionTableProvisioning');
  expect(sent).toEqual([...(provisioning?.Action ?? [])].sort());
});
