/**
 * A table that is plainly another kind's: its indexes are exactly that kind's (a break-glass table
 * chosen for sessions, say). Converging it would add the wrong kind's indexes to it; the plan says
 * so first, and applying needs an explicit confirmation (--force, or typing yes in the wizard).
 */
import { KIND_NAMES, KINDS, type KindName } from '../core/kinds.js';
import type { ActualTable, DesiredTable } from './types.js';

/** The other kind the table looks like, if its index names are exactly that kind's. */
export function lookalikeKind(desired: DesiredTable, actual: ActualTable): KindName | undefined {
  const have = new Set(actual.indexes.map((i) => i.name));
  if (have.size === 0) return undefined;
  return KIND_NAMES.find((k) => {
    if (k === desired.kind || KINDS[k].partitionKey !== desired.partitionKey) return false;
    const theirs = KINDS[k].indexes.map((i) => i.name);
    return theirs.length === have.size && theirs.every((n) => have.has(n));
  });
}

/** The plan's warning line for it. */
export function lookalikeWarning(table: string, desired: KindName, other: KindName): string {
  return `Table ${table} looks like a ${other} table (its indexes are exactly ${other}'s): converging turns it into a ${desired} table as well.`;
}
