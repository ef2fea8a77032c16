/**
 * A table that is plainly another kind's (its indexes are exactly that kind's): the plan says so,
 * because converging would add the wrong kind's indexes to, say, the break-glass table. A table
 * that is merely incomplete, or has an index of its own, is not called a lookalike.
 */
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/core/kinds.js';
import { desiredTable, plan } from '../../src/engine/index.js';
import { lookalikeKind, lookalikeWarning } from '../../src/engine/lookalike.js';
import { matching } from './actual.js';

const sessions = desiredTable('sessions', 'shared', true);

describe('lookalike', () => {
  it('a breakglass table planned as sessions: the plan names breakglass', () => {
    const p = plan(sessions, matching('breakglass', 'shared'), 'eu-west-1');
    expect(p.action).toBe('update');
    expect(p.lookalike).toBe('breakglass');
    expect(lookalikeWarning('shared', 'sessions', 'breakglass')).toBe(
      "Table shared looks like a breakglass table (its indexes are exactly breakglass's): converging turns it into a sessions table as well.",
    );
  });

  it('each kind with indexes is recognised when planned as another kind of the same key', () => {
    expect(lookalikeKind(desiredTable('breakglass', 't', true), matching('approvals'))).toBe('approvals');
    expect(lookalikeKind(desiredTable('approvals', 't', true), matching('sessions'))).toBe('sessions');
    // Its own kind is never a lookalike of itself.
    expect(lookalikeKind(sessions, matching('sessions'))).toBeUndefined();
  });

  it('not a lookalike: no indexes, some of another kind\'s, more than another kind\'s, or another partition key', () => {
    const breakglass = matching('breakglass', 'shared');
    expect(lookalikeKind(sessions, { ...breakglass, indexes: [] })).toBeUndefined();
    expect(lookalikeKind(sessions, { ...breakglass, indexes: breakglass.indexes.slice(1) })).toBeUndefined();
    const extra = { name: 'by-email', partitionKey: 'email', projection: 'ALL', status: 'ACTIVE', backfilling: false };
    expect(lookalikeKind(sessions, { ...breakglass, indexes: [...breakglass.indexes, extra] })).toBeUndefined();
    // Same number of indexes, one name differing.
    expect(lookalikeKind(sessions, { ...breakglass, indexes: breakglass.indexes.map((i, n) => (n === 0 ? { ...i, name: 'gsi-other' } : i)) })).toBeUndefined();
    // The ratelimit kind is keyed on PK, the others on id: never each other's lookalike.
    expect(KINDS.ratelimit.partitionKey).not.toBe(KINDS.breakglass.partitionKey);
    expect(lookalikeKind(desiredTable('ratelimit', 't', true), matching('breakglass'))).toBeUndefined();
  });
});

describe('indexes of another kind', () => {
  const approvals = desiredTable('approvals', 'shared', true);

  it('a sessions table made by sentinel-init 0.1.0 (still holding its retired gsi-device-id) is still a sessions lookalike', () => {
    const old = matching('sessions', 'shared');
    const device = { name: 'gsi-device-id', partitionKey: 'device_id', sortKey: 'created_at', projection: 'ALL', status: 'ACTIVE', backfilling: false };
    expect(lookalikeKind(approvals, { ...old, indexes: [...old.indexes, device] })).toBe('sessions');
  });

  it('the plan names a foreign index by the kind it belongs to, with the right article; an index of no kind is not one of Sentinel\'s', () => {
    const table = matching('sessions', 'shared');
    const extra = { name: 'by-email', partitionKey: 'email', projection: 'ALL', status: 'ACTIVE', backfilling: false };
    const p = plan(approvals, { ...table, indexes: [...table.indexes, extra] }, 'eu-west-1');
    expect(p.notes).toContain('Index gsi-server-instance belongs to a sessions table, not to an approvals table; left as is.');
    expect(p.notes).toContain('Index gsi-user belongs to a sessions table, not to an approvals table; left as is.');
    expect(p.notes).toContain("Index by-email is not one of Sentinel's; left as is.");
    expect(lookalikeWarning('shared', 'approvals', 'sessions')).toBe(
      "Table shared looks like a sessions table (its indexes are exactly sessions's): converging turns it into an approvals table as well.",
    );
  });
});
