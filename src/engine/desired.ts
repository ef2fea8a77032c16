/** The table a kind wants, as data. */
import { KINDS, type KindName } from '../core/kinds.js';
import type { DesiredTable } from './types.js';

/** The table the kind wants under this name. */
export function desiredTable(kind: KindName, name: string, deletionProtection: boolean): DesiredTable {
  const spec = KINDS[kind];
  return {
    kind,
    name,
    partitionKey: spec.partitionKey,
    indexes: spec.indexes,
    retiredIndexes: spec.retiredIndexes,
    ttlAttribute: spec.ttlAttribute,
    deletionProtection,
  };
}
