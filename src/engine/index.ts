/**
 * The engine's public face: desired table, pure plan, describe, apply. Plain TypeScript, no React.
 * CONTRACT STUBS — the engine work (issue 2) replaces the bodies, keeping these signatures.
 */
import type { DynamoApi } from '../aws/types.js';
import type { KindName } from '../kinds.js';
import type { ActualTable, ApplyResult, DesiredTable, Plan, ProgressEvent } from './types.js';

export type * from './types.js';

/** The table the kind wants under this name. */
export function desiredTable(kind: KindName, name: string, deletionProtection: boolean): DesiredTable {
  throw new Error(`not implemented: desiredTable(${kind}, ${name}, ${deletionProtection})`);
}

/** Pure: compares desired with actual (undefined: no table). Throws AwsFailure for an unconvergeable table. */
export function plan(desired: DesiredTable, actual: ActualTable | undefined, region: string): Plan {
  throw new Error(`not implemented: plan(${desired.name}, ${actual?.name}, ${region})`);
}

/** DescribeTable + DescribeTimeToLive, normalised; undefined when the table does not exist. */
export async function describe(dynamo: DynamoApi, name: string, signal?: AbortSignal): Promise<ActualTable | undefined> {
  throw new Error(`not implemented: describe(${typeof dynamo}, ${name}, ${signal})`);
}

export interface ApplyOptions {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
}

/** Carries out the plan and nothing else; idempotent, resumable, never deletes. */
export async function apply(p: Plan, dynamo: DynamoApi, options: ApplyOptions = {}): Promise<ApplyResult> {
  throw new Error(`not implemented: apply(${p.table}, ${typeof dynamo}, ${typeof options})`);
}
