/** The table a kind wants, as data. */
import { KINDS, type KindName } from '../core/kinds.js';
import { desiredTags, type Tag } from '../core/tags.js';
import type { DesiredTable } from './types.js';

/** The production defaults beyond the kind's schema: PITR on, no extra tags, the AWS managed key. */
export interface TableSettings {
  pitr?: boolean;
  /** The user's tags; the tool's two are always added. */
  tags?: readonly Tag[];
  kmsKey?: DesiredTable['kmsKey'];
}

/** The table the kind wants under this name. */
export function desiredTable(kind: KindName, name: string, deletionProtection: boolean, settings: TableSettings = {}): DesiredTable {
  const spec = KINDS[kind];
  return {
    kind,
    name,
    partitionKey: spec.partitionKey,
    indexes: spec.indexes,
    retiredIndexes: spec.retiredIndexes,
    ttlAttribute: spec.ttlAttribute,
    deletionProtection,
    pitr: settings.pitr ?? true,
    tags: desiredTags(kind, settings.tags ?? []),
    ...(settings.kmsKey && { kmsKey: settings.kmsKey }),
  };
}
