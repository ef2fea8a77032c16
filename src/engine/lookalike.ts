/**
 * A table that is plainly another kind's: its indexes are exactly that kind's (a break-glass table
 * chosen for sessions, say). Converging it would add the wrong kind's indexes to it, and verify would
 * write the wrong kind's items into it: the plan says so first; applying needs an explicit yes
 * (--allow-kind-change headless, typing yes in the wizard), and verify refuses.
 */
import { aKind, KIND_NAMES, KINDS, type KindName } from '../core/kinds.js';
import type { ActualIndex, ActualTable, DesiredTable } from './types.js';

/** Whether `index` is the same-named index of `kind` (keys included), or one of its retired ones. */
const isCurrent = (kind: KindName, index: ActualIndex) =>
  KINDS[kind].indexes.some((i) => i.name === index.name && i.partitionKey === index.partitionKey && i.sortKey === index.sortKey);
const isRetired = (kind: KindName, index: ActualIndex) => KINDS[kind].retiredIndexes.some((r) => r.name === index.name && r.partitionKey === index.partitionKey);

/**
 * The other kind the table looks like, if its index names are exactly that kind's (an index that
 * kind's older releases made and this tool removes, such as gsi-device-id, does not count).
 */
export function lookalikeKind(desired: Pick<DesiredTable, 'kind' | 'partitionKey'>, actual: Pick<ActualTable, 'indexes'>): KindName | undefined {
  return KIND_NAMES.find((k) => {
    if (k === desired.kind || KINDS[k].partitionKey !== desired.partitionKey) return false;
    const have = new Set(actual.indexes.filter((i) => !isRetired(k, i)).map((i) => i.name));
    const theirs = KINDS[k].indexes.map((i) => i.name);
    return have.size > 0 && theirs.length === have.size && theirs.every((n) => have.has(n));
  });
}

/** The other kinds an index belongs to (same name and keys), for the plan's note on an index it leaves as is. */
export function kindsOfIndex(desired: KindName, index: ActualIndex): KindName[] {
  return KIND_NAMES.filter((k) => k !== desired && isCurrent(k, index));
}

/** The plan's warning line for it. */
export function lookalikeWarning(table: string, desired: KindName, other: KindName): string {
  return `Table ${table} looks like ${aKind(other)} table (its indexes are exactly ${other}'s): converging turns it into ${aKind(desired)} table as well.`;
}
