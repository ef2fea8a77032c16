/**
 * Point-in-time recovery, tags and a customer managed key on real tables: DynamoDB Local behind the
 * stand-in that implements what DynamoDB Local lacks (test/helpers/dynamo-stand-in.ts). What the
 * stand-in holds after a run is what DynamoDB would report; the fault proxy in front counts calls.
 */
import { CreateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { describe as suite, expect, it } from 'vitest';
import { apply, describe, desiredTable, plan, type ProgressEvent } from '../../src/engine/index.js';
import type { TableSettings } from '../../src/engine/desired.js';
import { KINDS, KIND_NAMES, type KindName } from '../../src/core/kinds.js';
import { awsManagedKeyArn } from '../helpers/dynamo-stand-in.js';
import { KEYS, keyArn } from '../helpers/kms-stand-in.js';
import { localWithStandIns } from '../helpers/local-stack.js';
import { api, goStyleSessionsTable, rawClient, REGION } from './support.js';

const stack = localWithStandIns(REGION);
const CMK = keyArn(KEYS.tables, REGION);
const TOOL_TAGS = (kind: KindName) => ({ 'managed-by': 'sentinel-init', 'sentinel:table-kind': kind });

/** One CLI run's plan and apply, with the settings the flags would give. */
async function run(kind: KindName, table: string, settings: TableSettings = {}) {
  const dynamo = await api(stack.proxy.endpoint);
  const p = plan(desiredTable(kind, table, true, settings), await describe(dynamo, table), REGION);
  const events: ProgressEvent[] = [];
  const result = await apply(p, dynamo, { onProgress: (e) => events.push(e), pollDelay: () => 20 });
  return { p, result, events };
}

/** Calls of `op` made while `work` ran. */
async function counting<T>(ops: string[], work: () => Promise<T>): Promise<{ out: T; calls: Record<string, number> }> {
  const before = Object.fromEntries(ops.map((op) => [op, stack.proxy.count(op)]));
  const out = await work();
  return { out, calls: Object.fromEntries(ops.map((op) => [op, stack.proxy.count(op) - (before[op] ?? 0)])) };
}

suite.each(KIND_NAMES)('a new %s table', (kind) => {
  it('gets PITR on, both tool tags and the user\'s, and the customer managed key; the next run is unchanged', async () => {
    const name = `${KINDS[kind].defaultTable}-prod`;
    const settings = { tags: [{ key: 'team', value: 'platform' }], kmsKey: { given: 'alias/sentinel-tables', arn: CMK } };
    const { out: first, calls } = await counting(['CreateTable', 'TagResource', 'UpdateContinuousBackups'], () => run(kind, name, settings));
    expect(first.result.status).toBe('created');
    expect(first.events.filter((e) => e.type === 'step').map((e) => e.id)).toEqual(['create-table', 'wait-table', 'ttl', 'pitr']);
    // Tags and key went with CreateTable; PITR took its own call once the table was ACTIVE.
    expect(calls).toEqual({ CreateTable: 1, TagResource: 0, UpdateContinuousBackups: 1 });
    expect(stack.proxy.bodies('CreateTable').at(-1)).toMatchObject({
      SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: CMK },
      Tags: [
        { Key: 'managed-by', Value: 'sentinel-init' },
        { Key: 'sentinel:table-kind', Value: kind },
        { Key: 'team', Value: 'platform' },
      ],
    });
    expect(stack.standIn.table(name)).toEqual({ pitr: 'ENABLED', tags: { ...TOOL_TAGS(kind), team: 'platform' }, kmsKeyArn: CMK });

    const again = await run(kind, name, settings);
    expect(again.p.action).toBe('none');
    expect(again.result.status).toBe('unchanged');
    expect(again.p.compliance.filter((c) => c.status !== 'met')).toEqual([]);
  });
});

suite('an existing table', () => {
  it('made by Sentinel\'s Go init (PITR off, no tags, no key of ours) is converged: PITR on, tags added, key switched', async () => {
    const name = 'prod-old-sessions';
    await rawClient(stack.local.endpoint).send(new CreateTableCommand(goStyleSessionsTable(name)));
    const settings = { tags: [{ key: 'team', value: 'platform' }], kmsKey: { given: CMK, arn: CMK } };
    const first = await run('sessions', name, settings);
    expect(first.p.changes.filter((c) => ['enable-pitr', 'tag', 'set-kms-key'].includes(c.op))).toEqual([
      { op: 'enable-pitr', target: 'pitr' },
      { op: 'tag', target: 'tags', tags: { ...TOOL_TAGS('sessions'), team: 'platform' } },
      { op: 'set-kms-key', target: 'encryption', keyArn: CMK },
    ]);
    expect(first.result.status).toBe('updated');
    expect(stack.standIn.table(name)).toEqual({ pitr: 'ENABLED', tags: { ...TOOL_TAGS('sessions'), team: 'platform' }, kmsKeyArn: CMK });
    expect((await run('sessions', name, settings)).result.status).toBe('unchanged');
  });

  it('on the AWS managed key switches to the customer managed key, and says DynamoDB allows it', async () => {
    const name = 'prod-managed-key';
    await run('breakglass', name);
    expect(stack.standIn.table(name)?.kmsKeyArn).toBe(awsManagedKeyArn(REGION));
    const other = keyArn(KEYS.other, REGION);
    const { p, result } = await run('breakglass', name, { kmsKey: { given: 'alias/sentinel-other', arn: other } });
    expect(p.changes).toEqual([{ op: 'set-kms-key', target: 'encryption', keyArn: other, from: awsManagedKeyArn(REGION) }]);
    expect(result.status).toBe('updated');
    expect(stack.standIn.table(name)?.kmsKeyArn).toBe(other);
  });

  it('without --kms-key keeps its customer managed key: no switch back to the AWS managed key', async () => {
    const name = 'prod-keep-key';
    await run('approvals', name, { kmsKey: { given: CMK, arn: CMK } });
    const { out, calls } = await counting(['UpdateTable'], () => run('approvals', name));
    expect(out.p.action).toBe('none');
    expect(calls.UpdateTable).toBe(0);
    expect(stack.standIn.table(name)?.kmsKeyArn).toBe(CMK);
    expect(out.p.compliance.find((c) => c.control === 'CT.DYNAMODB.PR.2')).toMatchObject({ status: 'met', detail: `KMS key ${CMK}, kept: no --kms-key` });
  });

  it('with only some tags gets just the missing and changed ones, and keeps tags it does not know', async () => {
    const name = 'prod-some-tags';
    await run('ratelimit', name, { tags: [{ key: 'team', value: 'old' }, { key: 'owner', value: 'x' }] });
    const { p } = await run('ratelimit', name, { tags: [{ key: 'team', value: 'new' }] });
    expect(p.changes).toEqual([{ op: 'tag', target: 'tags', tags: { team: 'new' } }]);
    expect(stack.standIn.table(name)?.tags).toEqual({ ...TOOL_TAGS('ratelimit'), team: 'new', owner: 'x' });
  });
});

suite('--no-pitr', () => {
  it('creates without turning PITR on, and never turns it off on a table that has it', async () => {
    const { out, calls } = await counting(['UpdateContinuousBackups'], () => run('sessions', 'nopitr-new', { pitr: false }));
    expect(out.p.changes.map((c) => c.op)).toEqual(['create-table', 'enable-ttl']);
    expect(calls.UpdateContinuousBackups).toBe(0);
    expect(stack.standIn.table('nopitr-new')?.pitr).toBe('DISABLED');
    const failing = out.p.compliance.filter((c) => c.status === 'not met').map((c) => `${c.control}: ${c.detail}`);
    expect(failing).toEqual(['DynamoDB.2', 'CT.DYNAMODB.PR.1', 'DEPLOY-02b'].map((c) => `${c}: point-in-time recovery off: --no-pitr`));

    await run('sessions', 'nopitr-on');
    const { out: kept, calls: after } = await counting(['UpdateContinuousBackups'], () => run('sessions', 'nopitr-on', { pitr: false }));
    expect(kept.p.action).toBe('none');
    expect(kept.p.notes).toEqual(['Point-in-time recovery is on and stays on (--no-pitr never turns it off).']);
    expect(after.UpdateContinuousBackups).toBe(0);
    expect(stack.standIn.table('nopitr-on')?.pitr).toBe('ENABLED');
  });
});

suite('waits', () => {
  it('right after a create, waits out ContinuousBackupsUnavailableException, then reads PITR back', async () => {
    stack.standIn.backupsNotYetAvailable('pitr-slow', 2);
    const { out, calls } = await counting(['UpdateContinuousBackups'], () => run('approvals', 'pitr-slow'));
    expect(out.result.status).toBe('created');
    expect(calls.UpdateContinuousBackups).toBe(3);
    const waiting = out.events.filter((e) => e.type === 'waiting' && e.id === 'pitr').map((e) => e.type === 'waiting' && e.status);
    expect(waiting).toContain('CONTINUOUS BACKUPS NOT YET AVAILABLE');
    expect(stack.standIn.table('pitr-slow')?.pitr).toBe('ENABLED');
  });

  it('TagResource is asynchronous: an old tag set listed right after is waited out', async () => {
    // A rate-limit table made around this tool: right but for its tags.
    const input = { TableName: 'tags-slow', KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' as const }], AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' as const }] };
    await rawClient(stack.local.endpoint).send(new CreateTableCommand({ ...input, BillingMode: 'PAY_PER_REQUEST', DeletionProtectionEnabled: true }));
    await rawClient(stack.local.endpoint).send(new UpdateTimeToLiveCommand({ TableName: 'tags-slow', TimeToLiveSpecification: { Enabled: true, AttributeName: 'TTL' } }));
    let stale = 3;
    stack.proxy.rewrite('ListTagsOfResource', (answer) => (stale-- > 0 ? { Tags: [] } : answer));
    try {
      const { events, result } = await run('ratelimit', 'tags-slow', { pitr: false });
      expect(result.status).toBe('updated');
      expect(events.some((e) => e.type === 'waiting' && e.id === 'tags' && e.status === 'NOT YET LISTED')).toBe(true);
    } finally {
      stack.proxy.clear();
    }
  });
});
