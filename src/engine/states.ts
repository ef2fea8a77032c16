/**
 * DynamoDB's table states, and what a person can do about the ones this tool cannot wait out. Used
 * by the plan (which refuses such a table instead of planning a wait) and by every wait (which stops
 * at once on them).
 */

/** States a table passes through on its own and comes out of ACTIVE. */
export const TRANSIENT_TABLE_STATES: ReadonlySet<string> = new Set(['CREATING', 'UPDATING']);

/** Why a table in `status` cannot be used or waited for, with the fix; undefined for ACTIVE and transient states. */
export function tableStateProblem(status: string): { why: string; hint: string } | undefined {
  if (status === 'ACTIVE' || TRANSIENT_TABLE_STATES.has(status)) return undefined;
  switch (status) {
    case 'DELETING':
      return { why: 'it is being deleted (DELETING)', hint: 'Wait until it is gone, then run again to create it.' };
    case 'INACCESSIBLE_ENCRYPTION_CREDENTIALS':
      return {
        why: 'its KMS key is disabled, scheduled for deletion, or its grant was revoked (INACCESSIBLE_ENCRYPTION_CREDENTIALS)',
        hint: 'Restore access to the key (enable it, cancel its deletion, or restore the grant), wait for the table to become ACTIVE, then run again.',
      };
    case 'ARCHIVING':
    case 'ARCHIVED':
      return {
        why: `it is ${status}: DynamoDB archives a table whose KMS key stays inaccessible for seven days`,
        hint: 'Restore it from its latest backup first (the key must be enabled again), then run again.',
      };
    default:
      return { why: `it reports status ${status}, which this tool does not know how to wait for`, hint: 'Check the table in the DynamoDB console; run again once it is ACTIVE.' };
  }
}
