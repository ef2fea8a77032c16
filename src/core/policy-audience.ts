/**
 * The two IAM policies, named by who gets them, as plain data: the flag parser needs the names
 * without loading the policy generator.
 *
 * - provisioning: whoever runs sentinel-init (a person or a pipeline): the table calls of a create or
 *   update, the reads of --plan and --output, and what verify calls on the table.
 * - runtime: Sentinel itself (its Lambda TVM's role and the people who run its CLI): the item calls
 *   Sentinel's store makes on the table and its indexes, and nothing that changes the table.
 */
export type PolicyAudience = 'provisioning' | 'runtime';

export const POLICY_AUDIENCES: readonly PolicyAudience[] = ['provisioning', 'runtime'];

export function isPolicyAudience(value: string): value is PolicyAudience {
  return (POLICY_AUDIENCES as readonly string[]).includes(value);
}

/** Where each policy goes, in words a person acts on (the wizard, --generate-iam and the IaC say it). */
export const POLICY_FOR: Readonly<Record<PolicyAudience, string>> = {
  provisioning: 'attach it to whoever runs sentinel-init (a person or a pipeline role): create, update, --plan, --output and verify',
  runtime: "attach it to Sentinel's Lambda TVM execution role and to the people who run Sentinel's CLI: item calls only, no table changes",
};
