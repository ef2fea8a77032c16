/** The fixes doctor names: the command that makes or repairs a table, and the runtime policy to attach. */
import { KINDS, type KindName } from '../core/kinds.js';
import { runtimePolicy, type PolicyStatement } from '../policy/iam.js';
import { headlessCommand } from '../service/command-line.js';
import type { DeployTable } from '../service/wiring.js';

/** `sentinel-init KIND --region R --table T --yes`: creates the table or brings it to what Sentinel needs. */
export function headlessCommandFor(t: DeployTable, suffix: '--yes' | '--plan' = '--yes'): string {
  return headlessCommand({ kind: t.kind, table: t.table, region: t.region, deletionProtection: true }, [suffix]);
}

/** The runtime statement itself (the item calls of the kind's Sentinel store), for --json. */
export function runtimeStatement(kind: KindName, table: string, region: string, accountId: string, partition: string): PolicyStatement | undefined {
  const sid = `Sentinel${KINDS[kind].policyWord}TableOperations`;
  return runtimePolicy({ kind, table, region, accountId, partition }).Statement.find((s) => s.Sid === sid);
}
