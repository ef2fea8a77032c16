/**
 * A change DynamoDB carried out (or may have) whose answer never came back intact: the fault proxy
 * resets the connection, cuts the JSON off, never answers, answers `{}`, or answers a captive portal's
 * page. The client makes one attempt (no retry hides it); the run's sentence is read back from
 * DynamoDB, never "Nothing was changed" when something was, and a rerun finishes.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe as suite, expect, it } from 'vitest';
import { createDynamoApi } from '../../src/aws/dynamo.js';
import type { DynamoApi } from '../../src/aws/types.js';
import { apply, describe, desiredTable, plan } from '../../src/engine/index.js';
import type { FaultKind } from '../helpers/fault-proxy.js';
import { localBehindProxy } from '../helpers/local-stack.js';
import { api, goStyleSessionsTable, rawClient, REGION } from './support.js';

const stack = localBehindProxy();
afterEach(() => stack.proxy.clear());

/** One attempt per call, 1 s each: the lost answer is the run's to explain. */
function oneAttempt(): Promise<DynamoApi> {
  const credentials = async () => ({ accessKeyId: 'fakeAccessKey', secretAccessKey: 'fakeSecretKey' });
  return createDynamoApi({ region: REGION, endpointUrl: stack.proxy.endpoint, credentials }, { AWS_MAX_ATTEMPTS: '1', SENTINEL_INIT_REQUEST_TIMEOUT_MS: '1000' });
}

async function run(name: string) {
  const dynamo = await oneAttempt();
  const p = plan(desiredTable('sessions', name, true), await describe(dynamo, name), REGION);
  return apply(p, dynamo, { endpointUrl: stack.proxy.endpoint }).then(
    (result) => ({ result, message: undefined }),
    (error: unknown) => ({ result: undefined, message: (error as Error).message }),
  );
}

/** A rerun with the CLI's usual client finishes, and nothing is left to do after it. */
async function rerunFinishes(name: string) {
  const dynamo = await api(stack.proxy.endpoint);
  const result = await apply(plan(desiredTable('sessions', name, true), await describe(dynamo, name), REGION), dynamo);
  expect(['created', 'updated', 'unchanged']).toContain(result.status);
  expect(plan(desiredTable('sessions', name, true), await describe(dynamo, name), REGION).action).toBe('none');
}

/** Answers lost or garbled after DynamoDB did the work; `html` never reached it. */
const LOST: readonly FaultKind[] = ['reset-after', 'bad-json-after', 'hang-after', 'empty-200-after', 'html'];
const direct = () => api(stack.local.endpoint);

// First: after the other suites of this file, DynamoDB Local kept the new index CREATING for over a
// minute (its own pace, not the tool's); run first it is ACTIVE within a second or two.
suite('UpdateTable adding an index (the run\'s first change) whose answer is lost or garbled', () => {
  it.each(['bad-json-after', 'reset-after'] as const)('UpdateTable adding an index, %s: the index read back is named; a rerun finishes', async (kind) => {
    const name = `lost-index-${kind}`;
    await rawClient(stack.local.endpoint).send(new CreateTableCommand(goStyleSessionsTable(name, ['gsi-profile'])));
    stack.proxy.inject('UpdateTable', kind);
    const { message } = await run(name);
    expect(message).not.toContain('Nothing was changed');
    expect(message).toMatch(/UpdateTable was sent but its answer was lost or unreadable/);
    expect(message).toMatch(/indexes .*gsi-profile (ACTIVE|CREATING)/);
    await rerunFinishes(name);
  });
});

suite('CreateTable whose answer is lost or garbled', () => {
  it.each(LOST)('%s: the sentence is what DescribeTable reads now; a rerun finishes', async (kind) => {
    const name = `lost-create-${kind}`;
    stack.proxy.inject('CreateTable', kind);
    const { result, message } = await run(name);
    const exists = await describe(await direct(), name);
    if (kind === 'empty-200-after') {
      // `{}` parses as a success: the waits read the table back before "created" is said.
      expect(result?.status).toBe('created');
      expect(exists?.status).toBe('ACTIVE');
    } else {
      expect(message).toBeDefined();
      expect(message).not.toContain('Nothing was changed');
      expect(message).toContain('CreateTable was sent but its answer was lost or unreadable');
      if (kind === 'html') {
        expect(exists).toBeUndefined();
        expect(message).toContain(`Table ${name} does not exist.`);
      } else {
        expect(exists?.status).toBe('ACTIVE');
        expect(message).toMatch(new RegExp(`Now, as DynamoDB reports it: table ${name} ACTIVE; indexes .*gsi-user ACTIVE`));
        expect(message).toContain('Running again finishes: enable TTL on attribute ttl');
      }
    }
    await rerunFinishes(name);
  });
});

suite('a converge call whose answer is lost or garbled (the run\'s first change)', () => {
  it.each(LOST)('UpdateTimeToLive, %s: says what TTL reads now; a rerun finishes', async (kind) => {
    const name = `lost-ttl-${kind}`;
    await rawClient(stack.local.endpoint).send(new CreateTableCommand(goStyleSessionsTable(name)));
    stack.proxy.inject('UpdateTimeToLive', kind);
    const { result, message } = await run(name);
    const now = await describe(await direct(), name);
    if (kind === 'empty-200-after') {
      // TTL is read back after the call: an empty answer is not taken for it.
      expect(result?.status).toBe('updated');
      expect(now?.ttlStatus).toBe('ENABLED');
    } else {
      expect(message).not.toContain('Nothing was changed');
      expect(message).toContain('UpdateTimeToLive was sent but its answer was lost or unreadable');
      expect(message).toContain(kind === 'html' ? 'TTL disabled' : 'TTL enabled on ttl');
      expect(now?.ttlStatus).toBe(kind === 'html' ? 'DISABLED' : 'ENABLED');
    }
    await rerunFinishes(name);
  });

});
