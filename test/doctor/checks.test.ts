/** doctor's pure checks: the Lambda TVM's calls, the environment's miswirings, a table's kind, a function reference. */
import { describe, expect, it } from 'vitest';
import { KIND_NAMES, KINDS } from '../../src/core/kinds.js';
import { regionOfFunctionRef, validateFunctionRef } from '../../src/core/function-ref.js';
import { environmentFindings, goAtoi, tablesRead } from '../../src/doctor/environment.js';
import { kindOfTable, schemaFindings } from '../../src/doctor/schema.js';
import type { ActualTable } from '../../src/engine/types.js';
import { OPERATION_ACTIONS } from '../../src/policy/iam.js';
import { TVM_CALLS } from '../../src/sentinel/tvm-calls.js';

const codes = (vars: Record<string, string>) => environmentFindings(vars, 'eu-west-1', 'r').map((f) => f.code);

describe("the Lambda TVM's calls", () => {
  it('are all granted by the runtime policy, on indexes the kind has', () => {
    for (const kind of KIND_NAMES) {
      for (const call of TVM_CALLS[kind]) {
        expect(OPERATION_ACTIONS[kind], `${kind} ${call.action}`).toContain(call.action);
        if (call.index) expect(KINDS[kind].indexes.map((i) => i.name)).toContain(call.index);
      }
    }
  });
});

describe("the environment, as Sentinel's Lambda TVM reads it", () => {
  it('reads the rate-limit requests as Go strconv.Atoi does', () => {
    expect([goAtoi('100'), goAtoi('+5'), goAtoi('-1'), goAtoi('007')]).toEqual([100, 5, -1, 7]);
    for (const bad of ['', ' 5', '5 ', '1e3', '1.5', '0x10', 'ten']) expect(goAtoi(bad), bad).toBeUndefined();
  });

  it('reads a table only when its variable holds a name, the rate-limit one only while the limit is on', () => {
    expect(tablesRead({ SENTINEL_SESSION_TABLE: 's', SENTINEL_APPROVAL_TABLE: '', SENTINEL_RATE_LIMIT_TABLE: 'rl' }).map((t) => t.kind)).toEqual(['sessions', 'ratelimit']);
    expect(tablesRead({ SENTINEL_RATE_LIMIT_TABLE: 'rl', SENTINEL_RATE_LIMIT_REQUESTS: '0' })).toEqual([]);
  });

  it('names each miswiring once, and none when all is set', () => {
    expect(codes({ SENTINEL_RATE_LIMIT_TABLE: 'rl' })).toEqual([]);
    expect(codes({ SENTINEL_RATE_LIMIT_TABLE: 'rl', SENTINEL_RATE_LIMIT_REQUESTS: '0' })).toEqual(['rate-limit-table-unread']);
    expect(codes({ SENTINEL_RATE_LIMIT_REQUESTS: '-3' })).toEqual([]);
    expect(codes({ SENTINEL_SESSION_TABLE: '', SENTINEL_RATE_LIMIT_REQUESTS: '0' })).toEqual(['empty-variable']);
    const both = environmentFindings({ SENTINEL_REQUEST_TABLE: 'x', SENTINEL_APPROVAL_TABLE: 'y', SENTINEL_RATE_LIMIT_REQUESTS: '0' }, 'eu-west-1', 'r');
    expect(both).toEqual([expect.objectContaining({ code: 'request-table-variable', fix: 'remove SENTINEL_REQUEST_TABLE; the approvals table is SENTINEL_APPROVAL_TABLE=y' })]);
  });
});

const table = (kind: keyof typeof KINDS, edit: Partial<ActualTable> = {}) => ({
  name: `t-${kind}`,
  arn: '',
  status: 'ACTIVE',
  partitionKey: KINDS[kind].partitionKey,
  attributeTypes: { [KINDS[kind].partitionKey]: 'S' as const },
  indexes: KINDS[kind].indexes.map((i) => ({ name: i.name, partitionKey: i.partitionKey, sortKey: i.sortKey, projection: 'ALL', status: 'ACTIVE', backfilling: false })),
  deletionProtection: true,
  ...edit,
});

describe("a table's kind, from DescribeTable alone", () => {
  it("finds every kind's own table that kind, and nothing wrong with it", () => {
    for (const kind of KIND_NAMES) {
      expect(kindOfTable(table(kind))).toBe(kind);
      expect(schemaFindings(kind, 'V', table(kind), 'eu-west-1')).toEqual([]);
    }
  });

  it('says which index the Lambda TVM queries is missing, and which only the CLI needs', () => {
    const approvals = table('approvals');
    const [lacking] = schemaFindings('approvals', 'V', { ...approvals, indexes: approvals.indexes.filter((i) => i.name !== 'gsi-requester') }, 'eu-west-1');
    expect(lacking?.message).toBe("Table t-approvals lacks Sentinel's gsi-requester as the approvals store queries it (the Lambda TVM queries gsi-requester, so that fails).");
    const [cli] = schemaFindings('approvals', 'V', { ...approvals, indexes: approvals.indexes.filter((i) => i.name !== 'gsi-status') }, 'eu-west-1');
    expect(cli?.message).toContain('(the Lambda TVM does not query it; the sentinel CLI does)');
  });

  it("names the retired gsi-device-id, which makes the Lambda's session writes fail", () => {
    const sessions = table('sessions');
    const withRetired = { ...sessions, indexes: [...sessions.indexes, { name: 'gsi-device-id', partitionKey: 'device_id', sortKey: 'created_at', projection: 'ALL', status: 'ACTIVE', backfilling: false }] };
    expect(schemaFindings('sessions', 'V', withRetired, 'eu-west-1').map((f) => f.code)).toEqual(['table-retired-index']);
  });

  it('a rate-limit variable on a sessions table: another key', () => {
    const [f] = schemaFindings('ratelimit', 'SENTINEL_RATE_LIMIT_TABLE', table('sessions'), 'eu-west-1');
    expect(f).toMatchObject({ code: 'table-other-kind', message: 'SENTINEL_RATE_LIMIT_TABLE=t-sessions is not a ratelimit table: it is a sessions table.' });
  });
});

describe('--function', () => {
  it("takes a name, a partial ARN or an ARN, and an ARN's region", () => {
    for (const ok of ['sentinel-tvm', 'sentinel-tvm:prod', '123456789012:function:sentinel-tvm', 'arn:aws:lambda:eu-west-1:123456789012:function:sentinel-tvm', 'arn:aws-cn:lambda:cn-north-1:123456789012:function:f:$LATEST']) {
      expect(validateFunctionRef(ok), ok).toBeUndefined();
    }
    for (const bad of ['', 'has space', 'arn:aws:lambda:eu-west-1:1234:function:f', 'a'.repeat(65)]) expect(validateFunctionRef(bad), bad).toBeDefined();
    expect(regionOfFunctionRef('arn:aws:lambda:eu-west-1:123456789012:function:f')).toBe('eu-west-1');
    expect(regionOfFunctionRef('sentinel-tvm')).toBeUndefined();
  });
});
