/** DynamoDB Local with the fault proxy in front, started before the file's (or block's) tests and stopped after. */
import { afterAll, beforeAll } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

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
