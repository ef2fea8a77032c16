/** A change in words: one line each, the same in --plan, the wizard's end screens and failure sentences. */
import type { Change, Plan } from './types.js';

/** One line per change, naming what it touches. */
export function describeChange(change: Change, plan: Pick<Plan, 'desired'>): string {
  switch (change.op) {
    case 'create-table': {
      const d = plan.desired;
      const protection = d.deletionProtection ? 'deletion protection on' : 'deletion protection off';
      return `create table ${change.target}: key ${d.partitionKey} (S), on-demand, KMS encryption (AWS managed key), ${protection}, ${d.indexes.length > 0 ? `indexes ${d.indexes.map((i) => i.name).join(', ')}` : 'no indexes'}`;
    }
    case 'wait-table':
      return `wait for table ${change.target} (now ${change.status}) to become ACTIVE`;
    case 'add-index':
      return `add index ${change.target} (${change.partitionKey}, ${change.sortKey})`;
    case 'wait-index':
      return `wait for index ${change.target} (now ${change.status}) to become ACTIVE`;
    case 'remove-index':
      return change.status
        ? `wait for index ${change.target} (now ${change.status}) to be removed: ${change.reason}`
        : `remove index ${change.target}: ${change.reason}`;
    case 'enable-ttl':
      return `enable TTL on attribute ${change.attribute}`;
    case 'enable-deletion-protection':
      return 'turn on deletion protection';
    default: {
      const unknown: never = change;
      return JSON.stringify(unknown);
    }
  }
}

