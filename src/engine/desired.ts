/** The table a kind wants, as data. */
import { KINDS, PARTITION_KEY, TTL_ATTRIBUTE, type KindName } from '../core/kinds.js';
import type { DesiredTable } from './types.js';

/** The table the kind wants under this name. */
export function desiredTable(kind: KindName, name: string, deletionProtection: boolean): DesiredTable {
  return {
    kind,
    name,
    partitionKey: PARTITION_KEY,
    indexes: KINDS[kind].indexes,
    retiredIndexes: KINDS[kind].retiredIndexes,
    ttlAttribute: TTL_ATTRIBUTE,
    deletionProtection,
  };
}
