/** DynamoDB Local with the fault proxy in front (and, for the production defaults, the stand-ins), started before the file's (or block's) tests and stopped after. */
import { afterAll, beforeAll } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { startDynamoStandIn, type DynamoStandIn } from './dynamo-stand-in.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { startKmsStandIn, type KmsStandIn } from './kms-stand-in.js';

export interface LocalStack {
  local: DynamoDbLocal;
  proxy: FaultProxy;
}

/** Registers the hooks; the returned object is filled in by the time the tests run. */
export function localBehindProxy(): LocalStack {
  const stack = {} as LocalStack;
  beforeAll(async () => {
    stack.local = await startDynamoDbLocal();
    stack.proxy = await startFaultProxy(stack.local.endpoint);
  });
  afterAll(async () => {
    await stack.proxy?.stop();
    await stack.local?.stop();
  });
  return stack;
}

export interface StandInStack extends LocalStack {
  /** PITR, tags and reported encryption, between the fault proxy and DynamoDB Local. */
  standIn: DynamoStandIn;
  /** KMS DescribeKey for the test keys in `region` (AWS_ENDPOINT_URL_KMS). */
  kms: KmsStandIn;
}

/** DynamoDB Local, the stand-in in front of it, the fault proxy in front of that, and the KMS stand-in. */
export function localWithStandIns(region: string): StandInStack {
  const stack = {} as StandInStack;
  beforeAll(async () => {
    stack.local = await startDynamoDbLocal();
    stack.standIn = await startDynamoStandIn(stack.local.endpoint);
    stack.proxy = await startFaultProxy(stack.standIn.endpoint);
    stack.kms = await startKmsStandIn(region);
  });
  afterAll(async () => {
    await stack.kms?.stop();
    await stack.proxy?.stop();
    await stack.standIn?.stop();
    await stack.local?.stop();
  });
  return stack;
}
